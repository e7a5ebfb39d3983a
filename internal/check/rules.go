package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

// borrowed checks each channel's borrowed share against its cap
// (docs/spec.md, rule 3): with the channel's posts in date and time order
// 1..N, after every post k the borrowed posts so far are at most
// floor(c·k), hence at most floor(c·N) in all. A channel that breaks it
// gets one finding, at the first post where it breaks (always a borrowed
// one), with its totals. A row whose channel the plan does not have (a
// finding of its own) counts in the channel contentplan wrote for it, when
// the hidden column says, so that one bad cell does not shift every later
// post's count; else it is left out.
func borrowed(rows []xlsx.Row, r rules) []Finding {
	byChannel := map[string][]*xlsx.Row{}
	var names []string
	for i := range rows {
		name := rows[i].Channel
		if g := rows[i].Generated; !r.known(name) && g != nil {
			name = g.Channel
		}
		if _, ok := byChannel[name]; !ok {
			names = append(names, name)
		}
		byChannel[name] = append(byChannel[name], &rows[i])
	}
	var out []Finding
	for _, name := range names {
		c, ok := r.channels[name]
		if !ok {
			continue
		}
		posts := byChannel[name]
		slices.SortStableFunc(posts, byTime)
		if f, ok := capBreach(name, posts, c.cap); ok {
			out = append(out, f)
		}
	}
	return out
}

// byTime orders rows by date and time. A date or time cell that did not
// read (its problem is a finding of its own) takes the value contentplan
// wrote in the row's hidden column, so that one bad cell does not move the
// post to the end and shift every later post's count; a row without that
// comes after those with a date or time. Rows at one time keep their sheet
// order.
func byTime(x, y *xlsx.Row) int {
	xd, xhd, xt, xht := when(x)
	yd, yhd, yt, yht := when(y)
	return cmp.Or(
		cmp.Compare(missing(xhd), missing(yhd)), cmp.Compare(xd, yd),
		cmp.Compare(missing(xht), missing(yht)), cmp.Compare(xt, yt))
}

// when is a row's date and time for ordering, and whether each is known.
func when(r *xlsx.Row) (d calendar.Date, hasDate bool, t calendar.Clock, hasTime bool) {
	d, hasDate, t, hasTime = r.Date, r.HasDate, r.Time, r.HasTime
	if g := r.Generated; g != nil {
		if !hasDate {
			d, hasDate = g.Date, true
		}
		if !hasTime {
			t, hasTime = g.Time, true
		}
	}
	return d, hasDate, t, hasTime
}

func missing(has bool) int {
	if has {
		return 0
	}
	return 1
}

// capBreach finds the first of a channel's posts, in time order, after
// which more are borrowed than the cap allows.
func capBreach(channel string, posts []*xlsx.Row, c calendar.Cap) (Finding, bool) {
	n, total := len(posts), 0
	for _, p := range posts {
		if p.Source == calendar.Borrowed {
			total++
		}
	}
	so := 0
	for i, p := range posts {
		if p.Source != calendar.Borrowed {
			continue
		}
		so++
		if k := i + 1; so > c.Floor(k) {
			msg := fmt.Sprintf("%s: %d borrowed by post %d of %d, over the cap of %s (at most %d by then)",
				channel, so, k, n, c, c.Floor(k))
			if k < n {
				state := "within the cap"
				if total > c.Floor(n) {
					state = "over it too"
				}
				msg += fmt.Sprintf("; %d in all, %s (at most %d)", total, state, c.Floor(n))
			}
			return Finding{Kind: Cap, Row: p, Msg: msg}, true
		}
	}
	return Finding{}, false
}

// clashes finds a second row of one post (by id), and two posts of a
// channel at one date and time (docs/spec.md, rule 1): each later row is
// a finding that names the first.
func clashes(rows []xlsx.Row) []Finding {
	type slot struct {
		channel string
		date    calendar.Date
		time    calendar.Clock
	}
	ids := map[string]*xlsx.Row{}
	slots := map[slot]*xlsx.Row{}
	var out []Finding
	for i := range rows {
		r := &rows[i]
		if first, ok := ids[r.ID]; ok {
			out = append(out, Finding{Kind: Clash, Row: r,
				Msg: fmt.Sprintf("%s: a second row of this post (the first is row %d)", channelOf(r), first.Line)})
			continue
		}
		ids[r.ID] = r
		if !r.HasDate || !r.HasTime {
			continue
		}
		k := slot{r.Channel, r.Date, r.Time}
		if first, ok := slots[k]; ok {
			out = append(out, Finding{Kind: Clash, Row: r,
				Msg: fmt.Sprintf("%s: at %s %s, as post %s (row %d)", channelOf(r), r.Date, r.Time, first.ID, first.Line)})
			continue
		}
		slots[k] = r
	}
	return out
}

// noWriter finds posts without a writer, when the plan has writers at all
// (docs/spec.md: every post has someone responsible); a plan without
// writers says nothing.
func noWriter(rows []xlsx.Row, r rules) []Finding {
	if !r.writers {
		return nil
	}
	var out []Finding
	for i := range rows {
		if !hasWriter(&rows[i]) {
			out = append(out, Finding{Kind: NoWriter, Row: &rows[i], Msg: channelOf(&rows[i]) + ": no writer"})
		}
	}
	return out
}

// status is a row's status key; a blank cell is "planned", as a new post
// is, and a cell that says no status is "".
func status(r *xlsx.Row) string {
	if r.Status == "" && strings.TrimSpace(r.StatusText) == "" {
		return "planned"
	}
	return r.Status
}

// pastDue finds drafts due before today that are still being written:
// status Planned, Drafting, In review or Needs changes.
func pastDue(rows []xlsx.Row, today calendar.Date) []Finding {
	var out []Finding
	for i := range rows {
		r := &rows[i]
		s := status(r)
		if !r.HasDraftDue || r.DraftDue >= today || !slices.Contains(xlsx.Statuses[:4], s) {
			continue
		}
		out = append(out, Finding{Kind: PastDue, Row: r,
			Msg: fmt.Sprintf("%s: draft due %s, %s ago; status still %q", channelOf(r), r.DraftDue, plural(int(today-r.DraftDue), "day"), s)})
	}
	return out
}

// overLimit finds copy longer than the channel's limit, counted as the
// workbook's Length column counts it (xlsx.CopyLength). The limit is the
// spec's or the marker's, else the row's Limit cell.
func overLimit(rows []xlsx.Row, r rules) []Finding {
	var out []Finding
	for i := range rows {
		row := &rows[i]
		limit := r.channels[row.Channel].limit
		if limit == 0 {
			limit = row.Limit
		}
		if n := xlsx.CopyLength(row.Copy); limit > 0 && n > limit {
			out = append(out, Finding{Kind: OverLimit, Row: row,
				Msg: fmt.Sprintf("%s: copy of %d characters, over the limit of %d", channelOf(row), n, limit)})
		}
	}
	return out
}

// noCopy finds posts approved, scheduled or published without copy.
func noCopy(rows []xlsx.Row) []Finding {
	var out []Finding
	for i := range rows {
		r := &rows[i]
		if slices.Contains(xlsx.Statuses[4:], r.Status) && strings.TrimSpace(r.Copy) == "" {
			out = append(out, Finding{Kind: NoCopy, Row: r, Msg: fmt.Sprintf("%s: %s with no copy", channelOf(r), r.Status)})
		}
	}
	return out
}

// unread finds the cells that did not read: those the reader said (a date
// that is no date), a status that is none of the seven and a source that
// is neither own nor borrowed (counted as own).
func unread(rows []xlsx.Row) []Finding {
	var out []Finding
	for i := range rows {
		r := &rows[i]
		add := func(format string, args ...any) {
			out = append(out, Finding{Kind: Unread, Row: r, Msg: channelOf(r) + ": " + fmt.Sprintf(format, args...)})
		}
		for _, p := range r.Problems {
			add("%s", p)
		}
		if status(r) == "" {
			add("status %q: not one of the statuses (pick one from the cell's list)", r.StatusText)
		}
		if r.Source == "" && strings.TrimSpace(r.SourceText) != "" {
			add("source %q: neither own nor borrowed (counted as own)", r.SourceText)
		}
	}
	return out
}

// unknown finds the posts of channels the plan does not have (a channel
// cell edited, or a spec without that channel), whose copy limit is
// unknown and whose cap is known only through the hidden column (see
// borrowed): one finding a channel, at its first row.
func unknown(rows []xlsx.Row, r rules) []Finding {
	count := map[string]int{}
	var firsts []*xlsx.Row
	for i := range rows {
		row := &rows[i]
		if r.known(row.Channel) {
			continue
		}
		if count[row.Channel] == 0 {
			firsts = append(firsts, row)
		}
		count[row.Channel]++
	}
	where := "not one of the plan's channels"
	if r.fromSpec {
		where = "not in the spec"
	}
	out := make([]Finding, 0, len(firsts))
	for _, row := range firsts {
		posts := plural(count[row.Channel], "post")
		msg := fmt.Sprintf("no channel (%s)", posts)
		if row.Channel != "" {
			msg = fmt.Sprintf("channel %q: %s (%s)", row.Channel, where, posts)
		}
		out = append(out, Finding{Kind: Unknown, Row: row, Msg: msg})
	}
	return out
}
