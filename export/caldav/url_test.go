package caldav

import (
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		raw  string
		want string // the URL, or "" when refused
		msg  string // the error when refused
		hint string
	}{
		{raw: "https://cloud.example.com/remote.php/dav/calendars/ann/plan", want: "https://cloud.example.com/remote.php/dav/calendars/ann/plan/"},
		{raw: "HTTPS://caldav.fastmail.com/dav/calendars/user/ann@fastmail.com/a-b/", want: "https://caldav.fastmail.com/dav/calendars/user/ann@fastmail.com/a-b/"},
		{raw: "https://example.com/cal%20x", want: "https://example.com/cal%20x/"},
		{raw: "http://127.0.0.1:5232/ann/plan/", want: "http://127.0.0.1:5232/ann/plan/"},
		{raw: "http://127.8.9.10/c/", want: "http://127.8.9.10/c/"},
		{raw: "http://[::1]:8080/c", want: "http://[::1]:8080/c/"},
		{raw: "http://localhost/c/", want: "http://localhost/c/"},
		{raw: "http://LocalHost./c/", want: "http://LocalHost./c/"},
		{raw: "http://cloud.example.com/c/", msg: "--to http://cloud.example.com/c/: plain http to a host that is not this machine",
			hint: "use https://cloud.example.com/c/"},
		{raw: "http://10.0.0.1/c/", msg: "plain http to a host that is not this machine"},
		{raw: "http://localhost.example.com/c/", msg: "plain http to a host that is not this machine"},
		{raw: "https://ann:hunter2@example.com/c/", msg: "--to https://example.com/c/: the URL holds a user name or password",
			hint: "CONTENTPLAN_CALDAV_USERNAME"},
		{raw: "https://ann@example.com/c/", msg: "the URL holds a user name or password"},
		{raw: "ann:hunter2@example.com/c/", msg: "not a URL"},
		{raw: "example.com/c/", msg: `--to "example.com/c/": not a URL`},
		{raw: "ftp://example.com/c/", msg: `--to ftp://example.com/c/: scheme "ftp": want https`},
		{raw: "https://example.com/c/#x", msg: "a URL with a fragment"},
		{raw: "https://exa mple.com/", msg: "not a URL"},
		{raw: "", msg: "not a URL"},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			u, err := ParseURL(tc.raw)
			if tc.want != "" {
				if err != nil || u.String() != tc.want {
					t.Fatalf("got %v, %v; want %s", u, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted as %s", u)
			}
			hints := strings.Join(calendar.HintsOf(err), "\n")
			if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(hints, tc.hint) || hints == "" {
				t.Errorf("error %q, hints %q; want %q, %q", err, hints, tc.msg, tc.hint)
			}
			if strings.Contains(err.Error()+hints, "hunter2") {
				t.Errorf("the password is in %q", err.Error()+hints)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	for raw, want := range map[string]string{
		"https://a:b@host/x": "https://host/x",
		"a:b@host/x":         "host/x",
		"no at sign":         "no at sign",
	} {
		if got := Redact(nil, raw); got != want {
			t.Errorf("Redact(%q) = %q, want %q", raw, got, want)
		}
	}
}
