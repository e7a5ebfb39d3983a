package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/contentplan/contentplan/internal/cli"
)

// TestExampleRules generates the csv of each example spec through the CLI
// and checks the scheduling rules 1–5 of docs/spec.md from that csv alone. It is an
// independent checker: it reads the spec with its own small TOML read and
// recomputes every rule here, sharing no code with the generator (not even
// its date, frequency or cap parsing), so a bug there cannot hide itself.
func TestExampleRules(t *testing.T) {
	for _, name := range []string{"coffee", "b2b", "agency"} {
		t.Run(name, func(t *testing.T) {
			specPath := filepath.Join("..", "..", "testdata", name+".toml")
			spec := readSpec(t, specPath)
			dir := t.TempDir()
			var stderr strings.Builder
			env := &cli.Env{In: strings.NewReader(""), Out: &strings.Builder{}, ErrOut: &stderr,
				Getenv: func(string) string { return "1798761600" }, Now: time.Now}
			if code := cli.Main([]string{"generate", specPath, "-o", dir, "--format", "csv"}, env); code != 0 {
				t.Fatalf("generate exit %d: %s", code, stderr.String())
			}
			posts := readCSV(t, filepath.Join(dir, name+".csv"))
			if len(posts) == 0 {
				t.Fatal("no posts")
			}
			checkRules(t, spec, posts)
		})
	}
}

// ---- the checker's own view of a spec ----

type xSpec struct {
	Plan struct {
		Start, End   time.Time // a TOML local date, in toml's own location
		Quarter      string
		Timezone     string
		Borrowed     any
		Skip         []time.Time
		SkipHolidays bool `toml:"skip_holidays"`
	}
	Channel []struct {
		Name      string
		Frequency string
		Days      []string
		Times     []string
		Formats   any
		Borrowed  any
	}
	Format []struct {
		Name       string
		Borrowable *bool
	}
	Pillar []struct {
		Name   string
		Weight *float64
	}
	Campaign []struct{ Name string }
}

type xChannel struct {
	name      string
	n         int    // posts per period
	per       string // "day", "week", "month", "weekdays"
	days      []time.Weekday
	times     []string // empty: the default spread over 09:00–21:00
	formats   []string
	weights   []float64
	capBP     int64 // cap in basis points
	anyBorrow bool  // has a borrowable format
}

type xPlan struct {
	start, end time.Time
	skip       map[string]bool
	channels   []xChannel
	borrowable map[string]bool
	pillars    []string
	pweights   []float64
}

func day(d time.Time) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// basisPoints reads "NN%", "NN.NN%" or 0.NN exactly, in integers.
func basisPoints(t *testing.T, v any) int64 {
	var s string
	switch v := v.(type) {
	case string:
		s = strings.TrimSpace(v)
		if !strings.HasSuffix(s, "%") {
			t.Fatalf("cap %q", v)
		}
		s = strings.TrimSuffix(s, "%")
		whole, frac, _ := strings.Cut(s, ".")
		frac = (frac + "00")[:2]
		w, err1 := strconv.ParseInt(whole, 10, 64)
		f, err2 := strconv.ParseInt(frac, 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("cap %q", v)
		}
		return w*100 + f
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64) // "0.29", read as decimal text
		whole, frac, _ := strings.Cut(s, ".")
		frac = (frac + "0000")[:4]
		w, _ := strconv.ParseInt(whole, 10, 64)
		f, _ := strconv.ParseInt(frac, 10, 64)
		return w*10000 + f
	case int64:
		return v * 10000
	}
	t.Fatalf("cap %#v", v)
	return 0
}

func readSpec(t *testing.T, path string) *xPlan {
	t.Helper()
	var s xSpec
	if _, err := toml.DecodeFile(path, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Campaign) > 0 {
		t.Fatal("the checker does not model campaigns yet")
	}
	p := &xPlan{skip: map[string]bool{}, borrowable: map[string]bool{}}
	if s.Plan.Quarter != "" {
		var y, q int
		if _, err := fmt.Sscanf(s.Plan.Quarter, "%d-Q%d", &y, &q); err != nil {
			t.Fatal(err)
		}
		p.start = time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		p.end = p.start.AddDate(0, 3, -1)
	} else {
		p.start, p.end = day(s.Plan.Start), day(s.Plan.End)
	}
	for _, d := range s.Plan.Skip {
		p.skip[day(d).Format("2006-01-02")] = true
	}
	planCap := int64(2000)
	if s.Plan.Borrowed != nil {
		planCap = basisPoints(t, s.Plan.Borrowed)
	}
	for _, f := range s.Format {
		p.borrowable[f.Name] = f.Borrowable == nil || *f.Borrowable
	}
	for _, pl := range s.Pillar {
		w := 1.0
		if pl.Weight != nil {
			w = *pl.Weight
		}
		p.pillars = append(p.pillars, pl.Name)
		p.pweights = append(p.pweights, w)
	}
	wd := map[string]time.Weekday{"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
		"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday}
	for _, c := range s.Channel {
		x := xChannel{name: c.Name, times: c.Times, capBP: planCap}
		switch c.Frequency {
		case "daily":
			x.n, x.per = 1, "day"
		case "weekdays":
			x.n, x.per = 1, "weekdays"
		default:
			n, per, ok := strings.Cut(c.Frequency, "/")
			k, err := strconv.Atoi(n)
			if !ok || err != nil {
				t.Fatalf("frequency %q", c.Frequency)
			}
			x.n, x.per = k, per
		}
		for _, d := range c.Days {
			x.days = append(x.days, wd[d])
		}
		switch f := c.Formats.(type) {
		case []any:
			for _, name := range f {
				x.formats = append(x.formats, name.(string))
				x.weights = append(x.weights, 1)
			}
		case map[string]any:
			// TOML tables have no order; the checker does not need one.
			for name, w := range f {
				x.formats = append(x.formats, name)
				switch w := w.(type) {
				case int64:
					x.weights = append(x.weights, float64(w))
				case float64:
					x.weights = append(x.weights, w)
				}
			}
		}
		if c.Borrowed != nil {
			x.capBP = basisPoints(t, c.Borrowed)
		}
		for _, f := range x.formats {
			if b, ok := p.borrowable[f]; !ok || b {
				x.anyBorrow = true
			}
		}
		p.channels = append(p.channels, x)
	}
	return p
}

// ---- the csv ----

type xPost struct {
	id, date, time, channel, format, source, pillar string
	d                                               time.Time
}

func readCSV(t *testing.T, path string) []xPost {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "id,date,time,timezone,channel,format,source,pillar,objective,campaign,title,writer,draft_due,status,cost,occasion"
	if got := strings.Join(rows[0], ","); got != want {
		t.Fatalf("header %q", got)
	}
	var posts []xPost
	for _, r := range rows[1:] {
		d, err := time.Parse("2006-01-02", r[1])
		if err != nil {
			t.Fatalf("date %q", r[1])
		}
		posts = append(posts, xPost{id: r[0], date: r[1], time: r[2], channel: r[4], format: r[5], source: r[6], pillar: r[7], d: d})
	}
	return posts
}

// ---- the rules ----

func checkRules(t reporter, p *xPlan, posts []xPost) {
	byChannel := map[string][]xPost{}
	ids := map[string]bool{}
	for _, post := range posts {
		byChannel[post.channel] = append(byChannel[post.channel], post)
		if ids[post.id] {
			t.Errorf("id %s is not unique", post.id)
		}
		ids[post.id] = true
	}
	for _, c := range p.channels {
		ps := byChannel[c.name]
		delete(byChannel, c.name)
		// Date order within the channel (the csv is in instant order, which
		// within one channel and zone is date-and-time order).
		slices.SortStableFunc(ps, func(a, b xPost) int { return strings.Compare(a.date+a.time, b.date+b.time) })
		rule1(t, p, c, ps)
		rule2(t, p, c, ps)
		rule3(t, p, c, ps)
		rule4(t, p, c, ps)
	}
	for name := range byChannel {
		t.Errorf("rule 1: posts for %q, which is no channel of the spec", name)
	}
	rule5(t, p, posts)
}

// Rule 1: inside the plan, never on a skipped date, at a channel time,
// no two posts of a channel at one date and time.
func rule1(t reporter, p *xPlan, c xChannel, ps []xPost) {
	seen := map[string]bool{}
	for _, post := range ps {
		if post.d.Before(p.start) || post.d.After(p.end) {
			t.Errorf("rule 1: %s: %s is outside the plan", c.name, post.date)
		}
		if p.skip[post.date] {
			t.Errorf("rule 1: %s: post on the skipped date %s", c.name, post.date)
		}
		if len(c.times) > 0 && !slices.Contains(c.times, post.time) {
			// A spring-forward day moves a missing time forward by the
			// gap (rule 8); allow exactly that shift.
			if !dstShifted(c.times, post) {
				t.Errorf("rule 1: %s: %s %s is not one of its times %v", c.name, post.date, post.time, c.times)
			}
		}
		if len(c.times) == 0 && (post.time < "09:00" || post.time > "21:00") {
			t.Errorf("rule 1: %s: default time %s outside 09:00–21:00", c.name, post.time)
		}
		key := post.date + " " + post.time
		if seen[key] {
			t.Errorf("rule 1: %s: two posts at %s", c.name, key)
		}
		seen[key] = true
	}
}

// dstShifted reports whether post is a channel time moved forward by one
// hour on a European spring-forward day (the last Sunday of March).
func dstShifted(times []string, post xPost) bool {
	if post.d.Month() != time.March || post.d.Weekday() != time.Sunday || post.d.Day() < 25 {
		return false
	}
	at, err := time.Parse("15:04", post.time)
	if err != nil {
		return false
	}
	return slices.Contains(times, at.Add(-time.Hour).Format("15:04"))
}

// Rule 2: counts per full period follow the frequency. A period with
// skipped dates may fall short by what those dates held (the run warns
// about dropped posts), never exceed it.
func rule2(t reporter, p *xPlan, c xChannel, ps []xPost) {
	perDay := map[string]int{}
	perWeek := map[string]int{}
	perMonth := map[string]int{}
	for _, post := range ps {
		perDay[post.date]++
		y, w := post.d.ISOWeek()
		perWeek[fmt.Sprintf("%d-W%02d", y, w)]++
		perMonth[post.date[:7]]++
		if len(c.days) > 0 && c.per == "week" && !slices.Contains(c.days, post.d.Weekday()) {
			// Only a post moved off a skipped day may leave its days.
			if !weekHasSkip(p, post.d) {
				t.Errorf("rule 2: %s: %s is a %s, not one of its days", c.name, post.date, post.d.Weekday())
			}
		}
	}
	// Full ISO weeks.
	for mon := p.start; !mon.After(p.end); mon = mon.AddDate(0, 0, 1) {
		if mon.Weekday() != time.Monday || mon.AddDate(0, 0, 6).After(p.end) {
			continue
		}
		y, w := mon.ISOWeek()
		key := fmt.Sprintf("%d-W%02d", y, w)
		skipped := 0
		for i := range 7 {
			if p.skip[mon.AddDate(0, 0, i).Format("2006-01-02")] {
				skipped++
			}
		}
		var want int
		switch c.per {
		case "day":
			want = 7 * c.n
		case "weekdays":
			want = 5
		case "week":
			want = c.n
		default:
			continue
		}
		got := perWeek[key]
		if got > want || got < want-skipped*max(c.n, 1) {
			t.Errorf("rule 2: %s: %d posts in %s, want %d (%d skipped days)", c.name, got, key, want, skipped)
		}
		if skipped == 0 && c.per == "day" {
			for i := range 7 {
				d := mon.AddDate(0, 0, i).Format("2006-01-02")
				if perDay[d] != c.n {
					t.Errorf("rule 2: %s: %d posts on %s, want %d", c.name, perDay[d], d, c.n)
				}
			}
		}
		if skipped == 0 && c.per == "weekdays" {
			for i := 5; i < 7; i++ {
				if d := mon.AddDate(0, 0, i).Format("2006-01-02"); perDay[d] != 0 {
					t.Errorf("rule 2: %s: a weekend post on %s", c.name, d)
				}
			}
		}
	}
	// Full calendar months.
	if c.per == "month" {
		for m := time.Date(p.start.Year(), p.start.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(p.end); m = m.AddDate(0, 1, 0) {
			last := m.AddDate(0, 1, -1)
			if m.Before(p.start) || last.After(p.end) {
				continue
			}
			skipped := 0
			for d := m; !d.After(last); d = d.AddDate(0, 0, 1) {
				if p.skip[d.Format("2006-01-02")] {
					skipped++
				}
			}
			got := perMonth[m.Format("2006-01")]
			if got > c.n || got < c.n-skipped {
				t.Errorf("rule 2: %s: %d posts in %s, want %d", c.name, got, m.Format("2006-01"), c.n)
			}
		}
	}
}

func weekHasSkip(p *xPlan, d time.Time) bool {
	mon := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	for i := range 7 {
		if p.skip[mon.AddDate(0, 0, i).Format("2006-01-02")] {
			return true
		}
	}
	return false
}

// Rule 3: borrowed so far ≤ floor(c·k) after every post k, and exactly
// floor(c·N) in all, in integer arithmetic.
func rule3(t reporter, p *xPlan, c xChannel, ps []xPost) {
	borrowed := int64(0)
	for k, post := range ps {
		switch post.source {
		case "borrowed":
			borrowed++
		case "own":
		default:
			t.Errorf("rule 3: %s: source %q", c.name, post.source)
		}
		if limit := c.capBP * int64(k+1) / 10000; borrowed > limit {
			t.Errorf("rule 3: %s: %d borrowed after %d posts, cap %d bp allows %d", c.name, borrowed, k+1, c.capBP, limit)
			return
		}
	}
	want := c.capBP * int64(len(ps)) / 10000
	if !c.anyBorrow {
		want = 0
	}
	if borrowed != want {
		t.Errorf("rule 3: %s: %d borrowed of %d posts, want exactly %d (cap %d bp)", c.name, borrowed, len(ps), want, c.capBP)
	}
}

// Rule 4: only the channel's formats, borrowed only in borrowable ones,
// each format within ±1 of its weighted share, no clusters.
func rule4(t reporter, p *xPlan, c xChannel, ps []xPost) {
	count := map[string]int{}
	total := 0.0
	for _, w := range c.weights {
		total += w
	}
	run, longest := 0, map[string]int{}

	for i, post := range ps {
		if !slices.Contains(c.formats, post.format) {
			t.Errorf("rule 4: %s: format %q is not the channel's", c.name, post.format)
		}
		if post.source == "borrowed" {
			if b, ok := p.borrowable[post.format]; ok && !b {
				t.Errorf("rule 4: %s: borrowed post %s in the non-borrowable format %q", c.name, post.id, post.format)
			}
		}
		count[post.format]++
		if i > 0 && ps[i-1].format == post.format {
			run++
		} else {
			run = 1
		}
		longest[post.format] = max(longest[post.format], run)
	}
	for i, f := range c.formats {
		share := float64(len(ps)) * c.weights[i] / total
		if math.Abs(float64(count[f])-share) > 1+1e-9 {
			t.Errorf("rule 4: %s: %d %s posts, weighted share %.2f (±1)", c.name, count[f], f, share)
		}
		// "Does not cluster", made precise as mix promises it: a format
		// with share w runs at most about 2/(1-w) posts in a row.
		if w := c.weights[i] / total; w < 1 {
			if limit := int(2 / (1 - w)); longest[f] > limit {
				t.Errorf("rule 4: %s: %d %s posts in a row, want at most %d", c.name, longest[f], f, limit)
			}
		}
	}
	// And spread evenly: after every post k, each format's count stays
	// within 2 of its pro-rata share of the first k posts (1.5, the mix's
	// own promise, plus room for the borrowed posts' narrower choice).
	seen := map[string]int{}
	for k, post := range ps {
		seen[post.format]++
		for i, f := range c.formats {
			pro := float64(k+1) * c.weights[i] / total
			if d := math.Abs(float64(seen[f]) - pro); d > 2+1e-9 {
				t.Errorf("rule 4: %s: after %d posts %d are %s, pro rata %.2f", c.name, k+1, seen[f], f, pro)
				return
			}
		}
	}
}

// Rule 5: each pillar within ±1 of its weighted share of all posts.
func rule5(t reporter, p *xPlan, posts []xPost) {
	if len(p.pillars) == 0 {
		for _, post := range posts {
			if post.pillar != "" {
				t.Fatalf("rule 5: pillar %q in a plan without pillars", post.pillar)
			}
		}
		return
	}
	count := map[string]int{}
	for _, post := range posts {
		if !slices.Contains(p.pillars, post.pillar) {
			t.Errorf("rule 5: post %s has pillar %q, not one of the spec's", post.id, post.pillar)
		}
		count[post.pillar]++
	}
	total := 0.0
	for _, w := range p.pweights {
		total += w
	}
	for i, name := range p.pillars {
		share := float64(len(posts)) * p.pweights[i] / total
		if math.Abs(float64(count[name])-share) > 1+1e-9 {
			t.Errorf("rule 5: %d posts on pillar %q, weighted share %.2f (±1)", count[name], name, share)
		}
	}
}

// reporter is the part of testing.T the rules use, so that the checker
// itself can be tested against broken plans.
type reporter interface {
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

type recorder struct{ msgs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// TestCheckerCatches breaks a good plan in one way at a time and checks
// that the checker notices: a checker that passes everything proves nothing.
func TestCheckerCatches(t *testing.T) {
	specPath := filepath.Join("..", "..", "testdata", "coffee.toml")
	spec := readSpec(t, specPath)
	dir := t.TempDir()
	env := &cli.Env{In: strings.NewReader(""), Out: &strings.Builder{}, ErrOut: &strings.Builder{},
		Getenv: func(string) string { return "" }, Now: time.Now}
	if code := cli.Main([]string{"generate", specPath, "-o", dir, "--format", "csv"}, env); code != 0 {
		t.Fatalf("generate exit %d", code)
	}
	good := readCSV(t, filepath.Join(dir, "coffee.csv"))
	first := func(ps []xPost, channel, source string) int {
		for i, p := range ps {
			if p.channel == channel && (source == "" || p.source == source) {
				return i
			}
		}
		t.Fatalf("no %s %s post", source, channel)
		return -1
	}
	for _, tc := range []struct {
		name   string
		mangle func(ps []xPost) []xPost
		want   string
	}{
		{"skipped date", func(ps []xPost) []xPost {
			i := first(ps, "VK", "")
			ps[i].date, ps[i].d = "2027-01-01", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
			return ps
		}, "rule 1"},
		{"wrong time", func(ps []xPost) []xPost { ps[first(ps, "Instagram", "")].time = "13:37"; return ps }, "rule 1"},
		{"missing post", func(ps []xPost) []xPost { i := len(ps) / 2; return append(ps[:i:i], ps[i+1:]...) }, "rule 2"},
		{"front-loaded", func(ps []xPost) []xPost { ps[first(ps, "Telegram", "own")].source = "borrowed"; return ps }, "rule 3"},
		{"one borrowed too few", func(ps []xPost) []xPost { ps[first(ps, "Telegram", "borrowed")].source = "own"; return ps }, "rule 3"},
		{"foreign format", func(ps []xPost) []xPost { ps[first(ps, "Telegram", "")].format = "reel"; return ps }, "rule 4"},
		{"one format", func(ps []xPost) []xPost {
			for i := range ps {
				if ps[i].channel == "Instagram" {
					ps[i].format = "photo"
				}
			}
			return ps
		}, "rule 4"},
		{"one pillar", func(ps []xPost) []xPost {
			for i := range ps {
				ps[i].pillar = "neighbourhood"
			}
			return ps
		}, "rule 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := tc.mangle(slices.Clone(good))
			var r recorder
			checkRules(&r, spec, ps)
			if !slices.ContainsFunc(r.msgs, func(m string) bool { return strings.HasPrefix(m, tc.want) }) {
				t.Errorf("the checker did not report %s; it said %q", tc.want, r.msgs)
			}
		})
	}
}
