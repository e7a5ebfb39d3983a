package html

import (
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// A day of at most busyDay posts lists them all. A busier day (a big
// plan's: 30 channels at 3 a day make 90) lists its first shownPosts and
// folds the rest under "+N more", so that a day stays a day's height and
// the browser lays out a few posts a day; the filters unfold them. The
// fold is one <details> a day: one a channel and day was tried, and its
// 11,000 elements, each with a shadow tree of its own, tripled the time
// Chromium took to open a year of 30 channels.
const (
	busyDay    = 12
	shownPosts = 10
)

// builder turns the plan's days into what the template shows.
type builder struct {
	plan     *calendar.Plan
	t        *i18n.Texts
	loc      *time.Location
	from, to calendar.Date // the dates the page shows: the plan's and any post's

	chans    map[*calendar.Channel]int
	writers  map[string]int // "" (no writer) is 0
	pillars  map[*calendar.Pillar]int
	holidays map[calendar.Date][]string // public holidays' names, in the plan's language
	keyDates map[calendar.Date][]string // the spec's [[date]]s
	reviews  map[calendar.Date]string
	skipped  map[calendar.Date]bool

	tally  *calendar.Tally
	stream *stream
	buf    []calendar.Post // the day's posts
	views  []post
}

func newBuilder(plan *calendar.Plan, s *surveyed, t *i18n.Texts) *builder {
	b := &builder{plan: plan, t: t, loc: plan.Location, tally: s.tally,
		chans: map[*calendar.Channel]int{}, writers: map[string]int{"": 0}, pillars: map[*calendar.Pillar]int{},
		holidays: map[calendar.Date][]string{}, keyDates: map[calendar.Date][]string{}, reviews: map[calendar.Date]string{},
		skipped: map[calendar.Date]bool{}}
	if b.loc == nil {
		b.loc = time.UTC
	}
	b.from, b.to = plan.Start, plan.End
	if plan.End < plan.Start || plan.Start == 0 && plan.End == 0 { // a hand-made plan without dates
		b.from, b.to = s.first, s.last
		if !s.hasPosts {
			b.from, b.to = 1, 0
		}
	}
	if s.hasPosts {
		b.from, b.to = min(b.from, s.first), max(b.to, s.last)
	}
	for i, c := range s.tally.Channels() {
		b.chans[c] = i
	}
	for _, o := range plan.Occasions {
		if o.Holiday {
			b.holidays[o.Date] = append(b.holidays[o.Date], o.Name)
		} else {
			b.keyDates[o.Date] = append(b.keyDates[o.Date], o.Name)
		}
	}
	for _, r := range plan.Reviews {
		b.reviews[r.Date] = r.Start.In(b.loc).Format("15:04") + " " + t.ReviewMeeting
	}
	for _, d := range plan.Skip {
		b.skipped[d] = true
	}
	return b
}

// months yields the first day of every month the page shows.
func (b *builder) months() iter.Seq[calendar.Date] {
	return func(yield func(calendar.Date) bool) {
		if b.to < b.from {
			return
		}
		for m := b.from.FirstOfMonth(); m <= b.to; m += calendar.Date(m.DaysInMonth()) {
			if !yield(m) {
				return
			}
		}
	}
}

// day is a cell of a month's grid.
type day struct {
	Class, Num, Weekday string
	Pad                 bool
	Holidays, KeyDates  []string // the day's holidays and [[date]]s
	Review, DST         string
	Skipped             string // the words, on a skipped date
	Campaigns           []campaignMark
	Posts               []post // the posts listed
	More                []post // a busy day's posts folded under MoreLabel
	MoreLabel           string
}

type campaignMark struct{ Class, Name string }

// post is a post as the page shows it. Class names its channel (c),
// writer (w), pillar (q) and source (o or b), for the filters.
type post struct {
	ID, Class, Time, Channel, Meta, Note string
	Borrowed                             string // the word, for a borrowed post
}

// day builds the cell of d, with its posts when it is a day of the month
// shown (not padding).
func (b *builder) day(d calendar.Date, inMonth bool) *day {
	if !inMonth {
		return &day{Class: "day pad", Pad: true}
	}
	c := &day{Num: strconv.Itoa(d.Day()), Weekday: b.t.Weekday(d.Weekday()), Holidays: b.holidays[d],
		KeyDates: b.keyDates[d], Review: b.reviews[d]}
	if b.skipped[d] {
		c.Skipped = b.t.Skipped
	}
	if before, after, ok := b.clockChange(d); ok {
		c.DST = strings.Replace(strings.Replace(b.t.ClockChange, "%s", before, 1), "%s", after, 1)
	}
	for i, cp := range b.plan.Campaigns {
		if d >= cp.Start && d <= cp.End {
			cls := campClass(i)
			if d != cp.Start && d.ISOWeekday() != 0 && d.Day() != 1 {
				cls += " cont" // the name shows where the band starts and on Mondays
			}
			c.Campaigns = append(c.Campaigns, campaignMark{cls, cp.Name})
		}
	}
	b.buf = b.stream.take(b.buf[:0], d, d == b.to)
	b.views = b.views[:0]
	for i := range b.buf {
		b.views = append(b.views, b.post(&b.buf[i]))
	}
	c.Posts = b.views
	if len(b.views) > busyDay {
		c.Posts, c.More = b.views[:shownPosts], b.views[shownPosts:]
		c.MoreLabel = strings.Replace(b.t.MorePosts, "%d", strconv.Itoa(len(c.More)), 1)
	}
	c.Class = b.dayClass(d, c)
	return c
}

func (b *builder) dayClass(d calendar.Date, c *day) string {
	cls := "day"
	if d.Weekend() {
		cls += " we"
	}
	if d < b.plan.Start || d > b.plan.End {
		cls += " out"
	}
	switch {
	case len(c.Holidays) > 0:
		cls += " hd"
	case len(c.KeyDates) > 0:
		cls += " kd"
	}
	if len(c.Posts)+len(c.Holidays)+len(c.KeyDates)+len(c.Campaigns) == 0 && c.Review+c.DST+c.Skipped == "" {
		cls += " empty" // left out of the phone's list of days
	}
	return cls
}

func (b *builder) post(p *calendar.Post) post {
	v := post{ID: p.ID, Time: p.Time.String(), Channel: channelName(p.Channel)}
	src := "o"
	if p.Source == calendar.Borrowed {
		src, v.Borrowed = "b", b.t.Borrowed
	}
	v.Class = "p " + chanClass(b.chans[p.Channel]) + " w" + strconv.Itoa(b.writer(p.Writer)) +
		" q" + strconv.Itoa(b.pillar(p.Pillar)) + " " + src
	var meta []string
	if p.Format != nil {
		meta = append(meta, p.Format.Name)
	}
	if p.Pillar != nil {
		meta = append(meta, p.Pillar.Name)
	}
	if p.Writer != "" {
		meta = append(meta, p.Writer)
	}
	v.Meta = strings.Join(meta, " · ")
	switch p.DST {
	case calendar.DSTGap:
		v.Note = utcOffset(p.Start) + ", " + b.t.DSTMoved
	case calendar.DSTAmbiguous:
		v.Note = utcOffset(p.Start)
	}
	return v
}

// clockChange reports whether the UTC offset changes during d, and from
// what to what.
func (b *builder) clockChange(d calendar.Date) (before, after string, ok bool) {
	t0, t1 := d.Time(b.loc), (d + 1).Time(b.loc)
	_, o0 := t0.Zone()
	_, o1 := t1.Zone()
	if o0 == o1 {
		return "", "", false
	}
	return utcOffset(t0), utcOffset(t1), true
}

// utcOffset writes t's offset from UTC: "UTC+02:00".
func utcOffset(t time.Time) string { return "UTC" + t.Format("-07:00") }
