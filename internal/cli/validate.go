package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

type validateOptions struct {
	env  *Env
	spec string
}

func newValidateCmd(env *Env) *cobra.Command {
	o := &validateOptions{env: env}
	return &cobra.Command{
		Use:   "validate SPEC",
		Short: "Check the spec; print a summary or every error",
		Long: `Check SPEC ("-" reads standard input). A valid spec gets a summary on
standard output: the plan's dates and zone, its strategy, campaigns, writers
(with the ISO weeks where their capacity runs short) and budget, and its
channels with their posts and borrowed share against the cap. Warnings
(a plan id derived from the name: add plan.id so that renaming the plan keeps
every post id; dropped posts, times moved by a DST change, writers'
shortfalls, method advice) go to standard error, each once. An invalid spec
gets every error, one per line, and exit code 2.`,
		Args: exactArgs("SPEC"),
		RunE: runE(func(args []string) error {
			o.spec = args[0]
			return runValidate(o)
		}),
	}
}

func runValidate(o *validateOptions) error {
	plan, err := loadPlan(o.env, o.spec)
	if err != nil {
		return err
	}
	name := o.spec
	if name == "-" {
		name = stdinName
	}
	return summarize(o.env.Out, name, plan)
}

// summarize prints validate's summary of the plan of the spec called name.
func summarize(w io.Writer, name string, plan *calendar.Plan) error {
	t := count(plan)
	fmt.Fprintf(w, "%s: ok\n", term(name))
	fmt.Fprintf(w, "plan      %s\n", term(plan.Name))
	fmt.Fprintf(w, "dates     %s to %s (%s)\n", plan.Start, plan.End, plural(int(plan.End-plan.Start)+1, "day"))
	fmt.Fprintf(w, "timezone  %s\n", term(plan.Timezone))
	all := t.Total()
	fmt.Fprintf(w, "posts     %d, borrowed %d (%s, cap %s)\n", all.Posts, all.Borrowed, share(all.Borrowed, all.Posts), plan.Cap)
	if len(plan.Holidays) > 0 {
		fmt.Fprintf(w, "holidays  %s in the plan\n", plural(len(plan.Holidays), "public holiday"))
	}
	if keys := len(plan.Occasions) - len(plan.Holidays); keys > 0 {
		fmt.Fprintf(w, "key dates %d ([[date]]) in the plan\n", keys)
	}
	if len(plan.Skip) > 0 {
		fmt.Fprintf(w, "skipped   %s\n", plural(len(plan.Skip), "date"))
	}
	if len(plan.Goals) > 0 {
		objectives := 0
		for _, g := range plan.Goals {
			objectives += len(g.Objectives)
		}
		fmt.Fprintf(w, "strategy  %s, %s, %s\n", plural(len(plan.Goals), "goal"), plural(objectives, "objective"), plural(len(plan.Pillars), "pillar"))
	}
	if len(plan.Campaigns) > 0 {
		n := all.Posts - t.Campaign("")
		fmt.Fprintf(w, "campaigns %d, %s in them\n", len(plan.Campaigns), plural(n, "post"))
	}
	if len(plan.Writers) > 0 {
		// The shortfall weeks, so that a plan whose writers cannot keep up
		// says where, on standard output too; the warnings say why.
		if short := shortWeeks(t); len(short) > 0 {
			fmt.Fprintf(w, "writers   %d, %s unassigned, in %s\n", len(plan.Writers), plural(t.Writer(""), "post"), strings.Join(short, ", "))
		} else {
			fmt.Fprintf(w, "writers   %d, every post assigned\n", len(plan.Writers))
		}
	}
	if len(t.CostMonths()) > 0 {
		fmt.Fprintf(w, "budget    %s\n", strings.TrimSpace(money(t.TotalCents())+" "+term(plan.Currency)))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "channel\tfrequency\tposts\tborrowed\tcap\tdropped")
	for _, c := range t.Channels() {
		freq, cp, dropped := "", "", 0
		if c != nil {
			freq, cp, dropped = c.Frequency.String(), c.Cap.String(), c.Dropped
		}
		n := t.Channel(c)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d (%s)\t%s\t%d\n", channelName(c), freq, n.Posts, n.Borrowed, share(n.Borrowed, n.Posts), cp, dropped)
	}
	return tw.Flush()
}

// plural writes "1 date", "2 dates" (i18n's English rule: the command
// line speaks English).
func plural(n int, noun string) string { return i18n.Count("en", n, i18n.N(noun)) }
