package caldav

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
)

func TestParseNetrc(t *testing.T) {
	f, err := os.Open("testdata/netrc/good.netrc")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := parseNetrc(f, "good.netrc")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		host, login     string
		wantLogin, want string
	}{
		{"cloud.example.com", "", "ann", "two words"},
		{"CLOUD.example.com", "", "ann", "two words"},
		{"caldav.icloud.com", "", "ann@icloud.com", "abcd-efgh-ijkl-mnop"},
		{"caldav.fastmail.com", "ann@fastmail.com", "ann@fastmail.com", `q"uote\d`},
		// The macro's body is not an entry; an unknown host gets the
		// default entry.
		{"not.a.machine", "", "anonymous", "guest"},
		{"caldav.icloud.com", "anonymous", "anonymous", "guest"},
	}
	for _, tc := range cases {
		e, ok := netrcLookup(entries, tc.host, tc.login)
		if !ok || e.login != tc.wantLogin || e.password != tc.want {
			t.Errorf("%s %q: %v %q %q, want %q %q", tc.host, tc.login, ok, e.login, e.password, tc.wantLogin, tc.want)
		}
	}
	if _, ok := netrcLookup(entries[:3], "nowhere.example", ""); ok {
		t.Error("an entry for an unknown host without a default")
	}
	if e, ok := netrcLookup(entries, "caldav.icloud.com", "bob"); ok {
		t.Errorf("an entry for another user: %q", e.login)
	}
}

func TestParseNetrcErrors(t *testing.T) {
	cases := map[string]string{
		"bad-novalue.netrc": "bad-novalue.netrc:1: password without a value",
		"bad-before.netrc":  "bad-before.netrc:1: login before any machine or default",
		"bad-spaces.netrc":  "bad-spaces.netrc:1: a word that is not machine, default, login, password, account or macdef",
		"bad-quote.netrc":   "bad-quote.netrc:1: a quoted word without its closing quote",
	}
	for name, want := range cases {
		f, err := os.Open(filepath.Join("testdata/netrc", name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = parseNetrc(f, name)
		f.Close()
		if err == nil || !strings.HasPrefix(err.Error(), want) || len(calendar.HintsOf(err)) == 0 {
			t.Errorf("%s: %v, want %q and a hint", name, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: the error shows a word of the file: %v", name, err)
		}
	}
	long := strings.Repeat("machine x ", maxNetrc/10+1)
	if _, err := parseNetrc(strings.NewReader(long), "big"); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("a huge file: %v", err)
	}
}

func TestFindCredentials(t *testing.T) {
	dir := t.TempDir()
	netrc := filepath.Join(dir, ".netrc")
	if err := os.WriteFile(netrc, []byte("machine cal.example.com login ann password from-file\nmachine other.example login bob\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://cal.example.com/dav/")
	other, _ := url.Parse("https://other.example/dav/")
	nowhere, _ := url.Parse("https://nowhere.example/dav/")
	cases := []struct {
		name      string
		u         *url.URL
		env       map[string]string
		user, pw  string
		from, err string
	}{
		{"environment", u, map[string]string{EnvUsername: "eve", EnvPassword: "from-env", "HOME": dir}, "eve", "from-env", "the environment", ""},
		{"netrc in HOME", u, map[string]string{"HOME": dir}, "ann", "from-file", netrc, ""},
		{"NETRC", u, map[string]string{"NETRC": netrc, "HOME": "/nonexistent"}, "ann", "from-file", netrc, ""},
		{"user from env, password from netrc", u, map[string]string{EnvUsername: "ann", "HOME": dir}, "ann", "from-file", netrc, ""},
		{"password from env, user from netrc", u, map[string]string{EnvPassword: "from-env", "HOME": dir}, "ann", "from-env", "the environment and " + netrc, ""},
		{"another user than netrc's", u, map[string]string{EnvUsername: "zed", "HOME": dir}, "", "", "", `no password for user "zed" at cal.example.com`},
		{"netrc entry without password", other, map[string]string{"HOME": dir}, "", "", "", `no password for user "bob" at other.example`},
		{"password alone", nowhere, map[string]string{EnvPassword: "x", "HOME": dir}, "", "", "", "CONTENTPLAN_CALDAV_PASSWORD is set, but no user name"},
		{"nothing", nowhere, map[string]string{"HOME": dir}, "", "", "", ""},
		{"no netrc file", u, map[string]string{"HOME": "/nonexistent"}, "", "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := FindCredentials(tc.u, func(k string) string { return tc.env[k] })
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || c.Username != tc.user || c.Password != tc.pw || c.From != tc.from {
				t.Fatalf("%#v %q %q, %v; want %q %q from %q", c, c.Username, c.Password, err, tc.user, tc.pw, tc.from)
			}
		})
	}
}

// TestCredentialsPrinted: however credentials are formatted, the password
// does not show.
func TestCredentialsPrinted(t *testing.T) {
	c := Credentials{Username: "ann", Password: "hunter2", From: "the environment"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, c); strings.Contains(s, "hunter2") {
			t.Errorf("%s shows the password: %s", verb, s)
		}
	}
}
