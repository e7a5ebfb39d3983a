package html

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/golden"
	"github.com/contentplan/contentplan/internal/perf"
)

// examples are the specs whose pages the tests read.
var examples = []string{
	"../../testdata/agency.toml", "../../testdata/coffee.toml", "../../testdata/b2b.toml",
	"../../testdata/ru_bakery.toml", "../../testdata/hostile.toml",
	"testdata/ru_riga.toml", "testdata/markup.toml", "testdata/small.toml",
}

// render writes plan's page and parses it as a browser would.
func render(t testing.TB, plan *calendar.Plan) ([]byte, *xhtml.Node) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, plan); err != nil {
		t.Fatal(err)
	}
	doc, err := xhtml.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

// walk yields every element of the tree under n.
func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	if n.Type == xhtml.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *xhtml.Node, class string) bool {
	v, _ := attr(n, "class")
	return slices.Contains(strings.Fields(v), class)
}

// text is the text under n, as textContent has it.
func text(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// find is the elements under n that match.
func find(n *xhtml.Node, match func(*xhtml.Node) bool) []*xhtml.Node {
	var out []*xhtml.Node
	walk(n, func(e *xhtml.Node) {
		if match(e) {
			out = append(out, e)
		}
	})
	return out
}

func byClass(class string) func(*xhtml.Node) bool {
	return func(n *xhtml.Node) bool { return hasClass(n, class) }
}

// postIDs are the ids of plan's posts that keep says to, sorted.
func postIDs(plan *calendar.Plan, keep func(p *calendar.Post) bool) []string {
	var ids []string
	for p := range plan.Posts() {
		if keep == nil || keep(&p) {
			ids = append(ids, p.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// TestEveryPostOnce: every post of each example is on its page exactly
// once, counted by data-id, with its channel's name beside its time.
func TestEveryPostOnce(t *testing.T) {
	t.Parallel()
	for _, spec := range examples {
		plan := testutil.BuildExample(t, spec)
		_, doc := render(t, plan)
		var ids []string
		names := map[string]string{}
		walk(doc, func(n *xhtml.Node) {
			if id, ok := attr(n, "data-id"); ok {
				ids = append(ids, id)
				names[id] = text(n)
			}
		})
		slices.Sort(ids)
		if want := postIDs(plan, nil); !slices.Equal(ids, want) {
			t.Errorf("%s: %d posts on the page, want %d, each once", spec, len(ids), len(want))
		}
		for p := range plan.Posts() {
			if want := p.Time.String() + " " + p.Channel.Name; !strings.HasPrefix(names[p.ID], want) {
				t.Errorf("%s: post %s reads %q, want it to start %q", spec, p.ID, names[p.ID], want)
				break
			}
		}
	}
}

// TestMonthsAndMarks: a month section per month of the plan, Monday
// first, each day once; the holidays, review meetings, skipped dates,
// campaign windows and clock changes on their days.
func TestMonthsAndMarks(t *testing.T) {
	t.Parallel()
	plan := testutil.BuildExample(t, "../../testdata/agency.toml")
	_, doc := render(t, plan)
	months := find(doc, byClass("month"))
	var ids []string
	for _, m := range months {
		id, _ := attr(m, "id")
		ids = append(ids, id)
		wd := find(m, byClass("wd"))
		if len(wd) != 7 || text(wd[0]) != "Mon" || text(wd[6]) != "Sun" {
			t.Errorf("%s: weekday header %d cells", id, len(wd))
		}
		days := find(m, func(n *xhtml.Node) bool { return hasClass(n, "day") && !hasClass(n, "pad") })
		for i, d := range days {
			if got := text(find(d, byClass("dn"))[0]); got != strconv.Itoa(i+1) {
				t.Errorf("%s: day %d is numbered %s", id, i+1, got)
				break
			}
		}
		if cells := len(find(m, byClass("day"))); cells%7 != 0 {
			t.Errorf("%s: %d cells, not whole weeks", id, cells)
		}
	}
	if want := []string{"m2027-01", "m2027-02", "m2027-03"}; !slices.Equal(ids, want) {
		t.Errorf("months %q, want %q", ids, want)
	}
	// March 2027 starts on a Monday: no padding before the 1st.
	if first := find(months[2], byClass("day"))[0]; hasClass(first, "pad") {
		t.Error("March 2027 starts with padding")
	}
	cell := func(d calendar.Date) *xhtml.Node {
		m := months[int(d.Month())-1]
		days := find(m, func(n *xhtml.Node) bool { return hasClass(n, "day") && !hasClass(n, "pad") })
		return days[d.Day()-1]
	}
	holidays := 0
	for _, o := range plan.Occasions {
		mark := "◇ "
		if o.Holiday {
			mark = "★ "
			holidays++
		}
		if got := text(cell(o.Date)); !strings.Contains(got, mark+o.Name) {
			t.Errorf("%s: %s not marked: %q", o.Date, o.Name, got)
		}
	}
	if n := len(find(doc, byClass("hol"))) - 1; n != len(plan.Holidays) || n != holidays { // less the legend's
		t.Errorf("%d holiday marks, want %d", n, len(plan.Holidays))
	}
	if n := len(find(doc, byClass("key"))) - 1; n != len(plan.Occasions)-holidays || n == 0 {
		t.Errorf("%d marks of key dates, want %d", n, len(plan.Occasions)-holidays)
	}
	for _, r := range plan.Reviews {
		if got := text(cell(r.Date)); !strings.Contains(got, "◆ 16:00 Monthly review") {
			t.Errorf("%s: review not marked: %q", r.Date, got)
		}
	}
	for _, d := range plan.Skip {
		if got := text(cell(d)); !strings.Contains(got, "⊘ No posts (skipped)") {
			t.Errorf("%s: skipped date not marked: %q", d, got)
		}
	}
	dst := find(doc, func(n *xhtml.Node) bool { return hasClass(n, "ev") && hasClass(n, "dst") })
	if len(dst) != 1 || text(dst[0]) != "◷ Clocks change: UTC+01:00 → UTC+02:00" ||
		!strings.Contains(text(cell(calendar.MakeDate(2027, 3, 28))), "Clocks change") {
		t.Errorf("clock change marks: %d", len(dst))
	}
	if got := text(cell(calendar.MakeDate(2027, 3, 28))); !strings.Contains(got, "03:30 X") ||
		!strings.Contains(got, "UTC+02:00, moved by the clock change") {
		t.Errorf("the X post moved by the clock change is not marked: %q", got)
	}
}

// TestCampaignWindows: every day of a campaign's window carries its band,
// named where the band starts and on Mondays.
func TestCampaignWindows(t *testing.T) {
	t.Parallel()
	plan := testutil.BuildExample(t, "../../testdata/ru_bakery.toml")
	_, doc := render(t, plan)
	for _, c := range plan.Campaigns {
		bands := find(doc, func(n *xhtml.Node) bool { return hasClass(n, "camp") && strings.Contains(text(n), c.Name) })
		if want := int(c.End-c.Start) + 1 + 1; len(bands) != want { // the days, and the list of campaigns
			t.Errorf("%s: %d bands, want %d", c.Name, len(bands), want)
		}
		named := 0
		for _, b := range bands {
			if !hasClass(b, "cont") {
				named++
			}
		}
		if named < 2 {
			t.Errorf("%s: named on %d days", c.Name, named)
		}
	}
}

// TestCSP: the policy forbids loading anything and allows the page's one
// style and one script by the hashes of their text, which match; no
// element refers to anything outside the page, and nothing is styled or
// scripted inline in a way the policy would block.
func TestCSP(t *testing.T) {
	t.Parallel()
	for _, spec := range examples {
		plan := testutil.BuildExample(t, spec)
		_, doc := render(t, plan)
		metas := find(doc, func(n *xhtml.Node) bool {
			v, _ := attr(n, "http-equiv")
			return n.Data == "meta" && strings.EqualFold(v, "Content-Security-Policy")
		})
		styles := find(doc, func(n *xhtml.Node) bool { return n.Data == "style" })
		scripts := find(doc, func(n *xhtml.Node) bool { return n.Data == "script" })
		if len(metas) != 1 || len(styles) != 1 || len(scripts) != 1 {
			t.Fatalf("%s: %d policies, %d styles, %d scripts, want one each", spec, len(metas), len(styles), len(scripts))
		}
		policy, _ := attr(metas[0], "content")
		directives := map[string]string{}
		for d := range strings.SplitSeq(policy, ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
			directives[name] = value
		}
		want := map[string]string{
			"default-src": "'none'", "base-uri": "'none'", "form-action": "'none'",
			"style-src": hash(text(styles[0])), "script-src": hash(text(scripts[0])),
		}
		if !maps.Equal(directives, want) {
			t.Errorf("%s: policy %q, want %q", spec, directives, want)
		}
		walk(doc, func(n *xhtml.Node) {
			for _, a := range n.Attr {
				switch {
				case a.Key == "style" || strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s %s>: blocked by the policy", spec, n.Data, a.Key)
				case a.Key == "src" || a.Key == "href" && !strings.HasPrefix(a.Val, "#"):
					t.Errorf("%s: <%s %s=%q>: refers outside the page", spec, n.Data, a.Key, a.Val)
				}
			}
		})
	}
}

// The elements and attributes the page is made of: anything else on the
// page of a hostile spec came from a name.
var (
	pageElements = strings.Fields(`html head body meta title style script header h1 h2 p span nav a main section
		div table thead tbody tfoot tr th td ul li b i small form details summary fieldset legend label input button select option`)
	pageAttrs = strings.Fields(`lang charset http-equiv content name class id href data-id data-x data-all data-w
		hidden open type checked value scope title`)
)

// markupNames are the names a spec gives: the plan's, channels', formats',
// pillars', writers' and campaigns'.
func markupNames(plan *calendar.Plan) []string {
	names := []string{plan.Name}
	for _, c := range plan.Channels {
		names = append(names, c.Name)
	}
	for _, f := range plan.Formats {
		names = append(names, f.Name)
	}
	for _, p := range plan.Pillars {
		names = append(names, p.Name)
	}
	for _, w := range plan.Writers {
		names = append(names, w.Name)
	}
	for _, c := range plan.Campaigns {
		names = append(names, c.Name)
	}
	return names
}

// TestHostileNames: the pages of testdata/hostile.toml and of names that
// are markup and script have only the page's own elements and attributes,
// its style and script as written, and every name as text: the title, the
// heading, the channels' names in their posts and the filters.
func TestHostileNames(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"../../testdata/hostile.toml", "testdata/markup.toml"} {
		plan := testutil.BuildExample(t, spec)
		_, doc := render(t, plan)
		walk(doc, func(n *xhtml.Node) {
			if !slices.Contains(pageElements, n.Data) {
				t.Errorf("%s: element <%s> on the page", spec, n.Data)
			}
			for _, a := range n.Attr {
				if !slices.Contains(pageAttrs, a.Key) {
					t.Errorf("%s: <%s %s=%q> on the page", spec, n.Data, a.Key, a.Val)
				}
			}
		})
		style := text(find(doc, func(n *xhtml.Node) bool { return n.Data == "style" })[0])
		rest, ok := strings.CutPrefix(style, baseCSS)
		if !ok || strings.Trim(rest, ".-{}:;,%\n abcdefghijklmnopqrstuvwxyz0123456789") != "" {
			t.Errorf("%s: the style holds more than the page's rules: %q", spec, rest)
		}
		if got := text(find(doc, func(n *xhtml.Node) bool { return n.Data == "script" })[0]); got != script {
			t.Errorf("%s: the script is not the page's own", spec)
		}
		body := text(find(doc, func(n *xhtml.Node) bool { return n.Data == "body" })[0])
		for _, name := range markupNames(plan) {
			if !strings.Contains(body, strings.ReplaceAll(name, "\r", "")) {
				t.Errorf("%s: %q is not on the page as text", spec, name)
			}
		}
		if got := text(find(doc, func(n *xhtml.Node) bool { return n.Data == "title" })[0]); got != plan.Name {
			t.Errorf("%s: title %q, want %q", spec, got, plan.Name)
		}
		for _, c := range plan.Channels {
			chips := find(doc, func(n *xhtml.Node) bool { return hasClass(n, "chip") && text(n) == c.Name })
			if len(chips) != 1 {
				t.Errorf("%s: channel %q has %d filter choices", spec, c.Name, len(chips))
			}
		}
	}
}

// TestGolden holds the page of a small plan (two weeks around Easter
// 2027 in Berlin: holidays, the clock change, a campaign, a review
// meeting, borrowed posts, writers and pillars) to its golden file.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"small", "ru_riga"} {
		plan := testutil.BuildExample(t, "testdata/"+name+".toml")
		page, _ := render(t, plan)
		golden.Check(t, "testdata/golden/"+name+".html", page)
	}
}

// TestSamePage: the same plan gives the same bytes (docs/spec.md, rule 6).
func TestSamePage(t *testing.T) {
	t.Parallel()
	plan := testutil.BuildExample(t, "../../testdata/ru_bakery.toml")
	a, _ := render(t, plan)
	b, _ := render(t, plan)
	if !bytes.Equal(a, b) {
		t.Error("two pages of one plan differ")
	}
}

// scalePlan is the README's scale spec with channels channels at perDay
// posts a day over 2027.
func scalePlan(t testing.TB, channels, perDay int) *calendar.Plan {
	t.Helper()
	var spec bytes.Buffer
	if err := perf.ScaleSpec(&spec, channels, perDay, "2027-01-01", "2027-12-31"); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/scale.toml"
	if err := os.WriteFile(path, spec.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return testutil.BuildExample(t, path)
}

// TestBusyDays: a day of more than busyDay posts lists the first
// shownPosts and folds the rest under "+N more", every post still once.
func TestBusyDays(t *testing.T) {
	t.Parallel()
	plan := scalePlan(t, 5, 3) // 15 posts a day
	_, doc := render(t, plan)
	var ids []string
	walk(doc, func(n *xhtml.Node) {
		if id, ok := attr(n, "data-id"); ok {
			ids = append(ids, id)
		}
	})
	slices.Sort(ids)
	if !slices.Equal(ids, postIDs(plan, nil)) {
		t.Errorf("%d posts on the page, want %d", len(ids), plan.Total)
	}
	days := find(doc, func(n *xhtml.Node) bool { return hasClass(n, "day") && !hasClass(n, "pad") })
	if len(days) != 365 {
		t.Fatalf("%d days", len(days))
	}
	for _, d := range days {
		folds := find(d, byClass("more"))
		if len(folds) != 1 || folds[0].Data != "details" {
			t.Fatalf("a day of 15 posts has %d folds", len(folds))
		}
		shown := len(find(d, byClass("p"))) - len(find(folds[0], byClass("p")))
		summary := find(folds[0], func(n *xhtml.Node) bool { return n.Data == "summary" })
		if shown != shownPosts || text(summary[0]) != "+5 more" {
			t.Fatalf("a day of 15 posts shows %d and says %q", shown, text(summary[0]))
		}
	}
}

// TestOddPlans: a plan without posts says so; hand-made posts without a
// channel, format or pillar, on dates outside the plan's, are on the page.
func TestOddPlans(t *testing.T) {
	t.Parallel()
	page, doc := render(t, testutil.EmptyPlan())
	if !bytes.Contains(page, []byte("The plan has no posts.")) || len(find(doc, byClass("month"))) != 0 {
		t.Error("the empty plan's page")
	}
	plan := testutil.RecordPlan()
	_, doc = render(t, plan)
	if ids := find(doc, func(n *xhtml.Node) bool { _, ok := attr(n, "data-id"); return ok }); len(ids) != 3 {
		t.Errorf("%d of the 3 hand-made posts on the page", len(ids))
	}
}

// TestWriteFails: a failing writer's error comes back.
func TestWriteFails(t *testing.T) {
	t.Parallel()
	plan := testutil.BuildExample(t, "../../testdata/agency.toml")
	for _, n := range []int{0, 5000, 100000} {
		if err := Write(&testutil.FailWriter{N: n}, plan); !errors.Is(err, os.ErrClosed) {
			t.Errorf("failing after %d bytes: %v", n, err)
		}
	}
}

// BenchmarkWrite writes the page of a year of 30 channels at 3 posts a
// day (32,850 posts), both passes over the posts included.
func BenchmarkWrite(b *testing.B) {
	plan := scalePlan(b, 30, 3)
	var size int64
	for b.Loop() {
		var n countWriter
		if err := Write(&n, plan); err != nil {
			b.Fatal(err)
		}
		size = int64(n)
	}
	b.ReportMetric(float64(size)/1e6, "MB/page")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(plan.Total), "ns/post")
}

type countWriter int64

func (w *countWriter) Write(p []byte) (int, error) { *w += countWriter(len(p)); return len(p), nil }
