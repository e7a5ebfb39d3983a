package cli

import (
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
	t := &tally{plan: plan, pillars: map[string]int{}, writers: map[string]int{}, index: map[*calendar.Channel]int{}}
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
		}
		if p.Writer != "" {
			t.writers[p.Writer]++
		}
		y, w := p.Date.ISOWeek()
		if n := len(t.weeks); n == 0 || t.weeks[n-1].year != y || t.weeks[n-1].week != w {
			t.weeks = append(t.weeks, weekTally{year: y, week: w, monday: p.Date.Monday(), perChannel: make([]int, len(t.channels))})
		}
		wk := &t.weeks[len(t.weeks)-1]
		wk.perChannel[i]++
		wk.total++
	}
	return t
}

func channelName(ch *calendar.Channel) string {
	if ch == nil {
		return "(none)"
	}
	return ch.Name
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

// calendarWriter is a writer of the spec.
type calendarWriter = calendar.WriterSpec
