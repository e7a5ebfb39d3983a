package xlsx

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/interop"
)

// TestKeepOpenpyxl: a writer edits the bakery's workbook with openpyxl
// (testdata/interop/xlsx_writer.py), the manager lowers VK's frequency, and
// the next workbook keeps every edit of a surviving post and puts every
// removed post, with its work, on "Removed".
func TestKeepOpenpyxl(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "openpyxl")
	checkKeptEdits(t, py, func(_ *testing.T, path string) string { return path })
}

// TestKeepLibreOffice is TestKeepOpenpyxl with the edited workbook saved
// again by LibreOffice (soffice --convert-to xlsx), which rewrites every
// part of it: shared strings, styles, the hidden sheet, the table.
func TestKeepLibreOffice(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "openpyxl")
	soffice := interop.Soffice(t)
	checkKeptEdits(t, py, func(t *testing.T, path string) string {
		return interop.Resave(t, soffice, path)
	})
}

// bakery builds testdata/ru_bakery.toml, with change applied to its text.
func bakery(t *testing.T, change func(string) string) *calendar.Plan {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ru_bakery.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ru_bakery.toml")
	if err := os.WriteFile(path, []byte(change(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	return testutil.BuildExample(t, path)
}

// writerEdits are what the writer types: per post, per column.
type writerEdits map[string]map[int]string

// checkKeptEdits edits v1 of the bakery's workbook with openpyxl, passes it
// through roundTrip, keeps it into v2 (VK 2/week instead of 3/week) and
// checks what v2 holds.
func checkKeptEdits(t *testing.T, py string, roundTrip func(*testing.T, string) string) {
	v1 := bakery(t, func(s string) string { return s })
	v2 := bakery(t, func(s string) string {
		return strings.Replace(s, "frequency = \"3/week\"\ndays      = [\"mon\", \"wed\", \"fri\"]", "frequency = \"2/week\"\ndays      = [\"mon\", \"wed\"]", 1)
	})
	if v2.Total >= v1.Total {
		t.Fatalf("the spec change removes no post (%d, then %d)", v1.Total, v2.Total)
	}
	stay, gone := survivors(v1, v2)
	tx := i18n.For(v1.Language)
	edits := writerEdits{
		stay[0].ID: {colTitle: "Круассаны с миндалём", colCopy: "Свежие круассаны 🥐\nс миндальным кремом", colStatus: tx.Statuses[2], colHashtags: "#пекарня #круассаны"},
		stay[1].ID: {colSource: tx.Borrowed, colSourceLink: "https://example.com/repost", colStatus: "Approved"},
		stay[2].ID: {colNotes: "позвонить фотографу", colPublished: "https://t.me/bakery/42", colStatus: tx.Statuses[6], colWriter: "Борис Петров"},
		gone[0].ID: {colTitle: "Пост про ржаной хлеб", colCopy: "Ржаной на закваске", colStatus: tx.Statuses[1]},
		gone[1].ID: {colNotes: "перенести?"},
	}
	dir := t.TempDir()
	data, _ := writeXLSX(t, v1, Options{Now: testNow})
	in, edited := filepath.Join(dir, "v1.xlsx"), filepath.Join(dir, "edited.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	runWriter(t, py, in, edited, tx, edits, stay[0].ID)
	checkMoved(t, edited, tx)
	kept := roundTrip(t, edited)

	outs, err := Format{}.Outputs(v2, export.Options{Now: testNow, Previous: func(string) string { return kept }})
	if err != nil {
		t.Fatalf("%v\nhints: %q", err, calendar.HintsOf(err))
	}
	var buf bytes.Buffer
	if err := outs[0].Write(&buf, v2); err != nil {
		t.Fatal(err)
	}
	report := outs[0].Report()
	b := readBytes(t, buf.Bytes())
	checkSurvivors(t, b, edits, tx)
	checkRemoved(t, b, edits, gone)
	// The work of the three surviving posts is kept; the two removed
	// ones' is moved.
	if !strings.HasPrefix(report[0], "kept the work of 3 posts from "+kept+"; ") ||
		!strings.Contains(report[0], "posts moved to \""+tx.SheetRemoved+"\"") {
		t.Errorf("report %q", report)
	}
}

// survivors are v1's posts that v2 has (by id), and those it has not.
func survivors(v1, v2 *calendar.Plan) (stay, gone []calendar.Post) {
	in2 := map[string]bool{}
	for p := range v2.Posts() {
		in2[p.ID] = true
	}
	for p := range v1.Posts() {
		switch {
		case !in2[p.ID]:
			gone = append(gone, p)
		case p.Source == calendar.Own:
			stay = append(stay, p)
		}
	}
	return stay, gone
}

// runWriter runs xlsx_writer.py: the edits, Title moved before Brief, and a
// column of the writer's own with a comment on post commented.
func runWriter(t *testing.T, py, in, out string, tx *i18n.Texts, edits writerEdits, commented string) {
	cells := map[string]map[string]string{}
	for id, e := range edits {
		cells[id] = map[string]string{}
		for c, v := range e {
			cells[id][tx.Columns[c-1]] = v
		}
	}
	spec, _ := json.Marshal(map[string]any{
		"sheet": tx.SheetPlan, "cells": cells,
		"swap": []string{tx.Columns[colBrief-1], tx.Columns[colTitle-1]},
		"add":  map[string]any{"header": "Комментарий редактора", "cells": map[string]string{commented: "хорошо"}},
	})
	path := filepath.Join(filepath.Dir(out), "edits.json")
	if err := os.WriteFile(path, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(py, filepath.Join(interop.Dir(), "xlsx_writer.py"), in, out, path).CombinedOutput(); err != nil {
		t.Fatalf("xlsx_writer.py: %v\n%s", err, b)
	}
}

// checkMoved checks that the writer's edit moved a column and added one,
// lest the test prove nothing.
func checkMoved(t *testing.T, path string, tx *i18n.Texts) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(tx.SheetPlan)
	if err != nil || len(rows) == 0 {
		t.Fatal(err)
	}
	h := rows[0]
	if h[colBrief-1] != tx.Columns[colTitle-1] || h[colTitle-1] != tx.Columns[colBrief-1] || h[len(h)-1] != "Комментарий редактора" {
		t.Fatalf("header after the edit: %q", h)
	}
}

// checkSurvivors: every edit of a surviving post is in the new workbook.
func checkSurvivors(t *testing.T, b *Workbook, edits writerEdits, tx *i18n.Texts) {
	rows := rowsByID(b.Rows)
	for id, e := range edits {
		r, ok := rows[id]
		if !ok {
			continue // a removed post
		}
		for c, want := range e {
			got := cellOf(&r, c, tx)
			if c == colStatus {
				want = statusLabel(tx, statusKey(want))
			}
			if got != want {
				t.Errorf("post %s, %s: %q, want %q", id, tx.Columns[c-1], got, want)
			}
		}
	}
}

// checkRemoved: every removed post is on "Removed", with its work.
func checkRemoved(t *testing.T, b *Workbook, edits writerEdits, gone []calendar.Post) {
	removed := rowsByID(b.Removed)
	if len(b.Removed) != len(gone) {
		t.Errorf("%d rows on Removed, want the %d posts the plan lost", len(b.Removed), len(gone))
	}
	tx := i18n.For(b.Language)
	for _, p := range gone {
		r, ok := removed[p.ID]
		if !ok {
			t.Errorf("post %s is not on Removed", p.ID)
			continue
		}
		for c, want := range edits[p.ID] {
			if c == colStatus {
				want = statusLabel(tx, statusKey(want))
			}
			if got := cellOf(&r, c, tx); got != want {
				t.Errorf("removed post %s, %s: %q, want %q", p.ID, tx.Columns[c-1], got, want)
			}
		}
	}
}

// cellOf is a row's value in column c as the sheet shows it.
func cellOf(r *Row, c int, tx *i18n.Texts) string {
	switch c {
	case colStatus:
		return statusLabel(tx, r.Status)
	case colSource:
		return map[calendar.Source]string{calendar.Own: tx.Own, calendar.Borrowed: tx.Borrowed}[r.Source]
	}
	if p, _ := r.text(c); p != nil {
		return *p
	}
	return "?"
}
