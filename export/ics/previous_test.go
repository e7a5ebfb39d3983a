package ics

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/export/internal/testutil"
)

func readPrev(t testing.TB, data []byte, lim Limits) (*Previous, error) {
	t.Helper()
	return ReadPrevious(bytes.NewReader(data), "old.ics", lim)
}

func mustReadPrev(t testing.TB, data []byte) *Previous {
	t.Helper()
	p, err := readPrev(t, data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func goldenICS(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", "ics", name+".ics"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func damaged(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fuzz", "damaged", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ourCal is a small calendar of ours, written by hand: folded lines (one
// continued with a tab), escapes, the three forms of time.
const ourCal = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//contentplan//contentplan//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:a\\,b\\;c\\\\d@contentplan\r\nDTSTAMP:20270101T000000Z\r\nSEQUENCE:7\r\n" +
	"DTSTART;TZID=Europe/Berlin:20270104T090000\r\nDTEND;TZID=Europe/Berlin:20270104T093000\r\n" +
	"SUMMARY:Insta\r\n gram · reel\\, \r\n\tone\\nline\r\nSTATUS:TENTATIVE\r\n" +
	"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER;VALUE=DATE-TIME:20270101T080000Z\r\nEND:VALARM\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:d@contentplan\r\nDTSTAMP:20261231T235959Z\r\n" +
	"DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:Draft due\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:u@contentplan\r\nDTSTAMP:20270101T000000Z\r\nSEQUENCE:2147483647\r\n" +
	"DTSTART:20271031T003000Z\r\nSUMMARY:UTC\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// TestReadPreviousOurs: what is kept of each event of a calendar of ours.
func TestReadPreviousOurs(t *testing.T) {
	t.Parallel()
	for _, variant := range []struct {
		name string
		data string
	}{
		{"CRLF", ourCal},
		{"LF", strings.ReplaceAll(ourCal, "\r\n", "\n")},
		{"byte-order mark and blank lines", "\ufeff" + strings.ReplaceAll(ourCal, "END:VEVENT\r\n", "END:VEVENT\r\n\r\n") + "\r\n"},
	} {
		t.Run(variant.name, func(t *testing.T) {
			p := mustReadPrev(t, []byte(variant.data))
			if p.Len() != 3 {
				t.Fatalf("%d events, want 3", p.Len())
			}
			berlin, _ := time.LoadLocation("Europe/Berlin")
			want := []prevEvent{
				{uid: `a,b;c\d@contentplan`, seq: 7, stamp: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
					start:   evTime{set: true, unix: time.Date(2027, 1, 4, 9, 0, 0, 0, berlin).Unix()},
					end:     evTime{set: true, unix: time.Date(2027, 1, 4, 9, 30, 0, 0, berlin).Unix()},
					summary: "Instagram · reel, one\nline"},
				{uid: "d@contentplan", cancelled: true, stamp: time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC).Unix(),
					start:   evTime{set: true, date: true, unix: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Unix()},
					end:     evTime{set: true, date: true, unix: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC).Unix()},
					summary: "Draft due"},
				{uid: "u@contentplan", seq: 1<<31 - 1, stamp: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
					start: evTime{set: true, unix: time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC).Unix()}, summary: "UTC"},
			}
			for i, w := range want {
				got := p.events[i]
				got.digest = digest{}
				if got != w {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, got, w)
				}
				if j, ok := p.index[w.uid]; !ok || int(j) != i {
					t.Errorf("index[%q] = %d, %v", w.uid, j, ok)
				}
			}
		})
	}
}

// TestReadPreviousDigest: the digest is that of the content. The line ends,
// the folding and the case of property names do not change it; DTSTAMP and
// SEQUENCE do not either, anything else does.
func TestReadPreviousDigest(t *testing.T) {
	t.Parallel()
	base := mustReadPrev(t, []byte(ourCal)).events[0].digest
	for _, tc := range []struct {
		name string
		edit func(string) string
		same bool
	}{
		{"LF", func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }, true},
		{"unfolded", func(s string) string { return strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(s) }, true},
		{"lower-case name", func(s string) string { return strings.Replace(s, "SUMMARY:", "summary:", 1) }, true},
		{"DTSTAMP", func(s string) string {
			return strings.Replace(s, "DTSTAMP:20270101T000000Z", "DTSTAMP:20300101T000000Z", 1)
		}, true},
		{"SEQUENCE", func(s string) string { return strings.Replace(s, "SEQUENCE:7", "SEQUENCE:8", 1) }, true},
		{"time", func(s string) string { return strings.Replace(s, "T090000", "T091500", 1) }, false},
		{"summary", func(s string) string { return strings.Replace(s, "Insta", "Inst", 1) }, false},
		{"the alarm", func(s string) string { return strings.Replace(s, "DESCRIPTION:x", "DESCRIPTION:y", 1) }, false},
		{"status", func(s string) string { return strings.Replace(s, "STATUS:TENTATIVE", "STATUS:CONFIRMED", 1) }, false},
	} {
		got := mustReadPrev(t, []byte(tc.edit(ourCal))).events[0].digest
		if (got == base) != tc.same {
			t.Errorf("%s: digest same = %v, want %v", tc.name, got == base, tc.same)
		}
	}
}

// TestReadPreviousGolden: every golden file is ours and read whole
// (TestICSGolden re-runs each over itself: the digests read are those Write
// computes).
func TestReadPreviousGolden(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "ics", "*.ics"))
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := mustReadPrev(t, data)
		if n := bytes.Count(data, []byte("BEGIN:VEVENT")); p.Len() != n {
			t.Errorf("%s: %d events, want %d", filepath.Base(f), p.Len(), n)
		}
	}
}

// firstSeq replaces the first SEQUENCE line of s with line.
func firstSeq(s, line string) string {
	loc := regexp.MustCompile(`SEQUENCE:\d+`).FindStringIndex(s)
	return s[:loc[0]] + line + s[loc[1]:]
}

// TestReadPreviousRefuses: files that are not ours, damaged or over a limit
// give a *PreviousError naming the file and the line, never a panic.
func TestReadPreviousRefuses(t *testing.T) {
	t.Parallel()
	berlin := string(goldenICS(t, "berlin"))
	small := Limits{Size: 1 << 20, Line: 200, Events: 2}
	for _, tc := range []struct {
		name    string
		data    string
		lim     Limits
		notOurs bool
		want    string // the message, from the file name on
	}{
		{"empty", "", Limits{}, true, "old.ics: empty: not an iCalendar file"},
		{"text", "hello\nworld\n", Limits{}, true, `old.ics:1: not an iCalendar file (it starts with "hello")`},
		{"workbook", string(damaged(t, "workbook.ics")), Limits{}, true, `old.ics:1: not an iCalendar file (it starts with "PK\x03\x04`},
		{"another program's", string(damaged(t, "google.ics")), Limits{}, true,
			`old.ics:2: not a calendar made by contentplan (PRODID "-//Google Inc//Google Calendar 70.9054//EN")`},
		{"no PRODID", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n", Limits{}, true,
			"old.ics:3: not a calendar made by contentplan (no PRODID before the first component)"},
		{"truncated", string(damaged(t, "truncated.ics")), Limits{}, false, "the file ends inside VEVENT (begun at line"},
		{"bad SEQUENCE", string(damaged(t, "bad-sequence.ics")), Limits{}, false, `:31: SEQUENCE "one": want a whole number from 0 to 2147483647`},
		{"mismatched END", string(damaged(t, "mismatched-end.ics")), Limits{}, false, "END:\"VEVENT\" does not close BEGIN:VALARM"},
		{"TZID a path", string(damaged(t, "tzid-path.ics")), Limits{}, false, `TZID "../../../etc/passwd": not a time zone this machine knows`},
		{"UID twice", string(damaged(t, "duplicate-uid.ics")), Limits{}, false, `UID "Instagram-20270104-0900@contentplan" appears twice`},
		{"negative SEQUENCE", firstSeq(berlin, "SEQUENCE:-1"), Limits{}, false, `SEQUENCE "-1"`},
		{"SEQUENCE over 32 bits", firstSeq(berlin, "SEQUENCE:2147483648"), Limits{}, false, `SEQUENCE "2147483648"`},
		{"bad DTSTAMP", strings.Replace(berlin, "DTSTAMP:20270101T000000Z", "DTSTAMP:20270101T000000", 1), Limits{}, false, "DTSTAMP \"20270101T000000\": want a UTC time"},
		{"no UID", strings.Replace(berlin, "UID:review", "X-UID:review", 1), Limits{}, false, "an event without UID"},
		{"second UID", strings.Replace(berlin, "DTSTAMP:", "UID:x\r\nDTSTAMP:", 1), Limits{}, false, "a second UID in the event begun at line"},
		{"floating time", strings.Replace(berlin, "DTSTART;TZID=Europe/Berlin:", "DTSTART:", 1), Limits{}, false, "want a UTC time (YYYYMMDDTHHMMSSZ) or a local time with TZID"},
		{"bad date", strings.Replace(berlin, "20270129T160000", "20271329T160000", 1), Limits{}, false, `DTSTART "20271329T160000"`},
		{"unknown STATUS", strings.Replace(berlin, "STATUS:CONFIRMED", "STATUS:MAYBE", 1), Limits{}, false, `STATUS "MAYBE"`},
		{"bad escape", strings.Replace(berlin, "SUMMARY:Monthly", `SUMMARY:\qMonthly`, 1), Limits{}, false, "SUMMARY: a bad escape"},
		{"control character", strings.Replace(berlin, "SUMMARY:Monthly", "SUMMARY:\x1b[31mMonthly", 1), Limits{}, false, ":34: a control character"},
		{"bare CR", strings.Replace(berlin, "SUMMARY:Monthly", "SUMMARY:\rMonthly", 1), Limits{}, false, ":34: a control character"},
		{"invalid UTF-8", strings.Replace(berlin, "SUMMARY:Monthly", "SUMMARY:\xffMonthly", 1), Limits{}, false, ":34: not valid UTF-8"},
		{"continuation first", " BEGIN:VCALENDAR\r\n", Limits{}, false, "old.ics:1: a continuation line with no line before it"},
		{"after the end", berlin + "BEGIN:VCALENDAR\r\n", Limits{}, false, "content after END:VCALENDAR"},
		{"deep", "BEGIN:VCALENDAR\r\nPRODID:-//contentplan//x//EN\r\n" + strings.Repeat("BEGIN:X\r\n", 9), Limits{}, false, "components nested more than 8 deep"},
		{"too big", berlin, Limits{Size: 1000}, false, "old.ics: larger than 1000 bytes"},
		{"line too long", strings.Replace(berlin, "SUMMARY:Monthly", "SUMMARY:"+strings.Repeat("x", 300), 1), small, false, ":34: line longer than 200 bytes"},
		{"folded line too long", strings.Replace(berlin, "SUMMARY:Monthly", "SUMMARY:"+strings.Repeat("x\r\n y", 100), 1), small, false, ":34: line longer than 200 bytes"},
		{"too many events", berlin, Limits{Events: 2}, false, "more than 2 events"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := readPrev(t, []byte(tc.data), tc.lim)
			var pe *PreviousError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, %v; want a *PreviousError", p, err)
			}
			if pe.NotOurs != tc.notOurs {
				t.Errorf("NotOurs = %v, want %v", pe.NotOurs, tc.notOurs)
			}
			if !strings.HasPrefix(err.Error(), "old.ics") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to hold %q", err, tc.want)
			}
		})
	}
}

// FuzzReadPrevious: whatever the file, ReadPrevious returns an index or an
// error, within its limits, without a panic. What it accepts is written back
// cancelled (the plan here has none of its events) as a clean file, which
// is read again and gives the same bytes once more: nothing of the untrusted
// file reaches the output unchecked, and a cancelled event stays as it is.
func FuzzReadPrevious(f *testing.F) {
	for _, glob := range []string{
		filepath.Join("..", "..", "testdata", "golden", "ics", "*.ics"),
		filepath.Join("testdata", "fuzz", "damaged", "*.ics"),
	} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(ourCal))
	// A summary over the length kept, cut inside a Cyrillic letter.
	f.Add([]byte(strings.Replace(ourCal, "SUMMARY:UTC", "SUMMARY:U"+strings.Repeat("ж", 700), 1)))
	plan := icsPlan(f, "Asia/Kolkata", "2027-01-01", "2027-01-31", []string{"Telegram"}, []icsPost{
		{ch: "Telegram", format: "text", date: "2027-01-04", clock: "09:00"},
	})
	lim := Limits{Size: 1 << 20, Line: 4096, Events: 1000}
	f.Fuzz(func(t *testing.T, data []byte) {
		prev, err := ReadPrevious(bytes.NewReader(data), "f.ics", lim)
		if err != nil {
			var pe *PreviousError
			if !errors.As(err, &pe) || pe.File != "f.ics" {
				t.Fatalf("error %v (%T): want a *PreviousError naming the file", err, err)
			}
			return
		}
		var out bytes.Buffer
		if err := Write(&out, plan, Options{Now: icsNow, Previous: prev}); err != nil {
			t.Fatal(err)
		}
		if errs := testutil.LintICS(out.Bytes()); len(errs) > 0 {
			t.Fatalf("%v\n%s", errs, out.Bytes())
		}
		again, err := ReadPrevious(bytes.NewReader(out.Bytes()), "out.ics", lim)
		if err != nil {
			t.Fatalf("our own output: %v\n%s", err, out.Bytes())
		}
		var out2 bytes.Buffer
		if err := Write(&out2, plan, Options{Now: icsNow.Add(time.Hour), Previous: again}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("a re-run over our own output differs:\n%s\n---\n%s", out.Bytes(), out2.Bytes())
		}
	})
}
