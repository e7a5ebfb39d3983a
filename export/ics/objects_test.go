package ics

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
)

// unfoldICS undoes foldICS: a CRLF followed by a space continues the line.
func unfoldICS(b []byte) string { return strings.ReplaceAll(string(b), "\r\n ", "") }

// vevents cuts the VEVENTs out of unfolded iCalendar text, each with its
// CRLF line ends.
func vevents(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "BEGIN:VEVENT\r\n")
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], "END:VEVENT\r\n")
		out = append(out, s[i:i+j+len("END:VEVENT\r\n")])
		s = s[i+j+len("END:VEVENT\r\n"):]
	}
}

// TestObjects holds Objects to Write: the same events in the same order,
// each alone in an object that is a valid calendar object resource (RFC
// 4791 4.1: one UID, no METHOD, the VTIMEZONE its times name and no other).
func TestObjects(t *testing.T) {
	cases := []struct {
		name      string
		plan      *calendar.Plan
		deadlines bool
		zoned     bool // the plan's times name a VTIMEZONE
	}{
		{"coffee, Moscow", testutil.BuildExample(t, "../../testdata/coffee.toml"), false, true},
		{"agency, deadlines, a DST change", testutil.BuildExample(t, "../../testdata/agency.toml"), true, true},
		// RecordPlan has no start and end: its times lie outside the span a
		// VTIMEZONE would cover, so they are written in UTC.
		{"awkward values", testutil.RecordPlan(), false, false},
		{"UTC", icsPlan(t, "UTC", "2027-01-01", "2027-01-31", []string{"VK"},
			[]icsPost{{ch: "VK", format: "photo", date: "2027-01-05", clock: "10:00"}}), true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{Now: icsNow, Deadlines: tc.deadlines}
			var file bytes.Buffer
			if err := Write(&file, tc.plan, opt); err != nil {
				t.Fatal(err)
			}
			want := vevents(unfoldICS(file.Bytes()))
			var got []*Object
			if err := Objects(tc.plan, opt, func(o *Object) error { got = append(got, o); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) || len(got) == 0 {
				t.Fatalf("%d objects, the file has %d events", len(got), len(want))
			}
			zones := 0
			for i, o := range got {
				data := o.Encode(0)
				checkObject(t, o, data)
				evs := vevents(unfoldICS(data))
				if len(evs) != 1 || evs[0] != want[i] {
					t.Fatalf("object %d (%s) holds\n%q\nthe file's event is\n%q", i, o.UID, evs, want[i])
				}
				if !strings.Contains(want[i], "UID:"+o.UID+"\r\n") {
					t.Errorf("object %d: UID %q is not the event's", i, o.UID)
				}
				hasZone := strings.Contains(string(data), "BEGIN:VTIMEZONE")
				if hasZone != strings.Contains(evs[0], ";TZID=") {
					t.Errorf("object %s: VTIMEZONE %v, but TZID in the event %v", o.UID, hasZone, !hasZone)
				}
				if hasZone {
					zones++
				}
			}
			if (zones > 0) != tc.zoned {
				t.Errorf("%d objects with a VTIMEZONE, want some: %v", zones, tc.zoned)
			}
		})
	}
}

// checkObject checks one encoded object: our linter, golang-ical's parser,
// and what a calendar object resource may not hold.
func checkObject(t *testing.T, o *Object, data []byte) {
	t.Helper()
	for _, err := range testutil.LintICS(data) {
		t.Errorf("object %s: %v", o.UID, err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("object %s: golang-ical: %v", o.UID, err)
	}
	if n := len(cal.Events()); n != 1 {
		t.Errorf("object %s: %d events", o.UID, n)
	}
	for _, banned := range []string{"METHOD:", "X-WR-CALNAME", "REFRESH-INTERVAL"} {
		if bytes.Contains(data, []byte("\n"+banned)) {
			t.Errorf("object %s holds %s, a property of a calendar file", o.UID, banned)
		}
	}
}

// TestObjectEncode sets the event's own SEQUENCE (not a component's
// inside it) and adds the extra properties last, escaped and folded.
func TestObjectEncode(t *testing.T) {
	plan := testutil.BuildExample(t, "../../testdata/coffee.toml")
	var first *Object
	errStop := errors.New("stop")
	err := Objects(plan, Options{Now: icsNow}, func(o *Object) error { first = o; return errStop })
	if !errors.Is(err, errStop) {
		t.Fatalf("fn's error not returned: %v", err)
	}
	long := strings.Repeat("ж", 60) + "; a, b\\c\nd"
	data := unfoldICS(first.Encode(7, Property{"x-contentplan-plan", "northwind"}, Property{"X-Long", long}, Property{"@#", "dropped"}))
	ev := vevents(data)[0]
	for _, want := range []string{
		"\r\nSEQUENCE:7\r\n",
		"\r\nX-CONTENTPLAN-PLAN:northwind\r\nX-LONG:" + strings.Repeat("ж", 60) + "\\; a\\, b\\\\c\\nd\r\nEND:VEVENT\r\n",
	} {
		if !strings.Contains(ev, want) {
			t.Errorf("event lacks %q:\n%s", want, ev)
		}
	}
	if strings.Count(ev, "SEQUENCE:") != 1 || strings.Contains(ev, "dropped") {
		t.Errorf("event:\n%s", ev)
	}
	if strings.Count(data, "\nEND:VCALENDAR\r\n") != 1 || !strings.HasSuffix(data, "END:VCALENDAR\r\n") {
		t.Errorf("object does not end in one END:VCALENDAR:\n%s", data)
	}
	for _, line := range strings.Split(string(first.Encode(7, Property{"X-LONG", long})), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}
}
