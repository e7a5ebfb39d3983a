package calendar

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/mix"
)

// The team half of the property tests: generated specs get writers (random
// capacities and channels) and campaigns with extra posts, and the checks
// below recompute from the posts and the spec alone that writers stay
// within capacity and balanced, that the extras are where their campaigns
// put them, and (in build_property_test.go) that they obey every rule of
// docs/spec.md ("What every generated plan satisfies") with the regular
// posts.

// teamStats counts what the team checks met, so a run shows it was not
// vacuous.
var teamStats struct {
	writerSpecs, assigned, unassigned, balancedGroups, extras, extrasDropped, holidays int
}

// extendSpec adds writers, campaigns with extras and holidays to s.
func extendSpec(r *rand.Rand, s *Spec) {
	names := make([]string, len(s.Channels))
	for i, c := range s.Channels {
		names[i] = c.Name
	}
	subset := func() []string {
		if r.IntN(2) == 0 {
			return nil
		}
		var out []string
		for _, n := range names {
			if r.IntN(2) == 0 {
				out = append(out, n)
			}
		}
		if len(out) == 0 {
			out = []string{names[r.IntN(len(names))]}
		}
		return out
	}
	if r.IntN(4) > 0 {
		for i := range 1 + r.IntN(5) {
			w := WriterSpec{Name: fmt.Sprintf("writer%d", i), Channels: subset()}
			if r.IntN(3) > 0 {
				w.Capacity = 1 + r.IntN(20)
			}
			if i > 0 && r.IntN(2) == 0 {
				// the same eligibility and capacity as the one before,
				// so that balance is checked
				prev := s.Writers[i-1]
				w.Channels, w.Capacity = prev.Channels, prev.Capacity
			}
			s.Writers = append(s.Writers, w)
		}
	}
	days := int(s.Plan.End-s.Plan.Start) + 1
	for i := range r.IntN(4) {
		start := s.Plan.Start + Date(r.IntN(days))
		c := CampaignSpec{Name: fmt.Sprintf("camp%d", i), Start: start, End: min(s.Plan.End, start+Date(r.IntN(30))), Channels: subset()}
		if len(s.Pillars) > 0 && r.IntN(3) > 0 {
			c.Pillar = s.Pillars[r.IntN(len(s.Pillars))].Name
		}
		switch r.IntN(4) {
		case 0:
			c.Extra = Frequency{N: 1 + r.IntN(2), Per: PerDay}
		case 1, 2:
			c.Extra = Frequency{N: 1 + r.IntN(10), Per: PerWeek}
		}
		s.Campaigns = append(s.Campaigns, c)
	}
	if r.IntN(4) == 0 {
		s.Plan.Holidays = []string{"US", "DE", "RU", "BG"}[r.IntN(4)]
		s.Plan.SkipHolidays = r.IntN(2) == 0
	}
	ensureExtraTimes(s)
}

// ensureExtraTimes gives every channel enough times for its regular posts
// and any one campaign's extras on a day (overlapping campaigns may still
// ask for more, and drop extras with a warning).
func ensureExtraTimes(s *Spec) {
	for ci := range s.Channels {
		ch := &s.Channels[ci]
		f := ch.Frequency
		regular := 0
		switch {
		case f.Weekdays:
			regular = 1
		case f.Per == PerDay:
			regular = f.N
		case f.Per == PerWeek:
			days := map[time.Weekday]bool{}
			for _, d := range ch.Days {
				days[d] = true
			}
			if len(days) == 0 {
				days[0], days[1], days[2], days[3], days[4], days[5], days[6] = true, true, true, true, true, true, true
			}
			regular = (f.N + len(days) - 1) / len(days)
		case f.Per == PerMonth:
			regular = (f.N + 27) / 28
		}
		extra := 0
		for _, c := range s.Campaigns {
			if c.Channels != nil && !slices.Contains(c.Channels, ch.Name) {
				continue
			}
			switch c.Extra.Per {
			case PerDay:
				extra = max(extra, c.Extra.N)
			case PerWeek:
				extra = max(extra, (c.Extra.N+6)/7)
			}
		}
		times := slices.Clone(ch.Times)
		for h := 6; len(times) < regular+extra && h < 24; h++ {
			for _, m := range []int{10, 40} {
				c := Clock(h*60 + m)
				if len(times) < regular+extra && !slices.Contains(times, c) {
					times = append(times, c)
				}
			}
		}
		slices.Sort(times)
		ch.Times = times
	}
}

// withoutExtras is s with no campaign extras: the plan of regular posts.
func withoutExtras(s *Spec) *Spec {
	b := *s
	b.Campaigns = slices.Clone(s.Campaigns)
	for i := range b.Campaigns {
		b.Campaigns[i].Extra = Frequency{}
	}
	return &b
}

// propExtrasOn counts the extras campaign c asks for on day d, the 7-day
// blocks laid out one by one from the window's first day.
func propExtrasOn(c *CampaignSpec, d Date) int {
	if d < c.Start || d > c.End || c.Extra.N <= 0 {
		return 0
	}
	if c.Extra.Per == PerDay {
		return c.Extra.N
	}
	n := 0
	for block := c.Start; block <= d; block += 7 {
		for i := range c.Extra.N {
			if block+Date(i*7/c.Extra.N) == d {
				n++
			}
		}
	}
	return n
}

// propCheckExtras splits the posts into regular ones and extras: the
// regular ones are exactly the posts of the plan without extras (same ids,
// dates and times: a campaign never moves a regular post), and the extras
// are inside their campaign's window on its channels, as many as the
// campaigns ask for less what the run says it dropped. It returns each
// channel's regular posts and the drops of the plan without extras, for
// the frequency checks.
func propCheckExtras(t *testing.T, seed uint64, s *Spec, p *Plan, byChannel [][]Post) (regular [][]Post, dropped []int, ok bool) {
	t.Helper()
	hasExtras := slices.ContainsFunc(s.Campaigns, func(c CampaignSpec) bool { return c.Extra.N > 0 })
	regular = byChannel
	dropped = make([]int, len(p.Channels))
	for i, ch := range p.Channels {
		dropped[i] = ch.Dropped
	}
	if !hasExtras {
		return regular, dropped, true
	}
	base, err := Build(withoutExtras(s))
	if err != nil {
		return nil, nil, propFail(t, seed, s, "build without extras: %v", err)
	}
	at := map[string]string{}
	for post := range base.Posts() {
		at[post.ID] = post.Date.String() + " " + post.Time.String()
	}
	regular = make([][]Post, len(byChannel))
	for ci, posts := range byChannel {
		cs := &s.Channels[ci]
		extras := 0
		for _, post := range posts {
			if want, ok := at[post.ID]; ok {
				if got := post.Date.String() + " " + post.Time.String(); got != want {
					return nil, nil, propFail(t, seed, s, "regular post %s moved from %s to %s by extras", post.ID, want, got)
				}
				delete(at, post.ID)
				regular[ci] = append(regular[ci], post)
				continue
			}
			extras++
			i := slices.IndexFunc(s.Campaigns, func(c CampaignSpec) bool { return c.Name == post.Campaign })
			if i < 0 {
				return nil, nil, propFail(t, seed, s, "extra post outside any campaign: %s", propDescribe(&post))
			}
			c := &s.Campaigns[i]
			if c.Extra.N <= 0 || post.Date < c.Start || post.Date > c.End || (c.Channels != nil && !slices.Contains(c.Channels, cs.Name)) {
				return nil, nil, propFail(t, seed, s, "extra post not in campaign %s's window or channels: %s", c.Name, propDescribe(&post))
			}
			if c.Pillar != "" && propPillarName(&post) != c.Pillar {
				return nil, nil, propFail(t, seed, s, "extra post without campaign %s's pillar: %s", c.Name, propDescribe(&post))
			}
		}
		want := 0
		for i := range s.Campaigns {
			c := &s.Campaigns[i]
			if c.Channels != nil && !slices.Contains(c.Channels, cs.Name) {
				continue
			}
			for d := max(c.Start, s.Plan.Start); d <= min(c.End, s.Plan.End); d++ {
				want += propExtrasOn(c, d)
			}
		}
		lost := p.Channels[ci].Dropped - base.Channels[ci].Dropped
		if extras+lost != want {
			return nil, nil, propFail(t, seed, s, "channel %s: %d extras and %d dropped, campaigns ask for %d", cs.Name, extras, lost, want)
		}
		if lost > 0 && !slices.ContainsFunc(p.Warnings, func(d Diagnostic) bool {
			return strings.Contains(d.Msg, fmt.Sprintf("channel %q", cs.Name)) && strings.Contains(d.Msg, "dropped")
		}) {
			return nil, nil, propFail(t, seed, s, "channel %s: %d extras dropped without a warning", cs.Name, lost)
		}
		teamStats.extras += extras
		teamStats.extrasDropped += lost
		dropped[ci] = base.Channels[ci].Dropped
	}
	if len(at) > 0 {
		return nil, nil, propFail(t, seed, s, "%d regular posts are missing once campaigns add extras", len(at))
	}
	return regular, dropped, true
}

// propCheckWriters: every post goes to a writer eligible for its channel
// (its owner when none is), no writer is over capacity in any ISO week of
// draft-due dates, a post is unassigned only when every eligible writer is
// full that week, each week places as many posts as a maximum flow of its
// capacities (propCheckMaxPlaced), and writers with the same channels and capacity stay
// within one post of each other unless capacity stopped one of them.
func propCheckWriters(t *testing.T, seed uint64, s *Spec, p *Plan, posts []Post) bool {
	t.Helper()
	if len(s.Writers) == 0 {
		for _, post := range posts {
			if post.Writer != s.Channels[post.Channel.Index].Owner {
				return propFail(t, seed, s, "writer %q without writers: %s", post.Writer, propDescribe(&post))
			}
		}
		return true
	}
	teamStats.writerSpecs++
	eligible := func(ch string) []string {
		var out []string
		for _, w := range s.Writers {
			if w.Channels == nil || slices.Contains(w.Channels, ch) {
				out = append(out, w.Name)
			}
		}
		return out
	}
	type wk struct {
		writer string
		week   Date // Monday
	}
	load := map[wk]int{}
	total := map[string]int{}
	capacity := map[string]int{}
	for _, w := range s.Writers {
		capacity[w.Name] = w.Capacity
	}
	unassigned := 0
	for _, post := range posts {
		el := eligible(post.Channel.Name)
		switch {
		case len(el) == 0:
			if post.Writer != s.Channels[post.Channel.Index].Owner {
				return propFail(t, seed, s, "no writer is eligible, yet %q writes: %s", post.Writer, propDescribe(&post))
			}
		case post.Writer == "":
			unassigned++
		case !slices.Contains(el, post.Writer):
			return propFail(t, seed, s, "writer %q is not eligible for %s", post.Writer, post.Channel.Name)
		default:
			load[wk{post.Writer, post.DraftDue.Monday()}]++
			total[post.Writer]++
		}
	}
	for k, n := range load {
		if c := capacity[k.writer]; c > 0 && n > c {
			return propFail(t, seed, s, "writer %s has %d drafts due in the week of %s, capacity %d", k.writer, n, k.week, c)
		}
	}
	for _, post := range posts {
		if post.Writer != "" || len(eligible(post.Channel.Name)) == 0 {
			continue
		}
		for _, w := range eligible(post.Channel.Name) {
			if c := capacity[w]; c == 0 || load[wk{w, post.DraftDue.Monday()}] < c {
				return propFail(t, seed, s, "post left unassigned while %s had room: %s", w, propDescribe(&post))
			}
		}
	}
	if !propCheckMaxPlaced(t, seed, s, posts) {
		return false
	}
	if unassigned != p.Unassigned {
		return propFail(t, seed, s, "Plan.Unassigned %d, posts without a writer %d", p.Unassigned, unassigned)
	}
	if unassigned > 0 && !slices.ContainsFunc(p.Warnings, func(d Diagnostic) bool {
		return strings.HasPrefix(d.Msg, "writers: ") && strings.Contains(d.Msg, "unassigned")
	}) {
		return propFail(t, seed, s, "%d posts unassigned without a warning", unassigned)
	}
	// Balance within groups of the same channels and capacity.
	full := map[string]bool{} // writers that reached capacity in some week
	for k, n := range load {
		if c := capacity[k.writer]; c > 0 && n >= c {
			full[k.writer] = true
		}
	}
	groups := map[string][]string{}
	for _, w := range s.Writers {
		chs := "*"
		if w.Channels != nil {
			sorted := slices.Clone(w.Channels)
			slices.Sort(sorted)
			chs = strings.Join(sorted, ",")
		}
		key := fmt.Sprintf("%s/%d", chs, w.Capacity)
		groups[key] = append(groups[key], w.Name)
	}
	for key, ws := range groups {
		if len(ws) < 2 || slices.ContainsFunc(ws, func(w string) bool { return full[w] }) {
			continue
		}
		lo, hi := total[ws[0]], total[ws[0]]
		for _, w := range ws {
			lo, hi = min(lo, total[w]), max(hi, total[w])
		}
		if hi-lo > 1 {
			return propFail(t, seed, s, "writers %v (%s) carry %d to %d posts", ws, key, lo, hi)
		}
		teamStats.balancedGroups++
	}
	teamStats.unassigned += unassigned
	teamStats.assigned += len(posts) - unassigned
	return true
}

// propNonWorking is the set of days a draft cannot be due on besides
// weekends: skipped dates and the plan's holidays, also those before the
// plan starts, where drafts of its first posts are due.
func propNonWorking(s *Spec) map[Date]bool {
	out := map[Date]bool{}
	for _, d := range s.Plan.Skip {
		out[d] = true
	}
	if s.Plan.Holidays != "" {
		off, _ := DaysOff(s.Plan.Holidays, s.Plan.Start-400, s.Plan.End)
		for _, d := range off {
			out[d] = true
		}
	}
	return out
}

// propCheckDraftDue: the draft is due on the latest working day at least
// lead days before the post goes out.
func propCheckDraftDue(t *testing.T, seed uint64, s *Spec, post *Post, nonWorking map[Date]bool) bool {
	t.Helper()
	working := func(d Date) bool {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday && !nonWorking[d]
	}
	latest := post.Date - Date(post.Format.Lead)
	if !working(post.DraftDue) || post.DraftDue > latest || post.DraftDue >= post.Date && post.Format.Lead > 0 {
		return propFail(t, seed, s, "draft due %s is not a working day %d days before %s", post.DraftDue, post.Format.Lead, post.Date)
	}
	for d := post.DraftDue + 1; d <= latest; d++ {
		if working(d) {
			return propFail(t, seed, s, "draft due %s, but %s is a later working day %d days before %s", post.DraftDue, d, post.Format.Lead, post.Date)
		}
	}
	if nonWorking[post.DraftDue] || post.DraftDue < post.Date-Date(post.Format.Lead)-400 {
		return propFail(t, seed, s, "draft due %s far before %s", post.DraftDue, post.Date)
	}
	if s.Plan.Holidays != "" && post.DraftDue < s.Plan.Start {
		teamStats.holidays++
	}
	return true
}

// propMaxPlaced is the most posts the writers can take in a week, given
// the posts per channel, who may write for which channel and the writers'
// capacities (0: unlimited): a maximum flow source → channel → writer →
// sink, by Edmonds–Karp over a capacity matrix, on its own so that it
// checks mix's flow rather than repeats it.
func propMaxPlaced(count []int, eligible [][]bool, capacity []int) int {
	C, W := len(count), len(capacity)
	n := C + W + 2
	src, sink := n-2, n-1
	capm := make([][]int, n)
	for i := range capm {
		capm[i] = make([]int, n)
	}
	const inf = 1 << 30
	for c, k := range count {
		capm[src][c] = k
		for w := range W {
			if eligible[c][w] {
				capm[c][C+w] = inf
			}
		}
	}
	for w, k := range capacity {
		if k <= 0 {
			k = inf
		}
		capm[C+w][sink] = k
	}
	total := 0
	for {
		prev := make([]int, n)
		for i := range prev {
			prev[i] = -1
		}
		prev[src] = src
		queue := []int{src}
		for len(queue) > 0 && prev[sink] < 0 {
			u := queue[0]
			queue = queue[1:]
			for v := range n {
				if prev[v] < 0 && capm[u][v] > 0 {
					prev[v] = u
					queue = append(queue, v)
				}
			}
		}
		if prev[sink] < 0 {
			return total
		}
		d := inf
		for v := sink; v != src; v = prev[v] {
			d = min(d, capm[prev[v]][v])
		}
		for v := sink; v != src; v = prev[v] {
			capm[prev[v]][v] -= d
			capm[v][prev[v]] += d
		}
		total += d
	}
}

// maxFlowStats counts what propCheckMaxPlaced met.
var maxFlowStats struct{ weeks, shortWeeks int }

// propCheckMaxPlaced: in every ISO week of draft-due dates, the posts
// given a writer are as many as a maximum flow places (posts of channels
// no writer takes go to the owner and are left out).
func propCheckMaxPlaced(t *testing.T, seed uint64, s *Spec, posts []Post) bool {
	t.Helper()
	capacity := make([]int, len(s.Writers))
	eligible := make([][]bool, len(s.Channels))
	for c, ch := range s.Channels {
		eligible[c] = make([]bool, len(s.Writers))
		for w, wr := range s.Writers {
			capacity[w] = wr.Capacity
			eligible[c][w] = wr.Channels == nil || slices.Contains(wr.Channels, ch.Name)
		}
	}
	type week struct {
		count    []int
		assigned int
	}
	weeks := map[Date]*week{}
	for _, post := range posts {
		c := post.Channel.Index
		if !slices.Contains(eligible[c], true) {
			continue
		}
		m := post.DraftDue.Monday()
		wk := weeks[m]
		if wk == nil {
			wk = &week{count: make([]int, len(s.Channels))}
			weeks[m] = wk
		}
		wk.count[c]++
		if post.Writer != "" {
			wk.assigned++
		}
	}
	for m, wk := range weeks {
		want := propMaxPlaced(wk.count, eligible, capacity)
		if wk.assigned != want {
			return propFail(t, seed, s, "week of %s: %d posts assigned, a maximum flow places %d (posts per channel %v)", m, wk.assigned, want, wk.count)
		}
		maxFlowStats.weeks++
		total := 0
		for _, n := range wk.count {
			total += n
		}
		if want < total {
			maxFlowStats.shortWeeks++
		}
	}
	return true
}

// TestWritersMaxFlow builds specs whose writers are few, narrow and short
// of capacity, so that the greedy alone would leave posts unassigned that
// another assignment places (counted here with mix.Assigner over the same
// stream), and checks every writer property on them, the maximum per week
// first.
func TestWritersMaxFlow(t *testing.T) {
	maxFlowStats.weeks, maxFlowStats.shortWeeks = 0, 0
	specs, gained := 0, 0
	for seed := range uint64(120) {
		r := rand.New(rand.NewPCG(seed, 0x3a11))
		s := randomSpec(r, false)
		if len(s.Channels) < 2 {
			continue
		}
		// A wide writer and specialists, capacities near a week's posts.
		for i := range 2 + r.IntN(3) {
			w := WriterSpec{Name: fmt.Sprintf("w%d", i), Capacity: 1 + r.IntN(12)}
			if i > 0 || r.IntN(3) == 0 {
				w.Channels = []string{s.Channels[r.IntN(len(s.Channels))].Name}
				for _, ch := range s.Channels {
					if r.IntN(4) == 0 && !slices.Contains(w.Channels, ch.Name) {
						w.Channels = append(w.Channels, ch.Name)
					}
				}
			}
			if i > 0 && r.IntN(4) == 0 {
				w.Channels, w.Capacity = s.Writers[i-1].Channels, s.Writers[i-1].Capacity
			}
			s.Writers = append(s.Writers, w)
		}
		p, err := Build(s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		var posts []Post
		for post := range p.Posts() {
			posts = append(posts, post)
		}
		if len(posts) == 0 {
			continue
		}
		specs++
		if !propCheckWriters(t, seed, s, p, posts) {
			return
		}
		// The greedy alone, for the count of specs where it fell short.
		capacity := make([]int, len(s.Writers))
		eligible := make([][]int, len(s.Channels))
		for j, wr := range s.Writers {
			capacity[j] = wr.Capacity
			for c, ch := range s.Channels {
				if wr.Channels == nil || slices.Contains(wr.Channels, ch.Name) {
					eligible[c] = append(eligible[c], j)
				}
			}
		}
		first := posts[0].DraftDue.Monday()
		for _, post := range posts {
			first = min(first, post.DraftDue.Monday())
		}
		greedy := mix.NewAssigner(capacity, eligible, int(s.Plan.End.Monday()-first)/7+1)
		greedyPlaced, placed := 0, 0
		for _, post := range posts {
			if greedy.Assign(post.Channel.Index, int(post.DraftDue.Monday()-first)/7) >= 0 {
				greedyPlaced++
			}
			if post.Writer != "" && len(eligible[post.Channel.Index]) > 0 {
				placed++
			}
		}
		if placed > greedyPlaced {
			gained++
		}
	}
	t.Logf("%d specs: %d weeks checked against a maximum flow, %d of them short; the greedy alone fell short of the maximum in %d specs",
		specs, maxFlowStats.weeks, maxFlowStats.shortWeeks, gained)
	if maxFlowStats.shortWeeks == 0 || gained == 0 {
		t.Errorf("vacuous: %d short weeks, %d specs gained on the greedy", maxFlowStats.shortWeeks, gained)
	}
}
