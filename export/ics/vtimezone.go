package ics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// golang-ical writes no VTIMEZONE, so this file builds one from Go's zone
// data. Two shapes come out:
//
//   - where the zone follows one yearly rule over the whole covered span, a
//     single STANDARD/DAYLIGHT pair with a yearly RRULE. Outlook reads only
//     that shape (it maps a VTIMEZONE to one Windows bias/standard/daylight
//     triple), and every other program reads it too;
//   - where the rule changed inside the span (or never was a yearly rule, as
//     in Africa/Casablanca, which follows Ramadan), one observance per
//     transition with its exact onset, so that RFC 5545 readers resolve every
//     local time exactly. There is no shape Outlook could read for such a
//     zone anyway.
//
// A zone without transitions in the span (Asia/Kolkata, Asia/Kathmandu) gets
// a single STANDARD observance.
//
// Whatever shape is chosen, it is checked against Go's transitions before it
// is used: a rule is only written if it reproduces every transition of the
// span.

// tzPeriod is a stretch of time with one offset and abbreviation.
type tzPeriod struct {
	start  time.Time // UTC instant the period begins (the span start for the first)
	offset int       // seconds east of UTC
	name   string
	isDST  bool // as Go (tzdata) says: true for Dublin's winter GMT
}

// zonePeriods lists the periods of loc that overlap [from, to). Periods
// that differ in neither offset nor abbreviation are merged.
func zonePeriods(loc *time.Location, from, to time.Time) []tzPeriod {
	t := from.In(loc)
	name, off := t.Zone()
	ps := []tzPeriod{{start: from.UTC(), offset: off, name: name, isDST: t.IsDST()}}
	// The loop bound only guards against a broken zone file: real zones
	// change a few times a year.
	for i := 0; i < 10000; i++ {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			break
		}
		t = end.In(loc)
		name, off := t.Zone()
		last := &ps[len(ps)-1]
		if off == last.offset && name == last.name {
			continue
		}
		ps = append(ps, tzPeriod{start: end.UTC(), offset: off, name: name, isDST: t.IsDST()})
	}
	return ps
}

// observance is one STANDARD or DAYLIGHT sub-component.
type observance struct {
	daylight   bool
	onset      time.Time // local wall clock of the onset, read in the from offset (as UTC fields)
	from, to   int
	name       string
	rrule      string // "" for a single onset
	occurrence func(year int) (time.Time, bool)
}

// buildVTimezone returns the VTIMEZONE for loc under the TZID tzid that
// resolves every local time in [from, to) exactly.
func buildVTimezone(loc *time.Location, tzid string, from, to time.Time) *ics.VTimezone {
	ps := zonePeriods(loc, from, to)
	obs := regularObservances(ps, from, to)
	if obs == nil {
		obs = explicitObservances(ps)
	}
	tz := ics.NewTimezone(tzid)
	for _, o := range obs {
		var cb *ics.ComponentBase
		if o.daylight {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			cb = &d.ComponentBase
		} else {
			s := ics.NewStandard()
			tz.Components = append(tz.Components, s)
			cb = &s.ComponentBase
		}
		cb.AddProperty(ics.ComponentPropertyDtStart, o.onset.Format("20060102T150405"))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(o.from))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(o.to))
		if o.name != "" {
			cb.AddProperty(ics.ComponentProperty(ics.PropertyTzname), icsText(o.name))
		}
		if o.rrule != "" {
			cb.AddProperty(ics.ComponentPropertyRrule, o.rrule)
		}
	}
	return tz
}

// utcOffset formats an offset as RFC 5545 utc-offset: ±HHMM, with seconds
// only when they are not zero (LMT-style offsets).
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// onsetOf is the local wall clock at which the period p begins, read in the
// offset in force before it (RFC 5545: DTSTART of an observance is local
// time in TZOFFSETFROM), returned as a time whose UTC fields are that wall
// clock.
func onsetOf(p tzPeriod, fromOffset int) time.Time {
	return p.start.Add(time.Duration(fromOffset) * time.Second).UTC()
}

// explicitObservances writes one observance per period: the first with no
// change of offset at the start of the span, every later one at its onset.
func explicitObservances(ps []tzPeriod) []observance {
	// tzdata calls Dublin's winter GMT (and Casablanca's Ramadan +00) the
	// daylight time, with a negative save. Calendar programs (Windows, and
	// Outlook with it) model daylight time as a positive bias, so such a zone
	// is written with the labels the other way round, as tzdata's own
	// "rearguard" format does. The offsets are what every reader uses.
	negative := false
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if a.isDST != b.isDST && ((a.isDST && a.offset < b.offset) || (b.isDST && b.offset < a.offset)) {
			negative = true
		}
	}
	obs := make([]observance, 0, len(ps))
	for i, p := range ps {
		from := p.offset
		if i > 0 {
			from = ps[i-1].offset
		}
		obs = append(obs, observance{
			daylight: p.isDST != negative,
			onset:    onsetOf(p, from),
			from:     from,
			to:       p.offset,
			name:     p.name,
		})
	}
	return obs
}

// transitionKey groups the transitions that a yearly rule could generate.
type transitionKey struct {
	from, to int
	name     string
}

// regularObservances returns a STANDARD/DAYLIGHT pair with yearly rules if
// the transitions in [from, to) alternate between two kinds, each of which
// happens once a year in the same month, on the same weekday, at the same
// local time, on a day a BYDAY (or BYDAY with BYMONTHDAY) rule can name, and
// if those rules reproduce every transition of the span. Otherwise nil.
func regularObservances(ps []tzPeriod, from, to time.Time) []observance {
	if len(ps) < 3 { // the span must show both kinds of transition
		return nil
	}
	byKey := map[transitionKey][]time.Time{}
	var keys []transitionKey
	for i := 1; i < len(ps); i++ {
		k := transitionKey{ps[i-1].offset, ps[i].offset, ps[i].name}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], onsetOf(ps[i], ps[i-1].offset))
	}
	if len(keys) != 2 || keys[0].from != keys[1].to || keys[1].from != keys[0].to || keys[0].from == keys[0].to {
		return nil
	}
	var obs []observance
	for _, k := range keys {
		onsets := byKey[k]
		rule, occ, ok := yearlyRule(onsets)
		if !ok {
			return nil
		}
		// Check the rule against Go: it must produce exactly the onsets of
		// the span, year by year, from its first onset on.
		var got []time.Time
		for y := onsets[0].Year(); y <= to.Year()+1; y++ {
			t, ok := occ(y)
			if !ok {
				return nil
			}
			if t.Add(-time.Duration(k.from) * time.Second).Before(to) {
				got = append(got, t)
			}
		}
		if len(got) != len(onsets) {
			return nil
		}
		for i := range got {
			if !got[i].Equal(onsets[i]) {
				return nil
			}
		}
		obs = append(obs, observance{
			// Of a regular pair the part with the larger offset is the
			// daylight time, whatever tzdata calls it (see explicitObservances).
			daylight:   k.to > k.from,
			onset:      onsets[0],
			from:       k.from,
			to:         k.to,
			name:       k.name,
			rrule:      rule,
			occurrence: occ,
		})
	}
	// The observance in force at the start of the span comes first, which
	// is the order readers that ignore DTSTART (none should) would assume.
	if obs[1].onset.Before(obs[0].onset) {
		obs[0], obs[1] = obs[1], obs[0]
	}
	return obs
}

var byDayName = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// yearlyRule finds an RRULE that gives the onsets (one per year, in order):
// the nth weekday of the month, the last weekday of the month, or (as for
// tzdata's "Sun>=2") the weekday within a 7-day window of month days. It
// returns the rule text and its occurrence in a given year.
func yearlyRule(onsets []time.Time) (string, func(int) (time.Time, bool), bool) {
	first := onsets[0]
	month, wd := first.Month(), first.Weekday()
	h, m, s := first.Clock()
	minDay, maxDay, allLast := 31, 1, true
	for i, t := range onsets {
		th, tm, ts := t.Clock()
		if t.Month() != month || t.Weekday() != wd || th != h || tm != m || ts != s {
			return "", nil, false
		}
		if i > 0 && t.Year() != onsets[i-1].Year()+1 {
			return "", nil, false
		}
		minDay, maxDay = min(minDay, t.Day()), max(maxDay, t.Day())
		if t.Day()+7 <= daysIn(t.Year(), month) {
			allLast = false
		}
	}
	// The window [lo, lo+6] of month days the rule picks its weekday from.
	var lo int
	var byday string
	nth := (minDay-1)/7 + 1
	switch {
	case allLast && nth >= 4:
		// tzdata says "lastSun" far more often than "Sun>=22": name it so,
		// which also stays right beyond the span.
		lo = -1
		byday = "-1" + byDayName[wd]
	case nth == (maxDay-1)/7+1 && maxDay <= 28:
		lo = (minDay-1)/7*7 + 1
		byday = strconv.Itoa(nth) + byDayName[wd]
	case allLast:
		lo = -1
		byday = "-1" + byDayName[wd]
	case maxDay-minDay <= 6 && maxDay-6 >= 1 && maxDay <= 28:
		lo = maxDay - 6
		days := make([]string, 7)
		for i := range days {
			days[i] = strconv.Itoa(lo + i)
		}
		byday = byDayName[wd] + ";BYMONTHDAY=" + strings.Join(days, ",")
	default:
		return "", nil, false
	}
	occ := func(y int) (time.Time, bool) {
		start := lo
		if lo < 0 {
			start = daysIn(y, month) - 6
		}
		for d := start; d < start+7; d++ {
			t := time.Date(y, month, d, h, m, s, 0, time.UTC)
			if t.Weekday() == wd {
				return t, true
			}
		}
		return time.Time{}, false
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", int(month), byday), occ, true
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }
