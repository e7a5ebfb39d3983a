package calendar

import (
	"strings"
	"testing"
	"time"
)

func TestDateList(t *testing.T) {
	t.Parallel()
	d := func(day int) Date { return MakeDate(2027, 5, day) }
	for _, tc := range []struct {
		add  []Date
		want string
	}{
		{nil, ""},
		{[]Date{d(9)}, "2027-05-09"},
		{[]Date{d(9), d(9), d(9)}, "2027-05-09"},
		{[]Date{d(9), d(10)}, "2027-05-09 and 2027-05-10"},
		{[]Date{d(9), d(10), d(11)}, "2027-05-09, 2027-05-10 and 2027-05-11"},
		{[]Date{d(9), d(10), d(11), d(12)}, "2027-05-09, 2027-05-10, 2027-05-11 and 1 more date"},
		{[]Date{d(9), d(10), d(11), d(12), d(12), d(13), d(20)}, "2027-05-09, 2027-05-10, 2027-05-11 and 3 more dates"},
		{[]Date{d(9), d(10), d(9)}, "2027-05-09 and 2027-05-10"}, // a date already named, out of order
	} {
		var l dateList
		for _, x := range tc.add {
			l.add(x)
		}
		if got := l.String(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.add, got, tc.want)
		}
	}
}

// TestWarningsNameDatesAndLines: a post dropped for a skipped date is named
// with its date and channel, at the line and column of the channel's
// table when the spec knows it (docs/spec.md, rule 2), and by key path
// when it does not; the writers' shortfall points at the first [[writer]].
func TestWarningsNameDatesAndLines(t *testing.T) {
	t.Parallel()
	// 1/week on Sundays: a skipped Sunday has no later day in its week.
	s := oneChannel(t, "2027-05-03", "2027-05-23", Frequency{N: 1, Per: PerWeek}, "10:00")
	s.Channels[0].Days = []time.Weekday{time.Sunday}
	s.Plan.Skip = []Date{MakeDate(2027, 5, 9), MakeDate(2027, 5, 16)}
	want := `warning: test.toml: channel[1]: channel "Telegram": 2 posts dropped on 2027-05-09 and 2027-05-16: skipped dates with no free later day in the same week`
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) == 0 || p.Warnings[0].String() != want {
		t.Errorf("warnings %q\nwant first %q", p.Warnings, want)
	}

	s.Tables = map[string]Pos{"channel[1]": {Line: 7, Col: 1}}
	p, _ = Build(s)
	want = `warning: test.toml:7:1: channel "Telegram": 2 posts dropped on 2027-05-09 and 2027-05-16: skipped dates with no free later day in the same week`
	if len(p.Warnings) == 0 || p.Warnings[0].String() != want {
		t.Errorf("warnings %q\nwant first %q", p.Warnings, want)
	}
}

func TestWriterWarningsLine(t *testing.T) {
	t.Parallel()
	s := oneChannel(t, "2027-01-04", "2027-01-10", Frequency{N: 1, Per: PerDay}, "10:00")
	s.Writers = []WriterSpec{{Name: "Ann", Capacity: 2}}
	for _, tc := range []struct {
		tables map[string]Pos
		prefix string
	}{
		{nil, "warning: test.toml: writers: week "},
		{map[string]Pos{"writer[1]": {Line: 12, Col: 1}}, "warning: test.toml:12:1: writers: week "},
	} {
		s.Tables = tc.tables
		p, err := Build(s)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range p.Warnings {
			found = found || strings.HasPrefix(d.String(), tc.prefix)
		}
		if !found {
			t.Errorf("no warning starting %q in %q", tc.prefix, p.Warnings)
		}
	}
}
