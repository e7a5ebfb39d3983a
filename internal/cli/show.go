package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
)

type showOptions struct {
	env     *Env
	spec    string
	month   string
	channel string
	color   string
	// terminal reports whether stdout is a terminal, where the calendar
	// is coloured; nil means isTerminal. Tests set it.
	terminal func(io.Writer) bool
}

func newShowCmd(env *Env) *cobra.Command {
	o := &showOptions{env: env}
	cmd := &cobra.Command{
		Use:   "show SPEC [--month YYYY-MM] [--channel NAME]",
		Short: "The calendar, the mix, the strategy, the writers' load and the budget, in the terminal",
		Long: `Show the plan of SPEC ("-" reads standard input) in the terminal, first as a
calendar: a month grid per month of the plan, Monday to Sunday with the ISO
week in front, each day with its posts per channel as a tag and a count ("TG2
IG1": two Telegram posts, one Instagram post; the legend names the tags). A
day is marked "gap" when it has no post, "skipped" when the spec skips it,
"hol" on a public holiday of plan.holidays, "key" on a [[date]] of the spec,
"rev" on the monthly review meeting, and a channel's count gets a "!" when
the day is over-full: more
posts of the channel than its frequency puts on one day (N for N/day, 1 for
weekdays, N/week spread over its days or else the week, N/month over the
month, rounded up), plus the extras of the campaigns running that day. The
notes under each month name its holidays and [[date]]s (in the plan's
language), review meeting and over-full days.
The calendar fits 80 columns: long names are cut, and a day with more
channels than fit ends in "+N", N posts more.

Then the mix: own and borrowed posts per channel against the cap, formats
per channel, and pillars. Then, where the spec has them: the strategy
(goals, their objectives with KPI and target, the pillars serving each),
the campaigns, and the writers' load per ISO week of draft due against their
capacity, with the posts left unassigned. Last, the budget: format cost
times posts, per month and channel, in plan.currency.

Every line fits 80 columns. Lists and the strategy's lines wrap between
items or words, the lines after the first indented under the text. A table
wider than 80 columns is narrowed or split: the mix and the campaigns keep
their short columns (numbers, dates) whole and share the width left among
the others, whose long cells wrap onto up to three lines (the third ends
in "…" when there is more); the writers' load and the budget, a column
per writer or channel, come in blocks of columns one under the other, the
weeks or months in front of each.

--month YYYY-MM shows one month of the plan, --channel NAME (any case) one
channel; every section then counts only the posts shown.

Colours: a colour per channel, and for the marks, when standard output is a
terminal; none in a pipe or a file, when NO_COLOR is set to anything
(https://no-color.org) or TERM is dumb. --color always or never overrides
all of these.

Warnings (a plan id derived from the name, dropped posts, DST shifts,
writers' shortfalls, method advice) go to standard error, each once.`,
		Args: exactArgs("SPEC"),
		RunE: runE(func(args []string) error {
			o.spec = args[0]
			return runShow(o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.month, "month", "", "show only the month `YYYY-MM` of the plan")
	f.StringVar(&o.channel, "channel", "", "show only the channel called `NAME` (any case)")
	f.StringVar(&o.color, "color", "auto", "colour the calendar `WHEN`: auto (on a terminal), always or never")
	cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(colorModes, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

var colorModes = []string{"auto", "always", "never"}

func runShow(o *showOptions) error {
	// The flags that need no spec are checked first: a typo costs nothing.
	var v view
	if o.month != "" {
		m, err := parseMonth(o.month)
		if err != nil {
			return err
		}
		v.month, v.oneMonth = m, true
	}
	colour, err := o.colour()
	if err != nil {
		return err
	}
	plan, err := loadPlan(o.env, o.spec)
	if err != nil {
		return err
	}
	if err := v.check(plan, o.channel); err != nil {
		return err
	}
	v.paint = newPainter(o.env.Out, colour)
	return showPlan(o.env.Out, plan, v)
}

// colour decides whether show colours its output. --color always and
// never say so; auto colours a terminal only, and not when NO_COLOR is set
// to anything (https://no-color.org: a flag overrides it) or TERM is dumb.
func (o *showOptions) colour() (bool, error) {
	switch strings.ToLower(o.color) {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		terminal := o.terminal
		if terminal == nil {
			terminal = isTerminal
		}
		return terminal(o.env.Out) && o.env.Getenv("NO_COLOR") == "" && o.env.Getenv("TERM") != "dumb", nil
	}
	return false, usagef([]string{"use --color auto, always or never"}, "--color %q: want auto, always or never", o.color)
}

// showPlan prints every section of show for plan, narrowed as v says.
func showPlan(w io.Writer, plan *calendar.Plan, v view) error {
	if v.paint == nil {
		v.paint = &painter{}
	}
	shown := v.narrow(plan)
	t, days := countPlan(shown)
	title := fmt.Sprintf(", %s to %s, %s", plan.Start, plan.End, term(plan.Timezone))
	title = truncate(term(plan.Name), max(gridWidth-ansi.StringWidth(title), 20)) + title
	lines := []line{{{title, inkBold}}}
	if what := v.narrowed(); what != "" {
		for _, l := range fill("showing ", "  ", append(strings.Fields(what+" only:"), strings.Fields("every count below is of its posts")...), lineWidth) {
			lines = append(lines, plainLine(l))
		}
	}
	lines = append(lines, line{})
	lines = append(lines, newCalView(shown, days).lines()...)
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, v.paint.render(l)); err != nil {
			return err
		}
	}
	if err := mixSection(w, shown, t); err != nil {
		return err
	}
	strategyTree(w, shown, t)
	if err := campaignList(w, shown, t); err != nil {
		return err
	}
	if err := writerLoad(w, shown, t); err != nil {
		return err
	}
	return budget(w, shown, t)
}

// mixSection prints own against borrowed posts per channel and in all,
// then the formats per channel and the pillars.
func mixSection(w io.Writer, plan *calendar.Plan, t *calendar.Tally) error {
	all := t.Total()
	fmt.Fprintln(w, "\nmix")
	mix := table{head: []string{"channel", "posts", "own", "borrowed", "cap"}, whole: []bool{false, true, true, true, true}}
	for _, c := range t.Channels() {
		cp := ""
		if c != nil {
			cp = c.Cap.String()
		}
		n := t.Channel(c)
		mix.rows = append(mix.rows, []string{channelName(c), itoa(n.Posts), itoa(n.Posts - n.Borrowed),
			fmt.Sprintf("%d (%s)", n.Borrowed, share(n.Borrowed, n.Posts)), cp})
	}
	mix.rows = append(mix.rows, []string{"all", itoa(all.Posts), itoa(all.Posts - all.Borrowed),
		fmt.Sprintf("%d (%s)", all.Borrowed, share(all.Borrowed, all.Posts)), plan.Cap.String()})
	if err := printLines(w, mix.lines(lineWidth)); err != nil {
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
		label := "  " + channelName(c) + ":"
		printLines(w, fill("  ", hanging(label+" ", 2), append([]string{channelName(c) + ":"}, items(counts(names, formats, t.Channel(c).Posts))...), lineWidth))
	}
	if len(plan.Pillars) > 0 {
		var names []string
		for _, p := range plan.Pillars {
			names = append(names, p.Name)
		}
		pillars := named(t.Pillars(), func(p *calendar.Pillar) string { return p.Name }, t.Pillar)
		fmt.Fprintln(w, "\npillars")
		return printLines(w, fill("  ", "    ", items(counts(names, pillars, all.Posts)), lineWidth))
	}
	return nil
}

// printLines prints lines, each on a line of its own.
func printLines(w io.Writer, lines []string) error {
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
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
