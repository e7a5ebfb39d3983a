package calendar

import (
	"math"
	"slices"
)

// Counts are posts, and of them the own and the borrowed ones (a post of
// any other source counts in Posts only).
type Counts struct{ Posts, Own, Borrowed int }

func (c *Counts) add(s Source) {
	c.Posts++
	switch s {
	case Own:
		c.Own++
	case Borrowed:
		c.Borrowed++
	}
}

// Week is an ISO week in which posts go out.
type Week struct {
	Year, Week int
	Monday     Date
	Posts      int
	Channels   []int // posts per channel, in the order of Tally.Channels
}

// Tally counts the posts of a plan as they are fed to it, one at a time:
// a writer that passes over the posts anyway feeds them to a Tally on the
// way, rather than making a pass of its own, and what every summary shows
// (validate, show, the workbook's Mix, Writers and Budget, the review
// meetings) is counted one way. It keeps memory per channel, month, week,
// format, pillar, campaign and writer, none per post; it counts the posts
// themselves rather than taking the counters Build keeps, so that it
// shows what the outputs contain.
//
// Channels are told apart by identity: a post whose channel the plan does
// not list (a hand-made plan's) is counted under a channel of its own,
// added to Channels in the order first seen, nil too.
type Tally struct {
	total    Counts
	channels []*Channel
	index    map[*Channel]int // into channels and rows
	rows     []channelTally
	months   []monthTally // in the order first seen
	monthAt  map[Date]int // first of a month → index into months and channelTally.months
	weeks    []Week
	pillars  map[*Pillar]int
	pillarOf []*Pillar // those posts carry, in the order first seen
	campaign map[string]int
	writer   map[string]int // "" for posts without a writer
	writers  []string       // those posts name, in the order first seen

	// The writers' load per week, counted by the draft-due date, or by the
	// publishing date for a post without one (zero).
	drafted, undated map[writerWeek]int
	undatedBy        map[string]int // posts without a draft date, per writer

	// What the last post's date and channel came to: posts come in date
	// order, many to a date.
	lastDate  Date
	lastMonth int
	lastCh    *Channel
	lastRow   int // -1 before the first post
}

type channelTally struct {
	Counts
	cost     float64
	formats  map[*Format]int
	formatOf []*Format    // those posts carry, in the order first seen
	months   []monthTally // by index into Tally.months, grown as needed
}

type monthTally struct {
	Counts
	first  Date
	cost   float64
	cents  int64
	costed bool // some post's cost is not 0 in whole cents
}

type writerWeek struct {
	writer string
	monday Date
}

// NewTally returns an empty tally of plan's posts.
func NewTally(plan *Plan) *Tally {
	t := &Tally{
		index: make(map[*Channel]int, len(plan.Channels)), monthAt: make(map[Date]int),
		pillars: make(map[*Pillar]int), campaign: make(map[string]int), writer: make(map[string]int),
		drafted: make(map[writerWeek]int), undated: make(map[writerWeek]int), undatedBy: make(map[string]int),
		lastRow: -1,
	}
	for _, c := range plan.Channels {
		t.addChannel(c)
	}
	return t
}

// addChannel adds a row for c. A channel the plan lists twice has two
// rows, and is counted in the last.
func (t *Tally) addChannel(c *Channel) int {
	i := len(t.channels)
	t.index[c] = i
	t.channels = append(t.channels, c)
	t.rows = append(t.rows, channelTally{formats: make(map[*Format]int)})
	for w := range t.weeks {
		t.weeks[w].Channels = append(t.weeks[w].Channels, 0)
	}
	return i
}

// Add counts one post.
func (t *Tally) Add(p *Post) {
	t.total.add(p.Source)
	row := t.row(p.Channel)
	c := &t.rows[row]
	c.add(p.Source)
	if c.formats[p.Format]++; c.formats[p.Format] == 1 && p.Format != nil {
		c.formatOf = append(c.formatOf, p.Format)
	}
	if p.Date != t.lastDate || t.total.Posts == 1 {
		t.lastDate, t.lastMonth = p.Date, t.month(p.Date)
		t.week(p.Date)
	}
	wk := &t.weeks[len(t.weeks)-1]
	wk.Posts++
	wk.Channels[row]++
	for len(c.months) <= t.lastMonth {
		c.months = append(c.months, monthTally{})
	}
	m, all := &c.months[t.lastMonth], &t.months[t.lastMonth]
	m.add(p.Source)
	all.add(p.Source)
	cost, cents := finiteCost(p.Cost), roundCents(p.Cost)
	m.cost += cost
	c.cost += cost
	m.cents += cents
	all.cents += cents
	if cents != 0 {
		all.costed = true
	}
	if t.pillars[p.Pillar]++; t.pillars[p.Pillar] == 1 && p.Pillar != nil {
		t.pillarOf = append(t.pillarOf, p.Pillar)
	}
	t.campaign[p.Campaign]++
	if t.writer[p.Writer]++; t.writer[p.Writer] == 1 && p.Writer != "" {
		t.writers = append(t.writers, p.Writer)
	}
	if p.DraftDue != 0 {
		t.drafted[writerWeek{p.Writer, p.DraftDue.Monday()}]++
	} else {
		t.undated[writerWeek{p.Writer, p.Date.Monday()}]++
		t.undatedBy[p.Writer]++
	}
}

// row returns the row of channel c, adding one for a channel not seen yet.
func (t *Tally) row(c *Channel) int {
	if c == t.lastCh && t.lastRow >= 0 {
		return t.lastRow
	}
	i, ok := t.index[c]
	if !ok {
		i = t.addChannel(c)
	}
	t.lastCh, t.lastRow = c, i
	return i
}

// month returns the index of the month of d, adding it if new.
func (t *Tally) month(d Date) int {
	first := d.FirstOfMonth()
	i, ok := t.monthAt[first]
	if !ok {
		i = len(t.months)
		t.monthAt[first] = i
		t.months = append(t.months, monthTally{first: first})
	}
	return i
}

// week starts a new Week when d is in another ISO week than the last
// post's. Posts come in date order; were they not, a week would show
// again.
func (t *Tally) week(d Date) {
	y, w := d.ISOWeek()
	if n := len(t.weeks); n > 0 && t.weeks[n-1].Year == y && t.weeks[n-1].Week == w {
		return
	}
	t.weeks = append(t.weeks, Week{Year: y, Week: w, Monday: d.Monday(), Channels: make([]int, len(t.channels))})
}

// finiteCost is a cost as it adds up: one that is not a finite number
// cannot come from a validated spec, and is 0, as in the outputs.
func finiteCost(c float64) float64 {
	if math.IsNaN(c) || math.IsInf(c, 0) || c == 0 {
		return 0
	}
	return c
}

// roundCents rounds a cost to whole cents, so that sums are exact: adding
// 0.1 in floating point a thousand times is not 100.
func roundCents(cost float64) int64 {
	c := math.Round(cost * 100)
	switch {
	case math.IsNaN(c):
		return 0
	case c > 1e15: // far beyond any budget; keeps the sum from overflowing
		return 1e15
	case c < -1e15:
		return -1e15
	}
	return int64(c)
}

// Total counts every post.
func (t *Tally) Total() Counts { return t.total }

// Channels lists the plan's channels, then any other channel a post
// carried, nil too, in the order first seen.
func (t *Tally) Channels() []*Channel { return t.channels }

func (t *Tally) channel(c *Channel) *channelTally {
	if i, ok := t.index[c]; ok {
		return &t.rows[i]
	}
	return nil
}

// Channel counts the posts of channel c.
func (t *Tally) Channel(c *Channel) Counts {
	if r := t.channel(c); r != nil {
		return r.Counts
	}
	return Counts{}
}

// channelMonth is channel c's tally of the month of d, or nil.
func (t *Tally) channelMonth(c *Channel, d Date) *monthTally {
	r := t.channel(c)
	i, ok := t.monthAt[d.FirstOfMonth()]
	if r == nil || !ok || i >= len(r.months) {
		return nil
	}
	return &r.months[i]
}

// ChannelMonth counts the posts of channel c in the month of d.
func (t *Tally) ChannelMonth(c *Channel, d Date) Counts {
	if m := t.channelMonth(c, d); m != nil {
		return m.Counts
	}
	return Counts{}
}

// Month counts the posts of every channel in the month of d.
func (t *Tally) Month(d Date) Counts {
	if i, ok := t.monthAt[d.FirstOfMonth()]; ok {
		return t.months[i].Counts
	}
	return Counts{}
}

// Formats lists the formats channel c's posts carry, in the order first
// seen.
func (t *Tally) Formats(c *Channel) []*Format {
	if r := t.channel(c); r != nil {
		return r.formatOf
	}
	return nil
}

// Format counts channel c's posts of format f (nil: of none).
func (t *Tally) Format(c *Channel, f *Format) int {
	if r := t.channel(c); r != nil {
		return r.formats[f]
	}
	return 0
}

// Pillars lists the pillars posts carry, in the order first seen.
func (t *Tally) Pillars() []*Pillar { return t.pillarOf }

// Pillar counts the posts of pillar p (nil: of none).
func (t *Tally) Pillar(p *Pillar) int { return t.pillars[p] }

// Campaign counts the posts of the campaign called name ("": of none).
func (t *Tally) Campaign(name string) int { return t.campaign[name] }

// Writers lists the writers posts name, in the order first seen.
func (t *Tally) Writers() []string { return t.writers }

// Writer counts the posts of writer name ("": without a writer).
func (t *Tally) Writer(name string) int { return t.writer[name] }

// Weeks lists the ISO weeks in which posts go out, in date order.
func (t *Tally) Weeks() []Week { return t.weeks }

// LoadWeeks lists the Mondays of the weeks with some Load, in date order.
func (t *Tally) LoadWeeks() []Date {
	var ws []Date
	for _, m := range []map[writerWeek]int{t.drafted, t.undated} {
		for k := range m {
			ws = append(ws, k.monday)
		}
	}
	slices.Sort(ws)
	return slices.Compact(ws)
}

// Load counts the posts writer ("": nobody) writes in the ISO week
// starting on monday: the week of the draft-due date, or, for a post
// without one (no format), the week it goes out.
func (t *Tally) Load(writer string, monday Date) int {
	k := writerWeek{writer, monday}
	return t.drafted[k] + t.undated[k]
}

// DueLoad counts the posts of writer ("": nobody) whose draft-due date
// falls in the ISO week starting on monday, a post without one counting
// as due on day 0, 1970-01-01. That is what counting a column of draft
// dates that shows the zero date as such finds.
func (t *Tally) DueLoad(writer string, monday Date) int {
	n := t.drafted[writerWeek{writer, monday}]
	if monday == Date(0).Monday() {
		n += t.undatedBy[writer]
	}
	return n
}

// Cost adds up the costs of channel c's posts in the month of d, in the
// order they were added (which decides the last bits of a floating-point
// sum); a cost that is not a finite number adds 0.
func (t *Tally) Cost(c *Channel, d Date) float64 {
	if m := t.channelMonth(c, d); m != nil {
		return m.cost
	}
	return 0
}

// ChannelCost adds up the costs of channel c's posts, as Cost does.
func (t *Tally) ChannelCost(c *Channel) float64 {
	if r := t.channel(c); r != nil {
		return r.cost
	}
	return 0
}

// Cents adds up the costs of channel c's posts in the month of d, each
// rounded to whole cents first, so that the sum is exact.
func (t *Tally) Cents(c *Channel, d Date) int64 {
	if m := t.channelMonth(c, d); m != nil {
		return m.cents
	}
	return 0
}

// TotalCents adds up the costs of every post as Cents does.
func (t *Tally) TotalCents() int64 {
	var sum int64
	for _, m := range t.months {
		sum += m.cents
	}
	return sum
}

// CostMonths lists the first days of the months in which some post's cost
// is not 0 in whole cents, in date order.
func (t *Tally) CostMonths() []Date {
	var ms []Date
	for _, m := range t.months {
		if m.costed {
			ms = append(ms, m.first)
		}
	}
	slices.Sort(ms)
	return ms
}
