package xlsx

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// editKPI fills the KPI sheet's actual and decision cells as a manager
// would: by objective key and month ("o1 2027-02"), found through the
// hidden record.
func editKPI(t testing.TB, data []byte, cells map[string][2]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("KPI")
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	for r, row := range rows {
		if len(row) < kpiGenerated {
			continue
		}
		var k KPIRow
		if !parseKPIRecord(row[kpiGenerated-1], &k) {
			continue
		}
		v, ok := cells[k.Key+" "+k.Month.String()[:7]]
		if !ok {
			continue
		}
		for i, c := range []int{kpiActual, kpiDecision} {
			if v[i] != nil {
				if err := f.SetCellValue("KPI", cellRef(c, r+1), v[i]); err != nil {
					t.Fatal(err)
				}
			}
		}
		done++
	}
	if done != len(cells) {
		t.Fatalf("edited %d KPI rows, want %d", done, len(cells))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// kpiValue is a KPI sheet cell's stored value, as a reader that does not
// recalculate sees it.
func kpiValue(t testing.TB, f *excelize.File, c, r int) string {
	t.Helper()
	v, err := f.GetCellValue("KPI", cellRef(c, r), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// kpiRowOf is the KPI sheet's row of a key and month.
func kpiRowOf(t testing.TB, f *excelize.File, key, month string) int {
	t.Helper()
	rows, _ := f.GetRows("KPI")
	for r, row := range rows {
		var k KPIRow
		if len(row) >= kpiGenerated && parseKPIRecord(row[kpiGenerated-1], &k) && k.Key == key && k.Month.String()[:7] == month {
			return r + 1
		}
	}
	t.Fatalf("no KPI row of %s %s", key, month)
	return 0
}

// postsRowOf is the posts table's row of a channel and month.
func postsRowOf(t testing.TB, f *excelize.File, channel, month string) int {
	t.Helper()
	rows, _ := f.GetRows("KPI")
	for r, row := range rows {
		if len(row) >= kpiPostMonth && row[kpiChannel-1] == channel && row[kpiPostMonth-1] == month {
			return r + 1
		}
	}
	t.Fatalf("no posts row of %s %s", channel, month)
	return 0
}

// TestKPISheet: a row per objective and month with the month's target,
// the posts table's stored values equal to what the statuses say (all
// planned: none published), formulas in plain A1 ranges over the Plan.
func TestKPISheet(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	plan.Goals[0].Objectives[0].Targets = []calendar.Target{calendar.NumberTarget(100, false), calendar.NumberTarget(120, false), calendar.NumberTarget(150, false)}
	plan.Goals[0].Objectives[0].Unit = "visits"
	_, f := writeXLSX(t, plan, Options{Now: testNow})
	r := kpiRowOf(t, f, "o1", "2027-02")
	if got := kpiValue(t, f, kpiTarget, r); got != "120" {
		t.Errorf("o1's February target %q, want 120", got)
	}
	id, _ := f.GetCellStyle("KPI", cellRef(kpiTarget, r))
	if st, _ := f.GetStyle(id); st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != `#,##0" visits"` {
		t.Errorf("target format %+v", st)
	}
	if r2 := kpiRowOf(t, f, "o2", "2027-03"); kpiValue(t, f, kpiTarget, r2) != "0.04" {
		t.Errorf("o2's target %q", kpiValue(t, f, kpiTarget, r2))
	}
	id, _ = f.GetCellStyle("KPI", cellRef(kpiActual, r))
	if st, _ := f.GetStyle(id); st == nil || st.Protection == nil || st.Protection.Locked || len(st.Fill.Color) == 0 {
		t.Errorf("actual cell style %+v: want an unlocked input cell", st)
	}
	if v, _ := f.GetColVisible("KPI", colName(kpiGenerated)); v {
		t.Error("the KPI record column is visible")
	}
	pr := postsRowOf(t, f, "Instagram", "2027-02")
	formula, _ := f.GetCellFormula("KPI", cellRef(kpiPublished, pr))
	if !strings.Contains(formula, "'Plan'!$"+colName(colStatus)+"$2:$"+colName(colStatus)+"$") || !strings.Contains(formula, `"=Published"`) || strings.Contains(formula, "[") {
		t.Errorf("published formula %q: want plain ranges over the Plan's Status", formula)
	}
	want := 0
	for p := range plan.Posts() {
		if p.Channel.Name == "Instagram" && p.Date.Month() == 2 {
			want++
		}
	}
	if got := kpiValue(t, f, kpiPlanned, pr); got != strconv.Itoa(want) {
		t.Errorf("planned %s, want %d stored", got, want)
	}
	if got := kpiValue(t, f, kpiPublished, pr); got != "0" {
		t.Errorf("published %q, want 0 stored: every post is planned", got)
	}
}

// TestKPIKeep: actuals, decisions and statuses entered in one workbook
// are kept into the next, whose stored values follow them; a kept row of
// an objective the plan no longer has stays at the sheet's foot, and a
// third run keeps it still.
func TestKPIKeep(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	v1, _ := writeXLSX(t, plan, Options{Now: testNow})
	ig := ids(plan, 3, func(p *calendar.Post) bool { return p.Channel.Name == "Instagram" && p.Date.Month() == 1 })
	edited := edit(t, v1, "Plan", map[string]map[int]any{
		ig[0]: {colStatus: "Published"}, ig[1]: {colStatus: "Опубликован", colSource: "Borrowed"}, ig[2]: {colStatus: "Scheduled"},
	})
	edited = editKPI(t, edited, map[string][2]any{
		"o1 2027-01": {0.08, "больше рилс"},
		"o2 2027-01": {"4,5%", nil},
		"o2 2027-02": {nil, "keep ER posts"},
	})
	// The next spec drops o2 and gives o1 monthly targets.
	v2plan := xlsxPlan()
	v2plan.Goals[0].Objectives = v2plan.Goals[0].Objectives[:1]
	var rep KeepReport
	v2, f := writeXLSX(t, v2plan, Options{Now: testNow, Keep: NewKeep(readBytes(t, edited)), Report: &rep})
	r := kpiRowOf(t, f, "o1", "2027-01")
	if a, d := kpiValue(t, f, kpiActual, r), kpiValue(t, f, kpiDecision, r); a != "0.08" || d != "больше рилс" {
		t.Errorf("o1 January: actual %q, decision %q", a, d)
	}
	if got, _ := strconv.ParseFloat(kpiValue(t, f, kpiReached, r), 64); math.Abs(got-0.8) > 1e-9 {
		t.Errorf("o1 January reached %v, want 0.8 stored", got)
	}
	pr := postsRowOf(t, f, "Instagram", "2027-01")
	if p, b := kpiValue(t, f, kpiPublished, pr), kpiValue(t, f, kpiBorrowedPub, pr); p != "2" || b != "1" {
		t.Errorf("Instagram January: published %q, borrowed %q; want 2, 1 stored", p, b)
	}
	if got := kpiValue(t, f, kpiPubShare, pr); got != "0.5" {
		t.Errorf("borrowed share of published %q", got)
	}
	// o2 is gone from the plan: its two rows with work stay, apart.
	kept := readBytes(t, v2)
	var apart []KPIRow
	for _, k := range kept.KPIs {
		if k.Key == "o2" {
			apart = append(apart, k)
		}
	}
	if len(apart) != 2 || apart[0].Actual != "0.045" || !apart[0].HasValue || apart[1].Decision != "keep ER posts" || !apart[0].Apart {
		t.Errorf("o2's rows kept apart: %+v", apart)
	}
	if rep.KPIs != 1 || rep.KPIStayed != 2 || !strings.Contains(rep.Lines()[0], "kept 1 KPI row of actuals and decisions; 2 KPI rows of objectives or months the plan no longer has kept apart") {
		t.Errorf("report %+v: %q", rep, rep.Lines())
	}
	// A third run with o2 back restores its rows to their months.
	v3, f3 := writeXLSX(t, xlsxPlan(), Options{Now: testNow, Keep: NewKeep(kept)})
	r = kpiRowOf(t, f3, "o2", "2027-01")
	if got := kpiValue(t, f3, kpiActual, r); got != "0.045" {
		t.Errorf("o2 back: actual %q", got)
	}
	if back := readBytes(t, v3); slices.ContainsFunc(back.KPIs, func(k KPIRow) bool { return k.Apart }) {
		t.Errorf("rows left apart after o2 came back: %+v", back.KPIs)
	}
}

// TestKPIRead reads what was entered back, in whichever form a person
// typed it.
func TestKPIRead(t *testing.T) {
	t.Parallel()
	v1, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	edited := editKPI(t, v1, map[string][2]any{
		"o1 2027-01": {"12 %", nil},
		"o1 2027-02": {"n/a", "wait for March"},
		"o2 2027-03": {int64(5), nil},
	})
	b := readBytes(t, edited)
	byKey := map[string]KPIRow{}
	for _, k := range b.KPIs {
		byKey[k.Key+" "+k.Month.String()[:7]] = k
	}
	if k := byKey["o1 2027-01"]; !k.HasValue || math.Abs(k.Value-0.12) > 1e-12 || k.Target.Kind != calendar.TargetPercent || k.Target.Value != 0.1 || k.Label != "o1" {
		t.Errorf("o1 January %+v", k)
	}
	if k := byKey["o1 2027-02"]; k.HasValue || k.Actual != "n/a" || k.Decision != "wait for March" {
		t.Errorf("o1 February %+v", k)
	}
	if k := byKey["o2 2027-03"]; !k.HasValue || k.Value != 5 {
		t.Errorf("o2 March %+v", k)
	}
	if len(b.KPIs) != 6 {
		t.Errorf("%d KPI rows, want 2 objectives × 3 months", len(b.KPIs))
	}
	facts := b.Facts()
	if len(facts.KPIs) != 3 || facts.KPI("o1", calendar.MakeDate(2027, 2, 1)).Decision != "wait for March" || len(facts.Published) != 0 {
		t.Errorf("facts %+v", facts)
	}
}

// TestKPIDamagedRecord: a row whose hidden record a person broke keeps
// what was entered in it, apart.
func TestKPIDamagedRecord(t *testing.T) {
	t.Parallel()
	v1, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	edited := editKPI(t, v1, map[string][2]any{"o1 2027-01": {int64(7), "да"}})
	f, _ := excelize.OpenReader(bytes.NewReader(edited))
	r := kpiRowOf(t, f, "o1", "2027-01")
	if err := f.SetCellValue("KPI", cellRef(kpiGenerated, r), "oops"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b := readBytes(t, buf.Bytes())
	i := slices.IndexFunc(b.KPIs, func(k KPIRow) bool { return k.Decision == "да" })
	if i < 0 || b.KPIs[i].Key != "" || b.KPIs[i].Label != "o1" || b.KPIs[i].Month != calendar.MakeDate(2027, 1, 1) {
		t.Fatalf("damaged row read as %+v", b.KPIs)
	}
	var rep KeepReport
	v2, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow, Keep: NewKeep(b), Report: &rep})
	if rep.KPIStayed != 1 || !slices.ContainsFunc(readBytes(t, v2).KPIs, func(k KPIRow) bool { return k.Decision == "да" }) {
		t.Errorf("the damaged row's work is lost: %+v", rep)
	}
}

// TestKPINoSheetForWriters: a writer's workbook has no KPI sheet.
func TestKPINoSheetForWriters(t *testing.T) {
	t.Parallel()
	_, f := writeXLSX(t, xlsxPlan(), Options{Now: testNow, Writer: "Katya"})
	if slices.Contains(f.GetSheetList(), "KPI") {
		t.Error("a writer's workbook has a KPI sheet")
	}
}

// TestReadPrevious: the earlier workbook's facts are read with the work
// kept, and read again once its file changes.
func TestReadPrevious(t *testing.T) {
	data, _ := writeXLSX(t, tinyPlan(), Options{Now: testNow})
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readPrevious(path); err != nil {
		t.Fatal(err)
	}
	a, _, _, err := previousFacts(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _, _, _ := previousFacts(path); b != a {
		t.Error("the same file read twice")
	}
	edited := editKPI(t, data, map[string][2]any{"охват 2027-01": {"5%", nil}})
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _, id, err := previousFacts(path)
	if err != nil || c == a || len(c.KPIs) != 1 || c.KPIs[0].Actual != "5%" || id != "tiny" {
		t.Errorf("the changed file: %+v, %q, %v", c, id, err)
	}
}
