package calendar

import (
	"slices"
	"strings"

	"github.com/contentplan/contentplan/i18n"
)

// listDates is how many dates a warning names before "and N more dates".
const listDates = 3

// dateList keeps the dates something happened on, so that a warning names
// them (docs/spec.md, rule 2: the run says which dates lost posts): the
// first few distinct dates, and a count of the distinct dates after them.
// Dates come in the order a channel's schedule is made, which is date
// order, so a repeat is the last date added; the first few are checked
// too, for safety. Its size does not grow with the plan.
type dateList struct {
	first []Date
	more  int
	last  Date
}

func (l *dateList) add(d Date) {
	if len(l.first) > 0 && (d == l.last || slices.Contains(l.first, d)) {
		return
	}
	l.last = d
	if len(l.first) < listDates {
		l.first = append(l.first, d)
		return
	}
	l.more++
}

// String names the dates: "2027-05-09", "2027-05-09 and 2027-05-10",
// "2027-05-09, 2027-05-10, 2027-05-11 and 4 more dates".
func (l *dateList) String() string {
	names := make([]string, 0, len(l.first)+1)
	for _, d := range l.first {
		names = append(names, d.String())
	}
	if l.more > 0 {
		names = append(names, i18n.Count("en", l.more, i18n.N("more date")))
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
