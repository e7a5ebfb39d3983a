package html

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/interop"
)

// shotDir is where the end-to-end test leaves its pictures: the folder
// CONTENTPLAN_SHOTS names, to look at them, or a temporary one.
func shotDir(t *testing.T) string {
	if d := os.Getenv("CONTENTPLAN_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// writePage writes plan's page to dir/name.html and returns its file URL.
func writePage(t *testing.T, plan *calendar.Plan, dir, name string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, plan); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + path
}

// Scripts run in the page by the tests. The visible posts are those the
// browser lays out: a post hidden by a filter has no box.
const (
	jsAllIDs     = `Array.from(document.querySelectorAll("[data-id]"), e => e.getAttribute("data-id")).sort()`
	jsVisibleIDs = `Array.from(document.querySelectorAll("[data-id]")).filter(e => e.checkVisibility()).map(e => e.getAttribute("data-id")).sort()`
	jsShowMonths = `document.querySelectorAll(".month").forEach(m => m.style.contentVisibility = "visible"), true`
)

// TestChromium opens the pages of the examples in headless Chromium: every
// post of the plan is in the document, the style and the script run under
// the page's Content-Security-Policy, the channel and writer filters leave
// exactly the posts they should, and pictures are taken of a month with a
// holiday and a clock change, in English and Russian, light and dark, on
// a desktop and a phone, and printed.
func TestChromium(t *testing.T) {
	chromium := interop.Chromium(t)
	dir := shotDir(t)
	b := startBrowser(t, chromium)

	agency := testutil.BuildExample(t, "../../testdata/agency.toml")
	b.open(writePage(t, agency, dir, "agency"))
	checkPosts(t, b, agency)
	checkFilters(t, b, agency)
	pictures(t, b, dir, "agency-march", "m2027-03")
	printed(t, b, dir, "agency")

	riga := testutil.BuildExample(t, "testdata/ru_riga.toml")
	rigaURL := writePage(t, riga, dir, "ru_riga")
	b.open(rigaURL)
	checkPosts(t, b, riga)
	pictures(t, b, dir, "ru_riga-march", "m2027-03")
	printed(t, b, dir, "ru_riga")
	withoutScript(t, b, rigaURL, riga, filepath.Join(dir, "ru_riga-noscript.png"))

	tampered(t, b, agency, dir)

	bakery := testutil.BuildExample(t, "../../testdata/ru_bakery.toml")
	b.open(writePage(t, bakery, dir, "ru_bakery"))
	checkPosts(t, b, bakery)
	pictures(t, b, dir, "ru_bakery-may", "m2027-05")
}

// checkPosts: every post of plan is in the page once, and the page's
// style and script ran (the CSP let them, by their hashes).
func checkPosts(t *testing.T, b *browser, plan *calendar.Plan) {
	t.Helper()
	var ids []string
	b.eval(jsAllIDs, &ids)
	if want := postIDs(plan, nil); !slices.Equal(ids, want) {
		t.Errorf("%s: %d posts in the page, want the plan's %d", plan.File, len(ids), len(want))
	}
	var ran struct {
		Grid    string
		Filters bool
	}
	b.eval(`({grid: getComputedStyle(document.querySelector(".grid")).display, filters: !document.getElementById("filters").hidden})`, &ran)
	if ran.Grid != "grid" || !ran.Filters {
		t.Errorf("%s: style or script blocked: %+v", plan.File, ran)
	}
}

// checkFilters clears the channels, ticks Instagram, then picks the writer
// Mila, and compares what stays visible with the plan's posts.
func checkFilters(t *testing.T, b *browser, plan *calendar.Plan) {
	t.Helper()
	var visible []string
	b.eval(jsShowMonths, nil)
	b.eval(`document.querySelector("button[data-all='0']").click(); Array.from(document.querySelectorAll(".chip")).find(l => l.textContent === "Instagram").querySelector("input").click(); true`, nil)
	b.eval(jsVisibleIDs, &visible)
	want := postIDs(plan, func(p *calendar.Post) bool { return p.Channel.Name == "Instagram" })
	if len(want) == 0 || !slices.Equal(visible, want) {
		t.Errorf("Instagram only: %d posts visible, want %d", len(visible), len(want))
	}
	b.eval(`(s => { s.value = Array.from(s.options).find(o => o.textContent === "Mila").value; s.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector("select[data-w]")), true`, nil)
	b.eval(jsVisibleIDs, &visible)
	want = postIDs(plan, func(p *calendar.Post) bool { return p.Channel.Name == "Instagram" && p.Writer == "Mila" })
	if len(want) == 0 || !slices.Equal(visible, want) {
		t.Errorf("Instagram and Mila: %d posts visible, want %d", len(visible), len(want))
	}
	b.eval(`(s => { s.value = ""; s.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector("select[data-w]")); document.querySelector("button[data-all='1']").click(); true`, nil)
	b.eval(jsVisibleIDs, &visible)
	if want := postIDs(plan, nil); !slices.Equal(visible, want) {
		t.Errorf("all again: %d posts visible, want %d", len(visible), len(want))
	}
}

// tampered opens the page with its script and style changed by a byte:
// their hashes no longer match the policy's, and Chromium runs neither.
func tampered(t *testing.T, b *browser, plan *calendar.Plan, dir string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, plan); err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(buf.String(), `"use strict";`, `"use strict"; `, 1)
	page = strings.Replace(page, "*{box-sizing:border-box}", "*{box-sizing:border-box} ", 1)
	path := filepath.Join(dir, "tampered.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	b.open("file://" + path)
	var ran struct {
		Grid    string
		Filters bool
	}
	b.eval(`({grid: getComputedStyle(document.querySelector(".grid")).display, filters: !document.getElementById("filters").hidden})`, &ran)
	if ran.Grid == "grid" || ran.Filters {
		t.Errorf("a changed style or script ran: %+v", ran)
	}
}

// withoutScript opens the page with scripts off: every post is there to
// read, and the filters, which would do nothing, are not shown.
func withoutScript(t *testing.T, b *browser, url string, plan *calendar.Plan, shot string) {
	t.Helper()
	b.do("Emulation.setScriptExecutionDisabled", map[string]any{"value": true}, nil)
	defer b.do("Emulation.setScriptExecutionDisabled", map[string]any{"value": false}, nil)
	b.open(url)
	var ids []string
	b.eval(jsVisibleIDs, &ids)
	if want := postIDs(plan, nil); !slices.Equal(ids, want) {
		t.Errorf("scripts off: %d posts visible, want %d", len(ids), len(want))
	}
	var filters bool
	b.eval(`document.getElementById("filters").checkVisibility()`, &filters)
	if filters {
		t.Error("scripts off: the filters show")
	}
	b.shot(shot, 0, 1400, 1200)
}

// pictures takes the month with id on a desktop and a phone, light and
// dark, and the top of the page (title, mix, filters).
func pictures(t *testing.T, b *browser, dir, name, id string) {
	t.Helper()
	for _, s := range []struct {
		suffix string
		width  int
		mobile bool
		scheme string
	}{
		{"desktop-light", 1400, false, "light"},
		{"desktop-dark", 1400, false, "dark"},
		{"phone-light", 390, true, "light"},
		{"phone-dark", 390, true, "dark"},
	} {
		b.screen(s.width, 900, s.mobile, s.scheme)
		b.eval(jsShowMonths, nil)
		var box struct{ Y, H float64 }
		b.eval(`(r => ({y: r.top + scrollY, h: r.height}))(document.getElementById(`+jsString(id)+`).getBoundingClientRect())`, &box)
		h := int(box.H)
		if s.mobile {
			h = min(h, 2400) // the first weeks of the day list say enough
		}
		b.shot(filepath.Join(dir, name+"-"+s.suffix+".png"), int(box.Y), s.width, h)
		b.shot(filepath.Join(dir, name+"-"+s.suffix+"-top.png"), 0, s.width, 900)
	}
	b.screen(1400, 900, false, "light")
}

// printed prints the page to PDF and, when poppler's pdftoppm is there,
// turns its first pages into pictures.
func printed(t *testing.T, b *browser, dir, name string) {
	t.Helper()
	pdf := filepath.Join(dir, name+".pdf")
	b.pdf(pdf)
	if p, err := exec.LookPath("pdftoppm"); err == nil {
		if out, err := exec.Command(p, "-png", "-r", "50", "-l", "4", pdf, filepath.Join(dir, name+"-print")).CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v: %s", err, out)
		}
	}
}

// TestChromiumMarkup opens the page of names that are markup and script:
// none of them ran, added an element or an attribute, and each is on the
// page as the text it is.
func TestChromiumMarkup(t *testing.T) {
	chromium := interop.Chromium(t)
	b := startBrowser(t, chromium)
	plan := testutil.BuildExample(t, "testdata/markup.toml")
	b.open(writePage(t, plan, t.TempDir(), "markup"))
	checkPosts(t, b, plan)
	var got struct {
		Pwned    string
		Elements []string
		Handlers []string
		Title    string
		Text     string
	}
	b.eval(`({
		pwned: String(window.pwned),
		elements: Array.from(document.querySelectorAll("img,svg,iframe,a:not(nav a),b:not(.p b),script:not(:last-of-type),style:not(:first-of-type),title:not(:first-of-type)"), e => e.outerHTML),
		handlers: Array.from(document.querySelectorAll("*")).flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name)),
		title: document.title,
		text: document.body.textContent})`, &got)
	if got.Pwned != "undefined" || len(got.Elements) > 0 || len(got.Handlers) > 0 {
		t.Errorf("injected: pwned=%s elements=%q handlers=%q", got.Pwned, got.Elements, got.Handlers)
	}
	if got.Title != plan.Name {
		t.Errorf("title %q, want %q", got.Title, plan.Name)
	}
	for _, name := range markupNames(plan) {
		if !strings.Contains(got.Text, name) {
			t.Errorf("%q is not on the page as text", name)
		}
	}
}

// TestChromiumBig opens the page of a year of 30 channels at 3 posts a
// day and logs how long Chromium takes to load it and to apply a filter.
func TestChromiumBig(t *testing.T) {
	if testing.Short() {
		t.Skip("a year of 30 channels: not in -short")
	}
	chromium := interop.Chromium(t)
	plan := scalePlan(t, 30, 3)
	dir := shotDir(t)
	url := writePage(t, plan, dir, "scale30")
	fi, _ := os.Stat(strings.TrimPrefix(url, "file://"))
	b := startBrowser(t, chromium)
	b.screen(1400, 900, false, "light")
	start := time.Now()
	b.open(url)
	load := time.Since(start)
	var n int
	b.eval(`document.querySelectorAll("[data-id]").length`, &n)
	if n != plan.Total {
		t.Errorf("%d posts in the page, want %d", n, plan.Total)
	}
	var ms struct{ Load, Filter, Wide float64 }
	b.eval(`new Promise(done => {
		const nav = performance.getEntriesByType("navigation")[0];
		const t0 = performance.now();
		document.querySelector("button[data-all='0']").click();
		document.querySelector(".chip input").click();
		document.body.offsetHeight;
		requestAnimationFrame(() => setTimeout(() => {
			const t1 = performance.now();
			document.querySelector("button[data-all='1']").click();
			document.body.offsetHeight;
			requestAnimationFrame(() => setTimeout(() => done({load: nav.loadEventEnd, filter: t1 - t0, wide: performance.now() - t1}), 0));
		}, 0));
	})`, &ms)
	b.shot(filepath.Join(dir, "scale30-top.png"), 0, 1400, 1800)
	b.eval(jsShowMonths, nil)
	var y float64
	b.eval(`document.getElementById("m2027-01").getBoundingClientRect().top + scrollY`, &y)
	b.shot(filepath.Join(dir, "scale30-january.png"), int(y), 1400, 1200)
	b.eval(`document.querySelector("button[data-all='0']").click(); document.querySelector(".chip input").click(); true`, nil)
	b.shot(filepath.Join(dir, "scale30-january-one-channel.png"), int(y), 1400, 1200)
	t.Logf("%d posts, page %.1f MB; Chromium: load event after %.0f ms (navigation to load, as the test saw it: %s); one channel: %.0f ms; all again: %.0f ms",
		plan.Total, float64(fi.Size())/1e6, ms.Load, load.Round(time.Millisecond), ms.Filter, ms.Wide)
}
