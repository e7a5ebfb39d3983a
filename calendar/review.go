package calendar

import (
	"time"

	"github.com/contentplan/contentplan/i18n"
)

// Review meetings take this slot: late afternoon, after the day's posts
// have gone out, on the month's last working day.
const (
	reviewStart = Clock(16 * 60)
	reviewEnd   = Clock(17 * 60)
)

// reviews returns one review meeting per month of the plan (plan.review =
// "monthly"): on the last working day of the month inside the plan (not a
// weekend, skipped date or holiday), 16:00–17:00 local, read like posts at
// DST changes. A month of the plan without any working day (a plan that
// ends on the 1st, a Saturday) gets none.
func reviews(p *Plan, mode string, nonWorking map[Date]bool) []Review {
	if mode != "monthly" || p.End < p.Start {
		return nil
	}
	texts := i18n.For(p.Language)
	var out []Review
	for m := p.Start.FirstOfMonth(); m <= p.End; m += Date(m.DaysInMonth()) {
		last := min(p.End, m+Date(m.DaysInMonth())-1)
		first := max(p.Start, m)
		for d := last; d >= first; d-- {
			if d.Weekend() || nonWorking[d] {
				continue
			}
			start, _ := ReadWall(p.Location, d, reviewStart)
			end, _ := ReadWall(p.Location, d, reviewEnd)
			if !end.After(start) {
				end = start.Add(time.Hour)
			}
			out = append(out, Review{Date: d, Start: start, End: end, Title: texts.ReviewFor(d.Year(), d.Month())})
			break
		}
	}
	return out
}
