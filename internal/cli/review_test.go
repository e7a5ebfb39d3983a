package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/internal/golden"
)

// reviewBook is a workbook as the team leaves it at the end of April: a
// percentage KPI and a count KPI with actuals, one KPI without, a text
// target, a decision in Cyrillic, an objective apart; posts published,
// borrowed, late and on time.
func reviewBook(lang string) *xlsx.Workbook {
	apr, may := calendar.MakeDate(2027, 4, 1), calendar.MakeDate(2027, 5, 1)
	b := &xlsx.Workbook{File: "plan.xlsx", Plan: "Northwind | Coffee", Language: lang, Cap: 3000,
		Channels: []xlsx.Channel{{Name: "Instagram", Cap: 2000}, {Name: "Telegram", Cap: 3000}}}
	b.KPIs = []xlsx.KPIRow{
		{Line: 2, Key: "er", Month: apr, Label: "er", KPI: "engagement rate", Target: calendar.ParseTarget("4%"),
			Actual: "0.045", Value: 0.045, HasValue: true, Decision: "больше опросов\nв сторис"},
		{Line: 3, Key: "orders", Month: apr, Label: "orders", KPI: "orders from social", Target: calendar.ParseTarget("300"), Unit: "orders",
			Actual: "240", Value: 240, HasValue: true},
		{Line: 4, Key: "kpi: reach", Month: apr, Label: "be known nearby", KPI: "reach", Target: calendar.ParseTarget("40 000")},
		{Line: 5, Key: "hiring", Month: apr, Label: "hiring", KPI: "applications", Target: calendar.ParseTarget("a strong team"), Actual: "two bakers"},
		{Line: 6, Key: "er", Month: may, Label: "er", KPI: "engagement rate", Target: calendar.ParseTarget("4.5%")},
		{Line: 9, Key: "old", Month: apr, Label: "old", Actual: "7", Value: 7, HasValue: true, Apart: true},
	}
	day := func(d int) calendar.Date { return calendar.MakeDate(2027, 4, d) }
	row := func(line int, ch string, d, due int, status string, src calendar.Source, obj, writer string) xlsx.Row {
		return xlsx.Row{Sheet: "Plan", Line: line, ID: "p" + ch + string(rune('a'+line)), Date: day(d), HasDate: true,
			DraftDue: day(due), HasDraftDue: true, Channel: ch, Status: status, StatusText: status, Source: src, Objective: obj, Writer: writer}
	}
	b.Rows = []xlsx.Row{
		row(2, "Instagram", 5, 2, "published", calendar.Own, "er", "Katya"),
		row(3, "Instagram", 12, 9, "published", calendar.Borrowed, "er", "Katya"),
		row(4, "Instagram", 27, 24, "drafting", calendar.Own, "orders", "Ilya"),
		row(5, "Telegram", 28, 26, "planned", calendar.Own, "orders", ""),
		row(6, "Telegram", 29, 28, "in review", calendar.Borrowed, "er", "Katya"),
		row(7, "TikTok", 6, 3, "published", calendar.Own, "", "Katya"),
	}
	b.Rows[3].StatusText = "" // a blank status is a planned one
	b.Rows[2].Title = "Круассаны | с миндалём"
	return b
}

// TestReviewDoc lays out the April review of reviewBook, as text and as
// Markdown, in English and Russian, against the golden files.
func TestReviewDoc(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "ru"} {
		doc := buildReview(reviewBook(lang), calendar.MakeDate(2027, 4, 1), calendar.MakeDate(2027, 4, 28))
		var text, md bytes.Buffer
		if err := doc.text(&text); err != nil {
			t.Fatal(err)
		}
		if err := doc.markdown(&md); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "review_"+lang+".golden"), text.Bytes())
		golden.Check(t, filepath.Join("testdata", "review_"+lang+".md.golden"), md.Bytes())
	}
}

// TestReviewSections checks what the review counts, whatever the layout.
func TestReviewSections(t *testing.T) {
	t.Parallel()
	doc := buildReview(reviewBook("en"), calendar.MakeDate(2027, 4, 1), calendar.MakeDate(2027, 4, 28))
	sections := map[string]reviewSection{}
	for _, s := range doc.sections {
		sections[strings.SplitN(s.heading, " on ", 2)[0]] = s
	}
	kpis := sections["KPIs against targets"].rows
	if len(kpis) != 4 || kpis[0][3] != "4.5%" || kpis[0][4] != "112.5%" || kpis[1][2] != "300 orders" || kpis[1][4] != "80%" ||
		kpis[2][3] != "—" || kpis[3][3] != "two bakers" || kpis[3][4] != "" {
		t.Errorf("KPIs %q", kpis)
	}
	posts := sections["Posts: published against planned"].rows
	want := [][]string{
		{"Instagram", "3", "2", "1", "50%", "20%"},
		{"Telegram", "2", "0", "0", "0%", "30%"},
		{"TikTok", "1", "1", "0", "0%", ""},
		{"Total", "6", "3", "1", "33.3%", "30%"},
	}
	if len(posts) != len(want) {
		t.Fatalf("posts %q", posts)
	}
	for i := range want {
		if strings.Join(posts[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("posts row %d: %q, want %q", i, posts[i], want[i])
		}
	}
	// Due before the 28th and not written: the drafting one of the 24th,
	// the blank one of the 26th; in review is written, and the 28th's is
	// not late yet.
	late := sections["Drafts overdue"].rows
	if len(late) != 2 || !strings.HasPrefix(late[0][0], "2027-04-27 Instagram: Draft due 2027-04-24, 4 days late; status “Drafting”; writer Ilya") ||
		!strings.HasPrefix(late[1][0], "2027-04-28 Telegram: Draft due 2027-04-26, 2 days late; status “Planned”") {
		t.Errorf("overdue %q", late)
	}
	if un := sections["Objectives no post serves this month"].rows; len(un) != 2 || un[0][0] != "be known nearby" || un[1][0] != "hiring" {
		t.Errorf("unserved %q", un)
	}
	if d := sections["Decisions"].rows; len(d) != 1 || d[0][0] != "er: больше опросов\nв сторис" {
		t.Errorf("decisions %q", d)
	}
}

// TestReviewCommand runs review on a generated workbook: the month and
// format flags, and their mistakes.
func TestReviewCommand(t *testing.T) {
	t.Parallel()
	book := generated(t, zoned("Europe/Moscow")+`
[[goal]]
[[goal.objective]]
id = "reach"
kpi = "followers"
target = 500
unit = "followers"
`)
	code, out, stderr := run(t, "", nil, "review", book, "--today", "2027-01-08")
	if code != 0 || stderr != "" || !strings.HasPrefix(out, "Zoned\nReview of January 2027\n") ||
		!strings.Contains(out, "  reach      followers  500 followers  —") || !strings.Contains(out, "  Telegram  7        0") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
	// Drafts due before the 8th (a day before each post) and all planned.
	if !strings.Contains(out, "Drafts overdue on 2027-01-08\n  2027-01-04 Telegram: Draft due 2027-01-01") {
		t.Errorf("overdue drafts:\n%s", out)
	}
	code, out, _ = run(t, "", nil, "review", book, "--format", "md", "--month", "2027-01")
	if code != 0 || !strings.HasPrefix(out, "# Zoned — Review of January 2027\n\n## KPIs against targets\n\n| Objective | KPI | Target | Actual | Reached |\n|---|---|---:|---:|---:|\n") {
		t.Errorf("exit %d, markdown:\n%s", code, out)
	}
	// The clock's today (2027-01-01) is before the plan: its first month.
	if code, out, _ := run(t, "", nil, "review", book); code != 0 || !strings.Contains(out, "Review of January 2027") {
		t.Errorf("exit %d, default month:\n%s", code, out)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--format", "html"}, 2, `error: --format "html": want text or md`},
		{[]string{"--month", "2027-1"}, 2, `error: --month "2027-1": want YYYY-MM`},
		{[]string{"--month", "2027-03"}, 2, "error: --month 2027-03: not in the plan of " + book + ", which runs from 2027-01 to 2027-01\nhint: give a month from 2027-01 to 2027-01, or leave --month out for this month"},
		{[]string{"--today", "soon"}, 2, `error: --today "soon": not a date`},
	} {
		code, out, stderr := run(t, "", nil, append([]string{"review", book}, tc.args...)...)
		if code != tc.code || !strings.HasPrefix(stderr, tc.stderr) || out != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q", tc.args, code, stderr, out)
		}
	}
	if code, _, stderr := run(t, "", nil, "review", example("coffee.toml")); code != 2 || !strings.Contains(stderr, "coffee.toml") {
		t.Errorf("a spec for a workbook: exit %d, %q", code, stderr)
	}
	if code, _, _ := run(t, "", nil, "review", filepath.Join(t.TempDir(), "none.xlsx")); code != 1 {
		t.Errorf("a missing file: exit %d, want 1", code)
	}
}
