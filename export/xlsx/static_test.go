package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// TestWriteXLSXStatic lowers the live-formula limit so that small plans get
// the static summaries of a huge one (see maxLivePosts): no formula but the
// Plan's copy lengths, no
// FullCalcOnLoad, the note on the Mix, Writers and Budget, and figures equal
// to the counts and costs of the posts, read as excelize shows them through
// the same readers that check LibreOffice's recalculated formulas.
func TestWriteXLSXStatic(t *testing.T) {
	t.Parallel()
	plans := xlsxExamples(t)
	for _, tc := range []struct {
		name   string
		limit  int
		writer string
		static bool
	}{
		{name: "quarter", limit: 1, static: true},
		{name: "quarter-ru", limit: 1, static: true},
		{name: "awkward", limit: 1, static: true},
		{name: "quarter", limit: 1, writer: "Katya", static: true},
		{name: "quarter", limit: 1 << 30}, // under the limit: formulas
	} {
		plan := plans[tc.name]
		t.Run(tc.name+"/"+tc.writer, func(t *testing.T) {
			t.Parallel()
			data, f := writeXLSX(t, plan, Options{Now: testNow, Writer: tc.writer, liveLimit: tc.limit})
			tx := i18n.For(plan.Language)
			formulas, calc := formulaCounts(t, data, sheetPaths(t, f))
			for sheet, n := range formulas {
				if tc.static && n > 0 {
					t.Errorf("sheet %q has %d formulas", sheet, n)
				}
				if !tc.static && n > 0 && !slices.Contains(formulaSheets(tx), sheet) {
					t.Errorf("sheet %q has %d formulas", sheet, n)
				}
			}
			if calc == tc.static {
				t.Errorf("fullCalcOnLoad set: %v, want %v", calc, !tc.static)
			}
			sheets := []string{tx.SheetMix, tx.SheetBudget}
			if len(plan.Writers) > 0 {
				sheets = append(sheets, tx.SheetWriters)
			}
			dir := t.TempDir()
			for _, sheet := range sheets {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if got := slices.Contains(rows[0], tx.AsGenerated); got != tc.static {
					t.Errorf("%s: note in row 1: %v, want %v", sheet, got, tc.static)
				}
				if !tc.static {
					continue
				}
				// The note's column is not a figure: the readers skip it.
				// GetRows drops a row's trailing empty cells; LibreOffice's
				// csv, which the readers expect, does not.
				width := 0
				for i := range rows {
					rows[i] = slices.DeleteFunc(rows[i], func(s string) bool { return s == tx.AsGenerated })
					width = max(width, len(rows[i]))
				}
				for i := range rows {
					rows[i] = append(rows[i], make([]string, width-len(rows[i]))...)
				}
				path := filepath.Join(dir, sheet+".csv")
				var b bytes.Buffer
				if err := csv.NewWriter(&b).WriteAll(rows); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if !tc.static {
				return
			}
			kept := keptPlan(plan, tc.writer)
			diffMix(t, tc.name, readMix(t, filepath.Join(dir, tx.SheetMix+".csv")), expectedMix(kept, ""))
			diffCounts(t, tc.name+" Budget", readBudget(t, filepath.Join(dir, tx.SheetBudget+".csv"), plan), expectedBudget(kept))
			if len(plan.Writers) > 0 {
				diffCounts(t, tc.name+" Writers", readWriters(t, filepath.Join(dir, tx.SheetWriters+".csv"), tx), expectedLoads(kept, nil))
			}
		})
	}
}

// keptPlan is plan with only writer's posts, or plan itself.
func keptPlan(plan *calendar.Plan, writer string) *calendar.Plan {
	if writer == "" {
		return plan
	}
	var posts []calendar.Post
	for p := range plan.Posts() {
		if p.Writer == writer {
			posts = append(posts, p)
		}
	}
	cp := *plan
	cp.SetPosts(slices.Values(posts))
	return &cp
}

// formulaCounts counts the formulas of each sheet but for the Plan's copy
// lengths (otherFormulas), and reports whether
// the workbook asks for a full calculation on load.
func formulaCounts(t *testing.T, data []byte, paths map[string]string) (map[string]int, bool) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	calc := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case zf.Name == "xl/workbook.xml":
			calc = strings.Contains(string(b), `fullCalcOnLoad="true"`)
		case strings.HasPrefix(zf.Name, "xl/worksheets/sheet"):
			counts[paths[zf.Name]] = otherFormulas(b)
		}
	}
	return counts, calc
}
