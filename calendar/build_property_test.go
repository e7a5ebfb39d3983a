package calendar

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// The property tests generate specs at random and check every scheduling
// rule of docs/spec.md ("What every generated plan satisfies") on the posts
// that come out. The checks
// recompute each rule from the posts and the spec alone; they share no code
// with the scheduler beyond the types (and Cap.Floor, which is the rule's
// own definition of the arithmetic).

// propertyZones are the zones the generator picks from: plain, 30-minute
// changes, negative DST, midnight changes, odd offsets.
var propertyZones = []string{"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
	"Europe/Dublin", "America/Santiago", "Asia/Kathmandu", "Pacific/Chatham"}

// Times near DST changes in the zones above, so that gaps and repeats happen.
var edgeTimes = []string{"00:00", "00:30", "01:00", "01:30", "02:00", "02:10", "02:30", "02:45", "03:00", "03:15", "03:30", "23:30"}

// randomSpec generates a spec; dstFocus picks a zone with DST changes,
// starts the plan just before one and posts daily at times near it.
func randomSpec(r *rand.Rand, dstFocus bool) *Spec {
	zone := propertyZones[r.IntN(len(propertyZones))]
	if dstFocus {
		zone = []string{"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "America/Santiago", "Pacific/Chatham"}[r.IntN(6)]
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	start := MakeDate(2026, 1, 1) + Date(r.IntN(3*365))
	days := 1 + r.IntN(120)
	if r.IntN(10) == 0 {
		days = 200 + r.IntN(300)
	}
	// Half the plans start a few days before one of the zone's DST
	// changes, so that gaps and repeated times are met often.
	if dstFocus || r.IntN(2) == 0 {
		for d := start; d < start+370; d++ {
			_, o1 := d.Time(loc).Zone()
			_, o2 := (d + 1).Time(loc).Zone()
			if o1 != o2 {
				start = d - Date(r.IntN(10))
				break
			}
		}
	}
	end := start + Date(days-1)
	planCap := Cap(2000 + r.IntN(3001))
	s := &Spec{
		File: "gen.toml",
		Plan: PlanSpec{Name: "generated", Start: start, End: end, Location: loc, Timezone: zone,
			Borrowed: planCap, Review: "monthly", Language: "en"},
	}
	for i := range r.IntN(days/8 + 1) {
		_ = i
		s.Plan.Skip = append(s.Plan.Skip, start+Date(r.IntN(days)))
	}
	names := []string{"text", "photo", "reel", "video", "carousel", "podcast"}
	for _, n := range names {
		s.Formats = append(s.Formats, FormatSpec{Name: n, Duration: time.Duration(15+r.IntN(90)) * time.Minute,
			Lead: r.IntN(8), Cost: float64(r.IntN(100)), Borrowable: r.IntN(3) > 0})
	}
	for i := range r.IntN(5) {
		s.Pillars = append(s.Pillars, PillarSpec{Name: fmt.Sprintf("pillar%d", i), Weight: float64(1 + r.IntN(5))})
	}
	nch := 1 + r.IntN(4)
	for i := range nch {
		s.Channels = append(s.Channels, randomChannel(r, fmt.Sprintf("ch%d", i), planCap, names))
		if dstFocus {
			c := &s.Channels[i]
			c.Frequency, c.Days, c.Times = Frequency{N: 2, Per: PerDay}, nil, nil
			for _, j := range r.Perm(len(edgeTimes))[:2+r.IntN(3)] {
				t, _ := ParseClock(edgeTimes[j])
				c.Times = append(c.Times, t)
			}
			slices.Sort(c.Times)
		}
	}
	if len(s.Pillars) > 0 && r.IntN(3) == 0 {
		cs := start + Date(r.IntN(days))
		c := CampaignSpec{Name: "launch", Start: cs, End: cs + Date(r.IntN(20)), Pillar: s.Pillars[r.IntN(len(s.Pillars))].Name}
		if r.IntN(2) == 0 {
			c.Channels = []string{s.Channels[0].Name}
		}
		s.Campaigns = append(s.Campaigns, c)
	}
	return s
}

func randomChannel(r *rand.Rand, name string, planCap Cap, formats []string) ChannelSpec {
	ch := ChannelSpec{Name: name, Borrowed: Cap(r.IntN(int(planCap) + 1))}
	if r.IntN(3) == 0 {
		ch.Borrowed = planCap
	}
	need := 1
	switch r.IntN(4) {
	case 0:
		ch.Frequency = Frequency{N: 1 + r.IntN(3), Per: PerDay}
		need = ch.Frequency.N
	case 1:
		ch.Frequency = Frequency{N: 1, Per: PerDay, Weekdays: true}
	case 2:
		ch.Frequency = Frequency{N: 1 + r.IntN(7), Per: PerWeek}
		if r.IntN(2) == 0 {
			for _, d := range r.Perm(7)[:ch.Frequency.N] {
				ch.Days = append(ch.Days, time.Weekday(d))
			}
		}
	case 3:
		ch.Frequency = Frequency{N: 1 + r.IntN(12), Per: PerMonth}
	}
	// Times: at least what a day needs, a mix of ordinary and DST-edge times.
	pool := slices.Clone(edgeTimes)
	for h := 6; h < 23; h++ {
		pool = append(pool, fmt.Sprintf("%02d:00", h), fmt.Sprintf("%02d:45", h))
	}
	if r.IntN(2) == 0 {
		pool = slices.Clone(edgeTimes)
	}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	for _, s := range pool[:need+r.IntN(3)] {
		c, _ := ParseClock(s)
		ch.Times = append(ch.Times, c)
	}
	slices.Sort(ch.Times)
	r.Shuffle(len(formats), func(i, j int) { formats[i], formats[j] = formats[j], formats[i] })
	for _, f := range formats[:1+r.IntN(min(4, len(formats)))] {
		w := float64(1 + r.IntN(6))
		if r.IntN(4) == 0 {
			w = float64(1+r.IntN(10)) / 4
		}
		ch.Formats = append(ch.Formats, Weighted{Name: f, Weight: w})
	}
	return ch
}

// propertySeeds: a fixed list that every run checks, plus a few fresh ones.
func propertySeeds() []uint64 {
	var seeds []uint64
	for i := range 300 {
		seeds = append(seeds, uint64(i+1))
	}
	for range 5 {
		seeds = append(seeds, rand.Uint64())
	}
	return seeds
}

// propStats counts what the generated specs exercised, so that a run shows
// it did meet DST gaps, repeats, drops and campaigns rather than pass
// vacuously.
var propStats struct{ specs, posts, gaps, ambiguous, dropped, campaign, borrowed int }

func TestBuildProperties(t *testing.T) {
	propStats = struct{ specs, posts, gaps, ambiguous, dropped, campaign, borrowed int }{}
	teamStats = struct {
		writerSpecs, assigned, unassigned, balancedGroups, extras, extrasDropped, holidays int
	}{}
	n := 0
	for i, seed := range propertySeeds() {
		r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		s := randomSpec(r, i%4 == 3)
		if i%3 != 0 {
			// Two specs in three get writers, campaigns with extras and
			// holidays, from a stream of their own so that the specs
			// above stay what they were.
			extendSpec(rand.New(rand.NewPCG(seed, 0x7ea3)), s)
		}
		n++
		if !propCheckSpec(t, seed, s) {
			return
		}
		// Identity: change, add and remove other channels; the posts of
		// the others keep their ids, dates and times.
		if !propCheckIdentity(t, seed, s, r) {
			return
		}
	}
	st := propStats
	t.Logf("%d generated specs checked: %d posts, %d borrowed, %d DST gaps, %d repeated times, %d dropped, %d in campaigns",
		n, st.posts, st.borrowed, st.gaps, st.ambiguous, st.dropped, st.campaign)
	if st.gaps == 0 || st.ambiguous == 0 || st.dropped == 0 || st.campaign == 0 {
		t.Errorf("the generator no longer reaches every case: %+v", st)
	}
	ts := teamStats
	t.Logf("%d specs with writers: %d posts assigned, %d unassigned, %d groups of like writers balanced; %d campaign extras, %d dropped; %d drafts due before the plan in holiday plans",
		ts.writerSpecs, ts.assigned, ts.unassigned, ts.balancedGroups, ts.extras, ts.extrasDropped, ts.holidays)
	if ts.writerSpecs == 0 || ts.unassigned == 0 || ts.balancedGroups == 0 || ts.extras == 0 || ts.extrasDropped == 0 || ts.holidays == 0 {
		t.Errorf("the team generator no longer reaches every case: %+v", ts)
	}
}

// fail reports a property violation with what is needed to reproduce it.
func propFail(t *testing.T, seed uint64, s *Spec, format string, args ...any) bool {
	t.Helper()
	t.Errorf("seed %d (zone %s, %s..%s): %s", seed, s.Plan.Timezone, s.Plan.Start, s.Plan.End, fmt.Sprintf(format, args...))
	return false
}

func propDescribe(p *Post) string {
	return fmt.Sprintf("%s %s %s %s %s %s %s %s %s %s %v %s %g %d %s", p.ID, p.Date, p.Time, p.Start.UTC().Format(time.RFC3339),
		p.End.UTC().Format(time.RFC3339), p.Channel.Name, p.Format.Name, p.Source, propPillarName(p), p.Campaign, p.DraftDue, p.Writer, p.Cost, p.DST, p.Status)
}

func propPillarName(p *Post) string {
	if p.Pillar == nil {
		return "-"
	}
	return p.Pillar.Name
}

func propCheckSpec(t *testing.T, seed uint64, s *Spec) bool {
	t.Helper()
	p, err := Build(s)
	if err != nil {
		return propFail(t, seed, s, "build: %v", err)
	}
	loc := s.Plan.Location
	skipped := map[Date]bool{}
	for _, d := range s.Plan.Skip {
		skipped[d] = true
	}
	if s.Plan.SkipHolidays {
		off, _ := DaysOff(s.Plan.Holidays, s.Plan.Start, s.Plan.End)
		for _, d := range off {
			skipped[d] = true
		}
	}
	nonWorking := propNonWorking(s)
	var all []Post
	byChannel := make([][]Post, len(s.Channels))
	var dump strings.Builder
	ids := map[string]bool{}
	var prev *Post
	for post := range p.Posts() {
		dump.WriteString(propDescribe(&post) + "\n")
		ci := post.Channel.Index
		cs := &s.Channels[ci]
		// Chronological, then channel order.
		if prev != nil && (post.Start.Before(prev.Start) || post.Start.Equal(prev.Start) && ci < prev.Channel.Index) {
			return propFail(t, seed, s, "out of order: %s after %s", propDescribe(&post), propDescribe(prev))
		}
		pp := post
		prev = &pp
		// Rule 1: in range, not skipped, at a channel time (or a gap-shifted one).
		if post.Date < s.Plan.Start || post.Date > s.Plan.End {
			return propFail(t, seed, s, "outside the plan: %s", propDescribe(&post))
		}
		if skipped[post.Date] {
			return propFail(t, seed, s, "on a skipped date: %s", propDescribe(&post))
		}
		local := post.Start.In(loc)
		if DateOf(local) != post.Date || local.Hour()*60+local.Minute() != int(post.Time) {
			return propFail(t, seed, s, "date/time %s %s do not match the instant %s", post.Date, post.Time, local)
		}
		if !propCheckInstant(t, seed, s, &post, cs.Times) {
			return false
		}
		if ids[post.ID] {
			return propFail(t, seed, s, "duplicate id %s", post.ID)
		}
		ids[post.ID] = true
		// Post fields.
		if !slices.ContainsFunc(cs.Formats, func(w Weighted) bool { return w.Name == post.Format.Name }) {
			return propFail(t, seed, s, "format %s is not the channel's", post.Format.Name)
		}
		if post.Source == Borrowed && !post.Format.Borrowable {
			return propFail(t, seed, s, "borrowed post in a non-borrowable format: %s", propDescribe(&post))
		}
		if !post.End.Equal(post.Start.Add(post.Format.Duration)) || post.Cost != post.Format.Cost || post.Status != "planned" {
			return propFail(t, seed, s, "fields: %s", propDescribe(&post))
		}
		if !propCheckDraftDue(t, seed, s, &post, nonWorking) {
			return false
		}
		byChannel[ci] = append(byChannel[ci], post)
		all = append(all, post)
		propStats.posts++
		switch post.DST {
		case DSTGap:
			propStats.gaps++
		case DSTAmbiguous:
			propStats.ambiguous++
		}
		if post.Campaign != "" {
			propStats.campaign++
		}
		if post.Source == Borrowed {
			propStats.borrowed++
		}
	}
	for _, ch := range p.Channels {
		propStats.dropped += ch.Dropped
	}

	// Rule 6: the same spec gives the same posts, byte for byte.
	p2, err := Build(s)
	if err != nil {
		return propFail(t, seed, s, "second build: %v", err)
	}
	var dump2 strings.Builder
	for post := range p2.Posts() {
		dump2.WriteString(propDescribe(&post) + "\n")
	}
	if dump.String() != dump2.String() {
		return propFail(t, seed, s, "a second build differs")
	}
	if fmt.Sprint(p.Warnings) != fmt.Sprint(p2.Warnings) {
		return propFail(t, seed, s, "warnings differ between builds")
	}

	regular, dropped, ok := propCheckExtras(t, seed, s, p, byChannel)
	if !ok {
		return false
	}
	if !propCheckWriters(t, seed, s, p, all) {
		return false
	}
	total, borrowedTotal := 0, 0
	for ci, posts := range byChannel {
		if !propCheckChannel(t, seed, s, p, ci, posts, regular[ci], dropped[ci], skipped) {
			return false
		}
		total += len(posts)
		for _, post := range posts {
			if post.Source == Borrowed {
				borrowedTotal++
			}
		}
	}
	if p.Total != total || p.Borrowed != borrowedTotal {
		return propFail(t, seed, s, "plan counts %d/%d, posts %d/%d", p.Total, p.Borrowed, total, borrowedTotal)
	}
	if !propCheckPillars(t, seed, s, byChannel, regular) {
		return false
	}
	return propCheckReviews(t, seed, s, p, nonWorking)
}

// checkInstant verifies rule 8 by scanning the zone minute by minute near
// the post, independently of how the scheduler reads wall times.
func propCheckInstant(t *testing.T, seed uint64, s *Spec, post *Post, times []Clock) bool {
	t.Helper()
	loc := s.Plan.Location
	sec := post.Start.Unix()
	_, offBefore := time.Unix(sec-4*3600, 0).In(loc).Zone()
	_, offAfter := time.Unix(sec+4*3600, 0).In(loc).Zone()
	if offBefore == offAfter && post.DST == DSTNone {
		// No change nearby: the time is simply one of the channel's.
		if !slices.Contains(times, post.Time) {
			return propFail(t, seed, s, "time %s is not one of the channel's %v", post.Time, times)
		}
		return true
	}
	// Instants within ±5h that show a wall clock (date, c).
	shows := func(d Date, c Clock) []int64 {
		var out []int64
		for x := sec - 5*3600; x <= sec+5*3600; x += 60 {
			l := time.Unix(x, 0).In(loc)
			if DateOf(l) == d && l.Hour()*60+l.Minute() == int(c) {
				out = append(out, x)
			}
		}
		return out
	}
	switch post.DST {
	case DSTNone, DSTAmbiguous:
		if !slices.Contains(times, post.Time) {
			return propFail(t, seed, s, "time %s is not one of the channel's %v", post.Time, times)
		}
		at := shows(post.Date, post.Time)
		if len(at) == 0 || at[0] != sec {
			return propFail(t, seed, s, "%s %s: not its first occurrence (%v)", post.Date, post.Time, at)
		}
		if (len(at) > 1) != (post.DST == DSTAmbiguous) {
			return propFail(t, seed, s, "%s %s occurs %d times but DST is %d", post.Date, post.Time, len(at), post.DST)
		}
	case DSTGap:
		// Some channel time does not exist that day, and reading it with
		// the offset before the change gives this instant.
		ok := false
		for _, c := range times {
			if len(shows(post.Date, c)) > 0 {
				continue
			}
			wall := int64(post.Date)*86400 + int64(c)*60
			if wall-int64(offBefore) == sec {
				ok = true
			}
		}
		if !ok {
			return propFail(t, seed, s, "gap post %s %s is no channel time read with the offset before the change", post.Date, post.Time)
		}
	}
	return true
}

// propCheckChannel checks rules 1, 3 and 4 over all the channel's posts,
// and rule 2 over its regular ones (without campaign extras), which the
// channel's frequency alone decides, less regularDropped.
func propCheckChannel(t *testing.T, seed uint64, s *Spec, p *Plan, ci int, posts, regular []Post, regularDropped int, skipped map[Date]bool) bool {
	t.Helper()
	cs := &s.Channels[ci]
	ch := p.Channels[ci]
	n := len(posts)
	if ch.Posts != n {
		return propFail(t, seed, s, "channel %s: Posts %d, streamed %d", cs.Name, ch.Posts, n)
	}
	// Rule 1: no two posts at one date and time.
	seen := map[[2]int]bool{}
	for _, post := range posts {
		k := [2]int{int(post.Date), int(post.Time)}
		if seen[k] {
			return propFail(t, seed, s, "channel %s: two posts at %s %s", cs.Name, post.Date, post.Time)
		}
		seen[k] = true
	}
	// Rule 2: counts. The nominal count minus the drops is what came out;
	// no period has more than the frequency; untouched periods have it all.
	nominal := 0
	perPeriod := map[Date]int{}
	periodOf := func(d Date) Date {
		if cs.Frequency.Per == PerMonth {
			y, m, _ := d.YMD()
			return MakeDate(y, m, 1)
		}
		return d - Date((int(d.Weekday())+6)%7)
	}
	dayCount := map[Date]int{}
	for _, post := range regular {
		perPeriod[periodOf(post.Date)]++
		dayCount[post.Date]++
	}
	changes := func(a, b Date) bool { // a DST change or a skip in [a, b]
		for d := a; d <= b; d++ {
			if skipped[d] {
				return true
			}
			_, o1 := d.Time(s.Plan.Location).Zone()
			_, o2 := (d + 1).Time(s.Plan.Location).Zone()
			if o1 != o2 {
				return true
			}
		}
		// A change at midnight (Santiago) shows only in the day before.
		_, o1 := (a - 1).Time(s.Plan.Location).Zone()
		_, o2 := a.Time(s.Plan.Location).Zone()
		return o1 != o2
	}
	f := cs.Frequency
	switch {
	case f.Per == PerDay:
		for d := s.Plan.Start; d <= s.Plan.End; d++ {
			want := f.N
			if f.Weekdays {
				want = 0
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
					want = 1
				}
			}
			nominal += want
			if got := dayCount[d]; got > want || (got != want && !changes(d, d)) {
				return propFail(t, seed, s, "channel %s: %d posts on %s, want %d", cs.Name, got, d, want)
			}
		}
	case f.Per == PerWeek:
		for w := periodOf(s.Plan.Start); w <= s.Plan.End; w += 7 {
			inside := 0
			for i := range f.N {
				var d Date
				if len(cs.Days) > 0 {
					d = w + Date((int(cs.Days[i])+6)%7)
				} else {
					d = w + Date(i*7/f.N)
				}
				if d >= s.Plan.Start && d <= s.Plan.End {
					inside++
				}
			}
			nominal += inside
			full := w >= s.Plan.Start && w+6 <= s.Plan.End
			got := perPeriod[w]
			if got > f.N || (full && got != f.N && !changes(w, w+6)) {
				return propFail(t, seed, s, "channel %s: %d posts in the week of %s, want %d", cs.Name, got, w, f.N)
			}
		}
	case f.Per == PerMonth:
		for m := periodOf(s.Plan.Start); m <= s.Plan.End; m += Date(m.DaysInMonth()) {
			dim := m.DaysInMonth()
			inside := 0
			for i := range f.N {
				if d := m + Date(i*dim/f.N); d >= s.Plan.Start && d <= s.Plan.End {
					inside++
				}
			}
			nominal += inside
			full := m >= s.Plan.Start && m+Date(dim)-1 <= s.Plan.End
			got := perPeriod[m]
			if got > f.N || (full && got != f.N && !changes(m, m+Date(dim)-1)) {
				return propFail(t, seed, s, "channel %s: %d posts in the month of %s, want %d", cs.Name, got, m, f.N)
			}
		}
	}
	if nominal-regularDropped != len(regular) {
		return propFail(t, seed, s, "channel %s: %d nominal posts − %d dropped ≠ %d regular posts", cs.Name, nominal, regularDropped, len(regular))
	}
	if ch.Dropped > 0 && !slices.ContainsFunc(p.Warnings, func(d Diagnostic) bool {
		return strings.Contains(d.Msg, fmt.Sprintf("channel %q", cs.Name)) && strings.Contains(d.Msg, "dropped")
	}) {
		return propFail(t, seed, s, "channel %s: %d dropped without a warning", cs.Name, ch.Dropped)
	}

	// Rule 3: borrowed prefix bound and exact total.
	anyBorrowable := false
	for _, w := range cs.Formats {
		anyBorrowable = anyBorrowable || propFormatOf(s, w.Name).Borrowable
	}
	b := 0
	for k, post := range posts {
		if post.Source == Borrowed {
			b++
		}
		if b > cs.Borrowed.Floor(k+1) {
			return propFail(t, seed, s, "channel %s: %d borrowed after %d posts, cap %s", cs.Name, b, k+1, cs.Borrowed)
		}
	}
	want := cs.Borrowed.Floor(n)
	if !anyBorrowable {
		want = 0
	}
	if b != want || ch.Borrowed != b {
		return propFail(t, seed, s, "channel %s: %d borrowed (Channel.Borrowed %d), want %d of %d at %s", cs.Name, b, ch.Borrowed, want, n, cs.Borrowed)
	}

	// Rule 4: format counts within ±1 of the weighted share wherever that
	// is feasible, and spread (no run longer than the share needs).
	wsum := 0.0
	for _, w := range cs.Formats {
		wsum += w.Weight
	}
	count := map[string]int{}
	for _, post := range posts {
		count[post.Format.Name]++
	}
	roomFloor := 0 // borrowable posts the floors of the shares allow
	for _, w := range cs.Formats {
		if propFormatOf(s, w.Name).Borrowable {
			roomFloor += int(math.Floor(float64(n)*w.Weight/wsum + 1e-9))
		}
	}
	for _, w := range cs.Formats {
		share := float64(n) * w.Weight / wsum
		c := float64(count[w.Name])
		if roomFloor >= b && (c < math.Floor(share+1e-9) || c > math.Ceil(share-1e-9)) {
			return propFail(t, seed, s, "channel %s: format %s has %d posts, share %.3f", cs.Name, w.Name, count[w.Name], share)
		}
	}
	if !propCheckRuns(t, seed, s, cs.Name, "format", posts, func(p *Post) string { return p.Format.Name }, count) {
		return false
	}
	return true
}

func propFormatOf(s *Spec, name string) FormatSpec {
	for _, f := range s.Formats {
		if f.Name == name {
			return f
		}
	}
	return FormatSpec{Name: name, Borrowable: true}
}

// checkRuns: a kind with c of n items can be spread so that its runs are
// at most about n/(n−c) long; allow twice that and a little, which the
// deficit rule keeps, and which clustering (all reels first) breaks.
func propCheckRuns(t *testing.T, seed uint64, s *Spec, channel, what string, posts []Post, kind func(*Post) string, count map[string]int) bool {
	t.Helper()
	n := len(posts)
	run := 0
	for i := range posts {
		k := kind(&posts[i])
		if i > 0 && kind(&posts[i-1]) == k {
			run++
		} else {
			run = 1
		}
		other := n - count[k]
		if other == 0 {
			continue
		}
		if limit := 2*float64(n)/float64(other) + 3; float64(run) > limit {
			return propFail(t, seed, s, "channel %s: %s %s runs %d posts in a row (%d of %d)", channel, what, k, run, count[k], n)
		}
	}
	return true
}

// checkPillars verifies rule 5 per channel and plan-wide, over the posts
// that take the rotation: not those of a campaign with a pillar (a regular
// post belongs to the first campaign whose window holds it, an extra to
// the campaign that added it).
func propCheckPillars(t *testing.T, seed uint64, s *Spec, byChannel, regular [][]Post) bool {
	t.Helper()
	if len(s.Pillars) == 0 {
		for _, posts := range byChannel {
			for _, p := range posts {
				if p.Pillar != nil {
					return propFail(t, seed, s, "a pillar without pillars")
				}
			}
		}
		return true
	}
	wsum := 0.0
	for _, pl := range s.Pillars {
		wsum += pl.Weight
	}
	planShare := make([]float64, len(s.Pillars))
	planCount := make([]int, len(s.Pillars))
	for ci, posts := range byChannel {
		cs := &s.Channels[ci]
		isRegular := map[string]bool{}
		for _, post := range regular[ci] {
			isRegular[post.ID] = true
		}
		var rotation []Post
		count := map[string]int{}
		for _, post := range posts {
			var camp *CampaignSpec
			covers := func(c *CampaignSpec) bool {
				return post.Date >= c.Start && post.Date <= c.End && (c.Channels == nil || slices.Contains(c.Channels, cs.Name))
			}
			for i := range s.Campaigns {
				c := &s.Campaigns[i]
				if isRegular[post.ID] && covers(c) || !isRegular[post.ID] && c.Name == post.Campaign && covers(c) {
					camp = c
					break
				}
			}
			name := ""
			if camp != nil {
				name = camp.Name
			}
			if post.Campaign != name {
				return propFail(t, seed, s, "post in campaign %q, want %q: %s", post.Campaign, name, propDescribe(&post))
			}
			if camp != nil && camp.Pillar != "" {
				if propPillarName(&post) != camp.Pillar {
					return propFail(t, seed, s, "post in campaign %s without its pillar: %s", camp.Name, propDescribe(&post))
				}
				continue
			}
			if post.Pillar == nil {
				return propFail(t, seed, s, "post without a pillar: %s", propDescribe(&post))
			}
			rotation = append(rotation, post)
			count[post.Pillar.Name]++
		}
		eligible := len(rotation)
		for i, pl := range s.Pillars {
			share := float64(eligible) * pl.Weight / wsum
			planShare[i] += share
			planCount[i] += count[pl.Name]
			if c := float64(count[pl.Name]); c < math.Floor(share+1e-9) || c > math.Ceil(share-1e-9) {
				return propFail(t, seed, s, "channel %s: pillar %s has %d posts, share %.3f", cs.Name, pl.Name, count[pl.Name], share)
			}
		}
		if !propCheckRuns(t, seed, s, cs.Name, "pillar", rotation, func(p *Post) string { return p.Pillar.Name }, count) {
			return false
		}
	}
	for i, pl := range s.Pillars {
		if c := float64(planCount[i]); c < math.Floor(planShare[i]+1e-6) || c > math.Ceil(planShare[i]-1e-6) {
			return propFail(t, seed, s, "plan-wide pillar %s has %d posts, share %.3f", pl.Name, planCount[i], planShare[i])
		}
	}
	return true
}

func propCheckReviews(t *testing.T, seed uint64, s *Spec, p *Plan, nonWorking map[Date]bool) bool {
	t.Helper()
	working := func(d Date) bool {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday && !nonWorking[d]
	}
	var want []Date
	for d := s.Plan.End; d >= s.Plan.Start; d-- {
		if working(d) && (len(want) == 0 || want[len(want)-1].Month() != d.Month() || want[len(want)-1].Year() != d.Year()) {
			want = append(want, d)
		}
	}
	slices.Reverse(want)
	if len(p.Reviews) != len(want) {
		return propFail(t, seed, s, "%d reviews, want %d", len(p.Reviews), len(want))
	}
	for i, r := range p.Reviews {
		l := r.Start.In(s.Plan.Location)
		if r.Date != want[i] || DateOf(l) != r.Date || !r.End.After(r.Start) || !strings.Contains(r.Title, r.Date.Month().String()) {
			return propFail(t, seed, s, "review %d: %+v, want on %s", i, r, want[i])
		}
	}
	return true
}

// checkIdentity: ids, dates and times of a channel's posts depend on that
// channel alone (rule 7).
func propCheckIdentity(t *testing.T, seed uint64, s *Spec, r *rand.Rand) bool {
	t.Helper()
	slotsOf := func(s *Spec) map[string]string {
		p, err := Build(s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		out := map[string]string{}
		for post := range p.Posts() {
			out[post.Channel.Name+" "+post.ID] = post.Date.String() + " " + post.Time.String()
		}
		return out
	}
	base := slotsOf(s)
	variant := *s
	variant.Channels = slices.Clone(s.Channels)
	switch {
	case len(variant.Channels) > 1 && r.IntN(2) == 0:
		variant.Channels = variant.Channels[1:] // remove the first
	default:
		variant.Channels = append(variant.Channels, randomChannel(r, "extra", s.Plan.Borrowed, []string{"text", "photo", "reel"}))
	}
	if len(variant.Channels) > 1 {
		// and change the last one's frequency and formats
		c := &variant.Channels[len(variant.Channels)-1]
		*c = randomChannel(r, c.Name+"-changed", s.Plan.Borrowed, []string{"text", "video"})
	}
	ensureExtraTimes(&variant) // new channels meet the campaigns' extras
	changed := map[string]bool{}
	for _, c := range variant.Channels {
		if !slices.ContainsFunc(s.Channels, func(o ChannelSpec) bool { return o.Name == c.Name }) {
			changed[c.Name] = true
		}
	}
	other := slotsOf(&variant)
	kept := 0
	for _, c := range variant.Channels {
		if changed[c.Name] {
			continue
		}
		for k, v := range base {
			if strings.HasPrefix(k, c.Name+" ") {
				if other[k] != v {
					return propFail(t, seed, s, "post %s moved from %q to %q when other channels changed", k, v, other[k])
				}
				kept++
			}
		}
	}
	for k, v := range other {
		if name := k[:strings.IndexByte(k, ' ')]; !changed[name] && base[k] != v {
			return propFail(t, seed, s, "post %s appeared when other channels changed", k)
		}
	}
	_ = kept
	return true
}
