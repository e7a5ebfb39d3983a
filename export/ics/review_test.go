package ics

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
)

// icsProps returns the values of every unfolded property called name.
func icsProps(data []byte, name string) []string {
	var out []string
	for _, l := range icsUnfold(data) {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			out = append(out, v)
		}
	}
	return out
}

// TestICSParts: the posts of every channel (PostsOnly), the review file
// (ReviewsOnly) and the occasions' file (OccasionsOnly) hold together
// exactly the events of the whole calendar, each once, and nothing else.
func TestICSParts(t *testing.T) {
	plan := icsSmallPlan(t, "Europe/Berlin")
	whole := icsProps(writeICS(t, plan, Options{Deadlines: true}), "UID")
	seen := map[string]int{}
	for _, ch := range plan.Channels {
		data := writeICS(t, plan, Options{Deadlines: true, Channel: ch, Part: PostsOnly})
		for _, u := range icsProps(data, "UID") {
			if strings.HasPrefix(u, "review-") {
				t.Errorf("channel %s: review %s in a posts-only file", ch.Name, u)
			}
			seen[u]++
		}
		if got := icsProps(data, "X-WR-CALNAME"); len(got) != 1 || !strings.HasSuffix(got[0], " — "+ch.Name) {
			t.Errorf("channel %s: calendar name %q", ch.Name, got)
		}
	}
	occasions := writeICS(t, plan, Options{Deadlines: true, Part: OccasionsOnly})
	uids := icsProps(occasions, "UID")
	for _, u := range uids {
		if !strings.HasPrefix(u, "holiday-") && !strings.HasPrefix(u, "date-") {
			t.Errorf("%s in the occasions-only file", u)
		}
		seen[u]++
	}
	if len(uids) != len(plan.Occasions) {
		t.Errorf("%d events in the occasions-only file, want %d", len(uids), len(plan.Occasions))
	}
	if got := icsProps(occasions, "X-WR-CALNAME"); len(got) != 1 || got[0] != `Northwind Coffee\, Q1 2027 — Holidays and key dates` {
		t.Errorf("occasions calendar name %q", got)
	}
	reviews := writeICS(t, plan, Options{Deadlines: true, Part: ReviewsOnly})
	for _, u := range icsProps(reviews, "UID") {
		if !strings.HasPrefix(u, "review-") {
			t.Errorf("%s in the reviews-only file", u)
		}
		seen[u]++
	}
	if got := icsProps(reviews, "X-WR-CALNAME"); len(got) != 1 || got[0] != `Northwind Coffee\, Q1 2027 — Reviews` {
		t.Errorf("reviews calendar name %q", got)
	}
	if !strings.Contains(string(reviews), "BEGIN:VTIMEZONE") {
		t.Error("the reviews-only file has no VTIMEZONE")
	}
	for _, u := range whole {
		if seen[u] != 1 {
			t.Errorf("%s is in %d of the split files, want 1", u, seen[u])
		}
		delete(seen, u)
	}
	for u := range seen {
		t.Errorf("%s is in a split file but not in the whole calendar", u)
	}

	// A reviews-only file of a plan without reviews is an empty calendar,
	// and still a valid one.
	plan.Reviews = nil
	if uids := icsProps(writeICS(t, plan, Options{Part: ReviewsOnly}), "UID"); len(uids) != 0 {
		t.Errorf("reviews-only file of a plan without reviews: %d events", len(uids))
	}
}

// TestICSReviewAgenda: the review meeting lists every objective with its
// KPI and target, and its month's figures per channel, in the plan's
// language.
func TestICSReviewAgenda(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string // the description of the April review, line by line
		june string   // the total of June, which has no posts: zeros, and no share
	}{
		{"en", []string{
			"Пекарня «Колосок», II квартал 2027",
			"",
			"KPIs to review:",
			"- Увеличить охват в соцсетях. KPI: подписчики; target: +15% за квартал",
			"- Больше предзаказов через Telegram. KPI: заказы из бота; target: 120 в месяц",
			"- Удержать постоянных гостей. KPI: —",
			"",
			"Planned for April 2027:",
			"- Telegram — 2 posts: own 1, borrowed 1 (50%; cap 30%)",
			"- ВКонтакте — 1 post: own 1, borrowed 0 (0%; cap 30%)",
			"- Total — 3 posts: own 2, borrowed 1 (33.3%; cap 30%)",
		}, "- Total — 0 posts: own 0, borrowed 0 (cap 30%)"},
		{"ru", []string{
			"Пекарня «Колосок», II квартал 2027",
			"",
			"KPI к разбору:",
			"- Увеличить охват в соцсетях. KPI: подписчики; целевое значение: +15% за квартал",
			"- Больше предзаказов через Telegram. KPI: заказы из бота; целевое значение: 120 в месяц",
			"- Удержать постоянных гостей. KPI: —",
			"",
			"План на апрель 2027:",
			"- Telegram — 2 поста: свои 1, чужие 1 (50%; лимит 30%)",
			"- ВКонтакте — 1 пост: свои 1, чужие 0 (0%; лимит 30%)",
			"- Итого — 3 поста: свои 2, чужие 1 (33,3%; лимит 30%)",
		}, "- Итого — 0 постов: свои 0, чужие 0 (лимит 30%)"},
		{"bg", []string{
			"Пекарня «Колосок», II квартал 2027",
			"",
			"KPI за преглед:",
			"- Увеличить охват в соцсетях. KPI: подписчики; целева стойност: +15% за квартал",
			"- Больше предзаказов через Telegram. KPI: заказы из бота; целева стойност: 120 в месяц",
			"- Удержать постоянных гостей. KPI: —",
			"",
			"План за април 2027:",
			"- Telegram — 2 публикации: собствени 1, чужди 1 (50%; лимит 30%)",
			"- ВКонтакте — 1 публикация: собствени 1, чужди 0 (0%; лимит 30%)",
			"- Общо — 3 публикации: собствени 2, чужди 1 (33,3%; лимит 30%)",
		}, "- Общо — 0 публикации: собствени 0, чужди 0 (лимит 30%)"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			plan := icsRussianPlan(t, "Europe/Moscow")
			plan.Language = tc.lang
			data := writeICS(t, plan, Options{Part: ReviewsOnly})
			descs := icsProps(data, "DESCRIPTION")
			if len(descs) != 3 {
				t.Fatalf("%d review descriptions, want 3", len(descs))
			}
			if got, want := icsUnescape(descs[0]), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("April review:\n%s\nwant:\n%s", got, want)
			}
			// June has no posts: zeros, and no share.
			june := icsUnescape(descs[2])
			if !strings.HasSuffix(june, "\n"+tc.june) {
				t.Errorf("June review without its zero counts:\n%s", june)
			}
			if strings.Contains(june, "0%;") {
				t.Errorf("June review shows a share of no posts:\n%s", june)
			}
		})
	}
}

// TestICSReviewFiguresStream: the figures come from one pass over the
// posts, whatever their number.
func TestICSReviewFiguresStream(t *testing.T) {
	passes := 0
	plan := icsStreamPlan(t, 20_000, func() { passes++ })
	plan.Reviews = []calendar.Review{{Date: calendar.MakeDate(2027, 2, 26)}}
	f := countMonths(plan)
	if passes != 1 {
		t.Errorf("%d passes over the posts, want 1", passes)
	}
	// Four posts a day, from 2027-01-01: February has 28 days.
	if counts, _ := f.month(calendar.MakeDate(2027, 2, 26)); counts[0].posts != 4*28 || counts[0].borrowed != 0 {
		got := counts[0]
		t.Errorf("February: %+v, want 112 posts", got)
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		bp   int
		dec  string
		want string
	}{
		{0, ".", "0%"},
		{3000, ".", "30%"},
		{2580, ".", "25.8%"},
		{3333, ",", "33,3%"},
		{2995, ".", "30%"}, // rounds half up to whole
		{2950, ",", "29,5%"},
		{4, ".", "0%"},
		{5, ".", "0.1%"},
		{10000, ".", "100%"},
		{-1, ".", "0%"},
	} {
		if got := percent(tc.bp, tc.dec); got != tc.want {
			t.Errorf("percent(%d, %q) = %q, want %q", tc.bp, tc.dec, got, tc.want)
		}
	}
}

// TestICSLanguage: a plan in Russian or Bulgarian has no English word of
// ours in its calendar: summaries, descriptions, categories, alarms,
// deadlines, review agendas and holidays all come from i18n or the
// holidays' names in the plan's language. The Russian and Bulgarian
// example specs go through Parse and Build too.
func TestICSLanguage(t *testing.T) {
	english := []string{"Planned for", "(borrowed)", "Draft due", "Writer:", "Owner:", "KPIs to review",
		"Monthly review", "Reviews", "Own", "Borrowed", "Create an original", "Share a curated", "crediting", "target:", "posts:",
		"cap ", "Total",
		"Holiday", "Key date", "Day"}
	plans := map[string]*calendar.Plan{}
	for _, lang := range []string{"ru", "bg"} {
		p := icsRussianPlan(t, "Europe/Moscow")
		p.Language = lang
		p.Reviews = append(p.Reviews[:0:0], p.Reviews...)
		for i := range p.Reviews {
			p.Reviews[i].Title = "" // the title from i18n, as Build gives it
		}
		plans["hand-made "+lang] = p
	}
	for _, ex := range []string{"ru_bakery.toml", "bg_bookshop.toml"} {
		plans[ex] = testutil.BuildExample(t, filepath.Join("..", "..", "testdata", ex))
	}
	for name, plan := range plans {
		t.Run(name, func(t *testing.T) {
			if plan.Language == "en" {
				t.Fatalf("language %q", plan.Language)
			}
			var all []string
			for _, opt := range []Options{{Deadlines: true}, {Part: ReviewsOnly}, {Part: OccasionsOnly}} {
				data := writeICS(t, plan, opt)
				for _, prop := range []string{"SUMMARY", "DESCRIPTION", "CATEGORIES", "X-WR-CALNAME"} {
					for _, v := range icsProps(data, prop) {
						all = append(all, icsUnescape(v))
					}
				}
			}
			text := strings.Join(all, "\n")
			for _, w := range english {
				if i := strings.Index(text, w); i >= 0 {
					t.Errorf("English %q in a %s calendar: %q", w, plan.Language, text[max(0, i-40):min(len(text), i+40)])
				}
			}
		})
	}
}

// TestReviewUIDs: review meetings are the plan's own, like its posts
// (docs/spec.md, rule 7): two plans never share one, and renaming a plan
// that has an id keeps them.
func TestReviewUIDs(t *testing.T) {
	t.Parallel()
	d := calendar.MakeDate(2027, 1, 29)
	a := &calendar.Plan{Name: "Client A", ID: "client-a"}
	b := &calendar.Plan{Name: "Client A", ID: "client-b"}
	if reviewUID(a, d) == reviewUID(b, d) {
		t.Errorf("two plans share review UID %s", reviewUID(a, d))
	}
	renamed := &calendar.Plan{Name: "Client A, revised", ID: "client-a"}
	if reviewUID(a, d) != reviewUID(renamed, d) {
		t.Error("renaming a plan with an id changed its review UID")
	}
	if got, want := reviewUID(a, d), "review-client-a-2027-01-29@contentplan"; got != want {
		t.Errorf("reviewUID = %q, want %q", got, want)
	}
	// A plan that Build did not make: the id its name would get.
	if got, want := reviewUID(&calendar.Plan{Name: "Client A"}, d), "review-client-a-2027-01-29@contentplan"; got != want {
		t.Errorf("reviewUID without an id = %q, want %q", got, want)
	}
}

// TestICSReviewFacts: with the facts of the plan's last workbook, each
// month's meeting lists the actuals entered against the month's targets,
// with the share reached, the posts published per channel, and the
// previous month's decisions, in the plan's language.
func TestICSReviewFacts(t *testing.T) {
	plan := icsRussianPlan(t, "Europe/Moscow")
	objs := plan.Goals[0].Objectives
	objs[0].Targets = []calendar.Target{calendar.ParseTarget("4%"), calendar.ParseTarget("4,5%"), calendar.ParseTarget("5%")}
	objs[1].Target, objs[1].Unit = "120", "заказов"
	april, may := calendar.MakeDate(2027, 4, 1), calendar.MakeDate(2027, 5, 1)
	published := map[string]bool{}
	for p := range plan.Posts() {
		if p.Date == calendar.MakeDate(2027, 4, 5) || p.Date == calendar.MakeDate(2027, 5, 10) {
			published[p.ID] = true
		}
	}
	plan.Facts = &calendar.Facts{File: "plan.xlsx", Published: published, KPIs: []calendar.KPIFact{
		{Objective: "охват", Month: april, Actual: "0.045", Value: 0.045, HasValue: true},
		{Objective: "заказы", Month: april, Actual: "96", Value: 96, HasValue: true, Decision: "больше постов с меню дня"},
		{Objective: "лояльность", Month: april, Actual: "растёт", Decision: "  "},
		{Objective: "охват", Month: may, Decision: "снять видео о закваске"},
	}}
	data := writeICS(t, plan, Options{Part: ReviewsOnly})
	descs := icsProps(data, "DESCRIPTION")
	if len(descs) != 3 {
		t.Fatalf("%d review descriptions, want 3", len(descs))
	}
	want := map[int][]string{
		0: {
			"- Увеличить охват в соцсетях. KPI: подписчики; целевое значение: 4%; факт: 4,5% (112,5% от цели)",
			"- Больше предзаказов через Telegram. KPI: заказы из бота; целевое значение: 120 заказов; факт: 96 заказов (80% от цели)",
			"- Удержать постоянных гостей. KPI: —; факт: растёт",
			"- Telegram — 2 поста: свои 1, чужие 1 (50%; лимит 30%); опубликовано: 1 (чужие: 0, 0%)",
			"- Итого — 3 поста: свои 2, чужие 1 (33,3%; лимит 30%); опубликовано: 2 (чужие: 0, 0%)",
		},
		1: {
			"- Увеличить охват в соцсетях. KPI: подписчики; целевое значение: 4,5%",
			"- ВКонтакте — 1 пост: свои 0, чужие 1 (100%; лимит 30%); опубликовано: 1 (чужие: 1, 100%)",
			"Решения по итогам месяца (апрель 2027):\n- Больше предзаказов через Telegram: больше постов с меню дня",
		},
		2: {
			"Решения по итогам месяца (май 2027):\n- Увеличить охват в соцсетях: снять видео о закваске",
			"- Итого — 0 постов: свои 0, чужие 0 (лимит 30%); опубликовано: 0 (чужие: 0)",
		},
	}
	for i, lines := range want {
		got := icsUnescape(descs[i])
		for _, l := range lines {
			if !strings.Contains(got, l) {
				t.Errorf("review %d:\n%s\nwant it to say\n%s", i, got, l)
			}
		}
	}
	if april := icsUnescape(descs[0]); strings.Contains(april, "Решения") {
		t.Errorf("the first review lists decisions of a month before the plan:\n%s", april)
	}
	// Without facts, the meeting says nothing of them.
	plan.Facts = nil
	if got := icsUnescape(icsProps(writeICS(t, plan, Options{Part: ReviewsOnly}), "DESCRIPTION")[0]); strings.Contains(got, "факт") || strings.Contains(got, "опубликовано") {
		t.Errorf("a review without facts:\n%s", got)
	}
}
