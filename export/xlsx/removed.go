package xlsx

import (
	"fmt"
	"strings"
)

// KeepReport is what a workbook did with the work it kept (Options.Keep):
// the counts and the lines that generate prints on standard error after
// the file's path (docs/spec.md, "The workbook").
type KeepReport struct {
	// Files are the earlier workbooks the work came from.
	Files []string
	// Kept is how many of the workbook's posts carry work over, Restored
	// how many of those came back from a Removed sheet.
	Kept, Restored int
	// Moved is how many posts the plan no longer has went to the Removed
	// sheet; Stayed how many rows already there stay.
	Moved, Stayed int
	// Sheet is the Removed sheet's name, in the plan's language.
	Sheet string
	// Edits are the edits of the fields the plan owns that were not
	// taken, a row a line; Dups the rows of a post that another row came
	// before, moved to the Removed sheet.
	Edits, Dups []string
	// KPIs is how many rows of the KPI sheet took an actual or a decision
	// kept; KPIStayed how many kept rows of objectives or months the plan
	// no longer has stay at its foot.
	KPIs, KPIStayed int
}

// maxReportLines is how many edits or duplicates the report lists, the
// rest being counted: a writer who dragged a column of times over a
// thousand rows gets a readable report.
const maxReportLines = 50

// Lines is the report, a line each: the counts, then the edits and the
// duplicate rows.
func (r *KeepReport) Lines() []string {
	var parts []string
	kept := fmt.Sprintf("kept the work of %s from %s", count(r.Kept, "post"), strings.Join(r.Files, ", "))
	if r.Restored > 0 {
		kept += fmt.Sprintf(" (%d back from %q)", r.Restored, r.Sheet)
	}
	parts = append(parts, kept)
	parts = append(parts, r.kpiParts()...)
	if r.Moved > 0 {
		parts = append(parts, fmt.Sprintf("%s moved to %q", count(r.Moved, "post"), r.Sheet))
	}
	if r.Stayed > 0 {
		parts = append(parts, fmt.Sprintf("%d already on %q stay there", r.Stayed, r.Sheet))
	}
	if len(r.Edits) > 0 {
		parts = append(parts, fmt.Sprintf("%s of plan-owned fields reported", count(len(r.Edits), "edit")))
	}
	if len(r.Dups) > 0 {
		parts = append(parts, fmt.Sprintf("%s of a post moved to %q", count(len(r.Dups), "second row"), r.Sheet))
	}
	lines := []string{strings.Join(parts, "; ")}
	lines = append(lines, capped(r.Edits, "not taken: the spec decides dates, times, channels and formats")...)
	return append(lines, capped(r.Dups, fmt.Sprintf("another row of the post came first: this one is on %q", r.Sheet))...)
}

// capped is each line with why, up to maxReportLines, then how many more.
func capped(lines []string, why string) []string {
	var out []string
	for i, l := range lines {
		if i == maxReportLines {
			out = append(out, fmt.Sprintf("… and %d more", len(lines)-i))
			break
		}
		out = append(out, l+": "+why)
	}
	return out
}

// count is "1 post", "2 posts".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// noteKept counts a post of the workbook that kept a row's work, and
// notes the row's edits of the plan's fields.
func (x *xlsxWriter) noteKept(kr *keptRow, orig planned) {
	if kr.hasWork(orig) {
		x.rep.Kept++
		if kr.removed {
			x.rep.Restored++
		}
	}
	if e := kr.edits(); len(e) > 0 {
		x.rep.Edits = append(x.rep.Edits, kr.where()+": "+strings.Join(e, ", "))
	}
}

// listRemoved picks, once the survey has seen every post, the kept rows
// of posts the plan no longer has that go to this workbook's Removed
// sheet: all of them, or in a workbook of --split writer those whose home
// it is.
func (x *xlsxWriter) listRemoved() {
	k := x.opt.Keep
	if k == nil {
		return
	}
	x.rep.Files, x.rep.Sheet = k.files, x.t.SheetRemoved
	for _, kr := range k.rows {
		if x.found[kr.n] || (x.opt.Writer != "" && kr.home != x.opt.Writer) || (x.opt.Unassigned && !kr.rest) {
			continue
		}
		x.removed = append(x.removed, kr)
		switch {
		case kr.removed:
			x.rep.Stayed++
		case kr.dup:
			x.rep.Dups = append(x.rep.Dups, kr.where())
		default:
			x.rep.Moved++
		}
	}
}

// hasRemoved reports whether the workbook has a Removed sheet.
func (x *xlsxWriter) hasRemoved() bool { return len(x.removed) > 0 }

// writeRemoved writes the Removed sheet: the rows of posts the plan no
// longer has, as they were, with every column of the Plan, so that a
// re-run which brings a post back brings its work back with it.
func (x *xlsxWriter) writeRemoved() error {
	s := x.sheet(x.t.SheetRemoved)
	last := len(x.removed) + 1
	s.dimension(x.lay.cols, last)
	x.planPage(s)
	s.stream(true)
	x.planHeader(s)
	row, placed := make([]any, numCols), make([]any, numCols)
	for i, kr := range x.removed {
		lines := x.removedRow(row, i+2, &kr.Row)
		x.row(s, i+2, x.lay.place(row, placed), lines)
	}
	// A table of its own, for the filters; the Mix counts only the Plan's.
	x.planTable(s, last, removedTable)
	return s.close()
}

// removedTable names the Removed sheet's table.
const removedTable = "RemovedPosts"

// removedRow fills row r of the Removed sheet with a kept row, and returns
// how many lines its wrapped cells take.
func (x *xlsxWriter) removedRow(row []any, r int, kr *Row) int {
	clear(row)
	x.text(row, colID, kr.ID)
	if kr.HasDate {
		x.set(row, colDate, x.sDate, x.dateCell(kr.Date))
		x.set(row, colWeekday, x.sText, x.t.Weekday(kr.Date.Weekday()))
	} else {
		x.text(row, colDate, kr.badDate)
	}
	if kr.HasTime {
		x.set(row, colTime, x.sTime, x.timeCell(kr.Time))
	} else {
		x.text(row, colTime, kr.badTime)
	}
	if kr.HasDraftDue {
		x.set(row, colDraftDue, x.sDate, x.dateCell(kr.DraftDue))
	}
	source := kr.SourceText
	switch kr.Source {
	case "own":
		source = x.t.Own
	case "borrowed":
		source = x.t.Borrowed
	}
	x.text(row, colSource, source)
	status := kr.StatusText
	if kr.Status != "" {
		status = statusLabel(x.t, kr.Status)
	}
	x.text(row, colStatus, status)
	lines := 1
	for c := 1; c <= numCols; c++ {
		switch p, short := kr.text(c); {
		case p == nil:
		case c == colBrief || c == colOccasion || !short:
			lines = max(lines, x.wrap(row, c, *p))
		default:
			x.text(row, c, *p)
		}
	}
	if kr.Limit > 0 {
		x.set(row, colLimit, x.sCount, kr.Limit)
	}
	x.set(row, colCost, x.sCost, costValue(kr.Cost))
	x.length(row, r, kr.Copy)
	if kr.Generated != nil {
		x.genBuf = appendGenerated(x.genBuf[:0], kr.Generated)
		x.set(row, colGenerated, x.sText, string(x.genBuf))
	}
	return lines
}
