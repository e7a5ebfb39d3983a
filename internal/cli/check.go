package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/internal/check"
)

type checkOptions struct {
	env   *Env
	file  string
	spec  string // --spec, "" for none
	today string // --today, "" for today in the plan's zone
}

func newCheckCmd(env *Env) *cobra.Command {
	o := &checkOptions{env: env}
	cmd := &cobra.Command{
		Use:   "check PLAN.xlsx [--spec SPEC] [--today DATE]",
		Short: "Check a workbook the writers sent back against the plan's rules",
		Long: `Check PLAN.xlsx, a workbook that generate wrote and the writers edited, and
print one line per finding on standard output, each naming the sheet, the
row and the post, then a summary ("3 findings in 180 posts", or "all 180
posts hold"). The posts of the Plan sheet are checked for:

  - the borrowed share of each channel against its cap, now that writers
    may have switched a post's Source: in date and time order, after every
    post at most the cap's share of the posts so far is borrowed
    (docs/spec.md, rule 3); the first post where that breaks is named,
    with the channel's totals
  - two posts of a channel at one date and time, and two rows of one post
  - posts without a writer, when the plan has writers at all
  - drafts past due: due before --today (default: today in the plan's time
    zone) and still Planned, Drafting, In review or Needs changes
  - copy longer than the channel's limit, counted as the Length column
    counts it
  - Approved, Scheduled or Published posts without copy
  - cells that did not read (a date that is no date, a status or a source
    that is none of the list's), and posts of a channel the plan does not
    have

The caps and copy limits are the ones the workbook was generated with, or
SPEC's with --spec ("-" reads standard input), which then also names the
workbook's channels that SPEC does not have. The Removed sheet is not checked,
nor are the borrowed shares in one writer's workbook (generate --split
writer), which has a part of each channel's posts.

Exit codes: 0 every post holds, 3 a finding; 2 a workbook that is not
contentplan's or is damaged, an invalid SPEC, a SPEC of another plan or a bad
--today; 1 a file that cannot be read.`,
		Args: exactArgs("PLAN.xlsx"),
		RunE: runE(func(args []string) error {
			o.file = args[0]
			return runCheck(o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.spec, "spec", "", "check against the caps and limits of `SPEC` instead of the workbook's")
	f.StringVar(&o.today, "today", "", "the `DATE` (YYYY-MM-DD) drafts are due by (default: today in the plan's time zone)")
	return cmd
}

// runCheck reads the flags, the spec and the workbook, prints the
// findings and the summary, and returns a *brokenError when there are
// findings.
func runCheck(o *checkOptions) error {
	today, err := parseToday(o.today)
	if err != nil {
		return err
	}
	var s *calendar.Spec
	if o.spec != "" {
		if s, err = parseSpec(o.env, o.spec); err != nil {
			return err
		}
	}
	// The reader's errors go out as they are: a file that cannot be read
	// is an I/O failure, one that is not a contentplan workbook (or is
	// damaged) a *calendar.HintError.
	b, err := xlsx.ReadFile(o.file)
	if err != nil {
		return err
	}
	if err := samePlan(b, s, o.spec); err != nil {
		return err
	}
	if o.today == "" {
		today = o.todayIn(b, s)
	}
	switch {
	case b.Writer != "":
		fmt.Fprintf(o.env.ErrOut, "warning: %s: the workbook of %s, a part of the plan: the borrowed shares are checked in the whole plan's workbook\n",
			term(b.File), term(b.Writer))
	case b.Unassigned:
		fmt.Fprintf(o.env.ErrOut, "warning: %s: the workbook of the posts no writer could take, a part of the plan: the borrowed shares are checked in the whole plan's workbook\n",
			term(b.File))
	}
	findings := check.Workbook(b, check.Options{Today: today, Spec: s})
	w := o.env.Out
	for _, f := range findings {
		fmt.Fprintln(w, term(f.Line(b)))
	}
	switch n := len(b.Rows); {
	case len(findings) > 0:
		fmt.Fprintf(w, "%s in %s\n", plural(len(findings), "finding"), plural(n, "post"))
		return &brokenError{len(findings)}
	case n == 1:
		fmt.Fprintln(w, "the 1 post holds")
	default:
		fmt.Fprintf(w, "all %d posts hold\n", n)
	}
	return nil
}

// parseToday reads --today; "" is no date.
func parseToday(s string) (calendar.Date, error) {
	if s == "" {
		return 0, nil
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return 0, usagef([]string{"give the day as YYYY-MM-DD, e.g. --today 2027-01-15, or leave --today out for today"},
			"--today %q: not a date", s)
	}
	return d, nil
}

// samePlan refuses a spec of another plan than the workbook's, as
// checking one plan's posts against another's caps means nothing: their
// plan ids differ (docs/spec.md, rule 7), or, where either has none, the
// spec has none of the workbook's channels.
func samePlan(b *xlsx.Workbook, s *calendar.Spec, path string) error {
	if s == nil {
		return nil
	}
	hints := []string{"give --spec the spec the workbook was generated from, or leave --spec out to check it against its own caps"}
	if b.PlanID != "" && s.Plan.ID != "" {
		if b.PlanID == s.Plan.ID {
			return nil
		}
		return usagef(hints, "%s is the plan %q (id %q), and %s the plan %q (id %q)",
			b.File, b.Plan, b.PlanID, path, s.Plan.Name, s.Plan.ID)
	}
	if len(b.Channels) == 0 {
		return nil
	}
	for _, c := range s.Channels {
		if b.Channel(c.Name) != nil {
			return nil
		}
	}
	return usagef(hints, "%s is the plan %q, and %s the plan %q, with none of its channels", b.File, b.Plan, path, s.Plan.Name)
}

// todayIn is today in the plan's time zone, as the workbook states it (or
// else the spec), from the injected clock; in UTC, with a warning, when
// neither zone is known.
func (o *checkOptions) todayIn(b *xlsx.Workbook, s *calendar.Spec) calendar.Date {
	loc, err := time.LoadLocation(b.Timezone)
	switch {
	case err == nil:
	case s != nil && s.Plan.Location != nil:
		loc = s.Plan.Location
	default:
		loc = time.UTC
		fmt.Fprintf(o.env.ErrOut, "warning: %s: time zone %q unknown: today is %s in UTC\n",
			term(b.File), term(b.Timezone), calendar.DateOf(o.env.Now().In(loc)))
	}
	return calendar.DateOf(o.env.Now().In(loc))
}
