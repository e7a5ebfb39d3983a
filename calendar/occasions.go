package calendar

import (
	"slices"
	"strings"
)

// DateSpec is one [[date]] of the spec: an occasion of the plan's own (a
// launch, an anniversary, a local festival), shown in every output beside
// the public holidays (docs/spec.md, "[[date]]").
type DateSpec struct {
	Name   string
	Date   Date
	Skip   bool // no posts that day, as plan.skip
	DayOff bool // not a working day: no draft is due and no review held on it
}

// Occasion is a day the plan marks in every output: a public holiday of
// plan.holidays on its real date, or a [[date]] of the spec.
type Occasion struct {
	Date Date
	// Name is a holiday's name in the plan's language (Holiday.NameIn),
	// or a [[date]]'s name as the spec writes it.
	Name    string
	Holiday bool // a public holiday of plan.holidays, not a [[date]]
	// Key is what the occasion is known by from run to run, whatever the
	// plan's language: a holiday's English name, a [[date]]'s name. The
	// calendar's events of occasions take their UIDs from it.
	Key string
}

// occasions is the plan's occasions inside it: its holidays, named in
// lang, then the spec's dates, sorted by date, a day's holidays first. A
// [[date]] that repeats the name of an occasion already on its day (case
// and spaces aside) is listed once.
func occasions(holidays []Holiday, dates []DateSpec, lang string, start, end Date) []Occasion {
	out := make([]Occasion, 0, len(holidays)+len(dates))
	for _, h := range holidays {
		out = append(out, Occasion{Date: h.Date, Name: h.NameIn(lang), Holiday: true, Key: h.Name})
	}
	for _, d := range dates {
		if d.Date < start || d.Date > end || strings.TrimSpace(d.Name) == "" {
			continue
		}
		same := func(o Occasion) bool {
			return o.Date == d.Date && (sameName(o.Name, d.Name) || sameName(o.Key, d.Name))
		}
		if !slices.ContainsFunc(out, same) {
			out = append(out, Occasion{Date: d.Date, Name: d.Name, Key: d.Name})
		}
	}
	slices.SortStableFunc(out, func(a, b Occasion) int { return int(a.Date) - int(b.Date) })
	return out
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// OccasionsOn returns the plan's occasions on d, a part of p.Occasions
// (which is sorted by date), without allocating: the writers ask it of
// every post.
func (p *Plan) OccasionsOn(d Date) []Occasion {
	os := p.Occasions
	lo, hi := 0, len(os)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if os[m].Date < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := lo
	for end < len(os) && os[end].Date == d {
		end++
	}
	return os[lo:end:end]
}

// OccasionSep joins the names of the occasions of one day, where an
// output gives them as one text (CSV and JSON's occasion, the Plan sheet's
// column).
const OccasionSep = "; "

// OccasionText gives the names of the occasions of a post's date as one
// text (docs/spec.md, "CSV and JSON fields"), for writers that go through
// the posts in date order: the last date's text is kept, so a post costs a
// lookup and a date with occasions one join, not one per post.
type OccasionText struct {
	plan *Plan
	day  Date
	text string
	ok   bool
}

// NewOccasionText returns an OccasionText over plan's occasions.
func NewOccasionText(plan *Plan) *OccasionText { return &OccasionText{plan: plan} }

// On is the names of the occasions on d joined by OccasionSep, "" when
// there is none.
func (t *OccasionText) On(d Date) string {
	if t.ok && t.day == d {
		return t.text
	}
	os := t.plan.OccasionsOn(d)
	t.day, t.ok, t.text = d, true, ""
	switch len(os) {
	case 0:
	case 1:
		t.text = os[0].Name
	default:
		names := make([]string, len(os))
		for i, o := range os {
			names[i] = o.Name
		}
		t.text = strings.Join(names, OccasionSep)
	}
	return t.text
}
