package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
)

type showOptions struct {
	env  *Env
	spec string
}

func newShowCmd(env *Env) *cobra.Command {
	o := &showOptions{env: env}
	return &cobra.Command{
		Use:   "show SPEC",
		Short: "The calendar, the mix, the strategy, the writers' load and the budget, in the terminal",
		Long: `Show the plan of SPEC ("-" reads standard input) in the terminal: posts per
ISO week per channel, then the mix: own and borrowed posts per channel against
the cap, formats per channel, and pillars. Then, where the spec has them: the
strategy (goals, their objectives with KPI and target, the pillars serving
each), the campaigns, and the writers' load per ISO week of draft due against
their capacity, with the posts left unassigned. Last, the budget: format cost
times posts, per month and channel, in plan.currency.

Warnings (a plan id derived from the name, dropped posts, DST shifts,
writers' shortfalls, method advice) go to standard error, each once.`,
		Args: exactArgs("SPEC"),
		RunE: runE(func(args []string) error {
			o.spec = args[0]
			return runShow(o)
		}),
	}
}

func runShow(o *showOptions) error {
	plan, err := loadPlan(o.env, o.spec)
	if err != nil {
		return err
	}
	return showPlan(o.env.Out, plan)
}

// showPlan prints every section of show for plan.
func showPlan(w io.Writer, plan *calendar.Plan) error {
	t := count(plan)
	fmt.Fprintf(w, "%s, %s to %s, %s\n\n", term(plan.Name), plan.Start, plan.End, term(plan.Timezone))

	// Posts per ISO week per channel.
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"week", "monday"}
	for _, c := range t.Channels() {
		head = append(head, channelName(c))
	}
	head = append(head, "total")
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, wk := range t.Weeks() {
		row := []string{fmt.Sprintf("%d-W%02d", wk.Year, wk.Week), wk.Monday.String()}
		for _, n := range wk.Channels {
			row = append(row, itoa(n))
		}
		row = append(row, itoa(wk.Posts))
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	all := t.Total()
	total := []string{"total", ""}
	for _, c := range t.Channels() {
		total = append(total, itoa(t.Channel(c).Posts))
	}
	total = append(total, itoa(all.Posts))
	fmt.Fprintln(tw, strings.Join(total, "\t")+"\t")
	if err := tw.Flush(); err != nil {
		return err
	}

	// The mix: own against borrowed, per channel and in all.
	fmt.Fprintln(w, "\nmix")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "channel\tposts\town\tborrowed\tcap")
	for _, c := range t.Channels() {
		cp := ""
		if c != nil {
			cp = c.Cap.String()
		}
		n := t.Channel(c)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d (%s)\t%s\n", channelName(c), n.Posts, n.Posts-n.Borrowed, n.Borrowed, share(n.Borrowed, n.Posts), cp)
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%d (%s)\t%s\n", all.Posts, all.Posts-all.Borrowed, all.Borrowed, share(all.Borrowed, all.Posts), plan.Cap)
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nformats")
	for _, c := range t.Channels() {
		var names []string
		if c != nil {
			for _, f := range c.Formats {
				names = append(names, f.Name)
			}
		}
		formats := named(t.Formats(c), func(f *calendar.Format) string { return f.Name },
			func(f *calendar.Format) int { return t.Format(c, f) })
		fmt.Fprintf(w, "  %s: %s\n", channelName(c), counts(names, formats, t.Channel(c).Posts))
	}
	if len(plan.Pillars) > 0 {
		var names []string
		for _, p := range plan.Pillars {
			names = append(names, p.Name)
		}
		pillars := named(t.Pillars(), func(p *calendar.Pillar) string { return p.Name }, t.Pillar)
		fmt.Fprintf(w, "\npillars\n  %s\n", counts(names, pillars, all.Posts))
	}
	strategyTree(w, plan, t)
	if err := campaignList(w, plan, t); err != nil {
		return err
	}
	if err := writerLoad(w, plan, t); err != nil {
		return err
	}
	return budget(w, plan, t)
}

// counts lists "name n (share)" in the given order, then any name counted
// but not listed.
func counts(order []string, n map[string]int, whole int) string {
	var parts []string
	done := map[string]bool{}
	for _, name := range order {
		if done[name] {
			continue
		}
		done[name] = true
		parts = append(parts, fmt.Sprintf("%s %d (%s)", term(name), n[name], share(n[name], whole)))
	}
	var extra []string
	for name := range n {
		if !done[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra) // map order would make the output differ run to run
	for _, name := range extra {
		parts = append(parts, fmt.Sprintf("%s %d (%s)", term(name), n[name], share(n[name], whole)))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
