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
	// published counts the posts the plan's facts say are published
	// (calendar.Facts), by channel and month; nil when they say none is.
	published map[channelMonth]channelCount
}

type channelCount struct{ posts, borrowed int }

type channelMonth struct {
	channel *calendar.Channel
	month   calendar.Date
}

func countMonths(plan *calendar.Plan) *monthFigures {
	f := &monthFigures{channels: plan.Channels, tally: calendar.NewTally(plan),
		index: make(map[*calendar.Channel]int, len(plan.Channels)), byName: make(map[string]int, len(plan.Channels))}
	for i, c := range plan.Channels {
		f.index[c] = i
		if _, dup := f.byName[c.Name]; !dup {
			f.byName[c.Name] = i
		}
	}
	// Published posts are said once some post is: until then a re-run
	// over the workbook leaves the meetings as they were.
	facts := plan.Facts
	if facts != nil && len(facts.Published) > 0 {
		f.published = make(map[channelMonth]channelCount)
	}
	for p := range plan.Posts() {
		f.tally.Add(&p)
		if facts != nil && facts.Published[p.ID] {
			k := channelMonth{p.Channel, p.Date.FirstOfMonth()}
			n := f.published[k]
			n.posts++
			if p.Source == calendar.Borrowed {
				n.borrowed++
			}
			f.published[k] = n
		}
	}
	return f
}

// month returns the counts of each of the plan's channels in the month of
// d: a channel the plan lists twice counts at its last place, and a post's
// channel the plan does not list counts under the first channel of its
// name, if any.
func (f *monthFigures) month(d calendar.Date) (counts, published []channelCount) {
	counts = make([]channelCount, len(f.channels))
	published = make([]channelCount, len(f.channels))
	add := func(i int, c *calendar.Channel) {
		n := f.tally.ChannelMonth(c, d)
		counts[i].posts += n.Posts
		counts[i].borrowed += n.Borrowed
		p := f.published[channelMonth{c, d.FirstOfMonth()}]
		published[i].posts += p.posts
		published[i].borrowed += p.borrowed
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
	return counts, published
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
//	- Grow reach. KPI: followers; target: 12000; actual: 10500 (87.5% of the target)
//
//	Planned for January 2027:
//	- Instagram — 31 posts: own 23, borrowed 8 (25.8%; cap 30%); published: 20 (borrowed: 5, 25%)
//	- Total — 62 posts: own 46, borrowed 16 (25.8%; cap 30%); published: 40 (borrowed: 9, 22.5%)
//
//	Decisions of December 2026:
//	- Grow reach: more reels
//
// The target is the month's (docs/spec.md, "How targets are read"); the
// actuals, the published posts and the previous month's decisions are
// the plan's facts, from its last workbook (docs/spec.md, "The monthly
// review"), and are left out without them.
func (iw *icsWriter) reviewAgenda(r calendar.Review, figures *monthFigures) string {
	t := iw.t
	var b strings.Builder
	b.WriteString(iw.plan.Name)
	keys := objectiveKeys(iw.plan)
	month := calendar.MonthIndex(iw.plan.Start.FirstOfMonth(), r.Date)
	first := true
	for gi := range iw.plan.Goals {
		for oi := range iw.plan.Goals[gi].Objectives {
			o := &iw.plan.Goals[gi].Objectives[oi]
			if first {
				b.WriteString("\n\n" + t.ReviewKPIs + ":")
				first = false
			}
			kpi := o.KPI
			if kpi == "" {
				kpi = "—" // said, so the meeting sees the objective has none
			}
			b.WriteString("\n- " + objectiveName(o) + ". " + t.KPI + ": " + kpi)
			target := o.MonthTarget(month)
			if target.Text != "" {
				b.WriteString("; " + strings.ToLower(t.Target) + ": " + target.Show(o.Unit, t.Decimal, t.Thousands))
			}
			b.WriteString(iw.actual(iw.plan.Facts.KPI(keys[o], r.Date), target, o.Unit))
		}
	}
	if figures != nil {
		iw.monthFigures(&b, r, figures)
	}
	iw.decisions(&b, r.Date.FirstOfMonth()-1, keys)
	return b.String()
}

// monthFigures writes the month's posts per channel, and the total.
func (iw *icsWriter) monthFigures(b *strings.Builder, r calendar.Review, figures *monthFigures) {
	t := iw.t
	counts, published := figures.month(r.Date)
	b.WriteString("\n\n" + t.PlannedFor(r.Date.Year(), r.Date.Month()) + ":")
	var total, pub channelCount
	for i, c := range figures.channels {
		iw.figureLine(b, c.Name, counts[i], c.Cap)
		iw.publishedPart(b, figures, published[i])
		total.posts += counts[i].posts
		total.borrowed += counts[i].borrowed
		pub.posts += published[i].posts
		pub.borrowed += published[i].borrowed
	}
	if len(figures.channels) > 1 {
		iw.figureLine(b, t.Total, total, iw.plan.Cap)
		iw.publishedPart(b, figures, pub)
	}
}

// objectiveName is how a meeting names an objective: what it is, or else
// its id.
func objectiveName(o *calendar.ObjectiveSpec) string {
	if o.What != "" {
		return o.What
	}
	return o.ID
}

// objectiveKeys are the keys the plan's facts know its objectives by.
func objectiveKeys(plan *calendar.Plan) map[*calendar.ObjectiveSpec]string {
	keys := make(map[*calendar.ObjectiveSpec]string)
	for _, r := range plan.ReviewedObjectives() {
		keys[r.ObjectiveSpec] = r.Key
	}
	return keys
}

// actual is "; actual: 10500 (87.5% of the target)" for an actual
// entered, with the share when the target is a number, or "" for none.
func (iw *icsWriter) actual(f *calendar.KPIFact, target calendar.Target, unit string) string {
	if f == nil || strings.TrimSpace(f.Actual) == "" {
		return ""
	}
	rt := iw.t.Review()
	s := "; " + rt.ActualIs + ": " + calendar.ShowActual(f.Actual, f.Value, f.HasValue, target, unit, iw.t.Decimal, iw.t.Thousands)
	if v, ok := calendar.Reached(target, f.Value); ok && f.HasValue {
		s += " (" + fmt.Sprintf(rt.OfTarget, calendar.ShowShare(v, iw.t.Decimal)) + ")"
	}
	return s
}

// publishedPart adds "; published: 20 (borrowed: 5, 25%)" to a figure
// line when the plan has facts.
func (iw *icsWriter) publishedPart(b *strings.Builder, figures *monthFigures, p channelCount) {
	if figures.published == nil {
		return
	}
	fmt.Fprintf(b, "; %s: %d (%s: %d", iw.t.Review().PublishedAre, p.posts, iw.t.BorrowedPosts, p.borrowed)
	if p.posts > 0 {
		b.WriteString(", " + percent(int((int64(p.borrowed)*20000/int64(p.posts)+1)/2), iw.t.Decimal))
	}
	b.WriteString(")")
}

// decisions writes the decisions taken for the month of prev (the month
// before the meeting's), one per objective, from the plan's facts.
func (iw *icsWriter) decisions(b *strings.Builder, prev calendar.Date, keys map[*calendar.ObjectiveSpec]string) {
	first := true
	for gi := range iw.plan.Goals {
		for oi := range iw.plan.Goals[gi].Objectives {
			o := &iw.plan.Goals[gi].Objectives[oi]
			f := iw.plan.Facts.KPI(keys[o], prev)
			if f == nil || strings.TrimSpace(f.Decision) == "" {
				continue
			}
			if first {
				y, m, _ := prev.YMD()
				b.WriteString("\n\n" + fmt.Sprintf(iw.t.Review().DecisionsOf, iw.t.MonthInPhrase(m), y) + ":")
				first = false
			}
			b.WriteString("\n- " + objectiveName(o) + ": " + calendar.ShortText(strings.TrimSpace(f.Decision), 500))
		}
	}
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
