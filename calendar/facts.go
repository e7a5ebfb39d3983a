package calendar

import (
	"strconv"
	"strings"
)

// Reviewed is an objective as the monthly review knows it (docs/spec.md,
// "The monthly review"): by a key that the KPI sheet, its kept actuals and
// the review meetings share, and a label to show.
type Reviewed struct {
	Key   string // the id; else "kpi: " and the KPI, or "what: " and what it is; made unique with " #2"…
	Label string // the id, else what it is, else the KPI
	*ObjectiveSpec
}

// ReviewedObjectives lists the plan's objectives that the monthly review
// goes through, in spec order: every objective with an id, a KPI or a
// what (an empty table names nothing to review).
func (p *Plan) ReviewedObjectives() []Reviewed {
	var out []Reviewed
	seen := map[string]int{}
	for gi := range p.Goals {
		for oi := range p.Goals[gi].Objectives {
			o := &p.Goals[gi].Objectives[oi]
			key, label := objectiveKey(o)
			if key == "" {
				continue
			}
			if seen[key]++; seen[key] > 1 {
				key += " #" + strconv.Itoa(seen[key])
			}
			out = append(out, Reviewed{Key: key, Label: label, ObjectiveSpec: o})
		}
	}
	return out
}

// objectiveKey is an objective's key and label before they are made
// unique. An objective without an id is keyed by its KPI, so that its
// actuals stay with it when its other words change.
func objectiveKey(o *ObjectiveSpec) (key, label string) {
	id, what, kpi := strings.TrimSpace(o.ID), strings.TrimSpace(o.What), strings.TrimSpace(o.KPI)
	switch {
	case id != "":
		return id, id
	case kpi != "":
		return "kpi: " + kpi, firstOf(what, kpi)
	case what != "":
		return "what: " + what, what
	}
	return "", ""
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Facts are what the team recorded against the plan so far, in the
// workbook of its last run: each objective's KPI actual and decision per
// month, and which posts are published. The review meetings report them
// (docs/spec.md, "The monthly review"). The command line reads them from
// that workbook, through its format, into the Plan it writes.
type Facts struct {
	// File is the workbook they come from.
	File string
	// KPIs are the rows of its KPI sheet with something entered.
	KPIs []KPIFact
	// Published are the ids of the posts whose status is Published.
	Published map[string]bool
}

// KPIFact is an objective's actual and decision of a month.
type KPIFact struct {
	Objective string // the Reviewed key
	Month     Date   // the month's first day
	// Actual is the actual as entered, "" when none; Value is it as a
	// number (a percentage as its fraction) when HasValue.
	Actual   string
	Value    float64
	HasValue bool
	Decision string
}

// KPI returns the fact of an objective's month, or nil.
func (f *Facts) KPI(key string, month Date) *KPIFact {
	if f == nil {
		return nil
	}
	month = month.FirstOfMonth()
	for i := range f.KPIs {
		if k := &f.KPIs[i]; k.Objective == key && k.Month == month {
			return k
		}
	}
	return nil
}
