package xlsx

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// KPIRow is a row of the KPI sheet as a workbook read back has it: an
// objective's month with its target as the workbook was made, and the
// actual and decision the manager entered (docs/spec.md, "The monthly
// review"). Nothing in it was recalculated.
type KPIRow struct {
	Line int // the row's number on the sheet
	// Key is the objective's key (calendar.Reviewed), "" when the row's
	// hidden record is gone or damaged; Month is the month's first day.
	Key   string
	Month calendar.Date
	// Label, KPI, Target and Unit are the objective's, as the row states
	// them.
	Label, KPI string
	Target     calendar.Target
	Unit       string
	// Actual is the actual as the cell holds it, "" when none: a number
	// cell's number, or text; Value is it as a number (a percentage as its
	// fraction) when HasValue.
	Actual   string
	Value    float64
	HasValue bool
	Decision string
	// Apart: the row is kept at the sheet's foot, its objective or month
	// no longer the plan's (or its record damaged).
	Apart bool
}

// hasWork reports whether someone entered an actual or a decision.
func (r *KPIRow) hasWork() bool {
	return strings.TrimSpace(r.Actual) != "" || strings.TrimSpace(r.Decision) != ""
}

// kpiKey is what a KPI row is kept by: the objective and the month.
type kpiKey struct {
	key   string
	month calendar.Date
}

// kpiHeaders maps the header key of each KPI table column, in every
// language, to its column. The posts table beside it repeats "Month",
// which is read from its first place.
var kpiHeaders = func() map[string]int {
	m := make(map[string]int)
	for _, lang := range i18n.Languages() {
		t := i18n.For(lang)
		r := t.Review()
		for c, h := range map[int]string{kpiObjective: t.Objective, kpiKPI: t.KPI, kpiMonth: t.Month, kpiTarget: t.Target,
			kpiActual: r.Actual, kpiReached: r.Reached, kpiDecision: r.Decision, kpiGenerated: t.Columns[numCols-1]} {
			m[headerKey(h)] = c
		}
	}
	return m
}()

// maxKPIRecord is the longest hidden record read: one holds an
// objective's key, label, KPI and target, a few hundred bytes.
const maxKPIRecord = 64 << 10

// readKPI reads the KPI sheet's rows, if the workbook has that sheet.
// Rows are found by the hidden record column's header; a row whose record
// is damaged still keeps what was entered in it, keyed by nothing.
func readKPI(f *excelize.File, b *Workbook) ([]KPIRow, error) {
	sheet := findSheet(f, b.kpiSheet, func(t *i18n.Texts) string { return t.Review().Sheet })
	if sheet == "" {
		return nil, nil
	}
	var (
		rows []KPIRow
		at   []int
	)
	err := eachRow(f, sheet, excelize.TotalRows, func(line int, cells []string) error {
		if at == nil {
			if line <= headerRows {
				at = kpiColumnsOf(cells)
			}
			return nil
		}
		if r, ok := readKPIRow(cells, at); ok {
			r.Line = line
			rows = append(rows, r)
		}
		return nil
	})
	if err != nil {
		return nil, damaged(b.File, err)
	}
	return rows, nil
}

// kpiColumnsOf maps a header row's cells to the KPI columns they name,
// or returns nil when none names the record column.
func kpiColumnsOf(cells []string) []int {
	at := make([]int, len(cells))
	seen := make(map[int]bool)
	for i, h := range cells {
		if c := kpiHeaders[headerKey(h)]; c != 0 && !seen[c] {
			at[i], seen[c] = c, true
		}
	}
	if !seen[kpiGenerated] {
		return nil
	}
	return at
}

// readKPIRow reads a row of the KPI table: ok is false for a row with
// neither a record nor anything entered (the posts table's rows, blank
// and heading rows).
func readKPIRow(cells []string, at []int) (r KPIRow, ok bool) {
	var visible [kpiGenerated + 1]string
	for i, v := range cells {
		if i < len(at) && at[i] != 0 {
			visible[at[i]] = v
		}
	}
	r.Actual, r.Decision = strings.TrimSpace(visible[kpiActual]), visible[kpiDecision]
	r.Value, r.HasValue = actualValue(r.Actual)
	if parseKPIRecord(visible[kpiGenerated], &r) {
		return r, true
	}
	if !r.hasWork() {
		return r, false
	}
	// A record is gone: what the row says stays, keyed by nothing.
	r.Apart = true
	r.Label, r.KPI = strings.TrimSpace(visible[kpiObjective]), strings.TrimSpace(visible[kpiKPI])
	r.Month, _ = parseDate(visible[kpiMonth])
	r.Month = r.Month.FirstOfMonth()
	r.Target = calendar.Target{Text: strings.TrimSpace(visible[kpiTarget])}
	return r, true
}

// actualValue reads an actual as a number: a number cell's value, or
// text that reads as a figure (calendar.ParseFigure).
func actualValue(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXnNiI") && !math.IsInf(v, 0) && math.Abs(v) < 1e15 {
		return v, true
	}
	v, _, ok := calendar.ParseFigure(s)
	return v, ok
}

// parseKPIRecord reads a row's hidden record (appendKPIRecord) into r;
// false when it is not one.
func parseKPIRecord(s string, r *KPIRow) bool {
	if len(s) > maxKPIRecord || !strings.HasPrefix(s, "[") {
		return false
	}
	var v []any
	if json.Unmarshal([]byte(s), &v) != nil || len(v) < 8 {
		return false
	}
	var strs [8]string
	for _, i := range []int{0, 1, 2, 4, 5, 6, 7} {
		s, ok := v[i].(string)
		if !ok {
			return false
		}
		strs[i] = s
	}
	value, ok := v[3].(float64)
	month, err := calendar.ParseDate(strs[1] + "-01")
	if !ok || err != nil || strs[0] == "" {
		return false
	}
	r.Key, r.Month, r.Unit, r.Label, r.KPI = strs[0], month, strs[5], strs[6], strs[7]
	r.Target = calendar.Target{Text: strs[4]}
	r.Apart = len(v) > 8 && v[8] == true
	switch strs[2] {
	case "number":
		r.Target.Kind, r.Target.Value = calendar.TargetNumber, value
	case "percent":
		r.Target.Kind, r.Target.Value = calendar.TargetPercent, value
	}
	return true
}

// Facts are what the workbook records against the plan, for the review
// meetings: the KPI rows with an actual or a decision, and the ids of
// the posts of its Plan sheet whose status is Published.
func (b *Workbook) Facts() *calendar.Facts {
	f := &calendar.Facts{File: b.File, Published: make(map[string]bool)}
	for i := range b.KPIs {
		if r := &b.KPIs[i]; r.Key != "" && r.hasWork() {
			f.KPIs = append(f.KPIs, calendar.KPIFact{Objective: r.Key, Month: r.Month, Actual: r.Actual,
				Value: r.Value, HasValue: r.HasValue, Decision: r.Decision})
		}
	}
	for i := range b.Rows {
		if b.Rows[i].Status == "published" {
			f.Published[b.Rows[i].ID] = true
		}
	}
	return f
}

// ReadFacts reads the facts of the plan's workbook at path (an earlier
// output of this format): the actuals and decisions of its KPI sheet and
// its published posts. A workbook of another plan is refused, as --keep
// refuses it.
func (Format) ReadFacts(plan *calendar.Plan, path string) (*calendar.Facts, error) {
	facts, name, id, err := previousFacts(path)
	if err != nil {
		return nil, err
	}
	if id != "" && plan.ID != "" && id != plan.ID {
		return nil, errorf([]string{"name the workbook made from this spec with --keep"},
			"%s: the workbook of plan %q (id %q), not of this one (id %q)", path, name, id, plan.ID)
	}
	return facts, nil
}

// keptKPI is a KPI row kept from an earlier workbook; dup: another row of
// its key and month came first, and this one stays on the sheet apart.
type keptKPI struct {
	*KPIRow
	dup bool
}

// addKPIs adds the KPI rows of the workbooks, the first ones first: a
// key and month take the first row's work; a later row with other work
// stays too, apart, so that nothing entered is lost.
func (k *Keep) addKPIs(books []*Workbook) {
	k.kpiBy = make(map[kpiKey]*KPIRow)
	for _, b := range books {
		for i := range b.KPIs {
			r := &b.KPIs[i]
			key := kpiKey{r.Key, r.Month}
			first, seen := k.kpiBy[key]
			switch {
			case !seen && r.Key != "":
				k.kpiBy[key] = r
				k.kpiRows = append(k.kpiRows, keptKPI{KPIRow: r})
			case seen && first.Actual == r.Actual && first.Decision == r.Decision:
			default:
				k.kpiRows = append(k.kpiRows, keptKPI{KPIRow: r, dup: true})
			}
		}
	}
}

// kpi returns the kept row of a key and month, or nil.
func (k *Keep) kpi(key kpiKey) *KPIRow {
	if k == nil {
		return nil
	}
	return k.kpiBy[key]
}

// kpis are the kept KPI rows, in the order read.
func (k *Keep) kpis() []keptKPI {
	if k == nil {
		return nil
	}
	return k.kpiRows
}

// kpiParts are the report's words on the KPI sheet: the actuals and
// decisions kept, and the rows kept apart.
func (r *KeepReport) kpiParts() []string {
	var parts []string
	if r.KPIs > 0 {
		parts = append(parts, "kept "+count(r.KPIs, "KPI row")+" of actuals and decisions")
	}
	if r.KPIStayed > 0 {
		parts = append(parts, count(r.KPIStayed, "KPI row")+" of objectives or months the plan no longer has kept apart at the foot of the KPI sheet")
	}
	return parts
}
