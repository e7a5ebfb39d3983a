package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

type reviewOptions struct {
	env    *Env
	file   string
	month  string // --month YYYY-MM, "" for this month
	format string // --format: text or md
	today  string // --today, "" for today in the plan's zone
}

// reviewFormats are the values of review --format.
var reviewFormats = []string{"text", "md"}

func newReviewCmd(env *Env) *cobra.Command {
	o := &reviewOptions{env: env}
	cmd := &cobra.Command{
		Use:   "review PLAN.xlsx [--month YYYY-MM] [--format text|md]",
		Short: "Print a month's review of a workbook: KPIs against targets, posts published against planned",
		Long: `Print the monthly review of PLAN.xlsx, a workbook that generate wrote and the
team filled in (docs/spec.md, "The monthly review"), in the plan's language:

  - each objective's KPI: the month's target, the actual entered on the KPI
    sheet, and the share of the target it reaches
  - per channel, the posts planned in the month against those whose status
    is Published, and the borrowed share of what was published against the
    cap
  - the drafts overdue: due before --today and still Planned or Drafting
  - the objectives that no post of the month serves
  - the decisions entered for the month

--month picks the month (default: this month in the plan's time zone, or
the plan's first or last month when today is outside it); --format md
writes Markdown, for a chat or a document. Nothing is recalculated: the
figures are counted from the Plan sheet's rows as they are.

Exit codes: 0 the review is printed; 2 a workbook that is not contentplan's
or is damaged, a bad --month, --format or --today; 1 a file that cannot be
read.`,
		Args: exactArgs("PLAN.xlsx"),
		RunE: runE(func(args []string) error {
			o.file = args[0]
			return runReview(o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.month, "month", "", "the `YYYY-MM` to review (default: this month)")
	f.StringVar(&o.format, "format", "text", "text, or md for Markdown")
	f.StringVar(&o.today, "today", "", "the `DATE` (YYYY-MM-DD) drafts are due by (default: today in the plan's time zone)")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(reviewFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// runReview reads the flags and the workbook, and prints the month's
// review.
func runReview(o *reviewOptions) error {
	if o.format != "text" && o.format != "md" {
		return usagef([]string{"--format text prints for the terminal, --format md writes Markdown"}, "--format %q: want text or md", o.format)
	}
	var month calendar.Date
	if o.month != "" {
		var err error
		if month, err = parseMonth(o.month); err != nil {
			return err
		}
	}
	today, err := parseToday(o.today)
	if err != nil {
		return err
	}
	b, err := xlsx.ReadFile(o.file)
	if err != nil {
		return err
	}
	if o.today == "" {
		today = (&checkOptions{env: o.env}).todayIn(b, nil)
	}
	first, last, ok := workbookMonths(b)
	switch {
	case o.month == "" && ok:
		month = min(max(today.FirstOfMonth(), first), last)
	case o.month == "":
		month = today.FirstOfMonth()
	case ok && (month < first || month > last):
		return usagef([]string{fmt.Sprintf("give a month from %s to %s, or leave --month out for this month", monthOf(first), monthOf(last))},
			"--month %s: not in the plan of %s, which runs from %s to %s", o.month, term(b.File), monthOf(first), monthOf(last))
	}
	if b.Writer != "" {
		fmt.Fprintf(o.env.ErrOut, "warning: %s: the workbook of %s, a part of the plan, without the KPI sheet: review the whole plan's workbook\n",
			term(b.File), term(b.Writer))
	}
	doc := buildReview(b, month, today)
	if o.format == "md" {
		return doc.markdown(o.env.Out)
	}
	return doc.text(o.env.Out)
}

// workbookMonths are the first days of the first and last months of the
// workbook's plan: those of its KPI sheet, widened to its posts' dates;
// ok is false for a workbook with neither.
func workbookMonths(b *xlsx.Workbook) (first, last calendar.Date, ok bool) {
	seen := false
	see := func(d calendar.Date) {
		d = d.FirstOfMonth()
		if !seen || d < first {
			first = d
		}
		if !seen || d > last {
			last = d
		}
		seen = true
	}
	for _, k := range b.KPIs {
		if !k.Apart {
			see(k.Month)
		}
	}
	for i := range b.Rows {
		if d, ok := rowDate(&b.Rows[i]); ok {
			see(d)
		}
	}
	return first, last, seen
}

// rowDate is a row's date, or else the one contentplan wrote for it.
func rowDate(r *xlsx.Row) (calendar.Date, bool) {
	switch {
	case r.HasDate:
		return r.Date, true
	case r.Generated != nil:
		return r.Generated.Date, true
	}
	return 0, false
}
