package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/i18n"
)

// TestWriteXLSXStatic lowers the live-formula limit so that small plans get
// the static summaries of a huge one (see maxLivePosts): no formula but the
// Plan's copy lengths, the note on the Mix, Writers and Budget, and figures
// equal to the counts and costs the csv gives. No workbook, static or not,
// asks for a full calculation on load: the values are there.
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
			opt := Options{Now: testNow, Writer: tc.writer, liveLimit: tc.limit}
			data, f := writeXLSX(t, plan, opt)
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
			if calc {
				t.Error("fullCalcOnLoad set")
			}
			for _, sheet := range figureSheets(f, tx) {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if got := slices.Contains(rows[0], tx.AsGenerated); got != tc.static {
					t.Errorf("%s: note in row 1: %v, want %v", sheet, got, tc.static)
				}
			}
			figs := figures(t, f, plan, csvPosts(t, plan, opt, "", nil))
			compareFigures(t, tc.name+" as written", figs, writtenCells(t, f, figs))
		})
	}
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
