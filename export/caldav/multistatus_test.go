package caldav

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parseAll(data []byte, lim msLimits) ([]*msResponse, error) {
	var out []*msResponse
	err := parseMultistatus(bytes.NewReader(data), lim, func(r *msResponse) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// TestMultistatusServers reads what Radicale and Xandikos answered (their
// namespace prefixes differ: none, D:, ns0:).
func TestMultistatusServers(t *testing.T) {
	for _, server := range []string{"radicale", "xandikos"} {
		t.Run(server, func(t *testing.T) {
			data, err := os.ReadFile("testdata/multistatus/" + server + "-propfind.xml")
			if err != nil {
				t.Fatal(err)
			}
			rs, err := parseAll(data, defaultLimits)
			if err != nil || len(rs) != 1 {
				t.Fatalf("propfind: %d responses, %v", len(rs), err)
			}
			if r := rs[0]; !r.Calendar || r.DisplayName == "" || !strings.Contains(strings.Join(r.Components, ","), "VEVENT") {
				t.Errorf("propfind: %+v", r)
			}

			data, err = os.ReadFile("testdata/multistatus/" + server + "-report.xml")
			if err != nil {
				t.Fatal(err)
			}
			rs, err = parseAll(data, defaultLimits)
			if err != nil || len(rs) != 3 {
				t.Fatalf("report: %d responses, %v", len(rs), err)
			}
			for _, r := range rs {
				ev, err := readEvent(r.Data)
				if err != nil || !strings.HasSuffix(r.Href, ".ics") || !strings.HasPrefix(r.ETag, `"`) || ev.Plan != "sync-test" || ev.Hash != ev.Digest {
					t.Errorf("report: %s %s: %+v, %v", r.Href, r.ETag, ev, err)
				}
			}
		})
	}
}

func TestMultistatusLimits(t *testing.T) {
	resp := func(href, data string) string {
		return `<D:response><D:href>` + href + `</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag><C:calendar-data>` + data +
			`</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`
	}
	ms := func(body string) []byte {
		return []byte(`<?xml version="1.0"?><D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` + body + `</D:multistatus>`)
	}
	lim := msLimits{Total: 4096, Data: 100, Text: 64, Count: 3}
	cases := []struct {
		name string
		data []byte
		err  string // "" for none
	}{
		{"too large", ms(resp("/a", strings.Repeat("x", 5000))), "the answer is longer than 4096 bytes"},
		{"too many", ms(strings.Repeat(resp("/a", "x"), 4)), "more than 3 responses"},
		{"long href", ms(resp("/"+strings.Repeat("a", 70), "x")), "a href longer than 64 bytes"},
		{"deep", ms(strings.Repeat("<x>", 70) + strings.Repeat("</x>", 70)), "elements nested deeper than 64"},
		{"not XML", []byte("BEGIN:VCALENDAR"), "not a multistatus answer: no XML element"},
		{"HTML", []byte("<html><body>Login</body></html>"), "not a multistatus answer: <html> at the top"},
		{"empty", nil, "not a multistatus answer: empty"},
		{"cut off", ms(resp("/a", "x"))[:200], "not a valid multistatus answer: line 1: unexpected EOF"},
		{"two roots", []byte(`<multistatus xmlns="DAV:"/><multistatus xmlns="DAV:"/>`), "not a valid multistatus answer: a second element at the top"},
		{"an entity", ms(resp("/a", "&xxe;")), "not a valid multistatus answer: line 1: invalid character entity &xxe;"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseAll(tc.data, lim)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v, want %q", err, tc.err)
			}
		})
	}
	rs, err := parseAll(ms(resp("/big", strings.Repeat("y", 101))+resp("/ok", "z")), lim)
	if err != nil || len(rs) != 2 || !rs[0].DataTooLarge || rs[0].Data != nil || string(rs[1].Data) != "z" {
		t.Errorf("a calendar-data over the limit: %v %+v", err, rs)
	}
}

// TestMultistatusPropstat: only a propstat of 2xx gives properties; a
// response's own status and error are kept.
func TestMultistatusPropstat(t *testing.T) {
	data := []byte(`<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
<response><href>/a.ics</href>
 <propstat><prop><getetag>"ok"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat>
 <propstat><prop><C:calendar-data>lost</C:calendar-data></prop><status>HTTP/1.1 404 Not Found</status></propstat>
</response>
<response><href>/b.ics</href><status>HTTP/1.1 404 Not Found</status>
 <error><C:no-uid-conflict/></error><responsedescription>  gone  </responsedescription></response>
</multistatus>`)
	rs, err := parseAll(data, defaultLimits)
	if err != nil || len(rs) != 2 {
		t.Fatal(len(rs), err)
	}
	if rs[0].ETag != `"ok"` || rs[0].Data != nil || rs[0].Status != 0 {
		t.Errorf("first: %+v", rs[0])
	}
	if rs[1].Status != 404 || rs[1].Condition != "no-uid-conflict" || rs[1].Description != "gone" {
		t.Errorf("second: %+v", rs[1])
	}
}

// FuzzMultistatus: no answer makes the parser panic, hang or keep more
// than its limits allow.
func FuzzMultistatus(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/multistatus/*.xml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	lim := msLimits{Total: 64 << 10, Data: 4096, Text: 256, Count: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		err := parseMultistatus(bytes.NewReader(data), lim, func(r *msResponse) error {
			n++
			if len(r.Data) > lim.Data || len(r.Href) > lim.Text || len(r.ETag) > lim.Text || len(r.Components) > 32 {
				t.Fatalf("over the limits: %d, %d, %d, %d", len(r.Data), len(r.Href), len(r.ETag), len(r.Components))
			}
			if r.Data != nil {
				readEvent(r.Data)
			}
			return nil
		})
		if n > lim.Count || err == nil && int64(len(data)) > lim.Total {
			t.Fatalf("%d responses, %v", n, err)
		}
		msg, _ := serverMessage(data)
		if len(msg) > 200+len("…") {
			t.Fatalf("message of %d bytes", len(msg))
		}
	})
}

// FuzzReadEvent: no object makes the reader panic; what it reads is
// consistent.
func FuzzReadEvent(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/objects/*.ics")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := readEvent(data)
		if err == nil && (ev.UID == "" || len(ev.Digest) != 64 || ev.Seq < 0) {
			t.Fatalf("%+v", ev)
		}
	})
}

// FuzzNetrc: no netrc file makes the parser panic, and no error shows
// a word of it past the keywords.
func FuzzNetrc(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/netrc/*.netrc")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := parseNetrc(bytes.NewReader(data), "f")
		if err != nil {
			// The error's text is the file name, a line number and one of
			// the fixed messages.
			if !strings.HasPrefix(err.Error(), "f:") || strings.ContainsAny(err.Error()[2:], "\"'") && !strings.Contains(err.Error(), "quote") {
				t.Fatalf("%q", err)
			}
			return
		}
		for _, e := range entries {
			netrcLookup(entries, e.machine, e.login)
		}
	})
}
