package spec

import (
	"fmt"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

var dateKeys = []string{"name", "date", "skip", "day_off"}

// dates reads [[date]], the plan's own occasions (docs/spec.md,
// "[[date]]"): a name, a date, and whether the day is skipped or a day
// off. What a user may mean (a yearly list of the company's dates kept in
// each quarter's spec, a date written twice) gives warnings, not errors:
// a date outside the plan is not shown, and a second one of the same name
// on the same day is shown once. The formats must be read already: a day
// off shortly before the plan moves the drafts due on it, and is no
// mistake.
func (c *checker) dates(root map[string]any, s *calendar.Spec, st planState) {
	ts, _ := c.tables(root, "date")
	seen := unique{}
	for i, t := range ts {
		d := calendar.DateSpec{Name: t.name("name", "date")}
		t.known(dateKeys...)
		date, ok := c.occasionDate(t)
		d.Skip = t.boolean("skip", false)
		d.DayOff = t.boolean("day_off", false)
		if !ok || d.Name == "" {
			continue
		}
		d.Date = date
		if first, dup := seen.add(date.String()+" "+strings.Join(strings.Fields(d.Name), " "), calendar.IndexPath("date", i+1)); dup {
			c.warnAt(t.keyPath("date"), t.subj.about(fmt.Sprintf("%s given twice (also %s); shown once", date, first)),
				"remove one of them (skip and day_off of either count)")
		}
		if st.dates && (date < s.Plan.Start || date > s.Plan.End) && !(d.DayOff && draftsDueOn(s, date)) {
			c.warnAt(t.keyPath("date"), t.subj.about(fmt.Sprintf("%s: outside the plan (%s to %s), not shown", date, s.Plan.Start, s.Plan.End)),
				"check the year, or remove it")
		}
		s.Dates = append(s.Dates, d)
	}
}

// occasionDate reads a [[date]]'s date: a TOML date, or a "YYYY-MM-DD"
// string.
func (c *checker) occasionDate(t table) (calendar.Date, bool) {
	v, ok := t.m["date"]
	if !ok {
		t.missing("date", "add the day, e.g. date = 2027-05-09")
		return 0, false
	}
	if s, isText := v.(string); isText {
		if d, err := calendar.ParseDate(strings.TrimSpace(s)); err == nil {
			return d, true
		}
		c.errorAt(t.keyPath("date"), t.subj.on(fmt.Sprintf("date %q: not a date", s)),
			"write the day as YYYY-MM-DD, without quotes: date = 2027-05-09")
		return 0, false
	}
	return t.dateValue(t.keyPath("date"), "date", v)
}

// draftsDueOn reports whether a draft of the plan may fall due on d, a
// day before the plan: within the longest lead (and the month a draft may
// move back by over days off) before its first day.
func draftsDueOn(s *calendar.Spec, d calendar.Date) bool {
	lead := 0
	for _, f := range s.Formats {
		lead = max(lead, f.Lead)
	}
	return d < s.Plan.Start && d >= s.Plan.Start-calendar.Date(lead)-31
}
