package ics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/interop"
)

// dstZones are the zones of the interop test, with the year of the plan:
// both hemispheres, 30- and 45-minute offsets and DST, negative DST, a zone
// without a yearly rule, zones that abolished DST inside the covered span,
// and zones with no DST at all.
var dstZones = []struct {
	tz   string
	year int
}{
	{"Europe/Berlin", 2027},
	{"Europe/Dublin", 2027},       // negative DST in tzdata
	{"America/New_York", 2027},    // second Sunday in March
	{"America/St_Johns", 2027},    // -03:30
	{"America/Santiago", 2027},    // southern, transitions at local midnight
	{"Australia/Sydney", 2027},    // southern
	{"Australia/Lord_Howe", 2027}, // 30-minute DST
	{"Pacific/Chatham", 2027},     // +12:45/+13:45
	{"Africa/Casablanca", 2027},   // Ramadan: no yearly rule
	{"America/Sao_Paulo", 2019},   // DST abolished in 2019: the rule changes in the span
	{"Asia/Tehran", 2022},         // DST abolished in 2022
	{"Asia/Kolkata", 2027},        // fixed +05:30
	{"Asia/Kathmandu", 2027},      // fixed +05:45
	{"UTC", 2027},
}

// dstPlan is a plan in zone tz over year with posts around every transition
// of that year: before it, inside the gap or overlap, after it, and
// ordinary ones; reel posts last an hour, so some ends cross the change.
// Reviews sit inside gaps and overlaps too.
func dstPlan(t testing.TB, tz string, year int) *calendar.Plan {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	type wall struct {
		d time.Time // date (UTC fields)
		m int       // minutes since midnight
	}
	var walls []wall
	add := func(w time.Time) { // w: wall clock as UTC fields
		w = w.Truncate(time.Minute)
		walls = append(walls, wall{time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC), w.Hour()*60 + w.Minute()})
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	to := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	ps := zonePeriods(loc, from, to)
	var reviews []calendar.Review
	for i := 1; i < len(ps); i++ {
		o1, o2 := time.Duration(ps[i-1].offset)*time.Second, time.Duration(ps[i].offset)*time.Second
		w := ps[i].start.Add(o1) // the change's wall clock, in the old offset
		d := o2 - o1
		if d < 0 {
			d = -d
		}
		if o2 > o1 { // gap [w, w+d)
			add(w.Add(-time.Minute))
			add(w.Add(d / 2))
			add(w.Add(d))
			add(w.Add(d + 30*time.Minute))
		} else { // overlap [w-d, w)
			add(w.Add(-d - time.Minute))
			add(w.Add(-d / 2))
			add(w.Add(-d))
			add(w)
		}
		rw := w.Add(d / 2)
		if o2 < o1 {
			rw = w.Add(-d / 2)
		}
		day := calendar.MakeDate(rw.Date())
		start := wallAt(loc, rw.Year(), rw.Month(), rw.Day(), rw.Hour(), rw.Minute())
		if len(reviews) == 0 || reviews[len(reviews)-1].Date != day {
			reviews = append(reviews, calendar.Review{Date: day, Start: start, End: start.Add(time.Hour), Title: "Review " + day.String()})
		}
	}
	for m := time.January; m <= time.December; m++ {
		add(time.Date(year, m, 15, 12, 0, 0, 0, time.UTC))
	}
	sort.Slice(walls, func(i, j int) bool {
		if !walls[i].d.Equal(walls[j].d) {
			return walls[i].d.Before(walls[j].d)
		}
		return walls[i].m < walls[j].m
	})
	var posts []icsPost
	seen := map[string]bool{}
	for i, w := range walls {
		p := icsPost{ch: "Instagram", format: "reel", pillar: "Behind the scenes",
			date: w.d.Format("2006-01-02"), clock: fmt.Sprintf("%02d:%02d", w.m/60, w.m%60)}
		if i%2 == 1 {
			p.format = "photo"
		}
		if seen[p.date+p.clock] {
			continue
		}
		seen[p.date+p.clock] = true
		posts = append(posts, p)
	}
	plan := icsPlan(t, tz, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year), []string{"Instagram"}, posts)
	plan.Reviews = reviews
	return plan
}

// meant is what Go means by the plan: for every event, the instants of
// DTSTART, DTEND and the alarm, in unix seconds, or the date of an all-day
// event.
func meant(plan *calendar.Plan, deadlines bool) map[string]any {
	return meantIn(plan, Options{Deadlines: deadlines})
}

// meantIn is what Go means by the file that opt writes: only the posts of
// opt.Channel, only the posts or only the reviews as opt.Part says.
func meantIn(plan *calendar.Plan, opt Options) map[string]any {
	deadlines := opt.Deadlines
	m := map[string]any{}
	if opt.Part == All || opt.Part == ReviewsOnly {
		for _, r := range plan.Reviews {
			uid := reviewUID(plan, r.Date)
			m[uid] = float64(r.Start.Unix())
			m[uid+"#end"] = float64(r.End.Unix())
		}
	}
	if opt.Part == All || opt.Part == OccasionsOnly {
		for _, o := range plan.Occasions {
			uid := occasionUID(plan, o)
			m[uid] = o.Date.String()
			m[uid+"#end"] = o.Date.AddDays(1).String()
		}
	}
	if opt.Part != All && opt.Part != PostsOnly {
		return m
	}
	for p := range plan.Posts() {
		if opt.Channel != nil && !sameChannel(p.Channel, opt.Channel) {
			continue
		}
		uid := p.ID + uidDomain
		m[uid] = float64(p.Start.Unix())
		m[uid+"#end"] = float64(p.End.Unix())
		y, mo, d := p.DraftDue.YMD()
		m[uid+"#alarm"] = float64(time.Date(y, mo, d, 9, 0, 0, 0, plan.Location).Unix())
		if deadlines {
			duid := p.ID + "-draft" + uidDomain
			m[duid] = p.DraftDue.String()
			m[duid+"#end"] = p.DraftDue.AddDays(1).String()
		}
	}
	return m
}

// runInstants runs a checking script over files and returns, per file, its
// UID -> instant map.
func runInstants(t *testing.T, name string, args ...string) map[string]map[string]any {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = interop.Dir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s rejects a file: %v\n%s", name, err, stderr.String())
	}
	var res map[string]map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

type icsCase struct {
	file string
	want map[string]any // nil: only parsing is checked
}

// checkICSInterop has Python icalendar (with pytz and with the file's own
// VTIMEZONE), vobject (validate=True) and ical.js read every file, and
// compares the instants they compute with what Go means.
func checkICSInterop(t *testing.T, cases []icsCase) {
	py := interop.Python(t, "icalendar", "vobject")
	node := interop.Node(t, "ical.js")
	var files []string
	for _, c := range cases {
		files = append(files, c.file)
	}
	readers := []struct {
		name string
		args []string
	}{
		{"python icalendar (pytz)", append([]string{py, "ics_instants.py", "icalendar"}, files...)},
		{"python icalendar (VTIMEZONE)", append([]string{py, "ics_instants.py", "icalendar-vtz"}, files...)},
		{"vobject", append([]string{py, "ics_instants.py", "vobject"}, files...)},
		{"ical.js", append([]string{node, "ics_instants.js"}, files...)},
	}
	for _, r := range readers {
		got := runInstants(t, r.name, r.args...)
		for _, c := range cases {
			if c.want == nil {
				if _, ok := got[c.file]; !ok {
					t.Errorf("%s: %s: no result", r.name, filepath.Base(c.file))
				}
				continue
			}
			compareInstants(t, r.name+": "+filepath.Base(c.file), c.want, got[c.file])
		}
	}
}

func compareInstants(t *testing.T, where string, want, got map[string]any) {
	t.Helper()
	bad := 0
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: %s missing", where, k)
			bad++
		} else if g != w {
			if wf, ok := w.(float64); ok {
				if gf, ok := g.(float64); ok {
					t.Errorf("%s: %s = %s, Go means %s (%+.0fs)", where, k,
						time.Unix(int64(gf), 0).UTC().Format(time.RFC3339), time.Unix(int64(wf), 0).UTC().Format(time.RFC3339), gf-wf)
					bad++
					continue
				}
			}
			t.Errorf("%s: %s = %v, Go means %v", where, k, g, w)
			bad++
		}
		if bad > 10 {
			t.Errorf("%s: more differences left out", where)
			return
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected %s", where, k)
		}
	}
}

// TestICSInteropDST: for plans in 14 zones, posts, reviews and alarms
// around every DST change of the year, every reader computes the instant
// Go means for every event.
func TestICSInteropDST(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var cases []icsCase
	for _, z := range dstZones {
		plan := dstPlan(t, z.tz, z.year)
		for _, deadlines := range []bool{false, true} {
			data := writeICS(t, plan, Options{Deadlines: deadlines})
			name := fmt.Sprintf("%s-%d-%v.ics", strings.ReplaceAll(z.tz, "/", "_"), z.year, deadlines)
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, icsCase{file, meant(plan, deadlines)})
		}
	}
	checkICSInterop(t, cases)
}

// TestICSInteropGolden: the golden files parse everywhere, with the
// instants Go means.
func TestICSInteropGolden(t *testing.T) {
	t.Parallel()
	var cases []icsCase
	for _, g := range []struct {
		name, tz string
		opt      func(*calendar.Plan) Options
	}{
		{"berlin", "Europe/Berlin", func(*calendar.Plan) Options { return Options{} }},
		{"berlin-deadlines", "Europe/Berlin", func(*calendar.Plan) Options { return Options{Deadlines: true} }},
		{"berlin-split-vk", "Europe/Berlin", func(p *calendar.Plan) Options { return Options{Channel: p.Channels[1], Part: PostsOnly} }},
		{"berlin-reviews", "Europe/Berlin", func(*calendar.Plan) Options { return Options{Part: ReviewsOnly} }},
		{"berlin-occasions", "Europe/Berlin", func(*calendar.Plan) Options { return Options{Part: OccasionsOnly} }},
		{"moscow-ru", "Europe/Moscow", func(*calendar.Plan) Options { return Options{Deadlines: true} }},
		{"utc", "UTC", func(*calendar.Plan) Options { return Options{} }},
		{"dublin", "Europe/Dublin", func(*calendar.Plan) Options { return Options{} }},
		{"kolkata", "Asia/Kolkata", func(*calendar.Plan) Options { return Options{} }},
	} {
		file, err := filepath.Abs(filepath.Join("..", "..", "testdata", "golden", "ics", g.name+".ics"))
		if err != nil {
			t.Fatal(err)
		}
		plan := icsGoldenPlan(t, g.name, g.tz)
		cases = append(cases, icsCase{file, meantIn(plan, g.opt(plan))})
	}
	checkICSInterop(t, cases)
}

// TestICSInteropExamples: the example specs (the Russian and Bulgarian ones
// among them), through Parse, Build and Write (whole, and split as --split
// channel splits: posts per channel, the reviews and the occasions apart),
// lint clean, parse in every reader, and give the instants (and the
// all-day events' dates) Go means.
func TestICSInteropExamples(t *testing.T) {
	t.Parallel()
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	if len(specs) == 0 {
		t.Skip("no example specs")
	}
	dir := t.TempDir()
	var cases []icsCase
	for _, spec := range specs {
		plan := testutil.BuildExample(t, spec)
		base := strings.TrimSuffix(filepath.Base(spec), ".toml")
		file := filepath.Join(dir, base+".ics")
		if err := os.WriteFile(file, writeICS(t, plan, Options{Deadlines: true}), 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, icsCase{file, meant(plan, true)})
		split := []Options{{Part: ReviewsOnly}, {Part: OccasionsOnly}}
		for _, ch := range plan.Channels {
			split = append(split, Options{Channel: ch, Part: PostsOnly, Deadlines: true})
		}
		for i, opt := range split {
			file := filepath.Join(dir, fmt.Sprintf("%s-%d.ics", base, i))
			if err := os.WriteFile(file, writeICS(t, plan, opt), 0o644); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, icsCase{file, meantIn(plan, opt)})
		}
	}
	checkICSInterop(t, cases)
}
