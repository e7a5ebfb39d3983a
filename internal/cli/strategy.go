package cli

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// The sections show prints after the calendar and the mix: the strategy
// the posts serve, the campaigns, the writers' load and the budget. Tables
// are laid out by table (showfit.go), which measures cells in terminal
// cells, so Cyrillic and wide names line up as Latin ones do, and fits
// them to 80 columns.

// strategyTree prints goal → objectives (KPI, target) → the pillars that
// serve each objective, with their posts, then the pillars that serve none.
func strategyTree(w io.Writer, plan *calendar.Plan, t *calendar.Tally) {
	if len(plan.Goals) == 0 {
		return
	}
	fmt.Fprintln(w, "\nstrategy")
	serves := map[string][]*calendar.Pillar{} // objective id, lower-cased → pillars
	var loose []*calendar.Pillar
	for _, p := range plan.Pillars {
		if p.Objective == "" {
			loose = append(loose, p)
			continue
		}
		k := strings.ToLower(p.Objective)
		serves[k] = append(serves[k], p)
	}
	for gi, g := range plan.Goals {
		id := term(orDefault(g.ID, fmt.Sprintf("%d", gi+1)))
		units := []string{id}
		if g.Why != "" {
			units = append([]string{id + ":"}, strings.Fields(term(g.Why))...)
		}
		if g.Owner != "" {
			units = append(units, "(owner "+term(g.Owner)+")")
		}
		printLines(w, fill("  goal ", hanging("  goal "+units[0]+" ", 2), units, lineWidth))
		if len(g.Objectives) == 0 {
			fmt.Fprintln(w, "    no objectives")
		}
		for oi, o := range g.Objectives {
			id := term(orDefault(o.ID, fmt.Sprintf("objective %d", oi+1)))
			units := []string{id}
			if o.What != "" {
				units = append([]string{id + ":"}, strings.Fields(term(o.What))...)
			}
			printLines(w, fill("    ", hanging("    "+units[0]+" ", 4), units, lineWidth))
			kpi := "kpi: " + orDefault(o.KPI, "none")
			if t := o.TargetText(); t != "" {
				kpi += ", target: " + t
			}
			printLines(w, fill("      ", hanging("      kpi: ", 6), strings.Fields(term(kpi)), lineWidth))
			var ps []*calendar.Pillar
			if o.ID != "" {
				ps = serves[strings.ToLower(o.ID)]
			}
			printLines(w, fill("      pillars: ", hanging("      pillars: ", 6), items(pillarList(ps, t)), lineWidth))
		}
	}
	if len(loose) > 0 {
		printLines(w, fill("  serving no objective: ", "    ", items(pillarList(loose, t)), lineWidth))
	}
}

func pillarList(ps []*calendar.Pillar, t *calendar.Tally) string {
	if len(ps) == 0 {
		return "none"
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%s)", term(p.Name), plural(t.Pillar(p), "post"))
	}
	return strings.Join(parts, ", ")
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// campaignList prints each campaign's window, channels, pillar, extra
// posts and the posts it got.
func campaignList(w io.Writer, plan *calendar.Plan, t *calendar.Tally) error {
	if len(plan.Campaigns) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\ncampaigns")
	tb := table{head: []string{"campaign", "dates", "channels", "pillar", "extra", "posts"},
		whole: []bool{false, true, false, false, true, true}}
	for _, c := range plan.Campaigns {
		chans := "all"
		if c.Channels != nil {
			chans = term(strings.Join(c.Channels, ", "))
		}
		extra := "none"
		if c.Extra.N > 0 {
			extra = c.Extra.String()
		}
		tb.rows = append(tb.rows, []string{term(c.Name), c.Start.String() + " to " + c.End.String(), chans,
			term(orDefault(c.Pillar, "-")), extra, itoa(t.Campaign(c.Name))})
	}
	return printLines(w, tb.lines(lineWidth))
}

// writerNames returns the spec's writers in spec order, then any other
// name posts carry (a channel's owner stands in where no writer may take
// a channel), sorted.
func writerNames(plan *calendar.Plan, t *calendar.Tally) (names []string, capacity map[string]int) {
	capacity = map[string]int{}
	for _, wr := range plan.Writers {
		if _, dup := capacity[wr.Name]; dup {
			continue
		}
		names = append(names, wr.Name)
		capacity[wr.Name] = wr.Capacity
	}
	var others []string
	for _, name := range t.Writers() {
		if _, ok := capacity[name]; !ok {
			others = append(others, name)
		}
	}
	sort.Strings(others)
	return append(names, others...), capacity
}

// writerLoad prints, per ISO week of draft due, each writer's posts against
// their weekly capacity and the posts nobody could take, then the totals.
// It prints nothing when the spec names no writers.
func writerLoad(w io.Writer, plan *calendar.Plan, t *calendar.Tally) error {
	if len(plan.Writers) == 0 {
		return nil
	}
	names, capacity := writerNames(plan, t)
	fmt.Fprintln(w, "\nwriters (posts per ISO week of draft due, against weekly capacity)")
	tb := table{right: true, keep: 1}
	head := []string{"week", "monday"}
	for _, n := range names {
		head = append(head, term(n))
	}
	tb.head = append(head, "unassigned", "total")
	row := []string{"capacity", ""}
	for _, n := range names {
		c, ok := capacity[n]
		switch {
		case !ok:
			row = append(row, "owner") // not a writer of the spec: no capacity
		case c == 0:
			row = append(row, "any")
		default:
			row = append(row, itoa(c))
		}
	}
	tb.rows = append(tb.rows, append(row, "-", "-"))
	for _, monday := range t.LoadWeeks() {
		y, wk := monday.ISOWeek()
		row := []string{fmt.Sprintf("%d-W%02d", y, wk), monday.String()}
		total := 0
		for _, n := range names {
			k := t.Load(n, monday)
			total += k
			if c := capacity[n]; c > 0 {
				row = append(row, fmt.Sprintf("%d/%d", k, c))
			} else {
				row = append(row, itoa(k))
			}
		}
		un := t.Load("", monday)
		total += un
		tb.rows = append(tb.rows, append(row, itoa(un), itoa(total)))
	}
	row = []string{"total", ""}
	for _, n := range names {
		row = append(row, itoa(t.Writer(n)))
	}
	tb.rows = append(tb.rows, append(row, itoa(t.Writer("")), itoa(t.Total().Posts)))
	if err := printLines(w, tb.lines(lineWidth)); err != nil {
		return err
	}
	if short := shortWeeks(t); len(short) > 0 {
		units := append(strings.Fields(plural(t.Writer(""), "post")+", in"), items(strings.Join(short, ", "))...)
		return printLines(w, fill("unassigned: ", "  ", units, lineWidth))
	}
	return nil
}

// shortWeeks names the ISO weeks with unassigned posts, "2027-W16 (3)",
// the first few of them when there are many: a plan short every week
// needs more writers, not a longer list.
func shortWeeks(t *calendar.Tally) []string {
	const most = 6
	var out []string
	more := 0
	for _, monday := range t.LoadWeeks() {
		if n := t.Load("", monday); n > 0 {
			if len(out) == most {
				more++
				continue
			}
			y, wk := monday.ISOWeek()
			out = append(out, fmt.Sprintf("%d-W%02d (%d)", y, wk, n))
		}
	}
	if more > 0 {
		out = append(out, "and "+plural(more, "more week"))
	}
	return out
}

// months returns the first day of every month the plan touches.
func months(plan *calendar.Plan) []calendar.Date {
	var out []calendar.Date
	if plan.End < plan.Start {
		return nil
	}
	for m := plan.Start.FirstOfMonth(); m <= plan.End; m = m.AddDays(m.DaysInMonth()) {
		out = append(out, m)
	}
	return out
}

// budget prints format cost × posts per month (rows) and channel
// (columns), in the plan's currency, with totals.
func budget(w io.Writer, plan *calendar.Plan, t *calendar.Tally) error {
	title := "budget"
	if plan.Currency != "" {
		title += " (" + term(plan.Currency) + ")"
	}
	fmt.Fprintln(w)
	printLines(w, fill("", "  ", strings.Fields(title), lineWidth))
	if len(t.CostMonths()) == 0 {
		fmt.Fprintln(w, "  no format has a cost: set cost on a [[format]] to see one")
		return nil
	}
	ms := months(plan)
	// Posts outside the plan's months (only a hand-made plan has them)
	// still count.
	for _, m := range t.CostMonths() {
		if !slices.Contains(ms, m) {
			ms = append(ms, m)
		}
	}
	slices.Sort(ms)
	channels := t.Channels()
	tb := table{head: []string{"month"}, right: true, keep: 1}
	for _, c := range channels {
		tb.head = append(tb.head, channelName(c))
	}
	tb.head = append(tb.head, "total")
	perChannel := make([]int64, len(channels))
	var all int64
	for _, m := range ms {
		y, mo, _ := m.YMD()
		row := []string{fmt.Sprintf("%d-%02d", y, int(mo))}
		var sum int64
		for i, ch := range channels {
			c := t.Cents(ch, m)
			sum += c
			perChannel[i] += c
			row = append(row, money(c))
		}
		all += sum
		tb.rows = append(tb.rows, append(row, money(sum)))
	}
	row := []string{"total"}
	for _, c := range perChannel {
		row = append(row, money(c))
	}
	tb.rows = append(tb.rows, append(row, money(all)))
	return printLines(w, tb.lines(lineWidth))
}
