package cli

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/contentplan/contentplan/calendar"
)

// A day of show's calendar: its number and marks (hol, key, rev), then its
// posts as channel tags with counts, or "gap" or "skipped".

// cell returns day d's lines: its number and marks, then its posts. It
// adds to the month's stats and notes what the marks stand for.
func (c *calView) cell(d calendar.Date, st *monthStats, notes *[]note) []line {
	inPlan := d >= c.plan.Start && d <= c.plan.End
	names := c.holidays[d]
	num := inkBold // a wall calendar's day numbers: bold, red on holidays, grey outside the plan
	switch {
	case len(names) > 0:
		num = inkHoliday
	case !inPlan:
		num = inkFaint
	}
	head := line{{fmt.Sprintf("%2d", d.Day()), num}}
	var body []line
	// A mark goes beside the day's number while it fits the cell, else on
	// a line of its own (a review on a holiday: only a hand-made plan has
	// one; a [[date]] on a holiday).
	mark := func(m piece, texts ...string) {
		if head.width()+1+ansi.StringWidth(m.text) <= cellWidth {
			head = append(head, piece{" ", inkPlain}, m)
		} else {
			body = append(body, line{m})
		}
		c.used[m.ink] = true
		for _, t := range texts {
			*notes = append(*notes, note{d, m, term(t)})
		}
	}
	if len(names) > 0 {
		mark(piece{"hol", inkHoliday}, names...)
	}
	if keys := c.keyDates[d]; len(keys) > 0 {
		mark(piece{"key", inkKeyDate}, keys...)
	}
	if title, ok := c.reviews[d]; ok {
		mark(piece{"rev", inkReview}, title)
	}
	posts := c.posts(d, st, notes)
	switch {
	case c.skipped[d]:
		body = append(body, line{{"skipped", inkSkip}})
		c.used[inkSkip] = true
	case len(posts) == 0 && inPlan:
		body = append(body, line{{"gap", inkGap}})
		c.used[inkGap] = true
		st.gaps++
	}
	return append(append([]line{head}, body...), posts...)
}

// posts returns d's posts as tags ("TG2", "IG3!" when over-full), packed
// into lines of a cell.
func (c *calView) posts(d calendar.Date, st *monthStats, notes *[]note) []line {
	var tags []line
	var counts []int
	var over []bool
	var full []overFull
	for i, ch := range c.days.channels {
		n := c.days.count(d, i)
		if n == 0 {
			continue
		}
		st.posts += n
		t := line{{c.tags[i] + itoa(n), inkChannel + ink(i)}}
		most, extras := allowed(c.plan, ch, d)
		if n > most {
			t = append(t, piece{"!", inkOver})
			full = append(full, overFull{c.tags[i], ch, n, most, extras})
		}
		tags, counts, over = append(tags, t), append(counts, n), append(over, n > most)
	}
	if len(full) > 0 {
		st.over++
		c.used[inkOver] = true
		*notes = append(*notes, note{d, piece{"!", inkOver}, overText(full)})
	}
	lines, fit := packTags(tags, maxTagLines)
	if fit == len(tags) {
		return lines
	}
	// Too many channels for the cell: the last line ends in "+N", the
	// posts of the channels left out, marked when one of them is over.
	c.overflow = true
	for k := fit; k >= 0; k-- {
		more := line{{"+" + itoa(sum(counts[k:])), inkPlain}}
		if slices.Contains(over[k:], true) {
			more = append(more, piece{"!", inkOver})
		}
		shown := append(slices.Clip(tags[:k]), more)
		if lines, n := packTags(shown, maxTagLines); n == len(shown) {
			return lines
		}
	}
	return nil // not reached: "+N" alone fits a cell
}

func sum(ns []int) int {
	s := 0
	for _, n := range ns {
		s += n
	}
	return s
}

// packTags lays tags out on lines of cellWidth cells, a space between
// them, on at most most lines, and says how many of them it placed.
func packTags(tags []line, most int) (lines []line, placed int) {
	var cur line
	for _, t := range tags {
		switch {
		case len(cur) == 0:
			cur = slices.Clone(t)
		case cur.width()+1+t.width() <= cellWidth:
			cur = append(append(cur, piece{" ", inkPlain}), t...)
		default:
			if len(lines)+1 == most {
				return append(lines, cur), placed
			}
			lines, cur = append(lines, cur), slices.Clone(t)
		}
		placed++
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines, placed
}

// allowed is the most posts channel ch should have on day d: what its
// frequency puts on one day (docs/spec.md, rule 2: N for N/day, 1 for
// daily and weekdays, N/week spread over its listed days or else the
// week, N/month over the month), plus the extra posts of the campaigns
// running on ch that day (docs/spec.md, [[campaign]]). extras says
// whether campaigns added to it. A post moved off a skipped date goes to
// a day free of the channel's posts, so a day above this is crowded by
// something else: an edited or hand-made plan.
func allowed(plan *calendar.Plan, ch *calendar.Channel, d calendar.Date) (most int, extras bool) {
	if ch == nil || ch.Frequency.N <= 0 {
		return math.MaxInt, false // no frequency to hold the day to
	}
	f := ch.Frequency
	days := map[int]bool{}
	for _, wd := range ch.Days {
		days[calendar.ISOWeekday(wd)] = true
	}
	switch {
	case f.Weekdays || f.Per == calendar.PerDay:
		most = f.MostPerDay()
	case f.Per == calendar.PerWeek && len(days) > 0:
		most = f.MostPerDayOver(len(days))
	case f.Per == calendar.PerMonth:
		most = f.MostPerDayOver(d.DaysInMonth())
	default:
		most = f.MostPerDay()
	}
	for _, cp := range plan.Campaigns {
		if cp.Extra.N > 0 && d >= cp.Start && d <= cp.End && cp.Covers(ch.Name) {
			most += cp.Extra.MostPerDay()
			extras = true
		}
	}
	return most, extras
}

// note is a line under a month's grid: a day, its mark, what it means.
type note struct {
	date calendar.Date
	mark piece
	text string
}

// overFull is a channel with more posts on a day than it should have.
type overFull struct {
	tag         string
	ch          *calendar.Channel
	posts, most int
	extras      bool // campaigns' extras count in most
}

// overText is the note of an over-full day: why, at length, for one
// channel; "over their frequency: TG 3 of 1, VK 2 of 1" for several.
func overText(full []overFull) string {
	if len(full) > 1 {
		parts := make([]string, len(full))
		for i, f := range full {
			parts[i] = fmt.Sprintf("%s %d of %d", f.tag, f.posts, f.most)
		}
		return "over their frequency: " + strings.Join(parts, ", ")
	}
	f := full[0]
	limit := f.ch.Frequency.String()
	if f.extras {
		limit += " with the campaigns' extras"
	}
	return fmt.Sprintf("%s: %s, %s allows %d a day", channelName(f.ch), plural(f.posts, "post"), limit, f.most)
}

// noteLines lists notes by date, " 1 Sat  hol  Праздник Весны и Труда",
// each cut to the grid's width.
func (c *calView) noteLines(notes []note) []line {
	slices.SortStableFunc(notes, func(a, b note) int { return int(a.date) - int(b.date) })
	var out []line
	for _, n := range notes {
		l := line{{fmt.Sprintf("%2d %s  ", n.date.Day(), n.date.Weekday().String()[:3]), inkPlain}}
		l = append(l, line{n.mark}.pad(5)...)
		l = append(l, piece{truncate(n.text, gridWidth-l.width()), inkPlain})
		out = append(out, l)
	}
	return out
}

// legend returns what the tags and marks stand for: the channels, and the
// marks the grids show.
func (c *calView) legend() []line {
	var chans []line
	for i, ch := range c.days.channels {
		chans = append(chans, line{{c.tags[i], inkChannel + ink(i)}, {" " + truncate(channelName(ch), 24), inkPlain}})
	}
	var marks []line
	if len(c.tags) > 0 {
		marks = append(marks, line{{c.tags[0] + "2", inkChannel}, {" = 2 posts on " + truncate(channelName(c.days.channels[0]), 24), inkPlain}})
	}
	for _, m := range []struct {
		on   bool
		mark piece
		text string
	}{
		{c.used[inkOver], piece{"!", inkOver}, " = over the channel's frequency"},
		{c.used[inkGap], piece{"gap", inkGap}, " = a day without posts"},
		{c.overflow, piece{"+N", inkPlain}, " = N posts of channels that do not fit (see --channel)"},
		{c.used[inkSkip], piece{"skipped", inkSkip}, " = a date the spec skips"},
		{c.used[inkHoliday], piece{"hol", inkHoliday}, " = public holiday"},
		{c.used[inkKeyDate], piece{"key", inkKeyDate}, " = a key date of the spec ([[date]])"},
		{c.used[inkReview], piece{"rev", inkReview}, " = review meeting"},
	} {
		if m.on {
			marks = append(marks, line{m.mark, {m.text, inkPlain}})
		}
	}
	return append(wrap("channels: ", chans, gridWidth), wrap("marks:    ", marks, gridWidth)...)
}
