package xlsx

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/interop"
)

// xlsxExamples are the workbooks every interop test opens: the hand-made
// quarter and awkward plan, and each example spec through Parse and Build.
func xlsxExamples(t *testing.T) map[string]*calendar.Plan {
	t.Helper()
	ru, bg := xlsxPlan(), xlsxPlan()
	ru.Language = "ru" // Cyrillic sheets, headers and COUNTIFS criteria
	bg.Language = "bg"
	plans := map[string]*calendar.Plan{"quarter": xlsxPlan(), "quarter-ru": ru, "quarter-bg": bg, "awkward": testutil.RecordPlan()}
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	for _, path := range specs {
		plans[strings.TrimSuffix(filepath.Base(path), ".toml")] = testutil.BuildExample(t, path)
	}
	return plans
}

// TestWriteXLSXExamples runs the example specs through Parse, Build and
// Write, and reads each workbook back with excelize.
func TestWriteXLSXExamples(t *testing.T) {
	t.Parallel()
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	if len(specs) == 0 {
		t.Fatal("no example specs in testdata")
	}
	for _, path := range specs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			plan := testutil.BuildExample(t, path)
			_, f := writeXLSX(t, plan, Options{Now: testNow})
			tx := i18n.For(plan.Language)
			got, want := planRows(t, f, tx.SheetPlan), csvRows(t, plan, "")
			if len(got) != plan.Total || !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("Plan rows differ from the csv (%d rows, %d in the csv, plan total %d)", len(got), len(want), plan.Total)
			}
			sheets := f.GetSheetList()
			months := 0
			for m := plan.Start.FirstOfMonth(); m <= plan.End; m = m.AddDays(m.DaysInMonth()) {
				months++
			}
			wantSheets := []string{tx.SheetPlan, tx.Book().SheetInstructions, tx.SheetMix, tx.SheetStrategy, tx.Review().Sheet}
			if len(plan.Writers) > 0 {
				wantSheets = append(wantSheets, tx.SheetWriters)
			}
			wantSheets = append(wantSheets, tx.SheetBudget)
			if len(sheets) != len(wantSheets)+months+1 || !slices.Equal(sheets[:len(wantSheets)], wantSheets) || sheets[len(sheets)-1] != markerSheet {
				t.Errorf("sheets %q: wantSheets %q and %d months", sheets, wantSheets, months)
			}
			// Every holiday and [[date]] on its day, in the plan's language:
			// the first beside the day's number, the others on lines of
			// their own.
			for _, o := range plan.Occasions {
				y, m, d := o.Date.YMD()
				sheet := tx.MonthName(m) + " " + strconv.Itoa(y)
				found := false
				rows, _ := f.GetRows(sheet)
				for _, r := range rows {
					for _, c := range r {
						found = found || strings.HasPrefix(c, strconv.Itoa(d)+"  "+o.Name) ||
							strings.HasPrefix(c, strconv.Itoa(d)+"  ") && strings.Contains(c, "\n"+o.Name+"\n")
					}
				}
				if !found {
					t.Errorf("occasion %s %q not marked on %s", o.Date, o.Name, sheet)
				}
			}
		})
	}
}

// checkReport is what testdata/interop/xlsx_check.py prints.
type checkReport struct {
	Sheets       []string              `json:"sheets"`
	Title        string                `json:"title"`
	Header       []string              `json:"header"`
	Rows         [][]string            `json:"rows"`
	NotDates     []string              `json:"not_dates"`
	Tables       map[string]string     `json:"tables"`
	Validations  map[string]string     `json:"validations"`
	Formulas     []string              `json:"formulas"`
	ReadOnlyRows int                   `json:"read_only_rows"`
	Freeze       string                `json:"freeze"`
	Others       map[string][][]string `json:"others"`
}

// TestXLSXOpenpyxl reads every example workbook with openpyxl: the Plan's
// rows equal the csv's, its dates are dates, the table and the dropdowns
// exist, and only the Mix has formulas.
func TestXLSXOpenpyxl(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "openpyxl")
	dir := t.TempDir()
	for name, plan := range xlsxExamples(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tx := i18n.For(plan.Language)
			data, _ := writeXLSX(t, plan, Options{Now: testNow})
			path := filepath.Join(dir, name+".xlsx")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{filepath.Join(interop.Dir(), "xlsx_check.py"), path, tx.SheetPlan,
				tx.Columns[colDate-1], tx.Columns[colTime-1], tx.Columns[colDraftDue-1]}
			out, err := exec.Command(py, args...).Output()
			if err != nil {
				t.Fatalf("xlsx_check.py: %v\n%s", err, stderrOf(err))
			}
			var rep checkReport
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatal(err)
			}
			want := csvRows(t, plan, "")
			for _, r := range want {
				for i := range r {
					r[i] = cleanXML(r[i])
				}
			}
			if len(rep.Rows) != len(want) {
				t.Fatalf("openpyxl sees %d rows, want %d", len(rep.Rows), len(want))
			}
			for i, r := range rep.Rows {
				if got := csvOrder(r); !slices.Equal(got, want[i]) {
					t.Errorf("row %d:\n got %q\nwant %q", i+2, got, want[i])
				}
			}
			last := max(len(want)+1, 2)
			if len(rep.NotDates) > 0 {
				t.Errorf("cells that are not dates: %v", rep.NotDates)
			}
			if got := rep.Tables[tableName]; got != rangeRef(1, 1, numCols, last) {
				t.Errorf("tables %v", rep.Tables)
			}
			if got := rep.Validations[rangeRef(colStatus, 2, colStatus, last)]; got != `"`+strings.Join(tx.Statuses, ",")+`"` {
				t.Errorf("validations %v", rep.Validations)
			}
			for _, ref := range rep.Formulas {
				sheet, cell, _ := strings.Cut(ref, "!")
				if sheet == tx.SheetPlan && strings.TrimRight(cell, "0123456789") == colName(colLength) {
					continue // the copy's length
				}
				if !slices.Contains(formulaSheets(tx), sheet) {
					t.Errorf("formula outside the Mix, Writers and Budget: %s", ref)
				}
			}
			if len(rep.Formulas) == 0 {
				t.Error("no formulas at all")
			}
			if rep.ReadOnlyRows != len(want)+1 {
				t.Errorf("openpyxl read-only mode sees %d rows, want %d", rep.ReadOnlyRows, len(want)+1)
			}
			header := slices.Clone(tx.Columns)
			header[colTime-1] = fmt.Sprintf(tx.TimeIn, plan.Timezone)
			if rep.Freeze != "A2" || rep.Title != plan.Name || !slices.Equal(rep.Header, header) {
				t.Errorf("freeze %q, title %q, header %q", rep.Freeze, rep.Title, rep.Header)
			}
			checkTeamSheets(t, plan, rep.Others)
		})
	}
}

// csvOrder picks a Plan row's cells in the order of csvRows.
func csvOrder(r []string) []string {
	r = append(slices.Clone(r), make([]string, numCols)...)[:numCols]
	return []string{r[colID-1], r[colDate-1], r[colTime-1], r[colChannel-1], r[colFormat-1],
		r[colSource-1], r[colPillar-1], r[colObjective-1], r[colCampaign-1], r[colTitle-1], r[colWriter-1],
		r[colDraftDue-1], r[colStatus-1]}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// readerCase is a workbook the readers open, and the figures it must
// show on its Mix, Writers and Budget.
type readerCase struct {
	name, path string
	sheets     []string
	figs       []figure
	live       bool // its figures are formulas (not a static workbook's)
}

// readerCases writes, into dir, each example's workbook, the same with
// static figures (see maxLivePosts), and the workbooks of --split writer
// of the quarter: one writer's and the unassigned posts', which lack the
// Cost column, so their ranges differ.
func readerCases(t *testing.T, dir string) []readerCase {
	t.Helper()
	var cases []readerCase
	add := func(name string, plan *calendar.Plan, opt Options) {
		opt.Now = testNow
		data, f := writeXLSX(t, plan, opt)
		path := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tx := i18n.For(plan.Language)
		figs := figures(t, f, plan, csvPosts(t, plan, opt, "", nil))
		cases = append(cases, readerCase{name: name, path: path, sheets: figureSheets(f, tx), figs: figs, live: opt.liveLimit == 0})
	}
	plans := xlsxExamples(t)
	for _, name := range slices.Sorted(maps.Keys(plans)) {
		add(name, plans[name], Options{})
		add(name+"-static", plans[name], Options{liveLimit: 1})
	}
	add("quarter-Katya", plans["quarter"], Options{Writer: "Katya"})
	add("quarter-unassigned", plans["quarter"], Options{Unassigned: true})
	return cases
}

// TestXLSXReaders opens every example workbook (and the static and split
// ones) in the programs people open it with, and each must show on the
// Mix, Writers and Budget the figures the plan's csv gives, cell by cell,
// none of them an error, a formula's text or blank: LibreOffice and
// Gnumeric after recalculating every formula (so the formulas are right in
// both), openpyxl with data_only=True and pandas' read_excel, which read
// the values the workbook carries (so those are right without a
// recalculation). A workbook a writer edited with openpyxl (an own post
// made borrowed, a post given to another writer) must show, recalculated
// by LibreOffice, the figures of the edited posts: the formulas are live.
func TestXLSXReaders(t *testing.T) {
	t.Parallel()
	soffice := interop.Soffice(t)
	ssconvert := interop.Ssconvert(t)
	py := interop.Python(t, "openpyxl", "pandas")
	dir := t.TempDir()
	cases := append(readerCases(t, dir), editedCase(t, py, dir))
	t.Run("LibreOffice", func(t *testing.T) {
		t.Parallel()
		got := libreOfficeCells(t, soffice, dir, cases)
		for _, c := range cases {
			compareFigures(t, c.name+" in LibreOffice", c.figs, got[c.path])
		}
	})
	t.Run("Gnumeric", func(t *testing.T) {
		t.Parallel()
		for _, c := range cases {
			if c.live && c.name != "edited" {
				compareFigures(t, c.name+" in Gnumeric", c.figs, gnumericCells(t, ssconvert, dir, c))
			}
		}
	})
	for _, mode := range []string{"openpyxl", "pandas"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			// openpyxl saved the edited workbook without any values.
			var read []readerCase
			for _, c := range cases {
				if c.name != "edited" {
					read = append(read, c)
				}
			}
			got := pythonCells(t, py, mode, read)
			for _, c := range read {
				compareFigures(t, c.name+" in "+mode, c.figs, got[c.path])
			}
		})
	}
}

// editedCase edits the quarter's workbook as a writer and the manager
// would, with openpyxl: the first own Instagram post of February becomes
// borrowed, and Katya's first February post goes to Vera.
func editedCase(t *testing.T, py, dir string) readerCase {
	t.Helper()
	quarter := xlsxPlan()
	var flip, moved string
	row, flipRow, movedRow := 1, 0, 0
	for p := range quarter.Posts() {
		row++
		if flip == "" && p.Channel.Name == "Instagram" && p.Source == calendar.Own && p.Date.Month() == time.February {
			flip, flipRow = p.ID, row
		}
		if moved == "" && p.Writer == "Katya" && p.Date.Month() == time.February {
			moved, movedRow = p.ID, row
		}
	}
	data, f := writeXLSX(t, quarter, Options{Now: testNow})
	src := filepath.Join(dir, "quarter-to-edit.xlsx")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "edited.xlsx")
	cmd := exec.Command(py, filepath.Join(interop.Dir(), "xlsx_edit.py"), src, edited, "Plan",
		cellRef(colSource, flipRow), "Borrowed", cellRef(colWriter, movedRow), "Vera")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xlsx_edit.py: %v\n%s", err, out)
	}
	reassign := map[string]string{moved: "Vera"}
	figs := figures(t, f, quarter, csvPosts(t, quarter, Options{}, flip, reassign))
	before := figures(t, f, quarter, csvPosts(t, quarter, Options{}, "", nil))
	changed := map[string]bool{}
	for i := range figs {
		if figs[i].want != before[i].want {
			changed[figs[i].sheet] = true
		}
	}
	if flip == "" || moved == "" || !changed["Mix"] || !changed["Writers"] {
		t.Fatalf("the edits change the Mix: %v, the Writers: %v; the test proves nothing", changed["Mix"], changed["Writers"])
	}
	return readerCase{name: "edited", path: edited, sheets: figureSheets(f, i18n.For("en")), figs: figs, live: true}
}

// libreOfficeCells converts every case's workbook to a csv per sheet in
// one soffice run (it costs seconds to start), with a profile that
// recalculates every formula on loading, and reads their cells' values
// (not as shown: a share is "28.5714285714286%").
func libreOfficeCells(t *testing.T, soffice, dir string, cases []readerCase) map[string]readerCells {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out := filepath.Join(dir, "lo-csv")
	// Sheet -1 writes every sheet to its own csv, NAME-SHEET.csv
	// (LibreOffice 7.2 and later); "false" in the ninth place writes the
	// values rather than the cells as shown.
	args := []string{interop.RecalcProfile(t, filepath.Join(dir, "lo-profile")), "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out}
	for _, c := range cases {
		args = append(args, c.path)
	}
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	got := map[string]readerCells{}
	for _, c := range cases {
		base := strings.TrimSuffix(filepath.Base(c.path), ".xlsx")
		got[c.path] = readerCells{}
		for _, sheet := range c.sheets {
			got[c.path][sheet] = csvCells(t, filepath.Join(out, base+"-"+sheet+".csv"))
		}
	}
	return got
}

// gnumericCells has Gnumeric's ssconvert recalculate c's workbook and
// write each sheet's values to a csv, and reads those of c's sheets.
func gnumericCells(t *testing.T, ssconvert, dir string, c readerCase) readerCells {
	t.Helper()
	out := filepath.Join(dir, "gnumeric", c.name)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, ssconvert, "--recalc", "--export-file-per-sheet",
		"--export-type=Gnumeric_stf:stf_assistant", "--export-options=format=raw separator=, eol=unix",
		c.path, filepath.Join(out, "%s.csv"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ssconvert %s: %v\n%s", c.name, err, b)
	}
	got := readerCells{}
	for _, sheet := range c.sheets {
		got[sheet] = csvCells(t, filepath.Join(out, sheet+".csv"))
	}
	return got
}

// pythonCells reads the cases' sheets with testdata/interop/xlsx_figures.py
// in one run: openpyxl's data_only values, or pandas' read_excel.
func pythonCells(t *testing.T, py, mode string, cases []readerCase) map[string]readerCells {
	t.Helper()
	req := map[string][]string{}
	for _, c := range cases {
		req[c.path] = c.sheets
	}
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join(interop.Dir(), "xlsx_figures.py"), mode)
	cmd.Stdin = bytes.NewReader(body)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("xlsx_figures.py %s: %v\n%s", mode, err, stderrOf(err))
	}
	var raw map[string]map[string]map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	got := map[string]readerCells{}
	for path, sheets := range raw {
		got[path] = readerCells{}
		for sheet, cells := range sheets {
			got[path][sheet] = map[string]string{}
			for ref, v := range cells {
				switch v := v.(type) {
				case float64:
					got[path][sheet][ref] = strconv.FormatFloat(v, 'g', -1, 64)
				default:
					got[path][sheet][ref] = fmt.Sprint(v)
				}
			}
		}
	}
	return got
}

// csvCells reads a sheet's csv into its cells by A1 reference.
func csvCells(t *testing.T, path string) map[string]string {
	t.Helper()
	cells := map[string]string{}
	for r, rec := range readCSV(t, path) {
		for c, v := range rec {
			if v != "" {
				cells[cellRef(c+1, r+1)] = v
			}
		}
	}
	return cells
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestXLSXRender turns the quarter's and the example workbooks into PNG
// pages (LibreOffice to PDF, pdftoppm to PNG) for a person to look at. It
// runs only when CONTENTPLAN_XLSX_RENDER names a folder for the pictures.
func TestXLSXRender(t *testing.T) {
	t.Parallel()
	out := os.Getenv("CONTENTPLAN_XLSX_RENDER")
	if out == "" {
		t.Skip("set CONTENTPLAN_XLSX_RENDER=DIR to render the workbooks to DIR")
	}
	soffice := interop.Soffice(t)
	dir := t.TempDir()
	var files []string
	for name, plan := range xlsxExamples(t) {
		data, _ := writeXLSX(t, plan, Options{Now: testNow})
		path := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", out}, files...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, f := range files {
		pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(f), ".xlsx")+".pdf")
		if b, err := exec.Command("pdftoppm", "-r", "70", "-png", pdf, strings.TrimSuffix(pdf, ".pdf")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
	}
	t.Logf("pages in %s", out)
}

// checkTeamSheets checks what openpyxl reads of the Strategy, Writers and
// Budget sheets: labels in the plan's language, names as they were (as XML
// can hold them), and the formulas where they belong.
func checkTeamSheets(t *testing.T, plan *calendar.Plan, sheets map[string][][]string) {
	t.Helper()
	tx := i18n.For(plan.Language)
	cell := func(sheet string, r, c int) string {
		rows := sheets[sheet]
		if r >= len(rows) || c >= len(rows[r]) {
			return ""
		}
		return rows[r][c]
	}
	if got := cell(tx.SheetStrategy, 0, 0); got != tx.Goal {
		t.Errorf("%s!A1 = %q, want %q", tx.SheetStrategy, got, tx.Goal)
	}
	var strategy strings.Builder
	for _, r := range sheets[tx.SheetStrategy] {
		strategy.WriteString(strings.Join(r, "\t") + "\n")
	}
	for _, g := range plan.Goals {
		for _, o := range g.Objectives {
			if o.KPI != "" && !strings.Contains(strategy.String(), cleanXML(o.KPI)) {
				t.Errorf("openpyxl finds no KPI %q on the Strategy", o.KPI)
			}
		}
	}
	if len(plan.Writers) > 0 {
		w := tx.SheetWriters
		if cell(w, 0, 0) != tx.Writer || cell(w, 0, 1) != tx.Capacity || cell(w, 2, 0) != cleanXML(plan.Writers[0].Name) {
			t.Errorf("Writers as openpyxl reads it: %q", sheets[w][:min(3, len(sheets[w]))])
		}
		if f := cell(w, 2, 2); !strings.HasPrefix(f, "=COUNTIFS("+quoteSheet(tx.SheetPlan)+"!$") {
			t.Errorf("%s!C3 = %q, want a COUNTIFS", w, f)
		}
	} else if _, ok := sheets[tx.SheetWriters]; ok {
		t.Errorf("a %s sheet without writers", tx.SheetWriters)
	}
	b := tx.SheetBudget
	if !strings.HasPrefix(cell(b, 0, 0), tx.Cost) {
		t.Errorf("%s!A1 = %q", b, cell(b, 0, 0))
	}
	if len(plan.Channels) > 0 {
		if f := cell(b, 1, 1); !strings.HasPrefix(f, "=SUMIFS("+quoteSheet(tx.SheetPlan)+"!$") {
			t.Errorf("%s!B2 = %q, want a SUMIFS", b, f)
		}
	}
}
