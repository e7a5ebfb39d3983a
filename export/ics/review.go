package ics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/contentplan/contentplan/calendar"
)

// reviewUID is the UID of the plan's review meeting on d.
func reviewUID(plan *calendar.Plan, d calendar.Date) string { return dayUID(plan, "review", d) }

// dayUID is the UID of an event of the plan's own of a kind on d (a
// review meeting; a holiday or occasion): "review-<plan id>-<date>". Like
// a post's id (docs/spec.md, rule 7) it depends on the plan's id, so two
// plans imported into one calendar never share one, and re-runs, changes
// to the channels and renames of a plan with an id all keep it. The date
// has a fixed length and kind no "-", so no two kinds, ids and dates give
// the same text.
func dayUID(plan *calendar.Plan, kind string, d calendar.Date) string {
	id := plan.ID
	if id == "" {
		id = calendar.DerivePlanID(plan.Name) // a plan that Build did not make
	}
	return kind + "-" + id + "-" + d.String() + uidDomain
}

// monthFigures are the counts a review meeting shows for its month: posts
// and borrowed posts per channel. They take one pass over the posts, a
// calendar.Tally fed in it, and memory per month and channel, none per
// post.
type monthFigures struct {
	channels []*calendar.Channel
	tally    *calendar.Tally
	// Channels by identity, falling back to the name for a post whose
	// channel is a copy (hand-made plans).
	index  map[*calendar.Channel]int
	byName map[string]int
}

type channelCount struct{ posts, borrowed int }

func countMonths(plan *calendar.Plan) *monthFigures {
	f := &monthFigures{channels: plan.Channels, tally: calendar.NewTally(plan),
		index: make(map[*calendar.Channel]int, len(plan.Channels)), byName: make(map[string]int, len(plan.Channels))}
	for i, c := range plan.Channels {
		f.index[c] = i
		if _, dup := f.byName[c.Name]; !dup {
			f.byName[c.Name] = i
		}
	}
	for p := range plan.Posts() {
		f.tally.Add(&p)
	}
	return f
}

// month returns the counts of each of the plan's channels in the month of
// d: a channel the plan lists twice counts at its last place, and a post's
// channel the plan does not list counts under the first channel of its
// name, if any.
func (f *monthFigures) month(d calendar.Date) []channelCount {
	counts := make([]channelCount, len(f.channels))
	add := func(i int, c *calendar.Channel) {
		n := f.tally.ChannelMonth(c, d)
		counts[i].posts += n.Posts
		counts[i].borrowed += n.Borrowed
	}
	for i, c := range f.channels {
		if f.index[c] == i {
			add(i, c)
		}
	}
	for _, c := range f.tally.Channels()[len(f.channels):] {
		if c == nil {
			continue // a post without a channel is in no channel's figures
		}
		if i, ok := f.byName[c.Name]; ok {
			add(i, c)
		}
	}
	return counts
}

// review writes a review meeting. Its DESCRIPTION is the agenda, in the
// plan's language: every objective with its KPI and target (the method
// reviews the plan against its KPIs once a month), then the month's posts
// per channel, own and borrowed, against the channel's cap.
func (iw *icsWriter) review(r calendar.Review, figures *monthFigures) {
	if iw.err != nil {
		return
	}
	uid := reviewUID(iw.plan, r.Date)
	e := iw.event(uid)
	if r.Start.IsZero() {
		y, m, d := r.Date.YMD()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		e.SetProperty(ics.ComponentPropertyDtStart, day.Format(icsDate), ics.WithValue(string(ics.ValueDataTypeDate)))
		e.SetProperty(ics.ComponentPropertyDtEnd, day.AddDate(0, 0, 1).Format(icsDate), ics.WithValue(string(ics.ValueDataTypeDate)))
	} else {
		iw.setTimes(e, r.Start, r.End, false)
	}
	title := r.Title
	if title == "" {
		title = iw.t.ReviewFor(r.Date.Year(), r.Date.Month())
	}
	e.SetSummary(icsText(title))
	e.SetDescription(icsText(iw.reviewAgenda(r, figures)))
	e.AddCategory(icsText(iw.t.Reviews))
	e.SetStatus(ics.ObjectStatusConfirmed)
	iw.writeEvent(e, uid)
}

// reviewAgenda is the text of a review meeting:
//
//	Northwind Coffee, Q1 2027
//
//	KPIs to review:
//	- Grow reach. KPI: followers; target: +20%
//
//	Planned for January 2027:
//	- Instagram — 31 posts: own 23, borrowed 8 (25.8%; cap 30%)
//	- Total — 62 posts: own 46, borrowed 16 (25.8%; cap 30%)
func (iw *icsWriter) reviewAgenda(r calendar.Review, figures *monthFigures) string {
	t := iw.t
	var b strings.Builder
	b.WriteString(iw.plan.Name)
	first := true
	for _, g := range iw.plan.Goals {
		for _, o := range g.Objectives {
			if first {
				b.WriteString("\n\n" + t.ReviewKPIs + ":")
				first = false
			}
			what := o.What
			if what == "" {
				what = o.ID
			}
			kpi := o.KPI
			if kpi == "" {
				kpi = "—" // said, so the meeting sees the objective has none
			}
			b.WriteString("\n- " + what + ". " + t.KPI + ": " + kpi)
			if o.Target != "" {
				b.WriteString("; " + strings.ToLower(t.Target) + ": " + o.Target)
			}
		}
	}
	if figures == nil {
		return b.String()
	}
	counts := figures.month(r.Date)
	b.WriteString("\n\n" + t.PlannedFor(r.Date.Year(), r.Date.Month()) + ":")
	var total channelCount
	for i, c := range figures.channels {
		iw.figureLine(&b, c.Name, counts[i], c.Cap)
		total.posts += counts[i].posts
		total.borrowed += counts[i].borrowed
	}
	if len(figures.channels) > 1 {
		iw.figureLine(&b, t.Total, total, iw.plan.Cap)
	}
	return b.String()
}

// figureLine writes "- NAME — N posts: own N, borrowed N (S%; cap C%)",
// the count in the plural form its number takes ("3 поста", "5 постов");
// the share is left out of a month without posts.
func (iw *icsWriter) figureLine(b *strings.Builder, name string, c channelCount, cp calendar.Cap) {
	t := iw.t
	fmt.Fprintf(b, "\n- %s — %s: %s %d, %s %d (", name,
		t.Count(c.posts, t.PostNoun), t.OwnPosts, c.posts-c.borrowed, t.BorrowedPosts, c.borrowed)
	if c.posts > 0 {
		// Basis points, rounded half up, in integers like the cap itself.
		b.WriteString(percent(int((int64(c.borrowed)*20000/int64(c.posts)+1)/2), t.Decimal) + "; ")
	}
	b.WriteString(strings.ToLower(t.Cap) + " " + percent(int(cp), t.Decimal) + ")")
}

// percent writes basis points as a percentage with at most one decimal
// (rounded half up), e.g. 2580 → "25.8%", 3000 → "30%"; dec is the
// language's decimal separator.
func percent(bp int, dec string) string {
	if bp < 0 {
		bp = 0
	}
	tenths := (bp + 5) / 10
	s := strconv.Itoa(tenths / 10)
	if f := tenths % 10; f != 0 {
		s += dec + strconv.Itoa(f)
	}
	return s + "%"
}
