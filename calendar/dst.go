package calendar

import (
	"math"
	"time"
)

// ReadWall returns the instant of the wall-clock time c on date d in loc,
// read as RFC 5545 reads local times (docs/spec.md, rule 8): a time that does
// not exist (the spring-forward gap) takes the UTC offset in force before
// the change, so 02:30 on Europe/Berlin's change day is 03:30 CEST; a time
// that occurs twice (fall back) is its first, earlier occurrence.
//
// time.Date leaves both cases "unspecified" in its documentation, so the
// offsets are worked out explicitly from the zone's periods around the day.
func ReadWall(loc *time.Location, d Date, c Clock) (time.Time, DSTShift) {
	var z zoneDay
	z.load(loc, d)
	sec, shift := z.read(c)
	return time.Unix(sec, 0).In(z.loc), shift
}

// Ambiguous reports whether the wall clock of t, in t's location, occurs
// twice (a fall-back overlap). Such a time must not be written as a local
// time with a TZID: calendar programs disagree on which occurrence they
// take, so the calendar writes it in UTC.
func Ambiguous(t time.Time) bool {
	_, shift := ReadWall(t.Location(), DateOf(t), Clock(t.Hour()*60+t.Minute()))
	return shift == DSTAmbiguous
}

// zonePeriod is a stretch of time [start, end) with one UTC offset.
type zonePeriod struct {
	start, end int64 // Unix seconds; math.MinInt64/MaxInt64 when open
	off        int64 // seconds east of UTC
}

// zoneDay caches the zone periods around one date, so that the many posts
// of a day (and the days without any change, which is nearly all of them)
// cost one lookup.
type zoneDay struct {
	loc     *time.Location
	date    Date
	loaded  bool
	periods []zonePeriod
}

// Offsets lie within −12h..+14h, so every instant whose wall clock falls on
// date d lies in [midnight−14h, midnight+24h+12h] of d read as UTC; a margin
// on both sides keeps a neighbouring change in view.
const (
	zoneBefore = 15 * 3600
	zoneAfter  = (24 + 15) * 3600
)

func (z *zoneDay) load(loc *time.Location, d Date) {
	if loc == nil {
		loc = time.UTC
	}
	if z.loaded && z.loc == loc && z.date == d {
		return
	}
	z.loc, z.date, z.loaded = loc, d, true
	z.periods = z.periods[:0]
	u0 := int64(d) * 86400
	x, limit := u0-zoneBefore, u0+zoneAfter
	for range 8 { // a handful of changes in 2 days at most
		t := time.Unix(x, 0).In(loc)
		_, off := t.Zone()
		s, e := t.ZoneBounds()
		p := zonePeriod{start: math.MinInt64, end: math.MaxInt64, off: int64(off)}
		if !s.IsZero() {
			p.start = s.Unix()
		}
		if !e.IsZero() {
			p.end = e.Unix()
		}
		z.periods = append(z.periods, p)
		if p.end >= limit || p.end <= x {
			break
		}
		x = p.end
	}
}

// read returns the Unix instant of clock c on the loaded date.
func (z *zoneDay) read(c Clock) (int64, DSTShift) {
	u := int64(z.date)*86400 + int64(c)*60
	if len(z.periods) == 1 {
		return u - z.periods[0].off, DSTNone
	}
	first, n := int64(math.MaxInt64), 0
	for _, p := range z.periods {
		if i := u - p.off; p.start <= i && i < p.end {
			first = min(first, i)
			n++
		}
	}
	switch {
	case n == 1:
		return first, DSTNone
	case n > 1:
		return first, DSTAmbiguous
	}
	// A gap: the wall time lies between the end of one period, read with
	// its offset, and the start of the next, read with the new one. Use
	// the offset in force before the change.
	for i := 0; i+1 < len(z.periods); i++ {
		p, q := z.periods[i], z.periods[i+1]
		if p.end+p.off <= u && u < p.end+q.off {
			return u - p.off, DSTGap
		}
	}
	// Not reachable with a sane zone; fall back to the first offset.
	return u - z.periods[0].off, DSTGap
}
