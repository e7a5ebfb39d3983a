package calendar

import (
	"fmt"
	"slices"
	"strings"
)

// checkCampaigns reports the campaigns whose extra posts can never fit: on
// some channel, a day in the window has fewer times than the channel's own
// posts that day plus the campaign's extras. Each such day would drop
// extras, so the spec asks for more than it can get; it is an error with a
// fix (more times), not a warning on every run. Build calls it, since the
// rule needs the channels' final times and frequencies.
func checkCampaigns(s *Spec) []Diagnostic {
	var out []Diagnostic
	for ci, cs := range s.Campaigns {
		path := indexPath("campaign", ci+1) + ".extra"
		fail := func(msg string, hints ...string) {
			out = append(out, Diagnostic{Severity: Error, File: s.File, Path: path,
				Msg: fmt.Sprintf("campaign %q: %s", cs.Name, msg), Hints: hints})
		}
		x := cs.Extra
		switch {
		case x.N <= 0:
			continue
		case x.Weekdays || (x.Per != PerDay && x.Per != PerWeek):
			fail(fmt.Sprintf("extra %q: want N/day or N/week", x), `write extra = "1/day" or extra = "2/week"`)
			continue
		}
		rule := extraRule{start: cs.Start, end: cs.End, freq: x}
		extra := rule.maxPerDay()
		for _, ch := range s.Channels {
			if cs.Channels != nil && !slices.Contains(cs.Channels, ch.Name) {
				continue
			}
			regular := regularPerDay(&ch, cs.Start, cs.End)
			times := max(len(ch.Times), 1) // the scheduler's one default time
			if times >= regular+extra {
				continue
			}
			need := regular + extra
			fail(fmt.Sprintf("extra %q does not fit channel %q: %s and %d extra a day need %d times, the channel has %d",
				x, ch.Name, plural(regular, "regular post"), extra, need, times),
				fmt.Sprintf("give channel %q at least %d times, e.g. times = [%s]", ch.Name, need, quotedTimes(DefaultTimes(need))))
		}
	}
	return out
}

// regularPerDay is the most posts channel ch's frequency puts on one day
// of [from, to] (before skip moves, which never stack posts on a day).
func regularPerDay(ch *ChannelSpec, from, to Date) int {
	f := ch.Frequency
	switch {
	case f.N <= 0:
		return 0
	case f.Weekdays:
		return 1
	case f.Per == PerDay:
		return f.N
	case f.Per == PerWeek:
		days := map[int]bool{}
		for _, d := range ch.Days {
			days[isoDay(d)] = true
		}
		if len(days) > 0 {
			return (f.N + len(days) - 1) / len(days)
		}
		return (f.N + 6) / 7
	case f.Per == PerMonth:
		most := 0
		for m := from.FirstOfMonth(); m <= to; m += Date(m.DaysInMonth()) {
			dim := m.DaysInMonth()
			most = max(most, (f.N+dim-1)/dim)
		}
		return most
	}
	return 0
}

func quotedTimes(cs []Clock) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + c.String() + `"`)
	}
	return b.String()
}
