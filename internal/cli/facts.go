package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/formats"
)

// readFacts gives plan the facts of its previous workbook (docs/spec.md,
// "The monthly review"): the KPI actuals, decisions and published posts
// that its review meetings report. They come from the earlier version of
// the output of a format that keeps them, the file --keep names or the
// one being replaced, whether or not this run writes that format again.
// A plan without review meetings has nothing to report them in. A file
// that cannot be read is said on standard error, and the run goes on
// without its facts: when the workbook is written too, its own reading
// has refused such a file already.
func readFacts(errOut io.Writer, plan *calendar.Plan, opt export.Options) {
	if len(plan.Reviews) == 0 {
		return
	}
	for _, f := range formats.All() {
		fr, ok := f.(export.FactReader)
		if !ok {
			continue
		}
		path := opt.PreviousOf(f.Ext())
		if path == "" {
			continue
		}
		facts, err := fr.ReadFacts(plan, path)
		if err != nil {
			fmt.Fprintf(errOut, "warning: %s; the review meetings list no actuals, decisions or published posts\n",
				term(strings.SplitN(err.Error(), "\n", 2)[0]))
			continue
		}
		plan.Facts = facts
		if s := factsSummary(facts); s != "" {
			fmt.Fprintf(errOut, "%s: for the review meetings: %s\n", term(path), s)
		}
		return
	}
}

// factsSummary counts what the facts hold: "3 KPI actuals, 1 decision,
// 12 published posts"; "" when they hold nothing.
func factsSummary(f *calendar.Facts) string {
	actuals, decisions := 0, 0
	for _, k := range f.KPIs {
		if strings.TrimSpace(k.Actual) != "" {
			actuals++
		}
		if strings.TrimSpace(k.Decision) != "" {
			decisions++
		}
	}
	var parts []string
	for _, p := range []struct {
		n    int
		noun string
	}{{actuals, "KPI actual"}, {decisions, "decision"}, {len(f.Published), "published post"}} {
		if p.n > 0 {
			parts = append(parts, plural(p.n, p.noun))
		}
	}
	return strings.Join(parts, ", ")
}
