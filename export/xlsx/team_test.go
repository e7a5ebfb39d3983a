package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/i18n"
)

// expectedLoads counts plan's posts per writer and ISO week of the draft
// due date, as the Writers sheet should: "writer|Monday" (writer "" for
// unassigned) and "writer|" for the writer's total. reassign, when given,
// maps a post id to the writer the manager moved it to.
func expectedLoads(plan *calendar.Plan, reassign map[string]string) map[string]int {
	m := map[string]int{}
	for p := range plan.Posts() {
		w := p.Writer
		if to, ok := reassign[p.ID]; ok {
			w = to
		}
		m[w+"|"+p.DraftDue.Monday().String()]++
		m[w+"|"]++
	}
	return m
}

// expectedBudget adds up plan's costs per "channel|2027-01", "channel|"
// (the channel's total), "|2027-01" (the month's) and "|" (everything), in
// cents so that the sums are exact.
func expectedBudget(plan *calendar.Plan) map[string]int64 {
	m := map[string]int64{}
	for p := range plan.Posts() {
		if p.Channel == nil {
			continue
		}
		c := int64(math.Round(costValue(p.Cost) * 100))
		month := p.Date.String()[:7]
		for _, k := range []string{p.Channel.Name + "|" + month, p.Channel.Name + "|", "|" + month, "|"} {
			m[k] += c
		}
	}
	return m
}

func TestWriteXLSXWritersSheet(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{Now: testNow})
	rows, err := f.GetRows("Writers")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows[2:] {
		names = append(names, r[0])
	}
	// The spec's writers in spec order, the owner the posts name, the
	// unassigned posts, the total.
	if want := []string{"Katya", "Ilya", "Vera", "Olga", "(unassigned)", "Total"}; !slices.Equal(names, want) {
		t.Fatalf("rows %q, want %q", names, want)
	}
	for cell, want := range map[string]string{"B3": "8", "B4": "6", "B5": "", "B6": ""} {
		raw, _ := f.GetCellValue("Writers", cell, excelize.Options{RawCellValue: true})
		if raw != want {
			t.Errorf("capacity %s = %q, want %q", cell, raw, want)
		}
		if typ, _ := f.GetCellType("Writers", cell); want != "" && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("capacity %s is of type %v, want a number", cell, typ)
		}
	}

	// The weeks run Monday to Monday over every draft-due date.
	want := expectedLoads(plan, nil)
	var mondays []string
	for c := wrFirstWeek; ; c++ {
		if label, _ := f.GetCellValue("Writers", cellRef(c, 1)); label == "Total" || c > 100 {
			break
		}
		raw, _ := f.GetCellValue("Writers", cellRef(c, 2), excelize.Options{RawCellValue: true})
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("week header %s = %q, not a date", cellRef(c, 2), raw)
		}
		d := calendar.MakeDate(1899, 12, 30).AddDays(int(serial))
		if d.Weekday() != 1 {
			t.Errorf("week header %s is %s, not a Monday", cellRef(c, 2), d)
		}
		_, wk := d.ISOWeek()
		if label, _ := f.GetCellValue("Writers", cellRef(c, 1)); label != "Week "+strconv.Itoa(wk) {
			t.Errorf("week %s labelled %q", d, label)
		}
		mondays = append(mondays, d.String())
	}
	for k := range want {
		if w, monday, _ := strings.Cut(k, "|"); monday != "" && !slices.Contains(mondays, monday) {
			t.Errorf("%s's draft due in the week of %s, which the sheet lacks (weeks %v)", w, monday, mondays)
		}
	}
	totalCol := wrFirstWeek + len(mondays)
	if v, _ := f.GetCellValue("Writers", cellRef(totalCol, 1)); v != "Total" {
		t.Errorf("total column header %q", v)
	}
	col := func(c int) string { return fmt.Sprintf("'Plan'!$%s$2:$%[1]s$%d", colName(c), plan.Total+1) }
	writer, due := col(colWriter), col(colDraftDue)
	for _, tc := range []struct{ cell, formula string }{
		{"C3", `COUNTIFS(` + due + `,">="&C$2,` + due + `,"<="&(C$2+6),` + writer + `,"=Katya")`},
		{cellRef(totalCol, 3), `COUNTIFS(` + writer + `,"=Katya")`},
		{"D7", `COUNTIFS(` + due + `,">="&D$2,` + due + `,"<="&(D$2+6),` + writer + `,"")`},
		{"C8", `SUM(C3:C7)`},
		{cellRef(totalCol, 8), fmt.Sprintf(`SUM(%s3:%[1]s7)`, colName(totalCol))},
	} {
		if got, _ := f.GetCellFormula("Writers", tc.cell); got != tc.formula {
			t.Errorf("Writers!%s = %s\n want %s", tc.cell, got, tc.formula)
		}
	}

	// Red over capacity, and on any unassigned post.
	cfs, err := f.GetConditionalFormats("Writers")
	if err != nil {
		t.Fatal(err)
	}
	last := colName(totalCol - 1)
	for rng, rule := range map[string]string{
		"C3:" + last + "6": "AND(ISNUMBER($B3),C3>$B3)",
		"C7:" + last + "7": "C7>0",
	} {
		if got := cfs[rng]; len(got) != 1 || got[0].Criteria != rule {
			t.Errorf("conditional format on %s = %+v, want %s (all: %v)", rng, got, rule, cfs)
		}
	}
	panes, _ := f.GetPanes("Writers")
	if !panes.Freeze || panes.XSplit != 2 || panes.YSplit != 2 {
		t.Errorf("panes %+v: want names and weeks frozen", panes)
	}
	if dim, _ := f.GetSheetDimension("Writers"); dim != "A1:"+cellRef(totalCol, 8) {
		t.Errorf("dimension %q", dim)
	}
}

// TestWriteXLSXWritersSplit: a writer's workbook shows only their row (no
// one else's load, no unassigned posts), and a Budget of their posts.
func TestWriteXLSXWritersSplit(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{Writer: "Ilya"})
	rows, err := f.GetRows("Writers")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[2][0] != "Ilya" || rows[2][1] != "6" {
		t.Errorf("Ilya's Writers sheet: %q", rows)
	}
	for _, name := range []string{"Katya", "Vera", "Olga", "(unassigned)"} {
		for _, r := range rows {
			if slices.Contains(r, name) {
				t.Errorf("%q in Ilya's workbook", name)
			}
		}
	}
	// Olga, a writer only the posts name, gets her workbook and her row.
	_, f = writeXLSX(t, plan, Options{Writer: "Olga"})
	if rows, _ := f.GetRows("Writers"); len(rows) != 3 || rows[2][0] != "Olga" || rows[2][1] != "" {
		t.Errorf("Olga's Writers sheet: %q", rows)
	}
}

func TestWriteXLSXNoWritersSheet(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	plan.Writers = nil
	_, f := writeXLSX(t, plan, Options{})
	if slices.Contains(f.GetSheetList(), "Writers") {
		t.Errorf("sheets %q: a Writers sheet without writers in the spec", f.GetSheetList())
	}
}

func TestWriteXLSXBudgetSheet(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{})
	rows, err := f.GetRows("Budget")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Cost, EUR", "2027-01", "2027-02", "2027-03", "Total"}; !slices.Equal(rows[0], want) {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[0])
	}
	if want := []string{"Instagram", "=Telegram", "VK*", "Total"}; !slices.Equal(names, want) {
		t.Errorf("rows %q, want %q", names, want)
	}
	col := func(c int) string { return fmt.Sprintf("'Plan'!$%s$2:$%[1]s$%d", colName(c), plan.Total+1) }
	month := func(c string) string {
		return fmt.Sprintf(`%s,">="&%s$1,%[1]s,"<="&EOMONTH(%[2]s$1,0)`, col(colDate), c)
	}
	for _, tc := range []struct{ cell, formula string }{
		{"B2", `SUMIFS(` + col(colCost) + `,` + col(colChannel) + `,"=Instagram",` + month("B") + `)`},
		{"C3", `SUMIFS(` + col(colCost) + `,` + col(colChannel) + `,"==Telegram",` + month("C") + `)`},
		{"D4", `SUMIFS(` + col(colCost) + `,` + col(colChannel) + `,"VK~*",` + month("D") + `)`},
		{"E2", `SUM(B2:D2)`},
		{"B5", `SUM(B2:B4)`},
		{"E5", `SUM(E2:E4)`},
	} {
		if got, _ := f.GetCellFormula("Budget", tc.cell); got != tc.formula {
			t.Errorf("Budget!%s = %s\n want %s", tc.cell, got, tc.formula)
		}
	}
	// Costs, in the Plan and the Budget, carry the currency in their
	// format; reel costs 2400.50, so cents show.
	for _, ref := range []string{"Budget!B2", "Budget!E5", "Plan!" + cellRef(colCost, 2)} {
		sheet, cell, _ := strings.Cut(ref, "!")
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != `#,##0.00 "EUR"` {
			t.Errorf("%s has style %+v, want the currency format", ref, st)
		}
	}
	// The Plan's Cost cells are numbers: each post's cost.
	r := 1
	for p := range plan.Posts() {
		r++
		raw, _ := f.GetCellValue("Plan", cellRef(colCost, r), excelize.Options{RawCellValue: true})
		if got, err := strconv.ParseFloat(raw, 64); err != nil || got != p.Cost {
			t.Fatalf("Plan cost of row %d = %q, want %v", r, raw, p.Cost)
		}
	}
	if layout, err := f.GetPageLayout("Budget"); err != nil || *layout.Orientation != "landscape" || *layout.Size != 9 {
		t.Errorf("Budget page layout %+v, %v", layout, err)
	}
}

func TestCostFormat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		currency string
		cents    bool
		want     string
	}{
		{"", false, "#,##0"},
		{"", true, "#,##0.00"},
		{"RUB", false, `#,##0 "RUB"`},
		{" € ", true, `#,##0.00 "€"`},
		{`say "hi"`, false, `#,##0 "say "\""hi"\"""`},
		{"a\x00b\nc", false, `#,##0 "abc"`},
		{strings.Repeat("x", 60), false, "#,##0"},
	} {
		x := &xlsxWriter{plan: &calendar.Plan{Currency: tc.currency}, cents: tc.cents}
		if got := x.costFormat(); got != tc.want {
			t.Errorf("costFormat(%q, cents %v) = %s, want %s", tc.currency, tc.cents, got, tc.want)
		}
	}
	for in, want := range map[float64]float64{1500: 1500, 12.5: 12.5, math.NaN(): 0, math.Inf(1): 0, math.Copysign(0, -1): 0} {
		if got := costValue(in); got != want || math.Signbit(got) {
			t.Errorf("costValue(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestWriteXLSXStrategySheet(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{})
	for cell, want := range map[string]string{
		"A1": "Goal", "C1": "Objective", "H1": "Pillars",
		"A2": "g1\ngrow", "B2": "Olga", "C2": "o1\nmore visits", "D2": "visits", "E2": "+10%",
		"F2": "• menu of the day\n• =promo code", "G2": "• visits\n• orders", "H2": "• menu",
		"C3": "o2\npeople talk to us", "H3": "",
		"A4": "hire bakers",
		"H5": "• +behind the bar", // a pillar serving no objective
		"B7": "Reviews", "A8": "2027-01-29 16:00", "B8": "Monthly review: January 2027\nKPIs to review: visits, ER",
	} {
		if got, _ := f.GetCellValue("Strategy", cell); got != want {
			t.Errorf("Strategy!%s = %q, want %q", cell, got, want)
		}
	}
	// The goal spans its objectives.
	merged, _ := f.GetMergeCells("Strategy")
	var spans []string
	for _, m := range merged {
		spans = append(spans, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A2:A3", "B2:B3"} {
		if !slices.Contains(spans, want) {
			t.Errorf("merged %v, want %s", spans, want)
		}
	}
	// Text is text: an action that starts with = stays one.
	if formula, _ := f.GetCellFormula("Strategy", "F2"); formula != "" {
		t.Errorf("F2 became the formula %s", formula)
	}
	// Wrapped and tall enough for three lines.
	id, _ := f.GetCellStyle("Strategy", "F2")
	if st, _ := f.GetStyle(id); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("F2 does not wrap")
	}
	if h, _ := f.GetRowHeight("Strategy", 2); h < 30 {
		t.Errorf("row 2 is %v points high for two lines", h)
	}
	layout, err := f.GetPageLayout("Strategy")
	if err != nil || *layout.Orientation != "landscape" || *layout.Size != 9 || *layout.FitToWidth != 1 {
		t.Errorf("Strategy page layout %+v, %v", layout, err)
	}
}

// TestWriteXLSXTeamSheetsRussian builds the Russian example and reads the
// new sheets back: Russian labels and sheet names, Cyrillic names intact,
// criteria in Cyrillic, every objective and review there.
func TestWriteXLSXTeamSheetsRussian(t *testing.T) {
	t.Parallel()
	plan := testutil.BuildExample(t, "../../testdata/ru_bakery.toml")
	tx := i18n.For("ru")
	_, f := writeXLSX(t, plan, Options{Now: testNow})
	if got := f.GetSheetList()[:7]; !slices.Equal(got, []string{"План", "Инструкция", "Баланс контента", "Стратегия", "KPI", "Авторы", "Бюджет"}) {
		t.Fatalf("sheets %q", got)
	}
	head, _ := f.GetRows("Стратегия")
	if want := []string{"Цель", "Ответственный", "Задача", "KPI", "Целевое значение", "Действия", "Метрики", "Рубрики"}; !slices.Equal(head[0], want) {
		t.Errorf("Strategy header %q", head[0])
	}
	all := ""
	for _, r := range head {
		all += strings.Join(r, "\t") + "\n"
	}
	for _, g := range plan.Goals {
		for _, o := range g.Objectives {
			for _, s := range []string{o.ID + "\n" + o.What, o.KPI, o.Target} {
				if !strings.Contains(all, s) {
					t.Errorf("Strategy lacks %q", s)
				}
			}
		}
	}
	if n := strings.Count(all, "Ежемесячный разбор"); n != len(plan.Reviews) || n == 0 {
		t.Errorf("%d reviews on the Strategy, %d in the plan", n, len(plan.Reviews))
	}

	wr, _ := f.GetRows("Авторы")
	if wr[0][0] != "Автор" || wr[0][1] != "Постов в неделю (лимит)" || !strings.HasPrefix(wr[0][2], "Неделя ") {
		t.Errorf("Writers header %q", wr[0])
	}
	var names []string
	for _, r := range wr[2:] {
		names = append(names, r[0])
	}
	var want []string
	for _, w := range plan.Writers {
		want = append(want, w.Name)
	}
	want = append(want, tx.Unassigned, tx.Total)
	if !slices.Equal(names, want) || names[0] != "Анна Смирнова" {
		t.Errorf("Writers rows %q, want %q", names, want)
	}
	// Plain ranges over the Russian Plan sheet, its name quoted.
	col := func(c int) string { return fmt.Sprintf("'План'!$%s$2:$%[1]s$%d", colName(c), plan.Total+1) }
	due := col(colDraftDue)
	if got, _ := f.GetCellFormula("Авторы", "C3"); got != `COUNTIFS(`+due+`,">="&C$2,`+due+`,"<="&(C$2+6),`+col(colWriter)+`,"=Анна Смирнова")` {
		t.Errorf("Авторы!C3 = %s", got)
	}
	bu, _ := f.GetRows("Бюджет")
	if bu[0][0] != "Стоимость, RUB" || bu[len(bu)-1][0] != "Итого" || bu[2][0] != "ВКонтакте" {
		t.Errorf("Budget %q", bu)
	}
	if got, _ := f.GetCellFormula("Бюджет", "B3"); !strings.HasPrefix(got, `SUMIFS(`+col(colCost)+`,`+col(colChannel)+`,"=ВКонтакте",`+col(colDate)+`,`) {
		t.Errorf("Бюджет!B3 = %s", got)
	}
}
