package cli

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/contentplan/contentplan/calendar"
)

// gridPlan is May 2027 by hand: Telegram daily, Instagram on Mondays,
// Wednesdays and Fridays, with holidays on the 1st and 3rd, key dates
// ([[date]]) on the 3rd and 15th, the 9th skipped, no
// post on the 12th, three Telegram posts on the 20th (over-full), two in
// a campaign's window on the 25th (its extra allows them), and the
// review on the 31st.
func gridPlan() *calendar.Plan {
	d := func(day int) calendar.Date { return calendar.MakeDate(2027, 5, day) }
	tg := &calendar.Channel{Name: "Telegram", Cap: 3000, Frequency: calendar.Frequency{N: 1, Per: calendar.PerDay}}
	ig := &calendar.Channel{Index: 1, Name: "Instagram", Cap: 3000, Frequency: calendar.Frequency{N: 3, Per: calendar.PerWeek}}
	plan := &calendar.Plan{
		Name: "grid", Start: d(1), End: d(31), Timezone: "UTC", Cap: 3000,
		Channels: []*calendar.Channel{tg, ig},
		Holidays: []calendar.Holiday{{Date: d(1), Name: "Labour Day"}, {Date: d(3), Name: "Labour Day, observed"}},
		Occasions: []calendar.Occasion{{Date: d(1), Name: "Labour Day", Holiday: true}, {Date: d(3), Name: "Labour Day, observed", Holiday: true},
			{Date: d(3), Name: "Staff party"}, {Date: d(15), Name: "Open day"}},
		Skip: []calendar.Date{d(9)},
		// A review on the 3rd, a holiday, as only a plan made by hand has.
		Reviews: []calendar.Review{{Date: d(3), Title: "extra review"}, {Date: d(31), Title: "Monthly review: May 2027"}},
		Campaigns: []calendar.CampaignSpec{{Name: "push", Start: d(24), End: d(30), Channels: []string{"Telegram"},
			Extra: calendar.Frequency{N: 1, Per: calendar.PerDay}}},
	}
	var posts []calendar.Post
	for day := 1; day <= 31; day++ {
		if day == 9 || day == 12 {
			continue
		}
		n := 1
		switch day {
		case 20:
			n = 3
		case 25:
			n = 2
		}
		for range n {
			posts = append(posts, calendar.Post{Date: d(day), Channel: tg, Source: calendar.Own})
		}
		if wd := d(day).ISOWeekday(); wd == 0 || wd == 2 || wd == 4 {
			posts = append(posts, calendar.Post{Date: d(day), Channel: ig, Source: calendar.Own})
		}
	}
	plan.SetPosts(slices.Values(posts))
	return plan
}

// showText runs showPlan on plan, narrowed to the channel called channel
// ("" for all), and returns its plain output.
func showText(t *testing.T, plan *calendar.Plan, channel string) string {
	t.Helper()
	var v view
	if err := v.check(plan, channel); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := showPlan(&b, plan, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// dayCell returns the lines of day d's cell in show's output, trailing
// blanks trimmed: the week's rows run from the one starting "Wnn" to the
// last indented one, and day i of the week takes the cells from
// weekWidth+i*(cellWidth+dayGap).
func dayCell(t *testing.T, out string, d calendar.Date) []string {
	t.Helper()
	y, m, _ := d.YMD()
	_, block, ok := strings.Cut(out, fmt.Sprintf("\n%s %d: ", m, y))
	if !ok {
		t.Fatalf("no month %s %d in\n%s", m, y, out)
	}
	_, wk := d.ISOWeek()
	lines := strings.Split(block, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, fmt.Sprintf("W%02d ", wk)) })
	if start < 0 {
		t.Fatalf("no week %d in\n%s", wk, block)
	}
	left := weekWidth + d.ISOWeekday()*(cellWidth+dayGap)
	var cell []string
	for i := start; i < len(lines) && (i == start || strings.HasPrefix(lines[i], strings.Repeat(" ", weekWidth))); i++ {
		if c := strings.TrimRight(ansi.Cut(lines[i], left, left+cellWidth), " "); c != "" {
			cell = append(cell, c)
		}
	}
	return cell
}

func TestShowGrid(t *testing.T) {
	t.Parallel()
	d := func(day int) calendar.Date { return calendar.MakeDate(2027, 5, day) }
	for _, tc := range []struct {
		name    string
		channel string
		day     calendar.Date
		want    []string
	}{
		{"holiday", "", d(1), []string{" 1 hol", "TG1"}},
		{"skipped", "", d(9), []string{" 9", "skipped"}},
		{"gap", "", d(12), []string{"12", "gap"}},
		{"two channels", "", d(17), []string{"17", "TG1 IG1"}},
		{"over-full", "", d(20), []string{"20", "TG3!"}},
		{"campaign extra", "", d(25), []string{"25", "TG2"}},
		{"review", "", d(31), []string{"31 rev", "TG1 IG1"}},
		{"review on a holiday and a key date", "", d(3), []string{" 3 hol", "key", "rev", "TG1 IG1"}},
		{"key date", "", d(15), []string{"15 key", "TG1"}},
		{"one channel", "instagram", d(17), []string{"17", "IG1"}},
		{"one channel's gap", "INSTAGRAM", d(18), []string{"18", "gap"}},
		{"one channel, over-full elsewhere", "Instagram", d(20), []string{"20", "gap"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := showText(t, gridPlan(), tc.channel)
			if got := dayCell(t, out, tc.day); !slices.Equal(got, tc.want) {
				t.Errorf("%s: cell %q, want %q\n%s", tc.day, got, tc.want, out)
			}
		})
	}
}

// TestShowGridNotes: the month's title sums it up, and the notes under
// the grid say what its marks stand for.
func TestShowGridNotes(t *testing.T) {
	t.Parallel()
	out := showText(t, gridPlan(), "")
	for _, want := range []string{
		"\nchannels: TG Telegram, IG Instagram\n",
		"\nmarks:    TG2 = 2 posts on Telegram, ! = over the channel's frequency,\n" +
			"          gap = a day without posts, skipped = a date the spec skips,\n" +
			"          hol = public holiday, key = a key date of the spec ([[date]]),\n" +
			"          rev = review meeting\n",
		"\nMay 2027: 44 posts, 1 gap, 1 over-full day\n",
		"\n 1 Sat  hol  Labour Day\n 3 Mon  hol  Labour Day, observed\n 3 Mon  key  Staff party\n 3 Mon  rev  extra review\n" +
			"15 Sat  key  Open day\n20 Thu  !    Telegram: 3 posts, 1/day allows 1 a day\n31 Mon  rev  Monthly review: May 2027\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	one := showText(t, gridPlan(), "Instagram")
	for _, want := range []string{
		"\nshowing Instagram only: every count below is of its posts\n",
		"\nchannels: IG Instagram\n",
		"\nMay 2027: 12 posts, 18 gaps, 0 over-full days\n",
		"\nall        12 ",
	} {
		if !strings.Contains(one, want) {
			t.Errorf("show --channel Instagram lacks %q:\n%s", want, one)
		}
	}
	if strings.Contains(one, "Telegram") || strings.Contains(one, "campaigns") {
		t.Errorf("show --channel Instagram shows Telegram or its campaign:\n%s", one)
	}
}

// widePlan has many channels with long names in Cyrillic, CJK and Latin,
// every one posting daily, some twice.
func widePlan() *calendar.Plan {
	names := []string{
		"Очень длинное название канала для проверки ширины",
		"微博营销频道非常长的名字", "微信公众号",
		"Telegram", "ВКонтакте", "Instagram Reels and Stories for the spring collection",
		"Одноклассники", "Дзен", "YouTube", "LinkedIn", "TikTok", "Pinterest", "Threads",
		"Канал\x1b[31m с управляющими\tсимволами",
	}
	plan := &calendar.Plan{
		Name:  strings.Repeat("Очень длинное название плана ", 5),
		Start: calendar.MakeDate(2027, 2, 1), End: calendar.MakeDate(2027, 2, 28), Timezone: "Europe/Moscow", Cap: 3000,
		Holidays: []calendar.Holiday{{Date: calendar.MakeDate(2027, 2, 23), Name: strings.Repeat("День защитника Отечества ", 6)}},
	}
	for i, n := range names {
		plan.Channels = append(plan.Channels, &calendar.Channel{Index: i, Name: n, Cap: 3000, Frequency: calendar.Frequency{N: 1, Per: calendar.PerDay}})
	}
	var posts []calendar.Post
	for day := plan.Start; day <= plan.End; day++ {
		for i, c := range plan.Channels {
			for k := 0; k < 1+(i+int(day))%3/2; k++ { // every third day two: over-full
				posts = append(posts, calendar.Post{Date: day, Channel: c, Source: calendar.Own})
			}
		}
	}
	plan.SetPosts(slices.Values(posts))
	return plan
}

func TestShowWidth(t *testing.T) {
	t.Parallel()
	plan := widePlan()
	out := showText(t, plan, "")
	cal, _, _ := strings.Cut(out, "\nmix\n")
	checkCalendar(t, cal, 0)
	if !strings.Contains(cal, "+") {
		t.Errorf("14 channels fit a day's cell:\n%s", cal)
	}
	// Every day's cell adds up to its posts, "+N" included.
	count := regexp.MustCompile(`^(?:\p{L}+|\+)(\d+)!?$`)
	for day := plan.Start; day <= plan.End; day++ {
		want := 0
		for p := range plan.Posts() {
			if p.Date == day {
				want++
			}
		}
		got := 0
		for _, l := range dayCell(t, out, day)[1:] {
			for _, f := range strings.Fields(l) {
				m := count.FindStringSubmatch(f)
				if m == nil {
					t.Fatalf("%s: %q in %q is no count", day, f, l)
				}
				n, _ := strconv.Atoi(m[1])
				got += n
			}
		}
		if got != want {
			t.Errorf("%s: the cell shows %d posts, the day has %d", day, got, want)
		}
	}
	one := showText(t, plan, "微信公众号")
	cal, _, _ = strings.Cut(one, "\nmix\n")
	checkCalendar(t, cal, 0)
}

// checkCalendar checks show's calendar: no line wider than 80 cells, no
// escape codes, and the months' posts adding up to posts (unless 0).
func checkCalendar(t *testing.T, cal string, posts int) {
	t.Helper()
	title := regexp.MustCompile(`(?m)^[A-Z][a-z]+ \d{4}: (\d+) posts?, `)
	sum := 0
	for _, m := range title.FindAllStringSubmatch(cal, -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	if posts != 0 && sum != posts {
		t.Errorf("the months show %d posts, the plan has %d", sum, posts)
	}
	for _, l := range strings.Split(cal, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("%d cells wide: %q", w, l)
		}
		if strings.ContainsRune(l, '\x1b') {
			t.Errorf("escape code in the plain output: %q", l)
		}
	}
}

func TestChannelTags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		names []string
		want  []string
	}{
		{[]string{"Instagram", "Telegram", "ВКонтакте", "X", "YouTube"}, []string{"IG", "TG", "VK", "X", "YT"}},
		{[]string{"Podcast", "Дзен Бизнес", "новости", "微博"}, []string{"PO", "ДБ", "НО", "微"}},
		// Taken tags give way: a network keeps its own, the others move.
		{[]string{"Tik Tak", "TikTok", "Tik Tak 2"}, []string{"TI", "TT", "TK"}},
		{[]string{"42", "!!"}, []string{"AA", "AB"}},
	} {
		var chs []*calendar.Channel
		for _, n := range tc.names {
			chs = append(chs, &calendar.Channel{Name: n})
		}
		if got := channelTags(chs); !slices.Equal(got, tc.want) {
			t.Errorf("channelTags(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
	// 700 channels: every tag unique and at most two cells, then "#n".
	var chs []*calendar.Channel
	for i := range 700 {
		chs = append(chs, &calendar.Channel{Name: "Channel " + strconv.Itoa(i)})
	}
	seen := map[string]bool{}
	for _, tag := range channelTags(chs) {
		if seen[tag] || (ansi.StringWidth(tag) > tagWidth && !strings.HasPrefix(tag, "#")) {
			t.Errorf("tag %q taken twice or too wide", tag)
		}
		seen[tag] = true
	}
}

// TestShowColour: colours on a terminal only, and never with NO_COLOR or
// TERM=dumb, unless --color says otherwise.
func TestShowColour(t *testing.T) {
	t.Parallel()
	yes := func(io.Writer) bool { return true }
	no := func(io.Writer) bool { return false }
	for _, tc := range []struct {
		name     string
		terminal func(io.Writer) bool
		env      map[string]string
		flag     string
		want     bool
	}{
		{"terminal", yes, map[string]string{"TERM": "xterm-256color"}, "auto", true},
		{"pipe", no, map[string]string{"TERM": "xterm-256color"}, "auto", false},
		{"NO_COLOR", yes, map[string]string{"NO_COLOR": "1"}, "auto", false},
		{"NO_COLOR of any value", yes, map[string]string{"NO_COLOR": "false"}, "auto", false},
		{"dumb terminal", yes, map[string]string{"TERM": "dumb"}, "auto", false},
		{"always, in a pipe", no, nil, "always", true},
		{"always beats NO_COLOR", yes, map[string]string{"NO_COLOR": "1"}, "ALWAYS", true},
		{"never", yes, nil, "never", false},
	} {
		o := &showOptions{color: tc.flag, terminal: tc.terminal, env: &Env{Getenv: func(k string) string { return tc.env[k] }}}
		if got, err := o.colour(); err != nil || got != tc.want {
			t.Errorf("%s: colour %v (%v), want %v", tc.name, got, err, tc.want)
		}
	}
	o := &showOptions{color: "sometimes", env: &Env{Getenv: func(string) string { return "" }}}
	if _, err := o.colour(); err == nil {
		t.Error("--color sometimes is taken")
	}
}

// TestShowPainted: what a terminal gets has a colour per channel and the
// marks, and is as wide as the plain output; a buffer (a pipe) gets no
// escape codes at all.
func TestShowPainted(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	o := &showOptions{
		env:  &Env{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }},
		spec: example("ru_bakery.toml"), month: "2027-05", color: "auto",
		terminal: func(io.Writer) bool { return true },
	}
	if err := runShow(o); err != nil {
		t.Fatal(err)
	}
	painted := out.String()
	for _, want := range []string{"\x1b[34mTG1", "\x1b[32mVK1", "\x1b[1;31mhol", "\x1b[7mrev", "\x1b[2mskipped"} {
		if !strings.Contains(painted, want) {
			t.Errorf("no %q in\n%s", want, painted)
		}
	}
	code, plain, _ := run(t, "", map[string]string{"TERM": "xterm"}, "show", example("ru_bakery.toml"), "--month", "2027-05")
	if code != 0 || strings.Contains(plain, "\x1b") {
		t.Fatalf("exit %d; escape codes in a buffer:\n%q", code, plain)
	}
	if got := ansi.Strip(painted); got != plain {
		t.Errorf("painted output, stripped, differs from the plain output:\n%s", diffLine(got, plain))
	}
	code, forced, _ := run(t, "", map[string]string{"NO_COLOR": "1"}, "show", example("ru_bakery.toml"), "--color", "always")
	if code != 0 || !strings.Contains(forced, "\x1b[") {
		t.Errorf("--color always: exit %d, no escape codes", code)
	}
}

func diffLine(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n%q\n%q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

func TestShowFlags(t *testing.T) {
	t.Parallel()
	spec := example("ru_bakery.toml")
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"malformed month", []string{"--month", "2027-5"}, "error: --month \"2027-5\": want YYYY-MM\nhint: give a month as YYYY-MM, e.g. --month 2027-02\n"},
		{"no such month", []string{"--month", "2027-13"}, "error: --month \"2027-13\": want YYYY-MM\n"},
		{"month outside", []string{"--month", "2027-08"}, "error: --month 2027-08: not in the plan, which runs from 2027-04-01 to 2027-06-30\nhint: give a month from 2027-04 to 2027-06\n"},
		{"channel typo", []string{"--channel", "Telegarm"}, "error: --channel \"Telegarm\": the plan has no such channel\nhint: did you mean \"Telegram\"?\nhint: the plan's channels: \"Telegram\", \"ВКонтакте\", \"Instagram\", \"Дзен\", \"YouTube\"\n"},
		{"channel prefix", []string{"--channel", "вкон"}, "hint: did you mean \"ВКонтакте\"?\n"},
		{"bad colour", []string{"--color", "yes"}, "error: --color \"yes\": want auto, always or never\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, "", nil, append([]string{"show", spec}, tc.args...)...)
			if code != 2 || stdout != "" || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stdout %q, stderr\n%s\nwant\n%s", code, stdout, stderr, tc.stderr)
			}
		})
	}
}

// TestShowChannelCase: --channel finds a name in any case, the one
// written as given first.
func TestShowChannelCase(t *testing.T) {
	t.Parallel()
	upper, lower := &calendar.Channel{Name: "VK"}, &calendar.Channel{Name: "vk"}
	plan := &calendar.Plan{Channels: []*calendar.Channel{upper, lower}}
	for typed, want := range map[string]*calendar.Channel{"VK": upper, "vk": lower, "Vk": upper} {
		var v view
		if err := v.check(plan, typed); err != nil || v.channel != want {
			t.Errorf("--channel %s: %v (%v), want %s", typed, v.channel, err, want.Name)
		}
	}
}
