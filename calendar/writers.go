package calendar

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/mix"
)

// Writers ([[writer]]) share the posts out inside the post stream, in its
// chronological order, so that the assignment streams too: its state is
// counts per writer, week and channel, never a list of posts.
//
// Build runs the assignment once up front (mix.Counter): each post goes to
// the eligible writer with room in the post's draft-due week who has the
// fewest posts so far (ties: the lighter load that week, then spec order).
// Writers with the same channels and capacity thus stay within one post of
// each other wherever capacity lets them, and no writer ever goes over
// capacity in a week. That greedy can leave a post unassigned although
// another assignment would place it (a writer of every channel full of
// posts others could have taken), so in each week where it left posts
// unassigned, mix.Quotas moves posts between writers until the week places
// as many as its capacities can. Every stream then replays the counted
// assignment within those quotas (mix.Quotas.Assigner): the same picks as
// the greedy until the first week that gained, and the same loads in
// every week. Posts past the quotas stay unassigned (Writer ""), and Build
// names those weeks.

// writerSetup is what every run of the assignment shares: who may write
// for which channel, and the weeks that draft-due dates can fall in.
type writerSetup struct {
	names    []string
	capacity []int    // per writer, per ISO week; 0 is unlimited
	eligible [][]int  // per channel: writer indices in spec order; empty: the owner writes
	channels []string // channel names, for the warnings
	first    Date     // Monday of the first week a draft can be due in
	weeks    int
	quotas   *mix.Quotas // per week, channel and writer, once Build has counted
}

func (b *builder) setupWriters() {
	ws := b.spec.Writers
	if len(ws) == 0 {
		return
	}
	w := &writerSetup{eligible: make([][]int, len(b.plan.Channels))}
	for _, wr := range ws {
		w.names = append(w.names, wr.Name)
		w.capacity = append(w.capacity, max(wr.Capacity, 0))
	}
	maxLead := 0
	for i, ch := range b.plan.Channels {
		w.channels = append(w.channels, ch.Name)
		for j, wr := range ws {
			if wr.Channels == nil || slices.Contains(wr.Channels, ch.Name) {
				w.eligible[i] = append(w.eligible[i], j)
			}
		}
		for _, f := range ch.Formats {
			maxLead = max(maxLead, f.Lead)
		}
	}
	// Draft due moves back from date − lead, and never depends on more
	// than that difference, so the earliest is the first day's with the
	// longest lead; the latest is at most the plan's last day.
	w.first = draftDue(b.plan.Start, maxLead, b.nonWorking).Monday()
	w.weeks = int(b.plan.End.Monday()-w.first)/7 + 1
	b.writers = w
}

// assignment is one run of the assignment over the stream (mix does the
// sharing; here are the dates and names): Build's count, or a stream's
// replay of the quotas.
type assignment struct {
	*writerSetup
	counter *mix.Counter
	replay  *mix.Assigner
}

// count starts Build's counting pass.
func (w *writerSetup) count() *assignment {
	return &assignment{writerSetup: w, counter: mix.NewCounter(w.capacity, w.eligible, w.weeks)}
}

// start starts a stream's run: nil without writers.
func (w *writerSetup) start() *assignment {
	switch {
	case w == nil:
		return nil
	case w.quotas == nil: // not counted (a hand-built builder): the greedy alone
		return &assignment{writerSetup: w, replay: mix.NewAssigner(w.capacity, w.eligible, w.weeks)}
	}
	return &assignment{writerSetup: w, replay: w.quotas.Assigner()}
}

// week is the index of due's ISO week (clamped: a hand-made format may
// have a negative lead).
func (w *writerSetup) week(due Date) int {
	return min(max(int(due.Monday()-w.first)/7, 0), w.weeks-1)
}

// apply sets post's Writer: the writer the assignment picks, "" when every
// eligible writer is full that week, the channel's owner (already there)
// when no writer takes the channel.
func (a *assignment) apply(post *Post) {
	var j int
	if a.counter != nil {
		j = a.counter.Assign(post.Channel.Index, a.week(post.DraftDue))
	} else {
		j = a.replay.Assign(post.Channel.Index, a.week(post.DraftDue))
	}
	switch {
	case j >= 0:
		post.Writer = a.names[j]
	case j == mix.Full:
		post.Writer = ""
	}
}

// finish ends Build's count: it keeps the quotas for the streams and
// returns the warnings and the number of posts left unassigned.
func (w *writerSetup) finish(s *Spec, as *assignment) ([]Diagnostic, int) {
	w.quotas = as.counter.Quotas()
	return w.warnings(s, w.quotas.Shortages())
}

// warnings names each ISO week where posts stay unassigned, and why, in
// terms that add up: the channels' unassigned posts, the writers who could
// take them (all full), and the posts due for every channel those writers
// write, whose number less the writers' capacity is the unassigned.
// Past a few weeks the rest are grouped into one line, so a plan short
// all quarter does not print a screenful. They point at the first
// [[writer]], where capacities are set.
func (w *writerSetup) warnings(spec *Spec, shorts []mix.Shortage) (out []Diagnostic, total int) {
	if len(shorts) == 0 {
		return nil, 0
	}
	unassigned := func(s *mix.Shortage) int {
		n := 0
		for _, u := range s.Unassigned {
			n += u
		}
		return n
	}
	warn := func(msg string) {
		d := spec.diag(Warning, IndexPath("writer", 1), "writers: "+msg)
		if d.Line == 0 {
			d.Path = "" // "writers:" says it all where no line does
		}
		out = append(out, d)
	}
	const listed = 4
	for i := range shorts {
		s := &shorts[i]
		if i == listed-1 && len(shorts) > listed {
			rest := shorts[i:]
			n := 0
			for r := range rest {
				n += unassigned(&rest[r])
			}
			total += n
			warn(fmt.Sprintf("%d more weeks, %s to %s: %s unassigned", len(rest),
				isoWeek(w.monday(rest[0].Period)), isoWeek(w.monday(rest[len(rest)-1].Period)), posts(n)))
			break
		}
		total += unassigned(s)
		warn(fmt.Sprintf("week %s: %s", isoWeek(w.monday(s.Period)), w.shortage(s, unassigned(s))))
	}
	out[len(out)-1].Hints = []string{"raise the writers' capacity, add writers, or let more writers take these channels"}
	return out, total
}

func (w *writerSetup) monday(week int) Date { return w.first + Date(7*week) }

// shortage says what a week's shortage is, e.g.
//
//	3 Дзен posts unassigned: Вера (capacity 2) is full, 5 posts due for Дзен
//	5 posts unassigned (3 Дзен, 2 VK): Вера and Ann (capacity 10 together) are full, 15 posts due for Дзен and VK
func (w *writerSetup) shortage(s *mix.Shortage, n int) string {
	var sb strings.Builder
	var short []int
	for k, u := range s.Unassigned {
		if u > 0 {
			short = append(short, k)
		}
	}
	chName := func(k int) string { return w.channels[k] }
	if len(short) == 1 {
		fmt.Fprintf(&sb, "%d %s %s unassigned: ", n, w.channels[short[0]], i18n.Plural("en", n, i18n.N("post")))
	} else {
		parts := make([]string, 0, len(short))
		for _, k := range short[:min(len(short), listNames)] {
			parts = append(parts, fmt.Sprintf("%d %s", s.Unassigned[k], w.channels[k]))
		}
		if len(short) > listNames {
			rest := 0
			for _, k := range short[listNames:] {
				rest += s.Unassigned[k]
			}
			parts = append(parts, fmt.Sprintf("%d on other channels", rest))
		}
		fmt.Fprintf(&sb, "%s unassigned (%s): ", posts(n), strings.Join(parts, ", "))
	}
	if len(s.Workers) == 1 {
		fmt.Fprintf(&sb, "%s (capacity %d) is full", w.names[s.Workers[0]], s.Capacity)
	} else {
		fmt.Fprintf(&sb, "%s (capacity %d together) are full", nameList(s.Workers, func(j int) string { return w.names[j] }), s.Capacity)
	}
	fmt.Fprintf(&sb, ", %s due for %s", posts(s.Items), nameList(s.Kinds, chName))
	return sb.String()
}

// listNames is how many names a warning lists before "and N more".
const listNames = 3

// nameList joins names as "a", "a and b", "a, b and c", "a, b, c and 2 more".
func nameList(ids []int, name func(int) string) string {
	var names []string
	for _, id := range ids[:min(len(ids), listNames)] {
		names = append(names, name(id))
	}
	if len(ids) > listNames {
		names = append(names, fmt.Sprintf("%d more", len(ids)-listNames))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// isoWeek names d's ISO week as 2027-W05.
func isoWeek(d Date) string {
	y, wk := d.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, wk)
}
