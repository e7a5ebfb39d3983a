package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/interop"
)

// TestCheckOpenpyxl: a writer switches the coffee shop's first three
// Instagram posts to Borrowed with openpyxl (testdata/interop/xlsx_writer.py);
// check names Instagram's cap breach and exits 3.
func TestCheckOpenpyxl(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "openpyxl")
	checkSwitched(t, py, func(_ *testing.T, path string) string { return path })
}

// TestCheckLibreOffice is TestCheckOpenpyxl with the edited workbook saved
// again by LibreOffice (soffice --convert-to xlsx), which rewrites every
// part of it, the hidden marker sheet too.
func TestCheckLibreOffice(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "openpyxl")
	soffice := interop.Soffice(t)
	checkSwitched(t, py, func(t *testing.T, path string) string {
		return interop.Resave(t, soffice, path)
	})
}

// checkSwitched generates the coffee shop's workbook, checks that it holds,
// has the writer switch Instagram's first three posts (all own: rule 3
// puts the borrowed ones later) to Borrowed, passes it through roundTrip
// and checks it again.
func checkSwitched(t *testing.T, py string, roundTrip func(*testing.T, string) string) {
	dir := t.TempDir()
	env := map[string]string{"SOURCE_DATE_EPOCH": "1798761600"}
	if code, _, stderr := run(t, "", env, "generate", example("coffee.toml"), "-o", dir, "--format", "xlsx"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	in := filepath.Join(dir, "coffee.xlsx")
	if code, stdout, _ := run(t, "", nil, "check", in, "--today", "2026-12-01"); code != 0 {
		t.Fatalf("the workbook as generated: exit %d:\n%s", code, stdout)
	}
	first := firstPosts(t, in, "Instagram", 3)
	edited := filepath.Join(dir, "edited.xlsx")
	switchToBorrowed(t, py, in, edited, first)
	path := roundTrip(t, edited)

	code, stdout, stderr := run(t, "", nil, "check", path, "--today", "2026-12-01")
	b, err := xlsx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line := -1
	for _, r := range b.Rows {
		if r.ID == first[0].ID {
			line = r.Line
		}
	}
	want := fmt.Sprintf("%s: sheet %q row %d: post %s: Instagram: 1 borrowed by post 1 of 52, over the cap of 20%% (at most 0 by then); 13 in all, over it too (at most 10)\n1 finding in 180 posts\n",
		path, "Plan", line, first[0].ID)
	if code != 3 || stdout != want || stderr != "" {
		t.Errorf("exit %d, want 3\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, stdout, want, stderr)
	}
}

// firstPosts are a channel's first n posts in date and time order, as the
// workbook at path has them; all of them own.
func firstPosts(t *testing.T, path, channel string, n int) []xlsx.Row {
	b, err := xlsx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []xlsx.Row
	for _, r := range b.Rows {
		if r.Channel == channel {
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(x, y xlsx.Row) int { return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Time, y.Time)) })
	if len(rows) < n {
		t.Fatalf("%d %s posts, want at least %d", len(rows), channel, n)
	}
	for _, r := range rows[:n] {
		if r.Source != calendar.Own {
			t.Fatalf("post %s is %s, want own", r.ID, r.Source)
		}
	}
	return rows[:n]
}

// switchToBorrowed runs xlsx_writer.py to set the Source of each row to
// Borrowed, as a writer picks it from the cell's list.
func switchToBorrowed(t *testing.T, py, in, out string, rows []xlsx.Row) {
	tx := i18n.For("en")
	cells := map[string]map[string]string{}
	for _, r := range rows {
		cells[r.ID] = map[string]string{"Source": tx.Borrowed} // the header as the sheet has it
	}
	spec, err := json.Marshal(map[string]any{"sheet": tx.SheetPlan, "cells": cells})
	if err != nil {
		t.Fatal(err)
	}
	edits := filepath.Join(filepath.Dir(out), "edits.json")
	if err := os.WriteFile(edits, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(py, filepath.Join(interop.Dir(), "xlsx_writer.py"), in, out, edits).CombinedOutput(); err != nil {
		t.Fatalf("xlsx_writer.py: %v\n%s", err, strings.TrimSpace(string(b)))
	}
}
