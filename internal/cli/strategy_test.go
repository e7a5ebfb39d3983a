package cli

import (
	"bytes"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/internal/golden"
)

// handPlan is a small plan made by hand, independent of the scheduler:
// two weeks of a Russian bakery with two writers, a channel owner who is
// not a writer, unassigned posts, a post without a format, drafts due
// weeks before their posts and out of post order, costs in kopecks that
// floating point cannot add exactly, and a post past the plan's end.
func handPlan() *calendar.Plan {
	d := calendar.MakeDate
	tg := &calendar.Channel{Index: 0, Name: "Telegram", Cap: 3000, Frequency: calendar.Frequency{N: 1, Per: calendar.PerDay}}
	vk := &calendar.Channel{Index: 1, Name: "ВКонтакте", Cap: 2000, Owner: "Ирина", Frequency: calendar.Frequency{N: 3, Per: calendar.PerWeek}}
	text := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "текст", Cost: 0.1, Lead: 1}}
	photo := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "фото", Cost: 2500.55, Lead: 2}}
	video := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "видео", Cost: 25000, Lead: 20}}
	bake := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "выпечка", Weight: 2, Objective: "заказы"}}
	team := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "команда", Weight: 1, Objective: "найм"}}
	misc := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "разное", Weight: 1}}
	plan := &calendar.Plan{
		Name: "Колосок, две недели", Start: d(2027, 4, 26), End: d(2027, 5, 9),
		Timezone: "Europe/Moscow", Cap: 3000, Currency: "RUB", Language: "ru",
		Channels: []*calendar.Channel{tg, vk},
		Formats:  []*calendar.Format{text, photo, video},
		Pillars:  []*calendar.Pillar{bake, team, misc},
		Goals: []calendar.GoalSpec{{
			ID: "рост", Why: "больше гостей", Owner: "Ольга",
			Objectives: []calendar.ObjectiveSpec{
				{ID: "заказы", What: "заказы навынос", KPI: "заказов в месяц", Target: "300"},
				{ID: "Найм", What: "пекари к нам", KPI: "откликов"}, // ids match without case
				{What: "без id и KPI"},
			},
		}},
		Writers: []calendar.WriterSpec{
			{Name: "Анна", Capacity: 2},
			{Name: "Борис", Channels: []string{"Telegram"}},
		},
		Campaigns: []calendar.CampaignSpec{
			{Name: "Пасха", Start: d(2027, 4, 26), End: d(2027, 5, 2), Channels: []string{"Telegram"}, Pillar: "выпечка",
				Extra: calendar.Frequency{N: 1, Per: calendar.PerWeek}},
			{Name: "тихая", Start: d(2027, 5, 3), End: d(2027, 5, 9)},
		},
	}
	post := func(date calendar.Date, ch *calendar.Channel, f *calendar.Format, pl *calendar.Pillar, writer string, due calendar.Date, camp string) calendar.Post {
		p := calendar.Post{Date: date, Time: 600, Channel: ch, Format: f, Source: calendar.Own, Pillar: pl, Writer: writer, DraftDue: due, Campaign: camp}
		if f != nil {
			p.Cost = f.Cost
		}
		return p
	}
	posts := []calendar.Post{
		post(d(2027, 4, 26), tg, text, bake, "Анна", d(2027, 4, 25), "Пасха"),
		post(d(2027, 4, 27), tg, photo, bake, "Борис", d(2027, 4, 23), "Пасха"),
		post(d(2027, 4, 28), vk, text, team, "Анна", d(2027, 4, 27), ""),
		post(d(2027, 4, 29), vk, text, misc, "", d(2027, 4, 28), ""),
		post(d(2027, 4, 30), tg, text, bake, "Анна", d(2027, 4, 29), "Пасха"),
		post(d(2027, 5, 3), tg, photo, team, "", d(2027, 4, 30), ""),
		post(d(2027, 5, 4), vk, photo, misc, "Ирина", d(2027, 5, 1), ""),
		post(d(2027, 5, 5), tg, nil, bake, "Анна", 0, ""),
		post(d(2027, 5, 9), vk, video, team, "Борис", d(2027, 4, 19), ""),
		post(d(2027, 6, 2), tg, text, bake, "Борис", d(2027, 6, 1), ""),
	}
	posts[1].Source = calendar.Borrowed
	plan.SetPosts(slices.Values(posts))
	return plan
}

func TestShowHandMade(t *testing.T) {
	var b bytes.Buffer
	if err := showPlan(&b, handPlan(), view{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "show_hand.golden"), b.Bytes())
	checkShow(t, b.String())
}

func TestValidateHandMade(t *testing.T) {
	var b bytes.Buffer
	if err := summarize(&b, "hand.toml", handPlan()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "validate_hand.golden"), b.Bytes())
}

// TestShowExamples runs show and validate on every example spec and checks
// what must hold whatever the scheduler decides: each warning printed
// once, tables lined up (in runes, so Cyrillic counts as Latin), and the
// totals adding up.
func TestShowExamples(t *testing.T) {
	specs, _ := filepath.Glob(example("*.toml"))
	if len(specs) == 0 {
		t.Fatal("no example specs")
	}
	for _, spec := range specs {
		t.Run(filepath.Base(spec), func(t *testing.T) {
			for _, cmd := range []string{"show", "validate"} {
				code, stdout, stderr := run(t, "", nil, cmd, spec)
				if code != 0 {
					t.Fatalf("%s: exit %d: %s", cmd, code, stderr)
				}
				onceEach(t, cmd, stderr)
				if cmd == "show" {
					checkShow(t, stdout)
				} else {
					// validate's table is tabwriter's, lined up in runes.
					checkLeftTable(t, section(stdout, "channel "), func(l string) []rune { return []rune(l) })
				}
			}
		})
	}
}

func TestRuBakery(t *testing.T) {
	code, stdout, stderr := run(t, "", nil, "show", example("ru_bakery.toml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"\nstrategy\n  goal рост: ",
		"\n    узнаваемость: Нас знают в районе Хамовники\n      kpi: охват в месяц, target: 40 000 человек (35 000 / 40 000 / 45 000)\n      pillars: из цеха (",
		"\ncampaigns\n",
		"\nwriters (posts per ISO week of draft due, against weekly capacity)\n",
		"Анна Смирнова",
		"\nbudget (RUB)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	// Every objective is served and no pillar is left over: the method is
	// followed, so the example prints no method warning.
	if strings.Contains(stdout, "serving no objective") || strings.Contains(stdout, "pillars: none") {
		t.Errorf("an objective without a pillar, or a pillar without one:\n%s", section(stdout, "strategy"))
	}
	for _, w := range []string{"objective", "metric", "kpi", "serves no"} {
		if strings.Contains(stderr, w) {
			t.Errorf("method warning about %q:\n%s", w, stderr)
		}
	}
}

// onceEach fails when a warning (with its hints) is printed twice.
func onceEach(t *testing.T, cmd, stderr string) {
	t.Helper()
	seen := map[string]bool{}
	for _, w := range strings.Split(stderr, "warning: ")[1:] {
		if seen[w] {
			t.Errorf("%s printed a warning twice: warning: %s", cmd, w)
		}
		seen[w] = true
	}
}

// section returns the lines from the one starting with head up to the
// next blank line.
func section(out, head string) []string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, head) {
			end := i
			for end < len(lines) && lines[end] != "" {
				end++
			}
			return lines[i:end]
		}
	}
	return nil
}

// checkShow checks the tables of show's output.
func checkShow(t *testing.T, out string) {
	t.Helper()
	cal, _, ok := strings.Cut(out, "\nmix\n")
	if !ok {
		t.Fatalf("no mix in %q", out)
	}
	mix := section(out, "channel ")
	checkLeftTable(t, mix, cells)
	posts := numbers(t, mix[len(mix)-1])[0] // the row "all"
	checkCalendar(t, cal, posts)
	checkLeftTable(t, section(out, "campaign "), cells)

	if table := matrix(t, out, "writers ("); table != nil {
		// The total row: the writers and the unassigned add up to the
		// posts of the plan, and so does each week.
		for _, row := range table[2:] {
			nums := numbers(t, row)
			sum := 0
			for _, n := range nums[:len(nums)-1] {
				sum += n
			}
			if sum != nums[len(nums)-1] {
				t.Errorf("writers: row %q does not add up", row)
			}
		}
		if got := lastNumber(t, table[len(table)-1]); got != posts {
			t.Errorf("writers: total %d, want the plan's %d posts", got, posts)
		}
	}

	if table := matrix(t, out, "budget"); table != nil {
		// Each month's total is the sum of its channels, each channel's
		// total the sum of its months.
		var rows [][]int64
		for _, row := range table[1:] {
			rows = append(rows, amounts(t, row))
		}
		for i, r := range rows {
			var sum int64
			for _, v := range r[:len(r)-1] {
				sum += v
			}
			if sum != r[len(r)-1] {
				t.Errorf("budget: row %q does not add up", table[i+1])
			}
		}
		total := rows[len(rows)-1]
		for c := range total {
			var sum int64
			for _, r := range rows[:len(rows)-1] {
				sum += r[c]
			}
			if sum != total[c] {
				t.Errorf("budget: column %d adds up to %d, total says %d", c, sum, total[c])
			}
		}
	}
}

// matrix returns the right-aligned table under the section title that
// starts with head, nil if none: its blocks of columns (show splits a
// table too wide for 80 columns) checked each and joined again row by
// row, the row names in front of each later block left out.
func matrix(t *testing.T, out, head string) []string {
	t.Helper()
	lines := strings.Split(out, "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, head) })
	if i < 0 {
		return nil
	}
	var table []string
	for i++; i < len(lines) && strings.HasPrefix(lines[i], " "); {
		end := i
		for end < len(lines) && strings.HasPrefix(lines[end], " ") {
			end++
		}
		block := lines[i:end]
		checkRightTable(t, block)
		if table == nil {
			table = slices.Clone(block)
		} else if len(block) != len(table) {
			t.Fatalf("%s: a block of %d lines after one of %d", head, len(block), len(table))
		} else {
			// The first column ends where the header's first word does.
			name := len(block[0]) - len(strings.TrimLeft(block[0], " "))
			name += strings.IndexByte(block[0][name:]+" ", ' ')
			for j, l := range block {
				table[j] += l[name:]
			}
		}
		i = end
		if i+1 < len(lines) && lines[i] == "" && strings.HasPrefix(lines[i+1], " ") {
			i++
		}
	}
	if len(table) < 2 { // a line, not a table: "no format has a cost"
		return nil
	}
	return table
}

// checkRightTable checks that the lines of a right-aligned table are all
// as wide, in terminal cells.
func checkRightTable(t *testing.T, lines []string) {
	t.Helper()
	if len(lines) == 0 {
		t.Error("no table")
		return
	}
	want := ansi.StringWidth(lines[0])
	for _, l := range lines[1:] {
		if got := ansi.StringWidth(l); got != want {
			t.Errorf("table not aligned: %d cells, header %d:\n%s", got, want, strings.Join(lines, "\n"))
			return
		}
	}
}

// checkLeftTable checks that every cell of a left-aligned table starts
// at its header's column (counted as split says: in runes or in terminal
// cells), after at least two spaces; a row's lines after its first (its
// long cells wrapped) may leave a cell empty.
func checkLeftTable(t *testing.T, lines []string, split func(string) []rune) {
	t.Helper()
	if len(lines) == 0 {
		return
	}
	head := split(lines[0])
	var starts []int
	for i := 1; i < len(head); i++ {
		if head[i] != ' ' && head[i-1] == ' ' {
			starts = append(starts, i)
		}
	}
	for _, l := range lines[1:] {
		r := split(l)
		for _, s := range starts {
			// A line that starts blank goes on with the cells of the row
			// above, wrapped: a cell of it may be empty.
			more := r[0] == ' ' && (s >= len(r) || r[s] == ' ')
			if !more && (s >= len(r) || r[s] == ' ' || r[s-1] != ' ' || r[s-2] != ' ') {
				t.Errorf("table not aligned at cell %d:\n%s", s, strings.Join(lines, "\n"))
				return
			}
		}
	}
}

// cells returns l as the terminal shows it, a rune per cell: a wide
// character is followed by a zero rune for its second cell.
func cells(l string) []rune {
	var out []rune
	for _, r := range l {
		out = append(out, r)
		for range ansi.StringWidth(string(r)) - 1 {
			out = append(out, 0)
		}
	}
	return out
}

// numbers reads the whole numbers of a table row, "5/8" as 5.
func numbers(t *testing.T, row string) []int {
	t.Helper()
	var out []int
	for _, f := range strings.Fields(row) {
		f, _, _ = strings.Cut(f, "/")
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}

func lastNumber(t *testing.T, row string) int {
	t.Helper()
	n := numbers(t, row)
	if len(n) == 0 {
		t.Fatalf("no number in %q", row)
	}
	return n[len(n)-1]
}

// amounts reads a budget row's amounts in cents.
func amounts(t *testing.T, row string) []int64 {
	t.Helper()
	var out []int64
	for _, f := range strings.Fields(row)[1:] {
		whole, frac, _ := strings.Cut(f, ".")
		n, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || len(frac) > 2 {
			t.Fatalf("amount %q in %q", f, row)
		}
		c := n * 100
		if frac != "" {
			k, _ := strconv.Atoi((frac + "0")[:2])
			c += int64(k)
		}
		out = append(out, c)
	}
	return out
}

// cents is a cost in cents, as the tally of a post of that cost adds it.
func cents(cost float64) int64 {
	t := calendar.NewTally(&calendar.Plan{})
	t.Add(&calendar.Post{Cost: cost})
	return t.TotalCents()
}

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		cost float64
		want string
	}{
		{0, "0"}, {1500, "1500"}, {0.1, "0.10"}, {2500.55, "2500.55"}, {0.005, "0.01"},
		{-3.5, "-3.50"}, {1e20, "10000000000000"},
	} {
		if got := money(cents(tc.cost)); got != tc.want {
			t.Errorf("money(cents(%v)) = %q, want %q", tc.cost, got, tc.want)
		}
	}
	// Ten kopecks a thousand times is a hundred roubles exactly, as it is
	// not in floating point.
	var sum int64
	for range 1000 {
		sum += cents(0.1)
	}
	if money(sum) != "100" {
		t.Errorf("1000 × 0.1 = %s", money(sum))
	}
}

func TestTerm(t *testing.T) {
	for in, want := range map[string]string{
		"Пекарня «Колосок»":   "Пекарня «Колосок»",
		"line\nbreak":         `line\nbreak`,
		"tab\there":           `tab\there`,
		"\x1b[31mred\x1b[0m":  `\x1b[31mred\x1b[0m`,
		"nel\u0085":           `nel\u0085`,
		`back\slash "quoted"`: `back\slash "quoted"`,
		"":                    "",
	} {
		if got := term(in); got != want {
			t.Errorf("term(%q) = %q, want %q", in, got, want)
		}
	}
}
