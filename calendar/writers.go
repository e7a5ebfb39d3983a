package calendar

import (
	"fmt"
	"slices"

	"github.com/contentplan/contentplan/mix"
)

// Writers ([[writer]]) share the posts out inside the post stream, in its
// chronological order, so that the assignment streams too (mix.Assigner):
// its state is a count per writer and a load per writer and ISO week,
// never a list of posts. Each post goes to the eligible writer with room in the post's
// draft-due week who has the fewest posts so far (ties: the lighter load
// that week, then spec order). Writers with the same channels and capacity
// thus stay within one post of each other wherever capacity lets them, and
// no writer ever goes over capacity in a week. When every eligible writer
// is full, the post stays unassigned (Writer ""); Build runs the same
// assignment once up front to count and report those weeks.

// writerSetup is what every run of the assignment shares: who may write
// for which channel, and the weeks that draft-due dates can fall in.
type writerSetup struct {
	names    []string
	capacity []int   // per writer, per ISO week; 0 is unlimited
	eligible [][]int // per channel: writer indices in spec order; empty: the owner writes
	first    Date    // Monday of the first week a draft can be due in
	weeks    int
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

// assignment is one run of the assignment over the stream (mix.Assigner
// does the sharing; here are the dates and names).
type assignment struct {
	*writerSetup
	mix *mix.Assigner
}

func (w *writerSetup) start() *assignment {
	if w == nil {
		return nil
	}
	return &assignment{writerSetup: w, mix: mix.NewAssigner(w.capacity, w.eligible, w.weeks)}
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
	switch j := a.mix.Assign(post.Channel.Index, a.week(post.DraftDue)); {
	case j >= 0:
		post.Writer = a.names[j]
	case j == mix.Full:
		post.Writer = ""
	}
}

// shortfall counts, in Build's pass, the posts per channel and week, and
// those left unassigned, for the warnings.
type shortfall struct {
	channels   int
	posts      []int32 // posts[week*channels + channel]
	unassigned []int32 // likewise
}

// writerWarnings names each ISO week where posts stayed unassigned, with
// the capacity of the writers who could have taken them and the posts
// they had to choose from; past a few weeks the rest are grouped into one
// line, so a plan short all quarter does not print a screenful.
func (w *writerSetup) warnings(file string, sf *shortfall) (out []Diagnostic, total int) {
	type short struct {
		monday            Date
		unassigned, posts int
		capacity          int
	}
	var weeks []short
	for wk := range w.weeks {
		row := wk * sf.channels
		var un int
		var who []bool
		for ch := range sf.channels {
			if n := int(sf.unassigned[row+ch]); n > 0 {
				un += n
				if who == nil {
					who = make([]bool, len(w.names))
				}
				for _, j := range w.eligible[ch] {
					who[j] = true
				}
			}
		}
		if un == 0 {
			continue
		}
		s := short{monday: w.first + Date(7*wk), unassigned: un}
		for j, ok := range who {
			if ok {
				s.capacity += w.capacity[j]
			}
		}
		// The posts these writers could take: those of every channel
		// one of them writes for.
		for ch := range sf.channels {
			if slices.ContainsFunc(w.eligible[ch], func(j int) bool { return who[j] }) {
				s.posts += int(sf.posts[row+ch])
			}
		}
		weeks = append(weeks, s)
		total += un
	}
	if len(weeks) == 0 {
		return nil, 0
	}
	warn := func(msg string) {
		out = append(out, Diagnostic{Severity: Warning, File: file, Msg: "writers: " + msg})
	}
	const listed = 4
	for i, s := range weeks {
		if i == listed-1 && len(weeks) > listed {
			rest := weeks[i:]
			n := 0
			for _, r := range rest {
				n += r.unassigned
			}
			warn(fmt.Sprintf("%d more weeks, %s to %s: %s unassigned", len(rest), isoWeek(rest[0].monday), isoWeek(rest[len(rest)-1].monday), posts(n)))
			break
		}
		warn(fmt.Sprintf("week %s: %s unassigned: capacity %d, posts %d", isoWeek(s.monday), posts(s.unassigned), s.capacity, s.posts))
	}
	out[len(out)-1].Hints = []string{"raise the writers' capacity, add writers, or let more writers take these channels"}
	return out, total
}

// isoWeek names d's ISO week as 2027-W05.
func isoWeek(d Date) string {
	y, wk := d.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, wk)
}
