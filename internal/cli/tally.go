package cli

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/contentplan/contentplan/calendar"
)

// tally is what validate and show count in one pass over the posts. It is
// counted from the posts themselves rather than taken from the counters
// Build keeps, so the summary shows what the outputs will contain.
type tally struct {
	plan     *calendar.Plan
	total    int
	borrowed int
	channels []chanTally // in plan.Channels order
	weeks    []weekTally // in date order
	pillars  map[string]int
	writers  map[string]int // posts per writer; "" for unassigned
	index    map[*calendar.Channel]int

	perPillar map[*calendar.Pillar]int
	campaigns map[string]int    // posts per campaign name
	load      []loadWeek        // writer load per ISO week of draft due, in week order
	cost      map[costKey]int64 // cents per channel and month of publishing
	costs     bool              // some post has a cost
}

// loadWeek is the writers' load in one ISO week, counted by draft-due date
// (the week the writing happens, not the week the post goes out).
type loadWeek struct {
	year, week int
	monday     calendar.Date
	perWriter  map[string]int // "" for unassigned
}

type costKey struct {
	month calendar.Date // first of the month
	ch    int           // index into tally.channels
}

type chanTally struct {
	ch       *calendar.Channel
	posts    int
	borrowed int
	formats  map[string]int
}

type weekTally struct {
	year, week int
	monday     calendar.Date
	perChannel []int
	total      int
}

func count(plan *calendar.Plan) *tally {
	t := &tally{plan: plan, pillars: map[string]int{}, writers: map[string]int{}, index: map[*calendar.Channel]int{},
		perPillar: map[*calendar.Pillar]int{}, campaigns: map[string]int{}, cost: map[costKey]int64{}}
	loadAt := map[calendar.Date]int{} // monday → index into t.load
	for i, ch := range plan.Channels {
		t.index[ch] = i
		t.channels = append(t.channels, chanTally{ch: ch, formats: map[string]int{}})
	}
	for p := range plan.Posts() {
		i, ok := t.index[p.Channel]
		if !ok {
			// A channel pointer the plan does not list: count it anyway,
			// under its own row, rather than lose the post.
			i = len(t.channels)
			t.index[p.Channel] = i
			t.channels = append(t.channels, chanTally{ch: p.Channel, formats: map[string]int{}})
			for w := range t.weeks {
				t.weeks[w].perChannel = append(t.weeks[w].perChannel, 0)
			}
		}
		c := &t.channels[i]
		t.total++
		c.posts++
		if p.Source == calendar.Borrowed {
			t.borrowed++
			c.borrowed++
		}
		if p.Format != nil {
			c.formats[p.Format.Name]++
		}
		if p.Pillar != nil {
			t.pillars[p.Pillar.Name]++
			t.perPillar[p.Pillar]++
		}
		if p.Campaign != "" {
			t.campaigns[p.Campaign]++
		}
		if p.Writer != "" {
			t.writers[p.Writer]++
		}
		// A post without a draft date (no format) is written in the week it
		// goes out.
		due := p.DraftDue
		if due == 0 {
			due = p.Date
		}
		li, ok := loadAt[due.Monday()]
		if !ok {
			y, w := due.ISOWeek()
			li = len(t.load)
			loadAt[due.Monday()] = li
			t.load = append(t.load, loadWeek{year: y, week: w, monday: due.Monday(), perWriter: map[string]int{}})
		}
		t.load[li].perWriter[p.Writer]++
		if c := cents(p.Cost); c != 0 {
			t.costs = true
			t.cost[costKey{p.Date.FirstOfMonth(), i}] += c
		}
		y, w := p.Date.ISOWeek()
		if n := len(t.weeks); n == 0 || t.weeks[n-1].year != y || t.weeks[n-1].week != w {
			t.weeks = append(t.weeks, weekTally{year: y, week: w, monday: p.Date.Monday(), perChannel: make([]int, len(t.channels))})
		}
		wk := &t.weeks[len(t.weeks)-1]
		wk.perChannel[i]++
		wk.total++
	}
	// Draft dates run ahead of publishing by different leads, so their
	// weeks come out of order.
	sort.Slice(t.load, func(a, b int) bool { return t.load[a].monday < t.load[b].monday })
	return t
}

// cents rounds a cost to whole cents, so that sums are exact: adding
// 0.1 in floating point a thousand times is not 100.
func cents(cost float64) int64 {
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

// money formats cents as 12500 or 12500.50.
func money(c int64) string {
	neg := c < 0
	if neg {
		c = -c
	}
	s := itoa(int(c / 100))
	if r := c % 100; r != 0 {
		s += "." + string(rune('0'+r/10)) + string(rune('0'+r%10))
	}
	if neg {
		s = "-" + s
	}
	return s
}

func channelName(ch *calendar.Channel) string {
	if ch == nil {
		return "(none)"
	}
	return term(ch.Name)
}

// term makes a name from the spec safe to print on a terminal, on one line
// and in one table cell: control characters (a newline or a tab in a name,
// or an escape sequence that would drive the terminal) are shown escaped,
// as Go writes them in a string.
func term(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\n', '\x1b', '\u0085'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// share formats part/whole as a percentage with one decimal.
func share(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	// Integer arithmetic, rounded half up, so 1/3 prints 33.3% everywhere.
	tenths := (part*1000 + whole/2) / whole
	if tenths%10 == 0 {
		return itoa(tenths/10) + "%"
	}
	return itoa(tenths/10) + "." + itoa(tenths%10) + "%"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
