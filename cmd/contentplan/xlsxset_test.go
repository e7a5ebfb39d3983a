package main

import (
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// cmdXLSXSet edits a workbook's first sheet as a writer would in a
// spreadsheet, which a script cannot do with text files:
// "xlsxset FILE ROWS COLUMN=VALUE...". ROWS are sheet row numbers, "2",
// "2-40" or "2,5,9-12"; COLUMN is a header of row 1, matched in any case
// and without a part in parentheses ("Time" is "Time (Europe/Moscow)").
// In VALUE, \n is a line break and {row} the row's number.
func cmdXLSXSet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: xlsxset FILE ROWS COLUMN=VALUE...")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	ts.Check(err)
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	ts.Check(err)
	if len(rows) == 0 {
		ts.Fatalf("xlsxset: %s has no header row", sheet)
	}
	for _, edit := range args[2:] {
		name, value, ok := strings.Cut(edit, "=")
		col := headerColumn(rows[0], name)
		if !ok || col == 0 {
			ts.Fatalf("xlsxset: %q: no column %q in %q", edit, name, rows[0])
		}
		for _, r := range rowNumbers(ts, args[1]) {
			v := strings.ReplaceAll(value, `\n`, "\n")
			v = strings.ReplaceAll(v, "{row}", strconv.Itoa(r))
			cell, err := excelize.CoordinatesToCellName(col, r)
			ts.Check(err)
			ts.Check(f.SetCellValue(sheet, cell, v))
		}
	}
	ts.Check(f.Save())
}

// headerColumn is the 1-based column whose header is name, or 0.
func headerColumn(header []string, name string) int {
	for i, h := range header {
		h, _, _ = strings.Cut(h, " (")
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i + 1
		}
	}
	return 0
}

// rowNumbers reads "2,5,9-12".
func rowNumbers(ts *testscript.TestScript, s string) []int {
	var out []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		ts.Check(err)
		b := a
		if isRange {
			b, err = strconv.Atoi(hi)
			ts.Check(err)
		}
		for r := a; r <= b; r++ {
			out = append(out, r)
		}
	}
	return out
}
