package ics

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
)

func vtimezoneText(t *testing.T, tz string, year int) string {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(year-1, 1, 1, 0, 0, 0, 0, loc)
	to := time.Date(year+2, 1, 1, 0, 0, 0, 0, loc)
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	var raw bytes.Buffer
	if err := buildVTimezone(loc, tz, from, to).SerializeTo(&raw, icsConfig); err != nil {
		t.Fatal(err)
	}
	if err := foldICS(bw, raw.Bytes()); err != nil {
		t.Fatal(err)
	}
	bw.Flush()
	return b.String()
}

// TestVTimezoneShapes: the shape of the VTIMEZONE for each kind of zone,
// and the observances that matter to Outlook (one yearly pair) written as
// it reads them.
func TestVTimezoneShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tz   string
		year int
		want []string // lines that must be there, in this order
		not  []string
	}{
		{"Europe/Berlin", 2027, []string{
			"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
			"BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD"}, nil},
		// Dublin: tzdata's "standard" IST is written as DAYLIGHT, its
		// negative-DST GMT as STANDARD, as Windows and Outlook model it.
		{"Europe/Dublin", 2027, []string{
			"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:IST", "END:DAYLIGHT",
			"BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "END:STANDARD"}, nil},
		{"America/New_York", 2027, []string{"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"}, nil},
		// Southern hemisphere: the year starts in daylight time.
		{"Australia/Sydney", 2027, []string{
			"BEGIN:STANDARD", "DTSTART:20260405T030000", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
			"BEGIN:DAYLIGHT", "DTSTART:20261004T020000", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"}, nil},
		{"Australia/Lord_Howe", 2027, []string{
			"BEGIN:STANDARD", "DTSTART:20260405T020000", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1030",
			"BEGIN:DAYLIGHT", "DTSTART:20261004T020000", "TZOFFSETFROM:+1030", "TZOFFSETTO:+1100"}, nil},
		{"America/Santiago", 2027, []string{"TZOFFSETFROM:-0300", "TZOFFSETTO:-0400", "TZNAME:-04", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"}, nil},
		{"Asia/Kolkata", 2027, []string{"BEGIN:STANDARD", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "TZNAME:IST", "END:STANDARD"},
			[]string{"RRULE", "DAYLIGHT"}},
		{"Asia/Kathmandu", 2027, []string{"TZOFFSETFROM:+0545", "TZOFFSETTO:+0545"}, []string{"RRULE", "DAYLIGHT"}},
		// No yearly rule: an observance per change, no RRULE.
		{"Africa/Casablanca", 2027, []string{"TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100"}, []string{"RRULE"}},
		// DST ended in 2019: the rule changes inside the span.
		{"America/Sao_Paulo", 2019, []string{"DTSTART:20190217T000000", "TZOFFSETFROM:-0200", "TZOFFSETTO:-0300"}, []string{"RRULE"}},
	} {
		t.Run(tc.tz, func(t *testing.T) {
			got := vtimezoneText(t, tc.tz, tc.year)
			lines := strings.Split(got, "\r\n")
			at := 0
			for _, w := range tc.want {
				for at < len(lines) && lines[at] != w {
					at++
				}
				if at == len(lines) {
					t.Errorf("no line %q (in order) in\n%s", w, got)
					return
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in\n%s", n, got)
				}
			}
		})
	}
}

func TestUTCOffset(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sec  int
		want string
	}{
		{0, "+0000"}, {3600, "+0100"}, {-3600, "-0100"}, {19800, "+0530"}, {20700, "+0545"},
		{-12600, "-0330"}, {45900, "+1245"}, {-17762, "-045602"}, {3208, "+005328"},
	} {
		if got := utcOffset(tc.sec); got != tc.want {
			t.Errorf("utcOffset(%d) = %s, want %s", tc.sec, got, tc.want)
		}
	}
}
