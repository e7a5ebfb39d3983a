package ics

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
	calspec "github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/golden"
)

// icsNow is the DTSTAMP of every test file, as SOURCE_DATE_EPOCH would set it.
var icsNow = time.Unix(1798761600, 0) // 2027-01-01T00:00:00Z

// icsPost is a hand-made post for the tests: a local date and wall clock in
// the plan's zone, read as rule 8 says.
type icsPost struct {
	ch, format, pillar string
	date               string
	clock              string
	borrowed           bool
	title, writer      string
}

// icsPlan builds a plan with the given zone, channels and posts; posts are
// produced by the plan's iterator, as calendar.Build would produce them.
func icsPlan(t testing.TB, tz string, start, end string, channels []string, posts []icsPost) *calendar.Plan {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	plan := &calendar.Plan{
		Name:     "Northwind Coffee, Q1 2027",
		Location: loc,
		Timezone: tz,
		Language: "en",
		Cap:      3000,
		Goals: []calendar.GoalSpec{{ID: "g1", Why: "grow", Objectives: []calendar.ObjectiveSpec{
			{ID: "reach", What: "Grow reach", KPI: "followers", Target: "+20%"},
		}}},
	}
	plan.Start = icsMustDate(t, start)
	plan.End = icsMustDate(t, end)
	chans := map[string]*calendar.Channel{}
	for i, name := range channels {
		c := &calendar.Channel{Index: i, Name: name, Owner: "Anna", Cap: 3000}
		chans[name] = c
		plan.Channels = append(plan.Channels, c)
	}
	formats := map[string]*calendar.Format{}
	pillars := map[string]*calendar.Pillar{}
	var ps []calendar.Post
	for _, hp := range posts {
		f := formats[hp.format]
		if f == nil {
			f = &calendar.Format{FormatSpec: calendar.FormatSpec{Name: hp.format, Duration: 30 * time.Minute, Lead: 3, Borrowable: true}}
			if hp.format == "reel" {
				f.Duration = time.Hour
			}
			formats[hp.format] = f
			plan.Formats = append(plan.Formats, f)
		}
		var pl *calendar.Pillar
		if hp.pillar != "" {
			pl = pillars[hp.pillar]
			if pl == nil {
				pl = &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: hp.pillar, Weight: 1, Objective: "reach"}}
				pillars[hp.pillar] = pl
				plan.Pillars = append(plan.Pillars, pl)
			}
		}
		ps = append(ps, makeICSPost(t, plan, chans[hp.ch], f, pl, hp))
	}
	plan.Total = len(ps)
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range ps {
			if !yield(p) {
				return
			}
		}
	})
	return plan
}

func icsMustDate(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func makeICSPost(t testing.TB, plan *calendar.Plan, ch *calendar.Channel, f *calendar.Format, pl *calendar.Pillar, hp icsPost) calendar.Post {
	t.Helper()
	if ch == nil {
		t.Fatalf("post on unknown channel %q", hp.ch)
	}
	d := icsMustDate(t, hp.date)
	c, err := calendar.ParseClock(hp.clock)
	if err != nil {
		t.Fatal(err)
	}
	start, shift := calendar.ReadWall(plan.Location, d, c)
	p := calendar.Post{
		ID:       fmt.Sprintf("%s-%s-%s", export.SafeName(ch.Name), strings.ReplaceAll(hp.date, "-", ""), strings.ReplaceAll(hp.clock, ":", "")),
		Date:     d,
		Time:     c,
		Start:    start,
		End:      start.Add(f.Duration),
		Channel:  ch,
		Format:   f,
		Source:   calendar.Own,
		Pillar:   pl,
		Title:    hp.title,
		Writer:   hp.writer,
		DraftDue: d.AddDays(-f.Lead),
		Status:   "planned",
		DST:      shift,
	}
	if hp.borrowed {
		p.Source = calendar.Borrowed
	}
	return p
}

// wallAt is the instant of the wall clock y-m-d h:mi in loc, read as
// rule 8 of docs/spec.md says (calendar.ReadWall).
func wallAt(loc *time.Location, y int, m time.Month, d, h, mi int) time.Time {
	t, _ := calendar.ReadWall(loc, calendar.MakeDate(y, m, d), calendar.Clock(h*60+mi))
	return t
}

func writeICS(t testing.TB, plan *calendar.Plan, opt Options) []byte {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = icsNow
	}
	var b bytes.Buffer
	if err := Write(&b, plan, opt); err != nil {
		t.Fatal(err)
	}
	if errs := testutil.LintICS(b.Bytes()); len(errs) > 0 {
		for _, e := range errs {
			t.Error(e)
		}
		t.FailNow()
	}
	return b.Bytes()
}

// icsSmallPlan is the golden plan: Berlin, two channels (one Cyrillic, to fold
// multi-byte text), texts that need escaping, a borrowed post, and posts on
// the spring-forward day (gap) and the fall-back day (overlap).
func icsSmallPlan(t testing.TB, tz string) *calendar.Plan {
	long := "Как мы обжариваем кофе: от зелёного зерна до чашки; часть 1, без спешки"
	plan := icsPlan(t, tz, "2027-01-01", "2027-12-31", []string{"Instagram", "ВКонтакте"}, []icsPost{
		{ch: "Instagram", format: "reel", pillar: "Behind the scenes", date: "2027-01-04", clock: "09:00", writer: "Олег"},
		{ch: "ВКонтакте", format: "text", pillar: "Обжарка", date: "2027-01-04", clock: "12:30", title: long, writer: "Мария"},
		{ch: "Instagram", format: "photo", pillar: "Customers", date: "2027-01-05", clock: "18:00", borrowed: true,
			title: "Quote: \"good; better, best\" \\ with a path C:\\beans\r\nand a second line\rand a third"},
		{ch: "Instagram", format: "photo", pillar: "Customers", date: "2027-03-28", clock: "02:30"}, // gap in Berlin
		{ch: "ВКонтакте", format: "text", pillar: "Обжарка", date: "2027-10-31", clock: "02:30"},    // overlap in Berlin
		{ch: "Instagram", format: "reel", pillar: "Behind the scenes", date: "2027-10-31", clock: "01:45"},
	})
	plan.Reviews = []calendar.Review{{
		Date:  icsMustDate(t, "2027-01-29"),
		Start: wallAt(plan.Location, 2027, 1, 29, 16, 0),
		End:   wallAt(plan.Location, 2027, 1, 29, 17, 0),
		Title: "Monthly review: January 2027",
	}}
	// Holidays and a [[date]] whose name needs escaping, two on one day.
	plan.Occasions = []calendar.Occasion{
		{Date: icsMustDate(t, "2027-01-01"), Name: "New Year's Day", Holiday: true, Key: "New Year's Day"},
		{Date: icsMustDate(t, "2027-03-28"), Name: "Easter Sunday", Holiday: true, Key: "Easter Sunday"},
		{Date: icsMustDate(t, "2027-03-28"), Name: "Roastery open day; free coffee, \"all\" day", Key: "Roastery open day; free coffee, \"all\" day"},
		{Date: icsMustDate(t, "2027-10-03"), Name: "German Unity Day", Holiday: true, Key: "German Unity Day"},
	}
	return plan
}

// icsRussianPlan is a plan in Russian: Cyrillic names, pillars, titles,
// goals and texts of the plan's language everywhere, long enough to fold
// inside multi-byte characters; its review titles come from i18n.
func icsRussianPlan(t testing.TB, tz string) *calendar.Plan {
	long := "Рецепт недели: ржаной хлеб на закваске — от замеса до корочки, шаг за шагом, с фотографиями каждого этапа"
	plan := icsPlan(t, tz, "2027-04-01", "2027-06-30", []string{"Telegram", "ВКонтакте"}, []icsPost{
		{ch: "Telegram", format: "текст", pillar: "Выпечка", date: "2027-04-05", clock: "09:00", title: long, writer: "Ольга Петрова"},
		{ch: "ВКонтакте", format: "фото", pillar: "Выпечка", date: "2027-04-05", clock: "18:30", writer: "Иван"},
		{ch: "Telegram", format: "текст", pillar: "Отзывы", date: "2027-04-06", clock: "09:00", borrowed: true,
			title: "Цитата гостя: «лучший хлеб в районе; без шуток, правда»"},
		{ch: "ВКонтакте", format: "фото", pillar: "Отзывы", date: "2027-05-10", clock: "18:30", borrowed: true},
		{ch: "Telegram", format: "текст", pillar: "Выпечка", date: "2027-05-11", clock: "09:00"},
	})
	plan.Name = "Пекарня «Колосок», II квартал 2027"
	plan.Language = "ru"
	plan.Goals = []calendar.GoalSpec{{ID: "рост", Why: "больше заказов", Objectives: []calendar.ObjectiveSpec{
		{ID: "охват", What: "Увеличить охват в соцсетях", KPI: "подписчики", Target: "+15% за квартал"},
		{ID: "заказы", What: "Больше предзаказов через Telegram", KPI: "заказы из бота", Target: "120 в месяц"},
		{ID: "лояльность", What: "Удержать постоянных гостей"},
	}}}
	for _, m := range []time.Month{time.April, time.May, time.June} {
		d := calendar.MakeDate(2027, m+1, 0)
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d--
		}
		y, mo, dd := d.YMD()
		start := wallAt(plan.Location, y, mo, dd, 16, 0)
		plan.Reviews = append(plan.Reviews, calendar.Review{Date: d, Start: start, End: start.Add(time.Hour)})
	}
	plan.Occasions = []calendar.Occasion{
		{Date: calendar.MakeDate(2027, 5, 1), Name: "Праздник Весны и Труда", Holiday: true, Key: "Spring and Labour Day"},
		{Date: calendar.MakeDate(2027, 5, 9), Name: "День Победы", Holiday: true, Key: "Victory Day"},
		{Date: calendar.MakeDate(2027, 5, 9), Name: "День рождения пекарни «Колосок»", Key: "День рождения пекарни «Колосок»"},
		{Date: calendar.MakeDate(2027, 6, 12), Name: "День России", Holiday: true, Key: "Russia Day"},
	}
	return plan
}

// icsGoldenPlan is the plan a golden file is made from.
func icsGoldenPlan(t testing.TB, name, tz string) *calendar.Plan {
	if strings.HasSuffix(name, "-ru") {
		return icsRussianPlan(t, tz)
	}
	return icsSmallPlan(t, tz)
}

func TestICSGolden(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		tz   string
		opt  func(*calendar.Plan) Options
	}{
		{"berlin", "Europe/Berlin", func(*calendar.Plan) Options { return Options{} }},
		{"berlin-deadlines", "Europe/Berlin", func(*calendar.Plan) Options { return Options{Deadlines: true} }},
		{"berlin-split-vk", "Europe/Berlin", func(p *calendar.Plan) Options { return Options{Channel: p.Channels[1], Part: PostsOnly} }},
		{"berlin-reviews", "Europe/Berlin", func(p *calendar.Plan) Options { return Options{Part: ReviewsOnly} }},
		{"berlin-occasions", "Europe/Berlin", func(p *calendar.Plan) Options { return Options{Part: OccasionsOnly} }},
		{"moscow-ru", "Europe/Moscow", func(*calendar.Plan) Options { return Options{Deadlines: true} }},
		{"utc", "UTC", func(*calendar.Plan) Options { return Options{} }},
		{"dublin", "Europe/Dublin", func(*calendar.Plan) Options { return Options{} }},
		{"kolkata", "Asia/Kolkata", func(*calendar.Plan) Options { return Options{} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan := icsGoldenPlan(t, tc.name, tc.tz)
			got := writeICS(t, plan, tc.opt(plan))
			again := writeICS(t, plan, tc.opt(plan))
			if !bytes.Equal(got, again) {
				t.Fatal("two runs over the same plan differ")
			}
			// Re-run over itself, later: every event unchanged, the same bytes.
			opt := tc.opt(plan)
			opt.Previous, opt.Now = mustReadPrev(t, got), icsNow.Add(time.Hour)
			if rerun := writeICS(t, plan, opt); !bytes.Equal(got, rerun) {
				t.Fatal("a re-run over the file changes it")
			}
			golden.Check(t, filepath.Join("..", "..", "testdata", "golden", "ics", tc.name+".ics"), got)
		})
	}
}

// icsUnfold returns the logical lines of an iCalendar file.
func icsUnfold(data []byte) []string {
	s := strings.ReplaceAll(string(data), "\r\n ", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func TestICSContent(t *testing.T) {
	t.Parallel()
	plan := icsSmallPlan(t, "Europe/Berlin")
	lines := icsUnfold(writeICS(t, plan, Options{Deadlines: true}))
	has := func(want string) {
		t.Helper()
		for _, l := range lines {
			if l == want {
				return
			}
		}
		t.Errorf("no line %q", want)
	}
	for _, want := range []string{
		"VERSION:2.0",
		"PRODID:-//contentplan//contentplan//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"NAME:Northwind Coffee\\, Q1 2027",
		"X-WR-CALNAME:Northwind Coffee\\, Q1 2027",
		"X-WR-TIMEZONE:Europe/Berlin",
		"REFRESH-INTERVAL;VALUE=DURATION:PT12H",
		"X-PUBLISHED-TTL:PT12H",
		"TZID:Europe/Berlin",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
		"UID:Instagram-20270104-0900@contentplan",
		"DTSTAMP:20270101T000000Z",
		"SEQUENCE:0", // a first version: no previous calendar
		"STATUS:TENTATIVE",
		"TRANSP:TRANSPARENT",
		"DTSTART;TZID=Europe/Berlin:20270104T090000",
		"DTEND;TZID=Europe/Berlin:20270104T100000",
		"SUMMARY:Instagram · reel · Behind the scenes",
		"SUMMARY:Instagram · photo · Customers (borrowed)",
		"CATEGORIES:Instagram", "CATEGORIES:reel", "CATEGORIES:Behind the scenes", "CATEGORIES:Own", "CATEGORIES:Borrowed",
		"ACTION:DISPLAY",
		// Draft due 2027-01-01 09:00 in Berlin (CET) is 08:00 UTC.
		"TRIGGER;VALUE=DATE-TIME:20270101T080000Z",
		// The gap post: 02:30 does not exist on 2027-03-28; it is 03:30.
		"DTSTART;TZID=Europe/Berlin:20270328T033000",
		// The overlap post: the first 02:30 on 2027-10-31 is 00:30 UTC.
		"DTSTART:20271031T003000Z",
		"DTEND:20271031T010000Z",
		// 01:45 + 1h ends at the ambiguous 02:45: both written in UTC.
		"DTSTART:20271030T234500Z",
		"DTEND:20271031T004500Z",
		"UID:Instagram-20270104-0900-draft@contentplan",
		"DTSTART;VALUE=DATE:20270101",
		"DTEND;VALUE=DATE:20270102",
		"SUMMARY:Monthly review: January 2027",
		"DTSTART;TZID=Europe/Berlin:20270129T160000",
		"CATEGORIES:Reviews",
	} {
		has(want)
	}
	// The review's agenda: the KPIs, then January's figures.
	has(`DESCRIPTION:Northwind Coffee\, Q1 2027\n\nKPIs to review:\n- Grow reach. KPI: followers\; target: +20%` +
		`\n\nPlanned for January 2027:` +
		`\n- Instagram — 2 posts: own 1\, borrowed 1 (50%\; cap 30%)` +
		`\n- ВКонтакте — 1 post: own 1\, borrowed 0 (0%\; cap 30%)` +
		`\n- Total — 3 posts: own 2\, borrowed 1 (33.3%\; cap 30%)`)
	// CR normalised, escapes of \ ; , and newlines.
	has(`DESCRIPTION:Share a curated photo post for Instagram on the pillar "Customers"\, crediting the source. Objective: Grow reach (KPI: followers\, +20%).\nQuote: "good\; better\, best" \\ with a path C:\\beans\nand a second line\nand a third\nOwner: Anna\nDraft due: 2027-01-02`)
}

func TestICSUIDsSurviveAnotherChannel(t *testing.T) {
	t.Parallel()
	uids := func(plan *calendar.Plan, ch *calendar.Channel) map[string]bool {
		m := map[string]bool{}
		for _, l := range icsUnfold(writeICS(t, plan, Options{Channel: ch})) {
			if u, ok := strings.CutPrefix(l, "UID:"); ok {
				m[u] = true
			}
		}
		return m
	}
	one := icsSmallPlan(t, "Europe/Berlin")
	before := uids(one, one.Channels[0])
	two := icsPlan(t, "Europe/Berlin", "2027-01-01", "2027-12-31", []string{"Instagram", "ВКонтакте", "Telegram"}, []icsPost{
		{ch: "Telegram", format: "text", date: "2027-01-04", clock: "09:00"},
	})
	// Rebuild the Instagram posts into the bigger plan: same channel, same
	// dates and times, so the same ids.
	var ps []calendar.Post
	for p := range one.Posts() {
		ps = append(ps, p)
	}
	for p := range two.Posts() {
		ps = append(ps, p)
	}
	two.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range ps {
			if !yield(p) {
				return
			}
		}
	})
	two.Reviews, two.Occasions = one.Reviews, one.Occasions
	after := uids(two, one.Channels[0])
	for u := range before {
		if !after[u] {
			t.Errorf("UID %s lost when a channel was added", u)
		}
	}
}

func TestICSText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\r\nb", "a\nb"},
		{"a\rb", "a\nb"},
		{"a\x00b\x1fc\x7fd", "a b c d"},
		{"tab\tkept", "tab\tkept"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"кириллица", "кириллица"},
	} {
		if got := icsText(tc.in); got != tc.want {
			t.Errorf("icsText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestICSFolding checks golang-ical's folding with long texts of every
// width of UTF-8 character, and the escapes, by unfolding and unescaping.
func TestICSFolding(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		strings.Repeat("Ж", 200),
		strings.Repeat("a", 300),
		strings.Repeat("€", 100) + strings.Repeat("😀", 50),
		strings.Repeat("x Ж", 90),
		strings.Repeat(`;,\`, 60) + "\n" + strings.Repeat("б ", 70),
		"<" + strings.Repeat("word> <", 40),
	} {
		plan := icsPlan(t, "Europe/Berlin", "2027-01-01", "2027-03-31", []string{s}, []icsPost{
			{ch: s, format: "text", pillar: s, date: "2027-01-04", clock: "09:00", title: s},
		})
		data := writeICS(t, plan, Options{})
		found := false
		for _, l := range icsUnfold(data) {
			if v, ok := strings.CutPrefix(l, "CATEGORIES:"); ok && icsUnescape(v) == s {
				found = true
			}
		}
		if !found {
			t.Errorf("text %.30q... does not survive folding and escaping", s)
		}
	}
}

func TestFoldICS(t *testing.T) {
	t.Parallel()
	for _, line := range []string{
		"SHORT:x",
		"DESCRIPTION:" + strings.Repeat(" ", 200),
		"DESCRIPTION:" + strings.Repeat(`\\`, 100),
		"DESCRIPTION:" + strings.Repeat(`a\n`, 100),
		"DESCRIPTION:" + strings.Repeat("😀", 100),
		"DESCRIPTION:" + strings.Repeat("Ж ", 100),
		"X:" + strings.Repeat("\xff", 100), // not UTF-8: still folds, still ends
	} {
		var b bytes.Buffer
		bw := bufio.NewWriter(&b)
		if err := foldICS(bw, []byte(line+"\r\n")); err != nil {
			t.Fatal(err)
		}
		bw.Flush()
		out := b.String()
		if got := strings.ReplaceAll(out, "\r\n ", ""); got != line+"\r\n" {
			t.Errorf("unfolding does not give back %.30q...", line)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Errorf("line of %d octets", len(l))
			}
			if utf8.ValidString(line) && !utf8.ValidString(l) {
				t.Errorf("character split at a fold: %q", l)
			}
			if strings.Contains(line, "a\\n") && strings.HasSuffix(l, "a\\") {
				t.Errorf("escape split at a fold: %q", l)
			}
			if strings.Contains(line, "Ж ") && strings.HasPrefix(l, "  ") {
				t.Errorf("fold before a space: %q", l)
			}
		}
	}
}

func icsUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestLintICS(t *testing.T) {
	t.Parallel()
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\n" +
		"DTSTART:20270101T100000Z\r\nDTEND:20270101T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if errs := testutil.LintICS([]byte(good)); len(errs) > 0 {
		t.Fatalf("clean file: %v", errs)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"lf", strings.ReplaceAll(good, "\r\n", "\n"), "LF, not CRLF"},
		{"long", strings.Replace(good, "UID:a", "UID:"+strings.Repeat("a", 80), 1), "more than 75"},
		{"split", strings.Replace(good, "UID:a", "UID:"+strings.Repeat("a", 70)+"\xd0\r\n \x96", 1), "split at a fold"},
		{"no uid", strings.Replace(good, "UID:a\r\n", "", 1), "0 UID"},
		{"no dtstamp", strings.Replace(good, "DTSTAMP:20270101T000000Z\r\n", "", 1), "0 DTSTAMP"},
		{"tzid", strings.Replace(good, "DTSTART:", "DTSTART;TZID=Europe/Berlin:", 1), "no VTIMEZONE"},
		{"z beside tzid", strings.Replace(good, "DTSTART:", "DTSTART;TZID=Europe/Berlin:", 1), "(Z) beside TZID"},
		{"end before start", strings.Replace(good, "DTEND:20270101T110000Z", "DTEND:20270101T090000Z", 1), "not after DTSTART"},
		{"alarm", strings.Replace(good, "END:VEVENT", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1H\r\nEND:VALARM\r\nEND:VEVENT", 1), "0 DESCRIPTION"},
		{"escape", strings.Replace(good, "UID:a", "SUMMARY:a;b", 1), "unescaped"},
		{"param", strings.Replace(good, "UID:a", "UID;X-A=a\\,b:a", 1), "backslash in parameter"},
		{"unclosed", strings.Replace(good, "END:VEVENT\r\n", "", 1), "does not close"},
		{"control", strings.Replace(good, "UID:a", "UID:a\x01", 1), "control character"},
		{"empty", "", "empty file"},
	} {
		errs := testutil.LintICS([]byte(tc.in))
		var all []string
		for _, e := range errs {
			all = append(all, e.Error())
		}
		if !strings.Contains(strings.Join(all, "\n"), tc.want) {
			t.Errorf("%s: want an error with %q, got %q", tc.name, tc.want, all)
		}
	}
}

func FuzzLintICS(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VEVENT\r\nDTSTART;TZID=\"a:b\",c:1\r\n x\r\n"))
	if data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", "ics", "berlin.ics")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		testutil.LintICS(data) // must not panic
	})
}

// FuzzWriteICSText: whatever text a spec holds, the file stays clean.
func FuzzWriteICSText(f *testing.F) {
	f.Add("Instagram", "reel", "Behind the scenes", "title")
	f.Add("ВКонтакте", "текст", "Обжарка", "a\r\nb;c,d\\e")
	f.Add("\x00\xff", "\r", "\n", strings.Repeat("Ж", 100))
	f.Fuzz(func(t *testing.T, ch, format, pillar, title string) {
		if ch == "" || format == "" {
			return
		}
		plan := icsPlan(t, "Europe/Berlin", "2027-01-01", "2027-03-31", []string{ch}, nil)
		plan.Name = title
		// A review whose agenda holds the fuzzed names too.
		plan.Goals[0].Objectives[0].What, plan.Goals[0].Objectives[0].KPI = pillar, title
		plan.Reviews = []calendar.Review{{Date: icsMustDate(t, "2027-01-29"), Title: title}}
		// Occasions named by the fuzzed texts, two on a day.
		plan.Occasions = []calendar.Occasion{{Date: icsMustDate(t, "2027-01-04"), Name: title, Holiday: true, Key: ch},
			{Date: icsMustDate(t, "2027-01-04"), Name: pillar, Key: pillar}}
		p := calendar.Post{
			ID: "p1", Channel: plan.Channels[0], Title: title, Source: calendar.Borrowed,
			Format:   &calendar.Format{FormatSpec: calendar.FormatSpec{Name: format, Duration: time.Hour}},
			Pillar:   &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: pillar}},
			Start:    time.Date(2027, 1, 4, 9, 0, 0, 0, plan.Location),
			DraftDue: icsMustDate(t, "2027-01-01"),
		}
		p.End = p.Start.Add(time.Hour)
		plan.SetPosts(func(yield func(calendar.Post) bool) { yield(p) })
		for _, part := range []Part{All, PostsOnly, ReviewsOnly, OccasionsOnly} {
			writeICS(t, plan, Options{Deadlines: true, Channel: plan.Channels[0], Part: part})
		}
	})
}

// icsStreamPlan yields n posts, four a day, without holding them; probe, when
// set, runs while the last post is being written.
func icsStreamPlan(t testing.TB, n int, probe func()) *calendar.Plan {
	plan := icsPlan(t, "Europe/Berlin", "2027-01-01", "2027-12-31", []string{"Instagram"}, nil)
	f := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "photo", Duration: 30 * time.Minute, Lead: 3}}
	pl := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "Customers"}}
	base := time.Date(2027, 1, 1, 9, 0, 0, 0, plan.Location)
	plan.SetPosts(iter.Seq[calendar.Post](func(yield func(calendar.Post) bool) {
		for i := 0; i < n; i++ {
			start := base.AddDate(0, 0, i/4).Add(time.Duration(i%4) * 3 * time.Hour)
			p := calendar.Post{
				ID: fmt.Sprintf("instagram-%07d", i), Date: calendar.DateOf(start), Start: start,
				End: start.Add(f.Duration), Channel: plan.Channels[0], Format: f, Pillar: pl,
				Source: calendar.Own, Writer: "Anna", DraftDue: calendar.DateOf(start).AddDays(-3),
			}
			if i == n-1 && probe != nil {
				probe()
			}
			if !yield(p) {
				return
			}
		}
	}))
	return plan
}

// TestICSStreams checks that memory does not grow with the number of
// posts: the live heap, measured while the last post is written, is about
// the same after 10k posts as after 100k.
func TestICSStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 110k posts")
	}
	live := func(n int) uint64 {
		var heap uint64
		plan := icsStreamPlan(t, n, func() {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			heap = ms.HeapAlloc
		})
		// Monthly reviews: their figures take a counting pass first.
		for m := time.January; m <= time.December; m++ {
			plan.Reviews = append(plan.Reviews, calendar.Review{Date: calendar.MakeDate(2027, m+1, 0)})
		}
		if err := Write(io.Discard, plan, Options{Now: icsNow, Deadlines: true}); err != nil {
			t.Fatal(err)
		}
		return heap
	}
	small, large := live(10_000), live(100_000)
	t.Logf("live heap while writing: %d KiB at 10k posts, %d KiB at 100k", small>>10, large>>10)
	if large > small+512<<10 {
		t.Errorf("live heap grew from %d KiB to %d KiB between 10k and 100k posts", small>>10, large>>10)
	}
}

func BenchmarkWriteICS(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M posts under -short")
			}
			plan := icsStreamPlan(b, n, nil)
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, plan, Options{Now: icsNow}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type icsFailWriter struct{ n int }

func (w *icsFailWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, fmt.Errorf("disk full")
	}
	return len(p), nil
}

func TestICSWriteError(t *testing.T) {
	t.Parallel()
	plan := icsStreamPlan(t, 2000, nil)
	for _, n := range []int{0, 100, 70_000, 300_000} {
		if err := Write(&icsFailWriter{n: n}, plan, Options{Now: icsNow}); err == nil {
			t.Errorf("a writer failing after %d bytes: no error", n)
		}
	}
}

func TestICSEmptyPlan(t *testing.T) {
	t.Parallel()
	// No posts, no location, no name: still a valid calendar.
	plan := &calendar.Plan{}
	writeICS(t, plan, Options{})
}

// TestICSExamplesStable: through Parse and Build, regenerating gives the
// same bytes, every post's UID is in the file once, and the UIDs of a
// channel survive adding another channel to the spec.
func TestICSExamplesStable(t *testing.T) {
	t.Parallel()
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	for _, spec := range specs {
		t.Run(filepath.Base(spec), func(t *testing.T) {
			src, err := os.ReadFile(spec)
			if err != nil {
				t.Fatal(err)
			}
			build := func(src []byte) *calendar.Plan {
				s, err := calspec.Parse(filepath.Base(spec), bytes.NewReader(src))
				if err != nil {
					t.Fatal(err)
				}
				p, err := calendar.Build(s)
				if err != nil {
					t.Fatal(err)
				}
				return p
			}
			plan := build(src)
			a := writeICS(t, plan, Options{Deadlines: true})
			if b := writeICS(t, build(src), Options{Deadlines: true}); !bytes.Equal(a, b) {
				t.Fatal("two runs over the same spec differ")
			}
			uids := map[string]int{}
			for _, l := range icsUnfold(a) {
				if u, ok := strings.CutPrefix(l, "UID:"); ok {
					uids[u]++
				}
			}
			for u, n := range uids {
				if n != 1 {
					t.Errorf("UID %s appears %d times", u, n)
				}
			}
			if want := plan.Total*2 + len(plan.Reviews) + len(plan.Occasions); len(uids) != want {
				t.Errorf("%d UIDs, want %d (posts, deadlines, reviews, occasions)", len(uids), want)
			}

			more := append(append([]byte{}, src...), "\n[[channel]]\nname = \"Added later\"\nfrequency = \"daily\"\nformats = [\"text\"]\n"...)
			bigger := build(more)
			first := plan.Channels[0]
			before := writeICS(t, plan, Options{Channel: first})
			after := writeICS(t, bigger, Options{Channel: bigger.Channels[0]})
			ub, ua := map[string]bool{}, map[string]bool{}
			for _, l := range icsUnfold(before) {
				if u, ok := strings.CutPrefix(l, "UID:"); ok {
					ub[u] = true
				}
			}
			for _, l := range icsUnfold(after) {
				if u, ok := strings.CutPrefix(l, "UID:"); ok {
					ua[u] = true
				}
			}
			lost := 0
			for u := range ub {
				if !ua[u] {
					lost++
				}
			}
			if lost > 0 {
				t.Errorf("%d of %d UIDs of channel %q lost when a channel was added", lost, len(ub), first.Name)
			}
		})
	}
}

func BenchmarkLintICS(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, icsStreamPlan(b, 10_000, nil), Options{Now: icsNow}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if errs := testutil.LintICS(buf.Bytes()); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}

// TestICSDeadlinesTellApart: every example with --deadlines gives each
// draft deadline a SUMMARY that names the post's publishing date and time,
// channel, format and writer (or that it has none, in a plan with
// writers), so that no two deadlines of one day read the same in a
// calendar's day view.
func TestICSDeadlinesTellApart(t *testing.T) {
	t.Parallel()
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	crowded := 0
	for _, spec := range specs {
		plan := testutil.BuildExample(t, spec)
		tx := i18n.For(plan.Language)
		lines := icsUnfold(writeICS(t, plan, Options{Deadlines: true}))
		byUID := map[string]string{} // the deadline's UID → its SUMMARY
		day := map[string]string{}   // → its DTSTART
		uid := ""
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "UID:"):
				uid = strings.TrimPrefix(l, "UID:")
			case strings.HasSuffix(uid, "-draft"+uidDomain) && strings.HasPrefix(l, "SUMMARY:"):
				byUID[uid] = strings.TrimPrefix(l, "SUMMARY:")
			case strings.HasSuffix(uid, "-draft"+uidDomain) && strings.HasPrefix(l, "DTSTART;VALUE=DATE:"):
				day[uid] = strings.TrimPrefix(l, "DTSTART;VALUE=DATE:")
			}
		}
		seen := map[string]string{} // day + SUMMARY → UID
		perDay := map[string]int{}
		checked := 0
		for p := range plan.Posts() {
			u := appendEscapedString(p.ID) + "-draft" + uidDomain
			sum, ok := byUID[u]
			if !ok {
				t.Fatalf("%s: no deadline event %s", spec, u)
			}
			who := p.Writer
			if who == "" && len(plan.Writers) > 0 {
				who = tx.Unassigned
			}
			for _, want := range []string{p.Channel.Name, p.Format.Name, p.Start.In(plan.Location).Format("2006-01-02 15:04"), who} {
				if !strings.Contains(sum, appendEscapedString(want)) {
					t.Errorf("%s: deadline %s: SUMMARY %q does not name %q", spec, u, sum, want)
				}
			}
			k := day[u] + "|" + sum
			if other, dup := seen[k]; dup {
				t.Errorf("%s: deadlines %s and %s on %s read the same: %q", spec, other, u, day[u], sum)
			}
			seen[k] = u
			if perDay[day[u]]++; perDay[day[u]] == 2 {
				crowded++
			}
			checked++
		}
		if checked == 0 {
			t.Errorf("%s: no deadlines", spec)
		}
	}
	if crowded == 0 {
		t.Error("no day has two deadlines: the test tells nothing apart")
	}
}

// appendEscapedString is s as a SUMMARY holds it, escaped as TEXT.
func appendEscapedString(s string) string { return string(appendText(nil, s)) }
