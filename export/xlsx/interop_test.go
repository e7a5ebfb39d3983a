package xlsx

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
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
	ru := xlsxPlan()
	ru.Language = "ru" // Cyrillic sheets, headers and COUNTIFS criteria
	plans := map[string]*calendar.Plan{"quarter": xlsxPlan(), "quarter-ru": ru, "awkward": testutil.RecordPlan()}
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
			wantSheets := []string{tx.SheetPlan, tx.SheetMix, tx.SheetStrategy, tx.Review().Sheet}
			if len(plan.Writers) > 0 {
				wantSheets = append(wantSheets, tx.SheetWriters)
			}
			wantSheets = append(wantSheets, tx.SheetBudget)
			if len(sheets) != len(wantSheets)+months+1 || !slices.Equal(sheets[:len(wantSheets)], wantSheets) || sheets[len(sheets)-1] != markerSheet {
				t.Errorf("sheets %q: wantSheets %q and %d months", sheets, wantSheets, months)
			}
			for _, h := range plan.Holidays {
				y, m, d := h.Date.YMD()
				sheet := tx.MonthName(m) + " " + strconv.Itoa(y)
				found := false
				rows, _ := f.GetRows(sheet)
				for _, r := range rows {
					for _, c := range r {
						found = found || strings.HasPrefix(c, strconv.Itoa(d)+"  "+h.Name)
					}
				}
				if !found {
					t.Errorf("holiday %s %q not marked on %s", h.Date, h.Name, sheet)
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
			if got := rep.Tables[tableName]; got != fmt.Sprintf("A1:Y%d", last) {
				t.Errorf("tables %v", rep.Tables)
			}
			if got := rep.Validations[fmt.Sprintf("J2:J%d", last)]; got != `"`+strings.Join(tx.Statuses, ",")+`"` {
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

// mixCounts is posts, own and borrowed by "channel|2027-01" (and
// "channel|Total", and "|2027-01" for all channels), as the Mix shows them.
type mixCounts map[string][3]int

// expectedMix counts plan's posts as the Mix should. flip, when not empty,
// is the id of a post whose source a writer changed to borrowed.
func expectedMix(plan *calendar.Plan, flip string) mixCounts {
	tx := i18n.For(plan.Language)
	m := mixCounts{}
	bump := func(key string, src calendar.Source) {
		c := m[key]
		c[0]++
		switch src {
		case calendar.Own:
			c[1]++
		case calendar.Borrowed:
			c[2]++
		}
		m[key] = c
	}
	for p := range plan.Posts() {
		src := p.Source
		if p.ID == flip {
			src = calendar.Borrowed
		}
		month := p.Date.String()[:7]
		bump("|"+month, src)
		if p.Channel == nil {
			continue
		}
		bump(p.Channel.Name+"|"+month, src)
		bump(p.Channel.Name+"|"+tx.Total, src)
	}
	return m
}

// readMix reads LibreOffice's csv of the Mix sheet.
func readMix(t *testing.T, path string) mixCounts {
	t.Helper()
	recs := readCSV(t, path)
	m := mixCounts{}
	num := func(s string) int {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			t.Fatalf("%s: %q is not a count", path, s)
		}
		return n
	}
	for _, rec := range recs[1:] {
		rec = append(rec, make([]string, mixByBorrowed)...)
		if rec[mixChannel-1] != "" {
			c := [3]int{num(rec[mixPosts-1]), num(rec[mixOwn-1]), num(rec[mixBorrowed-1])}
			if c != [3]int{} {
				m[rec[mixChannel-1]+"|"+rec[mixMonth-1]] = c
			}
		}
		if rec[mixByMonth-1] != "" {
			c := [3]int{num(rec[mixByPosts-1]), num(rec[mixByOwn-1]), num(rec[mixByBorrowed-1])}
			if c != [3]int{} {
				m["|"+rec[mixByMonth-1]] = c
			}
		}
	}
	return m
}

func diffMix(t *testing.T, name string, got, want mixCounts) {
	t.Helper()
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	bad := 0
	for _, k := range keys {
		if got[k] != want[k] {
			if bad++; bad <= 10 {
				t.Errorf("%s: Mix %q = %v (posts, own, borrowed), want %v", name, k, got[k], want[k])
			}
		}
	}
	if len(want) == 0 {
		t.Errorf("%s: nothing to compare", name)
	}
}

// TestXLSXLibreOffice opens every example workbook in LibreOffice, which
// recalculates the Mix from the Plan table: the counts it shows must equal
// the plan's. One workbook is first edited with openpyxl (a writer turns an
// own post into a borrowed one), and LibreOffice's Mix must follow the edit.
// All workbooks go through one soffice run, which costs seconds to start.
func TestXLSXLibreOffice(t *testing.T) {
	t.Parallel()
	soffice := interop.Soffice(t)
	py := interop.Python(t, "openpyxl")
	dir := t.TempDir()
	plans := xlsxExamples(t)
	var files []string
	for name, plan := range plans {
		data, _ := writeXLSX(t, plan, Options{Now: testNow})
		path := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		// The same plan with static summaries (see maxLivePosts): LibreOffice must
		// show the same figures as it computes from the formulas.
		data, _ = writeXLSX(t, plan, Options{Now: testNow, liveLimit: 1})
		path = filepath.Join(dir, name+"-static.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}

	// The edits: the first own Instagram post of February becomes
	// borrowed, and the manager gives Katya's first February post to Vera.
	quarter := plans["quarter"]
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
	edited := filepath.Join(dir, "edited.xlsx")
	cmd := exec.Command(py, filepath.Join(interop.Dir(), "xlsx_edit.py"),
		filepath.Join(dir, "quarter.xlsx"), edited, "Plan",
		cellRef(colSource, flipRow), "Borrowed", cellRef(colWriter, movedRow), "Vera")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xlsx_edit.py: %v\n%s", err, out)
	}
	files = append(files, edited)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Sheet -1 writes every sheet to its own csv, NAME-SHEET.csv (LibreOffice
	// 7.2 and later); "true" in the ninth place writes cells as shown, so a
	// month reads 2027-01.
	args := append([]string{
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		"--outdir", filepath.Join(dir, "csv"),
	}, files...)
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for base, plan := range plans {
		for _, name := range []string{base, base + "-static"} {
			tx := i18n.For(plan.Language)
			csvOf := func(sheet string) string { return filepath.Join(dir, "csv", name+"-"+sheet+".csv") }
			got := readMix(t, csvOf(tx.SheetMix))
			diffMix(t, name, got, expectedMix(plan, ""))
			if len(plan.Writers) > 0 {
				diffCounts(t, name+" Writers", readWriters(t, csvOf(tx.SheetWriters), tx), expectedLoads(plan, nil))
			}
			diffCounts(t, name+" Budget", readBudget(t, csvOf(tx.SheetBudget), plan), expectedBudget(plan))
		}
	}
	got := readMix(t, filepath.Join(dir, "csv", "edited-Mix.csv"))
	want := expectedMix(quarter, flip)
	diffMix(t, "edited", got, want)
	if before := expectedMix(quarter, ""); want["Instagram|2027-02"] == before["Instagram|2027-02"] {
		t.Fatal("the edit changes nothing: the test proves nothing")
	}
	reassign := map[string]string{moved: "Vera"}
	diffCounts(t, "edited Writers", readWriters(t, filepath.Join(dir, "csv", "edited-Writers.csv"), i18n.For("en")), expectedLoads(quarter, reassign))
	if moved == "" || expectedLoads(quarter, reassign)["Vera|"] == expectedLoads(quarter, nil)["Vera|"] {
		t.Fatal("the reassignment changes nothing: the test proves nothing")
	}
}

// readWriters reads LibreOffice's csv of the Writers sheet as
// "writer|Monday" and "writer|" (the total) counts, with "" for the
// unassigned row; zero shows as a dash and is left out.
func readWriters(t *testing.T, path string, tx *i18n.Texts) map[string]int64 {
	t.Helper()
	recs := readCSV(t, path)
	if len(recs) < 3 {
		t.Fatalf("%s: %d rows", path, len(recs))
	}
	m := map[string]int64{}
	mondays := recs[1]
	for _, rec := range recs[2:] {
		w := rec[0]
		switch w {
		case tx.Total:
			continue
		case tx.Unassigned:
			w = ""
		}
		for c := wrFirstWeek - 1; c < len(rec); c++ {
			v := strings.TrimSpace(rec[c])
			if v == "" || v == "–" {
				continue
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("%s: %q is not a count (row %q)", path, v, rec)
			}
			m[w+"|"+mondays[c]] += n // the total column has no Monday
		}
	}
	return m
}

// readBudget reads LibreOffice's csv of the Budget sheet, costs as shown
// ("65,000.50 RUB"), into cents by "channel|2027-01", "channel|",
// "|2027-01" and "|" (the totals).
func readBudget(t *testing.T, path string, plan *calendar.Plan) map[string]int64 {
	t.Helper()
	recs := readCSV(t, path)
	x := &xlsxWriter{plan: plan}
	label := strings.TrimPrefix(strings.TrimPrefix(x.costFormat(), "#,##0"), ".00")
	label, _ = strconv.Unquote(strings.ReplaceAll(strings.TrimSpace(label), `"\""`, `\"`))
	tx := i18n.For(plan.Language)
	months := recs[0]
	m := map[string]int64{}
	for _, rec := range recs[1:] {
		ch := rec[0]
		if ch == tx.Total {
			ch = ""
		}
		for c := 1; c < len(rec); c++ {
			v := strings.TrimSpace(rec[c])
			if v == "" {
				continue // past the table: the gap before a static note
			}
			if label != "" {
				v = strings.TrimSpace(strings.TrimSuffix(v, label))
			}
			v = strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(v)
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %q is not a cost (row %q)", path, rec[c], rec)
			}
			if f == 0 {
				continue
			}
			month := months[c]
			if month == tx.Total {
				month = ""
			}
			m[ch+"|"+month] = int64(math.Round(f * 100))
		}
	}
	return m
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

// diffCounts reports where LibreOffice's figures differ from Go's.
func diffCounts[N int | int64](t *testing.T, name string, got map[string]int64, want map[string]N) {
	t.Helper()
	keys := map[string]bool{}
	for k, v := range want {
		if v != 0 {
			keys[k] = true
		}
	}
	for k := range got {
		keys[k] = true
	}
	sorted := slices.Sorted(maps.Keys(keys))
	bad := 0
	for _, k := range sorted {
		if got[k] != int64(want[k]) {
			if bad++; bad <= 10 {
				t.Errorf("%s: %q = %d, want %d", name, k, got[k], want[k])
			}
		}
	}
	if len(want) == 0 {
		t.Errorf("%s: nothing to compare", name)
	}
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
		if f := cell(w, 2, 2); !strings.HasPrefix(f, "=COUNTIFS("+tableName+"[") {
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
		if f := cell(b, 1, 1); !strings.HasPrefix(f, "=SUMIFS("+tableName+"[") && f != "=0" {
			t.Errorf("%s!B2 = %q, want a SUMIFS", b, f)
		}
	}
}
