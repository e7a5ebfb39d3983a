package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// campaignsFit reports the campaigns whose extra posts can never fit: on
// some channel, a day in the window has fewer times than the channel's own
// posts that day plus the campaign's extras. Each such day would drop
// extras, so the spec asks for more than it can get; it is an error with a
// fix (more times), not a warning on every run (docs/spec.md, [[campaign]]).
// The rule needs the channels' final times and frequencies, so it judges
// the spec the checker has built, and names the campaign by key path.
func (c *checker) campaignsFit(s *calendar.Spec) {
	for ci, cs := range s.Campaigns {
		path := calendar.IndexPath("campaign", ci+1) + ".extra"
		fail := func(msg string, hints ...string) {
			c.errorOn(path, fmt.Sprintf("campaign %q: %s", cs.Name, msg), hints...)
		}
		// The reader of [[campaign]] left Extra zero unless it is N/day
		// or N/week.
		x := cs.Extra
		if x.N <= 0 {
			continue
		}
		extra := x.MostPerDay()
		for _, ch := range s.Channels {
			if !cs.Covers(ch.Name) {
				continue
			}
			regular := regularPerDay(&ch, cs.Start, cs.End)
			times := max(len(ch.Times), 1) // the scheduler's one default time
			if times >= regular+extra {
				continue
			}
			need := regular + extra
			hint := fmt.Sprintf("give channel %q at least %d times", ch.Name, need)
			if need <= maxHintTimes {
				hint += fmt.Sprintf(", e.g. times = [%s]", quotedTimes(moreTimes(ch.Times, need)))
			}
			fail(fmt.Sprintf("extra %q does not fit channel %q: %s and %d extra a day need %d times, the channel has %d",
				x, ch.Name, plural(regular, "regular post"), extra, need, times), hint)
		}
	}
}

// regularPerDay is the most posts channel ch's frequency puts on one day
// of [from, to] (before skip moves, which never stack posts on a day).
func regularPerDay(ch *calendar.ChannelSpec, from, to calendar.Date) int {
	f := ch.Frequency
	switch {
	case f.Weekdays || f.Per == calendar.PerDay:
		return f.MostPerDay()
	case f.Per == calendar.PerWeek:
		days := map[int]bool{}
		for _, d := range ch.Days {
			days[calendar.ISOWeekday(d)] = true
		}
		if len(days) > 0 {
			return f.MostPerDayOver(len(days))
		}
		return f.MostPerDay()
	case f.Per == calendar.PerMonth:
		most := 0
		for m := from.FirstOfMonth(); m <= to; m += calendar.Date(m.DaysInMonth()) {
			most = max(most, f.MostPerDayOver(m.DaysInMonth()))
		}
		return most
	}
	return 0
}

// maxHintTimes is the most times a hint spells out: past a dozen a list
// helps nobody.
const maxHintTimes = 12

// moreTimes is the channel's times with n − len(times) more, each the half
// hour within 09:00–21:00 farthest from those already there, so that the
// hint keeps the times the posts go out at and spreads the new ones
// between them. It adds at most what the 25 half hours hold.
func moreTimes(times []calendar.Clock, n int) []calendar.Clock {
	out := slices.Clone(times)
	for len(out) < n {
		best, bestGap := calendar.Clock(-1), -1
		for c := calendar.Clock(9 * 60); c <= 21*60; c += 30 {
			if slices.Contains(out, c) {
				continue
			}
			gap := 24 * 60
			for _, o := range out {
				gap = min(gap, abs(int(c)-int(o)))
			}
			if gap > bestGap {
				best, bestGap = c, gap
			}
		}
		if best < 0 {
			break
		}
		out = append(out, best)
	}
	slices.Sort(out)
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func quotedTimes(cs []calendar.Clock) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + c.String() + `"`)
	}
	return b.String()
}
