package calendar

// campaign is a campaign window as one channel sees it.
type campaign struct {
	name       string
	start, end Date
	pillar     *Pillar   // nil: the posts keep the pillar rotation
	extra      Frequency // extra posts in the window (N == 0 for none)
}

// extraRule is one campaign's extra posts as one channel's slot generator
// sees them.
type extraRule struct {
	camp       int32 // 1 + the campaign's index among the channel's campaigns
	start, end Date
	freq       Frequency // N/day or N/week
}

// resolveCampaigns gives each channel its campaigns, their pillars and the
// rules of their extra posts.
func (b *builder) resolveCampaigns() {
	byName := map[string]*Pillar{}
	for _, pl := range b.plan.Pillars {
		if _, dup := byName[pl.Name]; !dup {
			byName[pl.Name] = pl
		}
	}
	b.campaigns = make([][]campaign, len(b.plan.Channels))
	b.extras = make([][]extraRule, len(b.plan.Channels))
	for _, cs := range b.spec.Campaigns {
		var pl *Pillar
		if cs.Pillar != "" {
			pl = byName[cs.Pillar]
			if pl == nil {
				// A pillar only the campaign names: it still labels
				// the posts, but takes no share of the rotation.
				pl = &Pillar{PillarSpec: PillarSpec{Name: cs.Pillar}}
				byName[cs.Pillar] = pl
			}
		}
		for i, ch := range b.plan.Channels {
			if !cs.Covers(ch.Name) {
				continue
			}
			b.campaigns[i] = append(b.campaigns[i], campaign{cs.Name, cs.Start, cs.End, pl, cs.Extra})
			if cs.Extra.N > 0 {
				b.extras[i] = append(b.extras[i], extraRule{camp: int32(len(b.campaigns[i])), start: cs.Start, end: cs.End, freq: cs.Extra})
			}
		}
	}
}

// campaignOn returns the first campaign of channel i whose window holds d.
func (b *builder) campaignOn(i int, d Date) *campaign {
	for j := range b.campaigns[i] {
		if c := &b.campaigns[i][j]; c.start <= d && d <= c.end {
			return c
		}
	}
	return nil
}

// campaignOf returns the campaign a slot of channel i belongs to: the one
// that added it for an extra post, else the first whose window holds it.
func (b *builder) campaignOf(i int, s *slot) *campaign {
	if s.camp > 0 && int(s.camp) <= len(b.campaigns[i]) {
		return &b.campaigns[i][s.camp-1]
	}
	return b.campaignOn(i, s.nomDate)
}

// on returns how many extra posts the rule puts on day d. N/day puts N on
// every day of the window. N/week cuts the window into 7-day blocks from
// its first day and puts block post i (0..N−1) on the block's day i·7/N,
// the way an N/week frequency spreads a week: any 7 consecutive days of
// the window, each full ISO week among them, hold exactly N, and a window
// shorter than a week gets its share (never less than one post, on its
// first day).
func (x extraRule) on(d Date) int {
	n := int64(x.freq.N)
	if d < x.start || d > x.end || n <= 0 {
		return 0
	}
	if x.freq.Per == PerDay {
		return int(n)
	}
	r := int64(d-x.start) % 7
	return int(ceilDiv((r+1)*n, 7) - ceilDiv(r*n, 7))
}

// ceilDiv is ⌈a/b⌉ for a ≥ 0, b > 0.
func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// nominal counts the rule's extra posts over [start, end] before skips
// and free times, for the limit on posts.
func (x extraRule) nominal(start, end Date) int64 {
	var total int64
	for d := max(start, x.start); d <= min(end, x.end); d++ {
		total += int64(x.on(d))
	}
	return total
}

// addExtras adds the campaign extras of the period [p, pe] to buf, which
// holds the period's regular slots after skip moves. An extra takes one of
// the channel's times that no post of the channel uses that day (the
// times rotate, so extras do not all pile onto the first free one); a day
// with no free time left drops it. An extra on a skipped date is dropped
// for N/day (every day has its own), and moves to the next day of the
// window in the same ISO week for N/week, as a weekly post would.
func (g *slotGen) addExtras(p, pe Date) {
	first, last := max(p, g.start), min(pe, g.end)
	for _, x := range g.extras {
		lo, hi := max(first, x.start), min(last, x.end)
		carry, from := 0, Date(0) // N/week extras of skipped days, and the first such day
		for d := lo; d <= hi; d++ {
			if d.ISOWeekday() == 0 && carry > 0 {
				g.lostExtras(&g.extraSkip, &g.extraSkipDates, carry, from)
				carry = 0
			}
			n := x.on(d)
			if g.skip.has(d) {
				if n > 0 && x.freq.Per == PerWeek {
					if carry == 0 {
						from = d
					}
					carry += n
				} else {
					g.lostExtras(&g.extraSkip, &g.extraSkipDates, n, d)
				}
				continue
			}
			g.placeExtras(d, n+carry, x.camp)
			carry = 0
		}
		g.lostExtras(&g.extraSkip, &g.extraSkipDates, carry, from)
	}
}

// placeExtras puts n extra posts of campaign camp on day d, each at a
// free time of the channel.
func (g *slotGen) placeExtras(d Date, n int, camp int32) {
	for k := range n {
		c, ok := g.freeTime(d)
		if !ok {
			g.lostExtras(&g.extraTimes, &g.extraTimeDates, n-k, d)
			return
		}
		g.buf = append(g.buf, slot{nomDate: d, nomTime: c, camp: camp})
		g.kx++
	}
}

// freeTime returns a channel time that no slot in buf takes on day d,
// starting the search where the rotation of extras stands.
func (g *slotGen) freeTime(d Date) (Clock, bool) {
	for j := range len(g.times) {
		c := g.times[(g.kx+j)%len(g.times)]
		if !g.takes(d, c) {
			return c, true
		}
	}
	return 0, false
}

// takes reports whether a slot in buf is at d, c (a plain loop: a closure
// here would cost an allocation per extra post).
func (g *slotGen) takes(d Date, c Clock) bool {
	for i := range g.buf {
		if g.buf[i].nomDate == d && g.buf[i].nomTime == c {
			return true
		}
	}
	return false
}

// lostExtras counts n dropped extras into *count, and their day into days.
func (g *slotGen) lostExtras(count *int, days *dateList, n int, d Date) {
	if n <= 0 {
		return
	}
	days.add(d)
	*count += n
}
