package spec

import (
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
)

func TestDates(t *testing.T) {
	t.Parallel()
	d := calendar.MakeDate
	tests := []struct {
		name, dates string
		want        []calendar.DateSpec
		warns       []string // each warning's text, in order
		err         string   // substring of the error; "" for success
	}{
		{name: "a date and its flags",
			dates: "[[date]]\nname = \"Launch\"\ndate = 2027-02-10\nskip = true\nday_off = true\n\n" +
				"[[date]]\nname = \"Open day\"\ndate = \" 2027-03-05 \"\n",
			want: []calendar.DateSpec{{Name: "Launch", Date: d(2027, 2, 10), Skip: true, DayOff: true},
				{Name: "Open day", Date: d(2027, 3, 5)}}},
		{name: "inline tables", dates: `date = [{ name = "Launch", date = 2027-02-10 }]`,
			want: []calendar.DateSpec{{Name: "Launch", Date: d(2027, 2, 10)}}},
		{name: "outside the plan warns",
			dates: "[[date]]\nname = \"Launch\"\ndate = 2026-02-10\n",
			want:  []calendar.DateSpec{{Name: "Launch", Date: d(2026, 2, 10)}},
			warns: []string{"warning: plan.toml:13:8: date \"Launch\": 2026-02-10: outside the plan (2027-01-01 to 2027-03-31), not shown\nhint: check the year, or remove it"}},
		// A day off just before the plan moves the first drafts: no warning.
		{name: "a day off before the plan",
			dates: "[[date]]\nname = \"Corporate day off\"\ndate = 2026-12-31\nday_off = true\n",
			want:  []calendar.DateSpec{{Name: "Corporate day off", Date: d(2026, 12, 31), DayOff: true}}},
		{name: "a day off long before the plan warns",
			dates: "[[date]]\nname = \"Corporate day off\"\ndate = 2026-10-01\nday_off = true\n",
			want:  []calendar.DateSpec{{Name: "Corporate day off", Date: d(2026, 10, 1), DayOff: true}},
			warns: []string{"warning: plan.toml:13:8: date \"Corporate day off\": 2026-10-01: outside the plan (2027-01-01 to 2027-03-31), not shown\nhint: check the year, or remove it"}},
		{name: "twice warns",
			dates: "[[date]]\nname = \"Launch\"\ndate = 2027-02-10\n[[date]]\nname = \" launch\"\ndate = 2027-02-10\nskip = true\n",
			want:  []calendar.DateSpec{{Name: "Launch", Date: d(2027, 2, 10)}, {Name: " launch", Date: d(2027, 2, 10), Skip: true}},
			warns: []string{"warning: plan.toml:16:8: date \" launch\": 2027-02-10 given twice (also date[1]); shown once\nhint: remove one of them (skip and day_off of either count)"}},
		{name: "same name, other day", dates: "[[date]]\nname = \"Sale\"\ndate = 2027-02-10\n[[date]]\nname = \"Sale\"\ndate = 2027-03-10\n",
			want: []calendar.DateSpec{{Name: "Sale", Date: d(2027, 2, 10)}, {Name: "Sale", Date: d(2027, 3, 10)}}},
		{name: "no name", dates: "[[date]]\ndate = 2027-02-10\n",
			err: "plan.toml:11:1: date[1]: name is required\nhint: add name = \"…\" to this [[date]]"},
		{name: "empty name", dates: "[[date]]\nname = \" \"\ndate = 2027-02-10\n", err: "date[1].name: must not be empty"},
		{name: "no date", dates: "[[date]]\nname = \"Launch\"\n",
			err: "plan.toml:11:1: date \"Launch\": date is required\nhint: add the day, e.g. date = 2027-05-09"},
		{name: "a date in words", dates: "[[date]]\nname = \"Launch\"\ndate = \"10 Feb\"\n",
			err: "plan.toml:13:8: date \"Launch\": date \"10 Feb\": not a date\nhint: write the day as YYYY-MM-DD, without quotes: date = 2027-05-09"},
		{name: "a date and time", dates: "[[date]]\nname = \"Launch\"\ndate = 2027-02-10T10:00:00\n",
			err: "date \"Launch\": date: want a date like 2027-01-01, got date-time 2027-02-10T10:00:00\nhint: drop the time of day: 2027-02-10"},
		{name: "a number", dates: "[[date]]\nname = \"Launch\"\ndate = 20270210\n",
			err: "date \"Launch\": date: want a date like 2027-01-01, got integer 20270210"},
		{name: "skip yes", dates: "[[date]]\nname = \"Launch\"\ndate = 2027-02-10\nskip = \"yes\"\n",
			err: "plan.toml:14:8: date \"Launch\": skip: want true or false, got string \"yes\""},
		{name: "a misspelt key", dates: "[[date]]\nname = \"Launch\"\ndate = 2027-02-10\ndayoff = true\n",
			err: "plan.toml:14:1: date \"Launch\": unknown key \"dayoff\"\nhint: did you mean \"day_off\"?"},
		{name: "a single table", dates: "[date]\nname = \"Launch\"\ndate = 2027-02-10\n",
			err: "date: want [[date]] tables, got [date]\nhint: write [[date]], with two brackets: a spec may have several"},
		{name: "a misspelt table", dates: "[[dates]]\nname = \"Launch\"\ndate = 2027-02-10\n",
			err: "unknown table [[dates]]\nhint: did you mean \"date\"?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := plan("", tg) + "\n" + tt.dates
			if strings.HasPrefix(tt.dates, "date =") {
				src = tt.dates + "\n" + plan("", tg) // a top-level key, before any table
			}
			if tt.err != "" {
				if got := parseErr(t, src); !strings.Contains(got, tt.err) {
					t.Errorf("error\n%s\nwant it to contain\n%s", got, tt.err)
				}
				return
			}
			s := mustParse(t, src)
			if !slices.Equal(s.Dates, tt.want) {
				t.Errorf("dates %+v\nwant %+v", s.Dates, tt.want)
			}
			var warns []string
			for _, w := range besidesID(s.Warnings) {
				warns = append(warns, w.String())
			}
			if !slices.Equal(warns, tt.warns) {
				t.Errorf("warnings\n%q\nwant\n%q", warns, tt.warns)
			}
		})
	}
}
