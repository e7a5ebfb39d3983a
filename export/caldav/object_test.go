package caldav

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/golden"
	"github.com/contentplan/contentplan/internal/interop"
)

// ourDigest is the digest of the event uid of testdata/v1.toml as sync
// makes it.
func ourDigest(t *testing.T, uid string) string {
	t.Helper()
	locals, _, err := localEvents(testutil.BuildExample(t, "testdata/v1.toml"), ics.Options{Now: syncNow})
	if err != nil {
		t.Fatal(err)
	}
	l, ok := locals[uid]
	if !ok {
		t.Fatalf("no event %s in v1", uid)
	}
	return l.digest
}

// TestDigestAcrossServers: Radicale and Xandikos store an event rewritten
// (properties reordered, `;` escaped, the VTIMEZONE's lines in another
// order), yet its digest is the one sync wrote, so an unchanged event is
// not sent again. The objects in testdata/objects are what the two
// servers answered to a GET after sync put v1.toml there.
//
// With -update, the objects are fetched anew from the real servers (the
// event's words change with the vocabulary).
func TestDigestAcrossServers(t *testing.T) {
	if golden.Updating() {
		recaptureObjects(t)
	}
	for _, uid := range []string{"3dbz3k5ly4rg2bbw@contentplan", "review-sync-test-2027-01-29@contentplan"} {
		want := ourDigest(t, uid)
		kind := "post"
		if strings.HasPrefix(uid, "review") {
			kind = "review"
		}
		for _, server := range []string{"radicale", "xandikos"} {
			data, err := os.ReadFile("testdata/objects/" + server + "-" + kind + ".ics")
			if err != nil {
				t.Fatal(err)
			}
			ev, err := readEvent(data)
			if err != nil {
				t.Fatalf("%s %s: %v", server, kind, err)
			}
			if ev.UID != uid || ev.Plan != "sync-test" || ev.Hash != want || ev.Digest != want {
				t.Errorf("%s %s: %+v; want the digest %s", server, kind, ev, want)
			}
		}
	}
}

// TestDigestSeesEdits: what a person changes changes the digest; what a
// server changes in the writing does not.
func TestDigestSeesEdits(t *testing.T) {
	raw, err := os.ReadFile("testdata/objects/radicale-post.ics")
	if err != nil {
		t.Fatal(err)
	}
	// As the server sent it, with CRLF; the edits are easier to write with LF.
	base, err := readEvent(raw)
	if err != nil {
		t.Fatal(err)
	}
	orig := strings.ReplaceAll(string(raw), "\r\n", "\n")
	cases := []struct {
		name string
		edit func(string) string
		same bool
	}{
		{"LF", func(s string) string { return s + "\n" }, true},
		{"summary", func(s string) string { return strings.Replace(s, "SUMMARY:Telegram", "SUMMARY:Telegram!", 1) }, false},
		{"start", func(s string) string {
			return strings.Replace(s, "DTSTART;TZID=Europe/Moscow:20270120T083000", "DTSTART;TZID=Europe/Moscow:20270120T090000", 1)
		}, false},
		{"alarm removed", func(s string) string { return cutBetween(s, "BEGIN:VALARM", "END:VALARM\n") }, false},
		{"a property added", func(s string) string { return strings.Replace(s, "END:VEVENT", "LOCATION:Café\nEND:VEVENT", 1) }, false},
		{"a second event", func(s string) string {
			return strings.Replace(s, "END:VCALENDAR", "BEGIN:VEVENT\nUID:x\nRECURRENCE-ID:20270121T083000Z\nEND:VEVENT\nEND:VCALENDAR", 1)
		}, false},
		{"folded", func(s string) string { return strings.Replace(s, "SUMMARY:Telegram", "SUMMARY:Tele\n gram", 1) }, true},
		{"names in lower case", func(s string) string { return strings.Replace(s, "SUMMARY:", "summary:", 1) }, true},
		{"escaped otherwise", func(s string) string { return strings.Replace(s, `Меню\; сезон`, `Меню; сезон`, 1) }, true},
		{"stamp, sequence, last-modified", func(s string) string {
			s = strings.Replace(s, "SEQUENCE:0", "SEQUENCE:4", 1)
			return strings.Replace(s, "END:VEVENT", "LAST-MODIFIED:20270101T000000Z\nCREATED:20270101T000000Z\nEND:VEVENT", 1)
		}, true},
		{"properties reordered", func(s string) string {
			s = strings.Replace(s, "STATUS:TENTATIVE\n", "", 1)
			return strings.Replace(s, "BEGIN:VALARM", "STATUS:TENTATIVE\nBEGIN:VALARM", 1)
		}, true},
		{"TZID quoted", func(s string) string { return strings.ReplaceAll(s, "TZID=Europe/Moscow", `TZID="Europe/Moscow"`) }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			edited := tc.edit(orig)
			if edited == orig {
				t.Fatal("the edit changed nothing")
			}
			ev, err := readEvent([]byte(edited))
			if err != nil {
				t.Fatal(err)
			}
			if (ev.Digest == base.Digest) != tc.same {
				t.Errorf("same digest: %v, want %v", ev.Digest == base.Digest, tc.same)
			}
		})
	}
}

func cutBetween(s, from, to string) string {
	i := strings.Index(s, from)
	j := strings.Index(s, to)
	if i < 0 || j < i {
		return s
	}
	return s[:i] + s[j+len(to):]
}

func TestReadEventErrors(t *testing.T) {
	ev := "BEGIN:VEVENT\nUID:a\nDTSTART:20270101\nEND:VEVENT\n"
	cases := map[string]string{
		"":                                 "empty",
		"BEGIN:VCALENDAR\n":                "BEGIN:VCALENDAR without its END",
		"BEGIN:VCALENDAR\nEND:VEVENT\n":    "line 2: END:VEVENT does not close the open component",
		"BEGIN:VTODO\nEND:VTODO\n":         "a VTODO, not a VCALENDAR",
		"BEGIN:VCALENDAR\nEND:VCALENDAR\n": "no VEVENT",
		"UID:x\n":                          "line 1: a property outside any component",
		"BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\n":               "line 3: more than one component at the top",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n":          "a VEVENT without a UID",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSEQUENCE:-1\nEND:VEVENT\nEND:VCALENDAR\n": `SEQUENCE "-1": want a whole number`,
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n:x\nEND:VEVENT\nEND:VCALENDAR\n":          "line 4: not a content line",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID;X=\"a:b\n":                                   "line 3: UID: a malformed parameter",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID;X=a\nEND:VEVENT\nEND:VCALENDAR\n":            `line 3: UID: no ":" before the value`,
		"BEGIN:VCALENDAR\n" + ev + "\xff\nEND:VCALENDAR\n":                               "not valid UTF-8",
		strings.Repeat("BEGIN:X\n", 9):                                                   "line 9: components nested deeper than 8",
		"BEGIN:VCALENDAR\n" + strings.Repeat("X:"+strings.Repeat("y", 1000)+"\n", 1100):  "an object longer than 1048576 bytes",
	}
	for in, want := range cases {
		_, err := readEvent([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.40q: %v, want %q", in, err, want)
		}
	}
	if e, err := readEvent([]byte("BEGIN:VCALENDAR\n" + ev + "END:VCALENDAR")); err != nil || e.UID != "a" || e.Label != "2027-01-01" {
		t.Errorf("%+v, %v", e, err)
	}
}

func TestLabel(t *testing.T) {
	cases := map[string]string{
		"DTSTART;TZID=Europe/Moscow:20270120T083000\nSUMMARY:Telegram · text": "2027-01-20 08:30 Telegram · text",
		"DTSTART:20270120T053000Z\nSUMMARY:x":                                 "2027-01-20 05:30 UTC x",
		"DTSTART;VALUE=DATE:20270120":                                         "2027-01-20",
		"DTSTART:soon\nSUMMARY:a\\nb\x1b[31m":                                 "soon a b [31m",
		"SUMMARY:" + strings.Repeat("ж", 50):                                  strings.Repeat("ж", 40) + "…",
	}
	for props, want := range cases {
		ev, err := readEvent([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u\n" + props + "\nEND:VEVENT\nEND:VCALENDAR\n"))
		if err != nil || ev.Label != want {
			t.Errorf("%q: %q, %v; want %q", props, ev.Label, err, want)
		}
	}
}

// recaptureObjects syncs testdata/v1.toml to a fresh Radicale and Xandikos
// and writes what each answers to a GET of the post and the review meeting
// of TestDigestAcrossServers to testdata/objects.
func recaptureObjects(t *testing.T) {
	plan := testutil.BuildExample(t, "testdata/v1.toml")
	for _, srv := range []*interop.CalDAVServer{interop.StartRadicale(t, ""), interop.StartXandikos(t)} {
		u, err := ParseURL(srv.NewCalendar(t, "capture"))
		if err != nil {
			t.Fatal(err)
		}
		c := New(Config{URL: u})
		if _, err := Sync(context.Background(), c, plan, Options{Now: syncNow}); err != nil {
			t.Fatalf("%s: %v", srv.Name, err)
		}
		for kind, uid := range map[string]string{"post": "3dbz3k5ly4rg2bbw@contentplan", "review": "review-sync-test-2027-01-29@contentplan"} {
			resp, err := http.Get(c.member(uid + ".ics").String())
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %s %v", srv.Name, kind, resp.Status, err)
			}
			if err := os.WriteFile("testdata/objects/"+srv.Name+"-"+kind+".ics", data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
