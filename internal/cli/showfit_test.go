package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/contentplan/contentplan/calendar"
)

func TestFill(t *testing.T) {
	for _, tc := range []struct {
		first, indent string
		units         []string
		width         int
		want          []string
	}{
		{"  ", "    ", []string{"a 1,", "b 2"}, 20, []string{"  a 1, b 2"}},
		{"  ", "    ", []string{"выпечка дня 1,", "из цеха 2,", "гости 3"}, 20,
			[]string{"  выпечка дня 1,", "    из цеха 2,", "    гости 3"}},
		// A unit too wide breaks between words, a word between characters.
		{"x: ", "   ", []string{"one two three four"}, 10, []string{"x: one two", "   three", "   four"}},
		{"", " ", []string{"微信公众号微信"}, 5, []string{"微信", " 公众", " 号微", " 信"}},
	} {
		got := fill(tc.first, tc.indent, tc.units, tc.width)
		if !slices.Equal(got, tc.want) {
			t.Errorf("fill(%q, %q, %q, %d) = %q, want %q", tc.first, tc.indent, tc.units, tc.width, got, tc.want)
		}
	}
}

// TestShowFits80 runs show on every example spec, whole and narrowed to
// its first and last month and to each channel, and on a big hand-made
// plan, and checks that no line is wider than 80 terminal cells.
func TestShowFits80(t *testing.T) {
	t.Parallel()
	specs, _ := filepath.Glob(example("*.toml"))
	for _, spec := range specs {
		t.Run(filepath.Base(spec), func(t *testing.T) {
			t.Parallel()
			plan, err := loadPlan(&Env{ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }}, spec)
			if err != nil {
				t.Fatal(err)
			}
			first, last := monthOf(plan.Start), monthOf(plan.End)
			runs := [][]string{nil, {"--color", "always"}, {"--month", first}, {"--month", last}}
			for _, c := range plan.Channels {
				runs = append(runs, []string{"--channel", c.Name}, []string{"--channel", c.Name, "--month", last})
			}
			for _, args := range runs {
				code, out, stderr := run(t, "", nil, append([]string{"show", spec}, args...)...)
				if code != 0 {
					t.Fatalf("show %q: exit %d: %s", args, code, stderr)
				}
				checkWidth(t, fmt.Sprint(args), out)
			}
		})
	}
	plan := bigPlan()
	checkWidth(t, "big plan", showText(t, plan, ""))
	for _, c := range plan.Channels {
		checkWidth(t, "big plan, "+c.Name, showText(t, plan, c.Name))
	}
	var b bytes.Buffer
	if err := showPlan(&b, plan, view{month: calendar.MakeDate(2027, 6, 1), oneMonth: true}); err != nil {
		t.Fatal(err)
	}
	checkWidth(t, "big plan, 2027-06", b.String())
}

// checkWidth fails on every line of out wider than 80 terminal cells.
func checkWidth(t *testing.T, what, out string) {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("%s: line %d is %d cells wide:\n%s", what, i+1, w, ansi.Strip(l))
		}
	}
}

// bigPlan is a year of twelve channels with long names, Latin, Cyrillic
// and CJK, writers with long names, costs, a strategy in long sentences
// and campaigns on every channel.
func bigPlan() *calendar.Plan {
	d := calendar.MakeDate
	names := []string{
		"Очень длинное название канала для проверки ширины", "微博营销频道非常长的名字",
		"Instagram Reels and Stories for the spring collection", "ВКонтакте сообщество пекарни",
		"Telegram", "Одноклассники", "Дзен Бизнес", "YouTube Shorts", "LinkedIn Company Page",
		"TikTok", "Pinterest Boards", "Threads",
	}
	format := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "длинный формат поста с фото", Cost: 12345.67}}
	long := strings.Repeat("Очень-длинное-слово-без-пробелов", 4)
	pillar := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "выпечка дня и новинки сезона", Weight: 1, Objective: "заказы"}}
	loose := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: long, Weight: 1}}
	plan := &calendar.Plan{
		Name: strings.Repeat("Очень длинное название плана ", 4), Start: d(2027, 1, 1), End: d(2027, 12, 31),
		Timezone: "Europe/Moscow", Cap: 3000, Currency: "RUB",
		Formats: []*calendar.Format{format}, Pillars: []*calendar.Pillar{pillar, loose},
		Goals: []calendar.GoalSpec{{
			ID: long, Why: strings.Repeat("Больше постоянных гостей и заказов навынос ", 4), Owner: "Ольга Александровна Кузнецова-Рождественская",
			Objectives: []calendar.ObjectiveSpec{{ID: "заказы", What: strings.Repeat("Заказы навынос через соцсети ", 5),
				KPI: strings.Repeat("заказов в месяц ", 6), Target: "300 в месяц к концу года"}},
		}},
	}
	for i, n := range names {
		plan.Channels = append(plan.Channels, &calendar.Channel{Index: i, Name: n, Cap: 3000, Formats: []*calendar.Format{format},
			Frequency: calendar.Frequency{N: 1, Per: calendar.PerDay}})
		plan.Writers = append(plan.Writers, calendar.WriterSpec{Name: fmt.Sprintf("Автор %d %s", i, strings.Repeat("Длиннофамильный", 1+i%3)), Capacity: 5 + i})
	}
	plan.Campaigns = []calendar.CampaignSpec{
		{Name: strings.Repeat("Пасха: куличи на заказ ", 3), Start: d(2027, 4, 1), End: d(2027, 6, 30), Channels: names, Pillar: pillar.Name,
			Extra: calendar.Frequency{N: 2, Per: calendar.PerWeek}},
		{Name: long, Start: d(2027, 6, 1), End: d(2027, 6, 30)},
	}
	var posts []calendar.Post
	for day := plan.Start; day <= plan.End; day += 3 {
		for i, c := range plan.Channels {
			p := calendar.Post{Date: day, Time: 600, Channel: c, Format: format, Source: calendar.Own, Pillar: pillar,
				Writer: plan.Writers[(i+int(day))%len(plan.Writers)].Name, DraftDue: day - 3, Cost: format.Cost}
			if i%4 == 0 {
				p.Pillar, p.Source, p.Writer = loose, calendar.Borrowed, ""
			}
			if m := day.FirstOfMonth(); m >= d(2027, 4, 1) && m <= d(2027, 6, 1) {
				p.Campaign = plan.Campaigns[0].Name
			}
			posts = append(posts, p)
		}
	}
	plan.SetPosts(slices.Values(posts))
	return plan
}
