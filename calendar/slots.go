package calendar

import (
	"slices"
	"time"
)

// slot is one post's place in time, before the mix gives it a format,
// source and pillar.
//
// The fields are ordered to pack into 32 bytes: a period's slots are
// copied and sorted over and over.
type slot struct {
	sec     int64  // the instant, Unix seconds
	nomDate Date   // the date after skip moves, before any DST shift (the id)
	date    Date   // the local date it actually shows
	camp    int32  // for a campaign's extra post, 1 + its index among the channel's campaigns; 0 for a regular post
	nomTime Clock  // the wall clock asked for
	time    Clock  // the local wall clock it actually shows
	place   uint16 // 1, 2, … among the channel's posts of nomDate (the id): see places
	dst     DSTShift
}

// dayMask is a set of dates over a fixed range, for skipped dates.
type dayMask struct {
	first Date
	bits  []bool
}

func newDayMask(first, last Date, dates []Date) dayMask {
	m := dayMask{first: first}
	if last >= first {
		m.bits = make([]bool, int(last-first)+1)
	}
	for _, d := range dates {
		if i := int(d - first); i >= 0 && i < len(m.bits) {
			m.bits[i] = true
		}
	}
	return m
}

func (m dayMask) has(d Date) bool {
	i := int(d - m.first)
	return i >= 0 && i < len(m.bits) && m.bits[i]
}

// slotGen turns one channel's frequency into its dated, timed slots, one
// period (ISO week, or month for N/month) at a time, so that memory holds a
// period's posts, never the plan's.
type slotGen struct {
	freq       Frequency
	days       []int // ISO weekday indices (Mon = 0), sorted, for N/week
	times      []Clock
	start, end Date
	skip       dayMask
	zone       zoneDay

	next Date // first day of the next period to fill
	k    int  // nominal slots so far: slot k takes times[k mod len(times)]
	buf  []slot
	pos  int

	// Campaign extras (campaign.go): extra posts on the days of their windows.
	extras []extraRule
	kx     int // extras placed so far: rotates the times they take

	// What the generator had to drop or shift, for the counts and warnings,
	// with the dates the drops fell on.
	droppedSkip, droppedDST, droppedTimes int
	extraSkip, extraTimes                 int // campaign extras lost to skipped dates, or to days with no free time
	skipDates, timeDates                  dateList
	extraSkipDates, extraTimeDates        dateList
	gaps, ambiguous                       int
	firstGap, firstAmbiguous, firstDST    slot
	// scratch
	nominal []Date
}

func newSlotGen(ch *ChannelSpec, start, end Date, loc *time.Location, skip dayMask) *slotGen {
	g := &slotGen{freq: ch.Frequency, times: ch.Times, start: start, end: end, skip: skip}
	if loc == nil {
		loc = time.UTC
	}
	g.zone.loc = loc
	for _, d := range ch.Days {
		g.days = append(g.days, ISOWeekday(d))
	}
	slices.Sort(g.days)
	g.days = slices.Compact(g.days)
	if len(g.times) == 0 {
		// spec.Parse fills default times; a hand-made spec may have
		// none, and the rotation must never divide by zero.
		g.times = []Clock{12 * 60}
	}
	if g.freq.Per == PerMonth {
		g.next = start.FirstOfMonth()
	} else {
		g.next = start.Monday()
	}
	return g
}

// Next returns the channel's next slot in chronological order.
func (g *slotGen) Next() (slot, bool) {
	for g.pos >= len(g.buf) {
		if g.next > g.end {
			return slot{}, false
		}
		g.fill()
	}
	s := g.buf[g.pos]
	g.pos++
	return s, true
}

// periodEnd returns the last day of the period starting at p.
func (g *slotGen) periodEnd(p Date) Date {
	if g.freq.Per == PerMonth {
		return p + Date(p.DaysInMonth()) - 1
	}
	return p + 6
}

// nominalDates lists the period's post dates as the frequency places them,
// in order, with a date repeated for each post it gets (clipped to the plan
// later).
func (g *slotGen) nominalDates(p, pe Date) []Date {
	out := g.nominal[:0]
	n := g.freq.N
	switch {
	case n <= 0:
	case g.freq.Per == PerDay || g.freq.Weekdays:
		for d := p; d <= pe; d++ {
			if g.freq.Weekdays && d.Weekend() {
				continue
			}
			per := n
			if g.freq.Weekdays {
				per = 1
			}
			for range per {
				out = append(out, d)
			}
		}
	case g.freq.Per == PerWeek:
		for i := range n {
			var day int
			if len(g.days) > 0 {
				// Exactly N days from spec.Parse; with more posts than
				// days they take the days in turn, several a day.
				day = g.days[i%len(g.days)]
			} else {
				day = i * 7 / n
			}
			out = append(out, p+Date(day))
		}
		slices.Sort(out)
	case g.freq.Per == PerMonth:
		dim := int(pe-p) + 1
		for i := range n {
			out = append(out, p+Date(i*dim/n))
		}
	}
	g.nominal = out
	return out
}

// fill schedules the next period into buf: the frequency's slots with
// their times, moved off skipped dates, the campaigns' extras, then the
// instants with the RFC 5545 reading at DST changes.
func (g *slotGen) fill() {
	p := g.next
	pe := g.periodEnd(p)
	g.next = pe + 1
	g.buf, g.pos = g.buf[:0], 0
	g.timeSlots(p, pe)
	g.moveSkipped(p, pe)
	if len(g.extras) > 0 {
		// After the regular posts have settled, so that a campaign never
		// moves or drops a regular post: extras take what is left.
		g.addExtras(p, pe)
	}
	// Each day's times ascending (the rotation may hand a day 21:00 before
	// 09:00), and moved posts in their new place.
	slices.SortStableFunc(g.buf, func(a, b slot) int {
		if a.nomDate != b.nomDate {
			return int(a.nomDate - b.nomDate)
		}
		return int(a.nomTime - b.nomTime)
	})
	g.places()
	if g.readInstants() {
		g.settleShifts()
	}
}

// places numbers each day's posts in buf, sorted by date and time: a
// post's place is part of its id (docs/spec.md, rule 7). The regular posts
// come first, in the order of their times, then the campaigns' extra
// posts, in theirs: a campaign never changes a regular post's id, as it
// never moves one. A period holds whole days, and a post dropped later (at
// a DST change) leaves the others' places as they are.
func (g *slotGen) places() {
	for i := 0; i < len(g.buf); {
		j := i + 1
		for j < len(g.buf) && g.buf[j].nomDate == g.buf[i].nomDate {
			j++
		}
		var place uint16
		for _, extras := range [2]bool{false, true} {
			for k := i; k < j; k++ {
				if (g.buf[k].camp > 0) == extras {
					place++
					g.buf[k].place = place
				}
			}
		}
		i = j
	}
}

// timeSlots puts the period's nominal slots inside the plan into buf, each
// with its time. Times rotate over the channel's nominal slots inside the
// plan, and a day's posts take distinct times (the rotation gives that
// whenever the channel has enough times; otherwise the next unused one, and
// a day with none left drops the post).
func (g *slotGen) timeSlots(p, pe Date) {
	var used []Clock
	var day Date = -1 << 30
	for _, d := range g.nominalDates(p, pe) {
		if d < g.start || d > g.end {
			continue
		}
		if d != day {
			day, used = d, used[:0]
		}
		k := g.k
		g.k++
		c, ok := Clock(0), false
		for j := range len(g.times) {
			c = g.times[(k+j)%len(g.times)]
			if !slices.Contains(used, c) {
				ok = true
				break
			}
		}
		if !ok {
			g.droppedTimes++
			g.timeDates.add(d)
			continue
		}
		used = append(used, c)
		g.buf = append(g.buf, slot{nomDate: d, nomTime: c})
	}
}

// moveSkipped moves each post on a skipped date to the nearest later day of
// the same period, inside the plan, not skipped and without a post of this
// channel; else it is dropped (docs/spec.md, rule 2).
func (g *slotGen) moveSkipped(p, pe Date) {
	last := min(pe, g.end)
	var occupied [31]bool // indexed by date − p; a period has at most 31 days
	for _, s := range g.buf {
		if !g.skip.has(s.nomDate) {
			occupied[s.nomDate-p] = true
		}
	}
	out := g.buf[:0]
	for _, s := range g.buf {
		if g.skip.has(s.nomDate) {
			found := false
			for d := s.nomDate + 1; d <= last; d++ {
				// "weekdays" means Monday to Friday, skips or not.
				if g.freq.Weekdays && d.Weekend() {
					continue
				}
				if !g.skip.has(d) && !occupied[d-p] {
					occupied[d-p] = true
					s.nomDate, found = d, true
					break
				}
			}
			if !found {
				g.droppedSkip++
				g.skipDates.add(s.nomDate)
				continue
			}
		}
		out = append(out, s)
	}
	g.buf = out
}

// readInstants gives each slot in buf its instant, reading its wall clock
// as RFC 5545 reads local times at DST changes (docs/spec.md, rule 8), and
// reports whether any was shifted.
func (g *slotGen) readInstants() (shifted bool) {
	for i := range g.buf {
		s := &g.buf[i]
		g.zone.load(g.zone.loc, s.nomDate)
		s.sec, s.dst = g.zone.read(s.nomTime)
		s.date, s.time = s.nomDate, s.nomTime
		if s.dst == DSTNone {
			continue
		}
		shifted = true
		t := time.Unix(s.sec, 0).In(g.zone.loc)
		s.date, s.time = DateOf(t), Clock(t.Hour()*60+t.Minute())
	}
	return shifted
}

// settleShifts orders buf by instant once a DST change shifted a slot: a
// post moved forward out of a gap can pass a later post of the day or land
// on its instant. Of two posts at one instant the moved one is dropped (the
// other is where the user asked it to be); the shifts are counted for the
// warnings.
func (g *slotGen) settleShifts() {
	slices.SortStableFunc(g.buf, func(a, b slot) int {
		switch {
		case a.sec < b.sec:
			return -1
		case a.sec > b.sec:
			return 1
		}
		// At one instant a regular post comes before a campaign's extra
		// (extras take what is left, never a regular post's place), and
		// then the unshifted post comes first and stays.
		if x, y := boolInt(a.camp > 0), boolInt(b.camp > 0); x != y {
			return x - y
		}
		return int(boolInt(a.dst == DSTGap) - boolInt(b.dst == DSTGap))
	})
	out := g.buf[:0]
	for i, s := range g.buf {
		if i > 0 && s.sec == out[len(out)-1].sec {
			if g.droppedDST == 0 {
				g.firstDST = s
			}
			g.droppedDST++
			continue
		}
		switch s.dst {
		case DSTGap:
			if g.gaps == 0 {
				g.firstGap = s
			}
			g.gaps++
		case DSTAmbiguous:
			if g.ambiguous == 0 {
				g.firstAmbiguous = s
			}
			g.ambiguous++
		}
		out = append(out, s)
	}
	g.buf = out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dropped is every post the generator lost, campaign extras included.
func (g *slotGen) dropped() int {
	return g.droppedSkip + g.droppedDST + g.droppedTimes + g.extraSkip + g.extraTimes
}

// NominalPosts is the number of posts s's frequencies and campaign extras
// give over the plan before skips, DST and free times: an upper bound of
// the plan's posts, counted without generating any (saturating at 2^50 for
// absurd frequencies). The limit on a plan's posts (docs/spec.md, Limits)
// is on this count, so that a typo such as "500/day" fails at once.
func NominalPosts(s *Spec) int64 {
	const limit = int64(1) << 50
	var n int64
	start, end := s.Plan.Start, s.Plan.End
	for _, ch := range s.Channels {
		n = min(n+nominalCount(ch.Frequency, ch.Days, start, end), limit)
		for _, cs := range s.Campaigns {
			if cs.Extra.N > 0 && cs.Covers(ch.Name) {
				x := extraRule{start: cs.Start, end: cs.End, freq: cs.Extra}
				n = min(n+x.nominal(start, end), limit)
			}
		}
	}
	return n
}

// nominalCount is the number of posts the frequency gives over [start, end]
// before skips and DST: an upper bound of the plan's posts, computed by
// period arithmetic without generating any (only the partial periods at
// the plan's edges are counted post by post), saturating instead of
// overflowing for absurd frequencies.
func nominalCount(f Frequency, days []time.Weekday, start, end Date) int64 {
	if f.N <= 0 || end < start {
		return 0
	}
	const limit = int64(1) << 50
	var total int64
	add := func(x int64) { total = min(total+x, limit) }
	// partial counts the posts of a partial period that fall inside the
	// plan; past a million posts a period it just counts them all.
	partial := func(n int, place func(i int) Date) {
		if n > 1_000_000 {
			add(int64(n))
			return
		}
		for i := range n {
			if d := place(i); d >= start && d <= end {
				add(1)
			}
		}
	}
	n := int64(f.N)
	switch {
	case f.Weekdays:
		for d := start; d <= end; d++ {
			if !d.Weekend() {
				add(1)
			}
		}
	case f.Per == PerDay:
		add(min(n*int64(end-start+1), limit))
	case f.Per == PerWeek:
		for p := start.Monday(); p <= end && total < limit; p += 7 {
			if p >= start && p+6 <= end {
				add(n)
				continue
			}
			partial(f.N, func(i int) Date {
				if len(days) > 0 {
					return p + Date(ISOWeekday(days[i%len(days)]))
				}
				return p + Date(i*7/f.N)
			})
		}
	case f.Per == PerMonth:
		for p := start.FirstOfMonth(); p <= end && total < limit; p += Date(p.DaysInMonth()) {
			dim := p.DaysInMonth()
			if p >= start && p+Date(dim)-1 <= end {
				add(n)
				continue
			}
			partial(f.N, func(i int) Date { return p + Date(i*dim/f.N) })
		}
	}
	return total
}
