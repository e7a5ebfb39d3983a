package calendar

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/mix"
)

// MaxPosts is the most posts a plan may have. Beyond it the outputs stop
// being usable (a sheet holds 1,048,576 rows; calendar programs choke far
// earlier), and a typo such as "500/day" should fail at once, not after
// minutes of work (docs/spec.md, Limits).
const MaxPosts = 5_000_000

// Build schedules a parsed spec into a plan (docs/spec.md, "What every
// generated plan satisfies"). It runs one counting pass per channel to
// learn each channel's posts, borrowed share, drops and DST shifts
// (campaign extras included), with [[writer]] one light merged pass to
// learn which posts no writer can take, and hands back a plan whose Posts
// stream regenerates the posts on demand, so memory does not grow with the
// plan. Its warnings are what scheduling found; the spec's checker
// (package calendar/spec) reports everything about the spec's own values.
func Build(s *Spec) (*Plan, error) {
	if err := guard(s); err != nil {
		return nil, err
	}
	p := newPlan(s)
	formats := p.addFormats(s.Formats)
	p.addPillars(s.Pillars)
	p.addDays(&s.Plan, s.Dates)
	nonWorking := p.nonWorking(s)
	p.addChannels(s.Channels, formats)

	b := &builder{plan: p, spec: s, skip: newDayMask(p.Start, p.End, p.Skip), nonWorking: nonWorking}
	b.resolveCampaigns()
	eligible := b.countChannels()
	b.pillarTargets = mix.Table(eligible, pillarWeights(p.Pillars))
	b.setupWriters()
	b.countWriters()
	p.Reviews = reviews(p, s.Plan.Review, nonWorking)
	p.SetPosts(b.posts)
	return p, nil
}

// guard refuses a spec that the spec's checker (package calendar/spec)
// would have refused, so that a hand-made Spec cannot make Build loop for
// hours or hand the writers posts without a format. It names what is wrong
// for a programmer, not a user: the checker's messages are the user's.
func guard(s *Spec) error {
	if s == nil {
		return errors.New("calendar: Build of a nil spec")
	}
	if s.Plan.End < s.Plan.Start {
		return fmt.Errorf("calendar: the plan ends on %s, before it starts on %s", s.Plan.End, s.Plan.Start)
	}
	if code := s.Plan.Holidays; code != "" && !knownCountry(code) {
		return fmt.Errorf("calendar: holidays %q: unknown country code", code)
	}
	for _, ch := range s.Channels {
		if len(ch.Formats) == 0 {
			return fmt.Errorf("calendar: channel %q names no format", ch.Name)
		}
	}
	for _, cs := range s.Campaigns {
		if x := cs.Extra; x.N > 0 && (x.Weekdays || x.Per != PerDay && x.Per != PerWeek) {
			return fmt.Errorf("calendar: campaign %q: extra posts %s, not N/day or N/week", cs.Name, x)
		}
	}
	if n := NominalPosts(s); n > MaxPosts {
		return fmt.Errorf("calendar: %d posts, more than MaxPosts (%d)", n, MaxPosts)
	}
	return nil
}

// newPlan starts the plan with what it takes from the spec as it is.
func newPlan(s *Spec) *Plan {
	loc := s.Plan.Location
	if loc == nil {
		loc = time.UTC
	}
	p := &Plan{
		File:      s.File,
		Name:      s.Plan.Name,
		ID:        s.Plan.ID,
		Start:     s.Plan.Start,
		End:       s.Plan.End,
		Location:  loc,
		Timezone:  s.Plan.Timezone,
		Cap:       s.Plan.Borrowed,
		Language:  s.Plan.Language,
		Currency:  s.Plan.Currency,
		Goals:     s.Goals,
		Writers:   s.Writers,
		Campaigns: s.Campaigns,
	}
	if p.Timezone == "" {
		p.Timezone = loc.String()
	}
	if p.ID == "" {
		// spec.Parse fills it in; a hand-made spec gets the same default.
		p.ID = DerivePlanID(p.Name)
	}
	return p
}

// addFormats gives the plan its formats, shared by pointer with every post,
// and returns them by name (the first of a name wins).
func (p *Plan) addFormats(specs []FormatSpec) map[string]*Format {
	formats := map[string]*Format{}
	for _, f := range specs {
		if _, dup := formats[f.Name]; dup {
			continue
		}
		ff := &Format{FormatSpec: f}
		formats[f.Name] = ff
		p.Formats = append(p.Formats, ff)
	}
	return formats
}

// addPillars gives the plan its pillars, shared by pointer with every post.
func (p *Plan) addPillars(specs []PillarSpec) {
	for _, pl := range specs {
		p.Pillars = append(p.Pillars, &Pillar{PillarSpec: pl})
	}
}

// addDays fills the plan's public holidays, its occasions (the holidays
// and the spec's dates) and its skipped dates: plan.skip, the dates with
// skip, and the holidays under skip_holidays, sorted and distinct.
func (p *Plan) addDays(ps *PlanSpec, dates []DateSpec) {
	if ps.Holidays != "" {
		p.Holidays, _ = HolidaysIn(ps.Holidays, p.Start, p.End) // the code passed guard
	}
	p.Occasions = occasions(p.Holidays, dates, p.Language, p.Start, p.End)
	skip := slices.Clone(ps.Skip)
	for _, d := range dates {
		if d.Skip {
			skip = append(skip, d.Date)
		}
	}
	if ps.SkipHolidays && ps.Holidays != "" {
		off, _ := DaysOff(ps.Holidays, p.Start, p.End)
		skip = append(skip, off...)
	}
	slices.Sort(skip)
	p.Skip = slices.Compact(skip)
}

// nonWorking is the days no draft is due and no review held on, besides
// weekends: skipped dates, the spec's dates with day_off, and the
// holidays' days off, moved ones included (docs/spec.md, "Holidays"),
// those before the plan too, since drafts are due before it starts.
func (p *Plan) nonWorking(s *Spec) map[Date]bool {
	out := map[Date]bool{}
	for _, d := range p.Skip {
		out[d] = true
	}
	for _, d := range s.Dates {
		if d.DayOff {
			out[d.Date] = true
		}
	}
	if s.Plan.Holidays == "" {
		return out
	}
	maxLead := 0
	for _, f := range s.Formats {
		maxLead = max(maxLead, f.Lead)
	}
	if off, err := DaysOff(s.Plan.Holidays, p.Start-Date(min(maxLead, 3660))-31, p.End); err == nil {
		for _, d := range off {
			out[d] = true
		}
	}
	return out
}

// addChannels gives the plan its channels, each with its formats and their
// weights.
func (p *Plan) addChannels(specs []ChannelSpec, formats map[string]*Format) {
	for i, cs := range specs {
		ch := &Channel{
			Index:     i,
			Name:      cs.Name,
			ID:        cmp.Or(cs.ID, cs.Name), // spec.Parse fills it in; a hand-made spec gets the same default
			Limit:     cs.Limit,
			Frequency: cs.Frequency,
			Days:      cs.Days,
			Times:     cs.Times,
			Cap:       cs.Borrowed,
			Owner:     cs.Owner,
		}
		for _, w := range cs.Formats {
			f := formats[w.Name]
			if f == nil {
				// spec.Parse declares every format a channel names; a
				// hand-made spec gets the documented defaults.
				f = &Format{FormatSpec: DefaultFormat(w.Name)}
				formats[w.Name] = f
				p.Formats = append(p.Formats, f)
			}
			ch.Formats = append(ch.Formats, f)
			ch.Weights = append(ch.Weights, w.Weight)
		}
		p.Channels = append(p.Channels, ch)
	}
}

// countChannels runs each channel's schedule once to count its posts,
// borrowed share and drops, adds its warnings to the plan, and returns the
// posts of each channel that take the pillar rotation (those outside a
// campaign with a pillar).
func (b *builder) countChannels() (eligible []int) {
	p := b.plan
	eligible = make([]int, len(p.Channels))
	for i, ch := range p.Channels {
		c := b.count(i)
		ch.Posts = c.posts
		ch.Dropped = c.gen.dropped()
		if b.hasBorrowable(ch) {
			ch.Borrowed = mix.BorrowedTotal(int(ch.Cap), ch.Posts)
		}
		eligible[i] = c.posts - c.campaign
		p.Total += ch.Posts
		p.Borrowed += ch.Borrowed
		p.Warnings = append(p.Warnings, channelWarnings(b.spec, i, ch, c.gen)...)
	}
	return eligible
}

func pillarWeights(pillars []*Pillar) []float64 {
	weights := make([]float64, len(pillars))
	for i, pl := range pillars {
		weights[i] = pl.Weight
	}
	return weights
}

// countWriters runs the writers' assignment once, with [[writer]]: Build
// must know up front which posts no writer can take, so it runs the
// stream's assignment in the stream's order, on posts light enough to skip
// their ids and instants; its counts become each week's quotas for the
// streams (writers.go).
func (b *builder) countWriters() {
	if b.writers == nil {
		return
	}
	as := b.writers.count()
	b.walk(true, as, func(Post) bool { return true })
	ws, unassigned := b.writers.finish(b.spec, as)
	b.plan.Warnings = append(b.plan.Warnings, ws...)
	b.plan.Unassigned = unassigned
}

// builder holds what the streams of a plan share.
type builder struct {
	plan          *Plan
	spec          *Spec
	skip          dayMask
	nonWorking    map[Date]bool
	pillarTargets [][]int
	campaigns     [][]campaign  // per channel, in spec order
	extras        [][]extraRule // per channel: the campaigns' extra posts
	writers       *writerSetup  // nil without [[writer]]
}

func (b *builder) hasBorrowable(ch *Channel) bool {
	for _, f := range ch.Formats {
		if f.Borrowable {
			return true
		}
	}
	return false
}

func (b *builder) gen(i int) *slotGen {
	g := newSlotGen(&b.spec.Channels[i], b.plan.Start, b.plan.End, b.plan.Location, b.skip)
	g.extras = b.extras[i]
	return g
}

type counted struct {
	posts    int
	campaign int // posts that take a campaign's pillar
	gen      *slotGen
}

// count runs channel i's schedule once, counting without building posts.
func (b *builder) count(i int) counted {
	c := counted{gen: b.gen(i)}
	for {
		s, ok := c.gen.Next()
		if !ok {
			return c
		}
		c.posts++
		if cp := b.campaignOf(i, &s); cp != nil && cp.pillar != nil {
			c.campaign++
		}
	}
}

// stream produces the posts of one channel.
type stream struct {
	b          *builder
	i          int
	ch         *Channel
	gen        *slotGen
	k          int
	borrowable bool
	light      bool // only what the writers' assignment needs: channel, format, draft due, order
	formats    *mix.Sequencer
	pillars    *mix.Sequencer
	head       Post
	headSec    int64 // head.Start in Unix seconds, for the merge

	// What the posts' ids hash (identity.go): the plan's and channel's
	// ids, encoded once, and the day of the last post, formatted once,
	// since a channel posts several times a day.
	idPrefix []byte
	idDay    Date
	idDayLen int
	idDayBuf [24]byte
}

// idDate returns d formatted for the post's id.
func (st *stream) idDate(d Date) []byte {
	if st.idDayLen == 0 || d != st.idDay {
		st.idDay, st.idDayLen = d, len(appendIDDate(st.idDayBuf[:0], d))
	}
	return st.idDayBuf[:st.idDayLen]
}

func (b *builder) stream(i int, light bool) *stream {
	ch := b.plan.Channels[i]
	st := &stream{b: b, i: i, ch: ch, gen: b.gen(i), borrowable: b.hasBorrowable(ch), light: light}
	canBorrow := make([]bool, len(ch.Formats))
	for j, f := range ch.Formats {
		canBorrow[j] = f.Borrowable
	}
	targets := mix.FormatTargets(ch.Posts, ch.Borrowed, ch.Weights, canBorrow)
	st.formats = mix.NewSequencer(targets, canBorrow, ch.Borrowed)
	if !light {
		st.idPrefix = appendIDPrefix(nil, b.plan.ID, ch.ID)
		if len(b.plan.Pillars) > 0 {
			st.pillars = mix.NewSequencer(b.pillarTargets[i], nil, 0)
		}
	}
	return st
}

// next builds the channel's next post into st.head.
func (st *stream) next() bool {
	s, ok := st.gen.Next()
	if !ok {
		return false
	}
	st.k++
	borrowed := st.borrowable && mix.IsBorrowed(int(st.ch.Cap), st.k)
	var f *Format
	if fi := st.formats.Next(borrowed); fi >= 0 {
		f = st.ch.Formats[fi]
	}
	if st.light {
		st.head = Post{Channel: st.ch, Format: f, Writer: st.ch.Owner}
		if f != nil {
			st.head.DraftDue = draftDue(s.nomDate, f.Lead, st.b.nonWorking)
		}
		st.headSec = s.sec
		return true
	}
	// The post is built in place: a Post is some 200 bytes, and copying
	// it through a local was a visible share of a million-post stream.
	post := &st.head
	*post = Post{
		ID:      postID(st.idPrefix, st.idDate(s.nomDate), int(s.place)),
		Date:    s.date,
		Time:    s.time,
		Start:   time.Unix(s.sec, 0).In(st.b.plan.Location),
		Channel: st.ch,
		Format:  f,
		Source:  Own,
		Writer:  st.ch.Owner,
		Status:  "planned",
		DST:     s.dst,
	}
	if borrowed {
		post.Source = Borrowed
	}
	post.End = post.Start
	if f != nil {
		post.End = post.Start.Add(f.Duration)
		post.Cost = f.Cost
		post.DraftDue = draftDue(s.nomDate, f.Lead, st.b.nonWorking)
	}
	cp := st.b.campaignOf(st.i, &s)
	if cp != nil {
		post.Campaign = cp.name
	}
	switch {
	case cp != nil && cp.pillar != nil:
		post.Pillar = cp.pillar
	case st.pillars != nil:
		if pi := st.pillars.Next(false); pi >= 0 {
			post.Pillar = st.b.plan.Pillars[pi]
		}
	}
	st.headSec = s.sec
	return true
}

// draftDue is the date lead days before d, moved back to a working day:
// not a weekend, not a skipped date, not a holiday.
func draftDue(d Date, lead int, nonWorking map[Date]bool) Date {
	due := d - Date(lead)
	// Bounded: a long run of skipped dates must not loop forever.
	for range 3660 {
		if !due.Weekend() && !nonWorking[due] {
			break
		}
		due--
	}
	return due
}

// appendInt appends n zero-padded to width digits (n ≥ 0).
func appendInt(b []byte, n, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for n > 0 || i > len(tmp)-width {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, tmp[i:]...)
}

// posts streams every post of the plan: each channel regenerated lazily,
// merged by start instant, then channel order, and given its writer.
func (b *builder) posts(yield func(Post) bool) { b.walk(false, b.writers.start(), yield) }

// walk merges the channels' streams (light ones for Build's counting pass)
// and shares the posts out among the writers in that order (as is nil
// without writers).
func (b *builder) walk(light bool, as *assignment, yield func(Post) bool) {
	// The heap holds each stream's key inline: with hundreds of channels
	// the sift's comparisons were a fifth of the stream, most of it spent
	// reaching into the streams for their heads.
	type entry struct {
		sec int64 // the head's instant
		i   int   // channel order, for ties
		st  *stream
	}
	var h []entry
	for i := range b.plan.Channels {
		st := b.stream(i, light)
		if st.next() {
			h = append(h, entry{st.headSec, i, st})
		}
	}
	less := func(x, y *entry) bool {
		return x.sec < y.sec || x.sec == y.sec && x.i < y.i
	}
	down := func(j int) {
		n := len(h)
		for {
			l := 2*j + 1
			if l >= n {
				return
			}
			if r := l + 1; r < n && less(&h[r], &h[l]) {
				l = r
			}
			if !less(&h[l], &h[j]) {
				return
			}
			h[j], h[l] = h[l], h[j]
			j = l
		}
	}
	for j := len(h)/2 - 1; j >= 0; j-- {
		down(j)
	}
	for len(h) > 0 {
		top := h[0].st
		if as != nil {
			as.apply(&top.head)
		}
		if !yield(top.head) {
			return
		}
		if top.next() {
			h[0].sec = top.headSec
		} else {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		down(0)
	}
}

// channelWarnings says what the schedule of channel i had to drop or
// shift: how many posts, on which dates (docs/spec.md, rule 2), and why;
// a DST shift names its first post, with the time it became.
func channelWarnings(s *Spec, i int, ch *Channel, g *slotGen) []Diagnostic {
	var out []Diagnostic
	warn := func(msg string, hints ...string) {
		out = append(out, s.diag(Warning, IndexPath("channel", i+1), fmt.Sprintf("channel %q: %s", ch.Name, msg), hints...))
	}
	period := "week"
	if ch.Frequency.Per == PerMonth && !ch.Frequency.Weekdays {
		period = "month"
	}
	if g.droppedSkip > 0 {
		warn(fmt.Sprintf("%s dropped on %s: skipped dates with no free later day in the same %s", posts(g.droppedSkip), &g.skipDates, period))
	}
	if g.droppedTimes > 0 {
		warn(fmt.Sprintf("%s dropped on %s: more posts on a day than the channel has times", posts(g.droppedTimes), &g.timeDates),
			"add times to the channel")
	}
	if g.gaps > 0 {
		s := g.firstGap
		warn(fmt.Sprintf("%s at a time that does not exist on a DST change day, moved forward (first: %s %s is %s)",
			posts(g.gaps), s.nomDate, s.nomTime, s.time))
	}
	if g.ambiguous > 0 {
		s := g.firstAmbiguous
		warn(fmt.Sprintf("%s at a time that occurs twice on a DST change day, at its first occurrence (first: %s %s, %s)",
			posts(g.ambiguous), s.nomDate, s.nomTime, time.Unix(s.sec, 0).UTC().Format("15:04 UTC")))
	}
	if g.extraSkip > 0 {
		warn(fmt.Sprintf("%s of campaigns dropped on %s: skipped dates with no later day of the campaign in the same week",
			extraPosts(g.extraSkip), &g.extraSkipDates))
	}
	if g.extraTimes > 0 {
		warn(fmt.Sprintf("%s of campaigns dropped on %s: no free time left on the day", extraPosts(g.extraTimes), &g.extraTimeDates),
			"add times to the channel, or lower the campaign's extra")
	}
	if g.droppedDST > 0 {
		s := g.firstDST
		warn(fmt.Sprintf("%s dropped: a time that does not exist on a DST change day, moved forward, meets another post (first: %s %s)",
			posts(g.droppedDST), s.nomDate, s.nomTime), "pick times outside the hour the clocks skip")
	}
	return out
}

func extraPosts(n int) string { return i18n.Count("en", n, i18n.N("extra post")) }

func posts(n int) string { return i18n.Count("en", n, i18n.N("post")) }
