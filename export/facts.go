package export

import "github.com/contentplan/contentplan/calendar"

// FactReader is a format whose earlier files record what became of the
// plan: the workbook, where the manager enters each KPI's actual and the
// decisions, and the writers mark posts published (docs/spec.md, "The
// monthly review"). The command line reads the facts from the previous
// version of its output once, into the plan (calendar.Plan.Facts), for
// the outputs that report them; it reads that file as untrusted input.
type FactReader interface {
	Format
	ReadFacts(plan *calendar.Plan, path string) (*calendar.Facts, error)
}
