package xlsx

import (
	"github.com/contentplan/contentplan/calendar"
)

// maxLivePosts is the largest workbook whose Mix, Writers and Budget are
// live formulas (issue 7). Each of their cells is a COUNTIFS or SUMIFS over
// the whole Plan table, so opening the file costs about cells × posts
// comparisons, and FullCalcOnLoad makes Excel and LibreOffice pay it on
// every open. A year of twenty channels (about 100,000 posts and a thousand
// Mix, Writers and Budget cells) still opens in seconds; the agency-scale
// plan, 900 channels and a million posts, has some 50,000 such cells over a
// million rows and would recalculate for minutes. Past this many posts
// the sheets hold the figures computed here instead, with a note saying so.
const maxLivePosts = 100_000

// summaryTally is what the Mix, Writers and Budget show, counted from the
// posts in one pass (during survey), for workbooks past maxLivePosts. Keys
// are dates (the first of a month, the Monday of a week), because the months
// and weeks are only known once every post has been seen.
type summaryTally struct {
	mix      map[chMonth]*[3]int              // posts, own, borrowed per channel and month
	mixTotal map[*calendar.Channel]*[3]int    // per channel, whatever the date
	byMonth  map[calendar.Date]*[3]int        // every post of a month, any channel
	load     map[string]map[calendar.Date]int // per writer ("" unassigned) and week of the due date
	loadAll  map[string]int                   // per writer, whatever the due date
	cost     map[chMonth]float64              // per channel and month
	costAll  map[*calendar.Channel]float64    // per channel, for a plan without months
}

type chMonth struct {
	ch    *calendar.Channel
	month calendar.Date
}

// static reports whether this workbook gets figures rather than formulas.
func (x *xlsxWriter) static() bool {
	limit := maxLivePosts
	if x.opt.liveLimit > 0 {
		limit = x.opt.liveLimit
	}
	return x.count > limit
}

// tally counts one kept post the way the formulas would: a channel by its
// post's channel, a month by the post's date, a source by its label, a
// writer's week by the Monday of the draft-due date, costs as the Plan's
// Cost cell holds them and in the Plan's row order, as SUMIFS adds them.
func (x *xlsxWriter) tally(p *calendar.Post) {
	s := &x.sums
	if s.mix == nil {
		s.mix = make(map[chMonth]*[3]int)
		s.mixTotal = make(map[*calendar.Channel]*[3]int)
		s.byMonth = make(map[calendar.Date]*[3]int)
		s.load = make(map[string]map[calendar.Date]int)
		s.loadAll = make(map[string]int)
		s.cost = make(map[chMonth]float64)
		s.costAll = make(map[*calendar.Channel]float64)
	}
	bump := func(c *[3]int) {
		c[0]++
		switch p.Source {
		case calendar.Own:
			c[1]++
		case calendar.Borrowed:
			c[2]++
		}
	}
	get := func(m map[calendar.Date]*[3]int, k calendar.Date) *[3]int {
		if m[k] == nil {
			m[k] = new([3]int)
		}
		return m[k]
	}
	month := p.Date.FirstOfMonth()
	bump(get(s.byMonth, month))
	if p.Channel != nil {
		k := chMonth{p.Channel, month}
		if s.mix[k] == nil {
			s.mix[k] = new([3]int)
		}
		bump(s.mix[k])
		if s.mixTotal[p.Channel] == nil {
			s.mixTotal[p.Channel] = new([3]int)
		}
		bump(s.mixTotal[p.Channel])
		c := costValue(p.Cost)
		s.cost[k] += c
		s.costAll[p.Channel] += c
	}
	w := s.load[p.Writer]
	if w == nil {
		w = make(map[calendar.Date]int)
		s.load[p.Writer] = w
	}
	w[p.DraftDue.Monday()]++
	s.loadAll[p.Writer]++
}

// mixCounts are the posts, own and borrowed of a channel in a month.
func (x *xlsxWriter) mixCounts(ch *calendar.Channel, month calendar.Date) [3]int {
	if c := x.sums.mix[chMonth{ch, month}]; c != nil {
		return *c
	}
	return [3]int{}
}

// share is the Mix's borrowed share, as its IF(posts=0,0,…) formula has it.
func share(c [3]int) float64 {
	if c[0] == 0 {
		return 0
	}
	return float64(c[2]) / float64(c[0])
}
