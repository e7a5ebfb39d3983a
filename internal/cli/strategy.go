package cli

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/contentplan/contentplan/calendar"
)

// The sections show prints after the calendar and the mix: the strategy
// the posts serve, the campaigns, the writers' load and the budget. Tables
// go through text/tabwriter, which measures cells in runes, so Cyrillic
// names line up as Latin ones do.

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
		line := "  goal " + orDefault(g.ID, fmt.Sprintf("%d", gi+1))
		if g.Why != "" {
			line += ": " + g.Why
		}
		if g.Owner != "" {
			line += " (owner " + g.Owner + ")"
		}
		fmt.Fprintln(w, term(line))
		if len(g.Objectives) == 0 {
			fmt.Fprintln(w, "    no objectives")
		}
		for oi, o := range g.Objectives {
			line := "    " + orDefault(o.ID, fmt.Sprintf("objective %d", oi+1))
			if o.What != "" {
				line += ": " + o.What
			}
			fmt.Fprintln(w, term(line))
			line = "      kpi: " + orDefault(o.KPI, "none")
			if o.Target != "" {
				line += ", target: " + o.Target
			}
			fmt.Fprintln(w, term(line))
			var ps []*calendar.Pillar
			if o.ID != "" {
				ps = serves[strings.ToLower(o.ID)]
			}
			fmt.Fprintln(w, "      pillars: "+pillarList(ps, t))
		}
	}
	if len(loose) > 0 {
		fmt.Fprintln(w, "  serving no objective: "+pillarList(loose, t))
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
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "campaign\tdates\tchannels\tpillar\textra\tposts")
	for _, c := range plan.Campaigns {
		chans := "all"
		if c.Channels != nil {
			chans = term(strings.Join(c.Channels, ", "))
		}
		extra := "none"
		if c.Extra.N > 0 {
			extra = c.Extra.String()
		}
		fmt.Fprintf(tw, "%s\t%s to %s\t%s\t%s\t%s\t%d\n", term(c.Name), c.Start, c.End, chans, term(orDefault(c.Pillar, "-")), extra, t.Campaign(c.Name))
	}
	return tw.Flush()
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
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"week", "monday"}
	for _, n := range names {
		head = append(head, term(n))
	}
	head = append(head, "unassigned", "total")
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
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
	fmt.Fprintln(tw, strings.Join(append(row, "-", "-"), "\t")+"\t")
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
		row = append(row, itoa(un), itoa(total))
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	row = []string{"total", ""}
	for _, n := range names {
		row = append(row, itoa(t.Writer(n)))
	}
	row = append(row, itoa(t.Writer("")), itoa(t.Total().Posts))
	fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	if err := tw.Flush(); err != nil {
		return err
	}
	if short := shortWeeks(t); len(short) > 0 {
		fmt.Fprintf(w, "unassigned: %s, in %s\n", plural(t.Writer(""), "post"), strings.Join(short, ", "))
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
	fmt.Fprintln(w, "\n"+title)
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
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"month"}
	for _, c := range channels {
		head = append(head, channelName(c))
	}
	fmt.Fprintln(tw, strings.Join(append(head, "total"), "\t")+"\t")
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
		fmt.Fprintln(tw, strings.Join(append(row, money(sum)), "\t")+"\t")
	}
	row := []string{"total"}
	for _, c := range perChannel {
		row = append(row, money(c))
	}
	fmt.Fprintln(tw, strings.Join(append(row, money(all)), "\t")+"\t")
	return tw.Flush()
}
