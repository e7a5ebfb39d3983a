package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/golden"
)

// xlsxPlan is a hand-made quarter: three channels (one named like a
// formula, one like a COUNTIFS wildcard), borrowed posts, two writers,
// holidays, a pillar and a campaign named like formulas, and one crowded day
// that the month grid must sum up as "+N more".
func xlsxPlan() *calendar.Plan {
	loc, _ := time.LoadLocation("Europe/Moscow")
	photo := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "photo", Lead: 3, Borrowable: true, Cost: 1500}}
	reel := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "reel", Lead: 5, Cost: 2400.5}}
	text := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "text", Lead: 1, Borrowable: true, Cost: 800}}
	ig := &calendar.Channel{Index: 0, Name: "Instagram", ID: "ig", Cap: 2000, Limit: 2200, Formats: []*calendar.Format{photo, reel}}
	tg := &calendar.Channel{Index: 1, Name: "=Telegram", Cap: 3000, Formats: []*calendar.Format{text, photo}}
	vk := &calendar.Channel{Index: 2, Name: "VK*", Cap: 2500, Formats: []*calendar.Format{text, photo}}
	menu := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "menu", Objective: "o1"}}
	bar := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "+behind the bar"}}
	plan := &calendar.Plan{
		Name: "Northwind Coffee, Q1 2027", Start: calendar.MakeDate(2027, 1, 1), End: calendar.MakeDate(2027, 3, 31),
		Location: loc, Timezone: "Europe/Moscow", Cap: 3000, Language: "en", Currency: "EUR",
		Channels: []*calendar.Channel{ig, tg, vk}, Formats: []*calendar.Format{photo, reel, text},
		Pillars: []*calendar.Pillar{menu, bar},
		Goals: []calendar.GoalSpec{
			{ID: "g1", Why: "grow", Owner: "Olga", Objectives: []calendar.ObjectiveSpec{
				{ID: "o1", What: "more visits", KPI: "visits", Target: "+10%",
					Actions: []string{"menu of the day", "=promo code"}, Metrics: []string{"visits", "orders"}},
				{ID: "o2", What: "people talk to us", KPI: "ER", Target: "4%"}}},
			{Why: "hire bakers"},
		},
		// Katya has room; Ilya is short most weeks, and some posts find
		// no writer at all.
		Writers: []calendar.WriterSpec{{Name: "Katya", Capacity: 8}, {Name: "Ilya", Capacity: 6}, {Name: "Vera"}},
		Reviews: []calendar.Review{
			{Date: calendar.MakeDate(2027, 1, 29), Start: time.Date(2027, 1, 29, 16, 0, 0, 0, loc), Title: "Monthly review: January 2027"},
			{Date: calendar.MakeDate(2027, 2, 26), Start: time.Date(2027, 2, 26, 16, 0, 0, 0, loc), Title: "Monthly review: February 2027"},
		},
		Holidays: []calendar.Holiday{
			{Date: calendar.MakeDate(2027, 1, 7), Name: "Orthodox Christmas"},
			{Date: calendar.MakeDate(2027, 2, 23), Name: "Defender of the Fatherland Day"},
			{Date: calendar.MakeDate(2027, 3, 8), Name: "International Women's Day"},
		},
		// The holidays, and the cafe's own dates: one on a holiday.
		Occasions: []calendar.Occasion{
			{Date: calendar.MakeDate(2027, 1, 7), Name: "Orthodox Christmas", Holiday: true, Key: "Orthodox Christmas"},
			{Date: calendar.MakeDate(2027, 2, 12), Name: "Valentine's tasting", Key: "Valentine's tasting"},
			{Date: calendar.MakeDate(2027, 2, 23), Name: "Defender of the Fatherland Day", Holiday: true, Key: "Defender of the Fatherland Day"},
			{Date: calendar.MakeDate(2027, 3, 8), Name: "International Women's Day", Holiday: true, Key: "International Women's Day"},
			{Date: calendar.MakeDate(2027, 3, 8), Name: "=Spring menu, day 1", Key: "=Spring menu, day 1"},
		},
	}
	var posts []calendar.Post
	n := map[*calendar.Channel]int{}
	add := func(d calendar.Date, clock calendar.Clock, ch *calendar.Channel, f *calendar.Format, campaign string) {
		n[ch]++
		k := n[ch]
		p := calendar.Post{
			ID:   fmt.Sprintf("%s-%s-%s", export.SafeName(ch.Name), d, clock),
			Date: d, Time: clock, Channel: ch, Format: f, Source: calendar.Own,
			Pillar: menu, Campaign: campaign, Status: "planned", DraftDue: d.AddDays(-f.Lead),
			Writer: []string{"Katya", "Ilya"}[k%2], Cost: f.Cost,
		}
		switch {
		case k%7 == 0:
			p.Writer = "" // unassigned
		case k%11 == 0:
			p.Writer = "Olga" // a channel owner, not a writer of the spec
		}
		// Borrowed within the cap as rule 3 spreads it: after post k,
		// floor(cap·k) borrowed so far.
		if f.Borrowable && ch.Cap.Floor(k) > ch.Cap.Floor(k-1) {
			p.Source = calendar.Borrowed
			ch.Borrowed++
		}
		if k%3 == 0 {
			p.Pillar = bar
		}
		p.Start = time.Date(d.Year(), d.Month(), d.Day(), clock.Hour(), clock.Minute(), 0, 0, loc)
		p.End = p.Start.Add(30 * time.Minute)
		ch.Posts++
		posts = append(posts, p)
	}
	for d := plan.Start; d <= plan.End; d++ {
		campaign := ""
		if d >= calendar.MakeDate(2027, 2, 10) && d <= calendar.MakeDate(2027, 2, 14) {
			campaign = "@valentine"
		}
		add(d, 8*60+30, tg, []*calendar.Format{text, photo}[d%2], campaign)
		switch d.Weekday() {
		case time.Monday, time.Wednesday, time.Friday, time.Saturday:
			add(d, 12*60, ig, []*calendar.Format{photo, reel}[d%2], campaign)
		}
		switch d.Weekday() {
		case time.Tuesday, time.Thursday, time.Saturday:
			add(d, 19*60, vk, []*calendar.Format{text, photo}[d%2], campaign)
		}
		if d == calendar.MakeDate(2027, 2, 14) { // a crowded day
			for i := range 10 {
				add(d, calendar.Clock(9*60+i*60), ig, photo, campaign)
			}
		}
	}
	slices.SortStableFunc(posts, func(a, b calendar.Post) int { return a.Start.Compare(b.Start) })
	for _, p := range posts {
		plan.Total++
		if p.Source == calendar.Borrowed {
			plan.Borrowed++
		}
	}
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range posts {
			if !yield(p) {
				return
			}
		}
	})
	return plan
}

// writeXLSX writes plan and opens the result with excelize.
func writeXLSX(t testing.TB, plan *calendar.Plan, opt Options) ([]byte, *excelize.File) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, plan, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize cannot read the workbook back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return buf.Bytes(), f
}

var testNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// csvRows is what WriteCSV says about plan, as the workbook shows it: the
// csv's formula guard (a leading apostrophe) undone, source and status as
// their labels.
func csvRows(t *testing.T, plan *calendar.Plan, writer string) [][]string {
	t.Helper()
	tx := i18n.For(plan.Language)
	var out [][]string
	for _, r := range csvRecords(t, plan) {
		if writer != "" && r[11] != writer {
			continue
		}
		source := r[6]
		switch source {
		case "own":
			source = tx.Own
		case "borrowed":
			source = tx.Borrowed
		}
		status := map[string]string{"planned": tx.Statuses[0]}[r[13]]
		// id,date,time,channel,format,source,pillar,objective,campaign,title,writer,draft_due,status
		out = append(out, []string{r[0], r[1], r[2], r[4], r[5], source, r[7], r[8], r[9], r[10], r[11], r[12], status})
	}
	return out
}

// planRows reads the Plan sheet's rows back in the csv's field order.
func planRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range rows[1:] {
		r = append(r, make([]string, numCols)...)[:numCols]
		out = append(out, []string{r[colID-1], r[colDate-1], r[colTime-1], r[colChannel-1], r[colFormat-1],
			r[colSource-1], r[colPillar-1], r[colObjective-1], r[colCampaign-1], r[colTitle-1], r[colWriter-1],
			r[colDraftDue-1], r[colStatus-1]})
	}
	return out
}

// cleanXML is how Go's XML writer stores a string: each invalid byte and
// each character XML cannot hold becomes U+FFFD.
func cleanXML(s string) string {
	var b strings.Builder
	for _, r := range s { // an invalid byte ranges as U+FFFD
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			b.WriteRune(r)
		} else {
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}

func TestWriteXLSXPlanEqualsCSV(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		plan   func() *calendar.Plan
		writer string
	}{
		{"quarter", xlsxPlan, ""},
		{"quarter for one writer", xlsxPlan, "Ilya"},
		{"awkward values", testutil.RecordPlan, ""},
		{"empty", testutil.EmptyPlan, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			plan := tc.plan()
			_, f := writeXLSX(t, plan, Options{Now: testNow, Writer: tc.writer})
			want := csvRows(t, plan, tc.writer)
			for _, r := range want {
				for i := range r {
					r[i] = cleanXML(r[i])
				}
			}
			got := planRows(t, f, "Plan")
			if len(got) != len(want) {
				t.Fatalf("%d Plan rows, want %d", len(got), len(want))
			}
			for i := range want {
				if !slices.Equal(got[i], want[i]) {
					t.Errorf("row %d:\n got %q\nwant %q", i+2, got[i], want[i])
				}
			}
			if tc.writer != "" && len(want) == 0 {
				t.Error("the writer has no posts: the test checks nothing")
			}
		})
	}
}

// TestWriteXLSXStructure pins what excelize only keeps on a streamed sheet
// when it is added in the right order (widths and panes before the first
// row; table, dropdowns and conditional formats before Flush; the dimension
// before the stream starts), and the cell types.
func TestWriteXLSXStructure(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{Now: testNow})
	last := plan.Total + 1

	if got, want := f.GetSheetList(), []string{"Plan", "Instructions", "Mix", "Strategy", "KPI", "Writers", "Budget", "January 2027", "February 2027", "March 2027", markerSheet}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	all := rangeRef(1, 1, numCols, last)
	if dim, _ := f.GetSheetDimension("Plan"); dim != all {
		t.Errorf("Plan dimension %q, want %s", dim, all)
	}
	tables, err := f.GetTables("Plan")
	if err != nil || len(tables) != 1 {
		t.Fatalf("tables %v, %v; want one", tables, err)
	}
	if tb := tables[0]; tb.Name != tableName || tb.Range != all || tb.StyleName == "" {
		t.Errorf("table %+v", tb)
	}
	dvs, err := f.GetDataValidations("Plan")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	if got, want := lists[rangeRef(colStatus, 2, colStatus, last)], `"Planned,Drafting,In review,Needs changes,Approved,Scheduled,Published"`; got != want {
		t.Errorf("Status dropdown %q, want %q (all: %v)", got, want, lists)
	}
	if got := lists[rangeRef(colSource, 2, colSource, last)]; got != `"Own,Borrowed"` {
		t.Errorf("Source dropdown %q", got)
	}
	cfs, err := f.GetConditionalFormats("Plan")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfs[rangeRef(colChannel, 2, colChannel, last)]) == 0 || len(cfs[rangeRef(1, 2, numCols, last)]) == 0 {
		t.Errorf("conditional formats %v: want channel colours and borrowed rows", cfs)
	}
	overRule := fmt.Sprintf("AND(ISNUMBER($%[2]s2),$%[1]s2>$%[2]s2)", colName(colLength), colName(colLimit))
	if over := cfs[rangeRef(colCopy, 2, colLength, last)]; len(over) != 1 || over[0].Criteria != overRule {
		t.Errorf("conditional formats %v: want the copy over its limit red", cfs)
	}
	panes, err := f.GetPanes("Plan")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Plan panes %+v, %v: want the header frozen", panes, err)
	}
	if w, _ := f.GetColWidth("Plan", colName(colBrief)); w != planWidths[colBrief-1] {
		t.Errorf("Brief width %v", w)
	}
	// Date, Time and Draft due are numbers with date formats.
	for _, c := range []struct {
		col int
		fmt string
	}{{colDate, "yyyy-mm-dd"}, {colTime, "hh:mm"}, {colDraftDue, "yyyy-mm-dd"}} {
		ref := cellRef(c.col, 2)
		if typ, _ := f.GetCellType("Plan", ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", ref, typ)
		}
		raw, _ := f.GetCellValue("Plan", ref, excelize.Options{RawCellValue: true})
		if _, err := fmt.Sscanf(raw, "%g", new(float64)); err != nil {
			t.Errorf("%s holds %q, not a serial number", ref, raw)
		}
		id, _ := f.GetCellStyle("Plan", ref)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != c.fmt {
			t.Errorf("%s has style %+v, want number format %q", ref, st, c.fmt)
		}
	}

	// Document properties, for the file's title bar and reproducibility.
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != plan.Name || props.Created != "2026-11-20T09:30:00Z" || props.Modified != props.Created {
		t.Errorf("doc props %+v", props)
	}

	// Month grid: A4 landscape, fit to width, print area and titles.
	layout, err := f.GetPageLayout("February 2027")
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout size %v orientation %v fit %vx%v", *layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Scope+" "+dn.Name] = dn.RefersTo
	}
	if names["February 2027 _xlnm.Print_Area"] != "'February 2027'!$A$1:$G$7" || names["February 2027 _xlnm.Print_Titles"] != "'February 2027'!$1:$2" {
		t.Errorf("defined names %v", names)
	}
}

// TestWriteXLSXWritersColumns pins the columns writers fill in
// (docs/spec.md, "The workbook"): wide, wrapped, typed as text; the copy's
// length beside the channel's limit; the hidden record of generated
// values; the zone in the Time header; the hidden marker.
func TestWriteXLSXWritersColumns(t *testing.T) {
	t.Parallel()
	_, f := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	for _, c := range wrapCols {
		id, _ := f.GetColStyle("Plan", colName(c))
		if st, err := f.GetStyle(id); err != nil || st.Alignment == nil || !st.Alignment.WrapText || st.NumFmt != 49 {
			t.Errorf("column %s style %+v, %v: want wrapped text", colName(c), st, err)
		}
		want := planWidths[c-1]
		if c == colOccasion {
			want = 30 // "Defender of the Fatherland Day" and a margin, at most 30
		}
		if w, _ := f.GetColWidth("Plan", colName(c)); w != want {
			t.Errorf("column %s width %v, want %v", colName(c), w, want)
		}
	}
	if v, _ := f.GetColVisible("Plan", colName(colGenerated)); v {
		t.Error("the column of generated values is visible")
	}
	if v, _ := f.GetColVisible("Plan", colName(colNotes)); !v {
		t.Error("Notes is hidden")
	}
	if v, _ := f.GetCellValue("Plan", cellRef(colTime, 1)); v != "Time (Europe/Moscow)" {
		t.Errorf("Time header %q", v)
	}
	if v, _ := f.GetSheetVisible(markerSheet); v {
		t.Error("the marker sheet is visible")
	}
	// The copy's length: a LEN of the row's Copy cell with its value; the
	// limit beside it, blank when unknown.
	if fm, _ := f.GetCellFormula("Plan", cellRef(colLength, 5)); fm != "LEN("+cellRef(colCopy, 5)+")" {
		t.Errorf("Length formula %q", fm)
	}

	if v, _ := f.GetCellValue("Plan", cellRef(colLength, 5), excelize.Options{RawCellValue: true}); v != "0" {
		t.Errorf("Length value %q, want 0 stored", v)
	}
	if v, _ := f.GetCellValue("Plan", cellRef(colLimit, 3)); v != "2200" {
		t.Errorf("Instagram's limit %q", v)
	}
	if v, _ := f.GetCellValue("Plan", cellRef(colLimit, 2)); v != "" {
		t.Errorf("=Telegram's unknown limit %q, want blank", v)
	}
	// A row is as tall as its wrapped brief: no program's text grows it.
	brief, _ := f.GetCellValue("Plan", cellRef(colBrief, 2))
	width, _ := f.GetColWidth("Plan", colName(colBrief))
	if lines := textLines(brief, width); lines < 2 {
		t.Errorf("the brief %q takes %d line in a column %v wide: the test proves nothing", brief, lines, width)
	} else if h, _ := f.GetRowHeight("Plan", 2); h != float64(lines*lineHeight) {
		t.Errorf("row 2 is %v points tall, want %d lines of the brief", h, lines)
	}
}

// formulaSheets are the sheets that may hold formulas: the Mix, Writers and
// Budget, all of them over the Plan table.
func formulaSheets(tx *i18n.Texts) []string {
	return []string{tx.SheetMix, tx.SheetWriters, tx.SheetBudget, tx.Review().Sheet}
}

// TestWriteXLSXOnlyMixHasFormulas opens the package itself: a formula is an
// <f> element, and only the Mix, Writers and Budget sheets may have any
// (each of them does), however much the channel, pillar, campaign and
// writer names look like formulas.
func TestWriteXLSXOnlyMixHasFormulas(t *testing.T) {
	t.Parallel()
	for name, plan := range map[string]*calendar.Plan{"quarter": xlsxPlan(), "awkward": testutil.RecordPlan()} {
		data, f := writeXLSX(t, plan, Options{})
		paths := sheetPaths(t, f)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
				continue
			}
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			n := otherFormulas(b)
			if sheet := paths[zf.Name]; slices.Contains(formulaSheets(i18n.For(plan.Language)), sheet) {
				if n == 0 {
					t.Errorf("%s: the %s has no formulas", name, sheet)
				}
			} else if n > 0 {
				t.Errorf("%s: sheet %q (%s) has %d formulas", name, sheet, zf.Name, n)
			}
		}
		// And what looked like a formula reads back as the text it was.
		if name == "quarter" {
			if v, _ := f.GetCellValue("Plan", cellRef(colChannel, 2)); v != "=Telegram" {
				t.Errorf("%s = %q, want the channel name as text", cellRef(colChannel, 2), v)
			}
		}
	}
}

// otherFormulas counts the formulas of a worksheet's XML other than the
// Plan's copy lengths (LEN of the row's Copy cell), which every workbook
// has, static or not.
func otherFormulas(b []byte) int {
	all := regexp.MustCompile(`<f[ >]`).FindAll(b, -1)
	lengths := regexp.MustCompile(`<f>LEN\([A-Z]+[0-9]+\)</f>`).FindAll(b, -1)
	return len(all) - len(lengths)
}

// sheetPaths maps each worksheet's part name to its sheet name.
func sheetPaths(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	out := map[string]string{}
	for i, name := range f.GetSheetList() {
		// excelize numbers new sheets in creation order, which is list order.
		out[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = name
	}
	return out
}

func TestWriteXLSXReproducible(t *testing.T) {
	t.Parallel()
	a, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	for range 3 {
		b, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
		if !bytes.Equal(a, b) {
			t.Fatal("two runs of the same plan differ")
		}
	}
	c, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow.Add(time.Hour)})
	if bytes.Equal(a, c) {
		t.Error("the timestamp does not reach the file")
	}
	// Every zip entry carries the timestamp, not the time of the run.
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !zf.Modified.Equal(testNow) {
			t.Errorf("%s modified %v, want %v", zf.Name, zf.Modified, testNow)
		}
	}
}

func TestWriteXLSXMonthGrid(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{Now: testNow})
	// 2027-02-01 is a Monday: row 3 holds Feb 1–7, row 4 Feb 8–14.
	for _, tc := range []struct {
		sheet, cell string
		want        []string
		not         []string
	}{
		{"February 2027", "A3", []string{"1\n", "08:30 =Telegram · text", "12:00 Instagram · photo"}, []string{"more"}},
		{"February 2027", "G4", []string{"14\n", "08:30 =Telegram", "+4 more"}, nil},
		{"February 2027", "B6", []string{"23  Defender of the Fatherland Day"}, nil},
		{"February 2027", "E4", []string{"12  Valentine's tasting\n"}, nil},
		// Two on a day: the holiday first, the date on a line of its own.
		{"March 2027", "A4", []string{"8  International Women's Day\n=Spring menu, day 1\n"}, nil},
		{"January 2027", "A2", []string{"Mon"}, nil},
		{"January 2027", "A1", []string{"January 2027 · Northwind Coffee, Q1 2027"}, nil},
	} {
		v, err := f.GetCellValue(tc.sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(v, w) {
				t.Errorf("%s!%s = %q, want %q in it", tc.sheet, tc.cell, v, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(v, w) {
				t.Errorf("%s!%s = %q, want no %q", tc.sheet, tc.cell, v, w)
			}
		}
	}
	// A crowded day lists gridMaxLines-1 posts and the rest as a count.
	v, _ := f.GetCellValue("February 2027", "G4")
	if lines := strings.Count(v, "\n"); lines != gridMaxLines {
		t.Errorf("crowded day has %d lines after the day number, want %d:\n%s", lines, gridMaxLines, v)
	}
	// Days of other months are blank; under the weeks, a legend.
	if v, _ := f.GetCellValue("March 2027", "G7"); v != "" {
		t.Errorf("G7 after the month = %q", v)
	}
	if v, _ := f.GetCellValue("February 2027", "A7"); v != "■ Instagram    ■ =Telegram    ■ VK*    Borrowed    Holiday    Key date" {
		t.Errorf("legend %q", v)
	}
}

func TestWriteXLSXWriterSplit(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{Writer: "Katya"})
	rows, _ := f.GetRows("Plan")
	for _, r := range rows[1:] {
		if r[colWriter-1] != "Katya" {
			t.Fatalf("row of writer %q in Katya's workbook", r[colWriter-1])
		}
	}
	props, _ := f.GetDocProps()
	if !strings.Contains(props.Title, "Katya") {
		t.Errorf("title %q does not name the writer", props.Title)
	}
	_, f = writeXLSX(t, plan, Options{Writer: "nobody"})
	if rows, _ := f.GetRows("Plan"); len(rows) != 1 {
		t.Errorf("%d rows for a writer without posts, want the header", len(rows))
	}
}

// TestWriteXLSXMixFormulas checks the formulas' text: plain A1 ranges
// over the Plan's rows, counting exactly the channel's name (escaped for
// COUNTIFS), and the whole plan against the plan's cap.
func TestWriteXLSXMixFormulas(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	_, f := writeXLSX(t, plan, Options{})
	col := func(c int) string {
		return fmt.Sprintf("'Plan'!$%s$2:$%[1]s$%d", colName(c), plan.Total+1)
	}
	ch, date, src := col(colChannel), col(colDate), col(colSource)
	month := func(r int) string {
		return fmt.Sprintf(`%s,">="&$B%d,%s,"<="&EOMONTH($B%d,0)`, date, r, date, r)
	}
	for _, tc := range []struct{ cell, want string }{
		{"C2", `COUNTIFS(` + ch + `,"=Instagram",` + month(2) + `)`},
		{"E2", `COUNTIFS(` + ch + `,"=Instagram",` + month(2) + `,` + src + `,"=Borrowed")`},
		{"C5", `COUNTIFS(` + ch + `,"=Instagram")`},
		{"C6", `COUNTIFS(` + ch + `,"==Telegram",` + month(6) + `)`},
		{"C10", `COUNTIFS(` + ch + `,"VK~*",` + month(10) + `)`},
		{"F2", `IF(C2=0,0,E2/C2)`},
		// The whole plan: every row with an id, against the plan's cap.
		{"C14", `COUNTA(` + col(colID) + `)`},
		{"E14", `COUNTIFS(` + src + `,"=Borrowed")`},
		{"J2", `COUNTIFS(` + date + `,">="&DATE(2027,1,1),` + date + `,"<="&DATE(2027,1,31))`},
		// Formats and pillars against their shares.
		{"C17", `COUNTIFS(` + ch + `,"=Instagram",` + col(colFormat) + `,"=photo")`},
		{"D17", `IF($C$5=0,0,C17/$C$5)`},
	} {
		if got, _ := f.GetCellFormula("Mix", tc.cell); got != tc.want {
			t.Errorf("Mix!%s = %s\n want %s", tc.cell, got, tc.want)
		}
	}
	for cell, want := range map[string]string{"A14": "All channels", "B14": "Total", "G14": "0.3", "G6": "0.3",
		"I2": "January 2027", "A16": "Channel", "B16": "Format", "B17": "photo", "E17": "0.5"} {
		if v, _ := f.GetCellValue("Mix", cell, excelize.Options{RawCellValue: true}); v != want {
			t.Errorf("Mix!%s = %q, want %q", cell, v, want)
		}
	}
	rows, _ := f.GetRows("Mix")
	var pillars []string
	for _, r := range rows[23:] {
		pillars = append(pillars, r[0])
	}
	if want := []string{"Pillar", "menu", "+behind the bar"}; !slices.Equal(pillars, want) {
		t.Errorf("pillar rows %q, want %q", pillars, want)
	}
}

func TestCriterion(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Instagram": `"=Instagram"`,
		"=x":        `"==x"`,
		"TV*":       `"TV~*"`,
		"a?b~c":     `"a~?b~~c"`,
		"=TV*":      `"==TV~*"`,
		">a?":       `"=>a~?"`,
		`say "hi"`:  `"=say ""hi"""`,
	} {
		if got, ok := criterion(in); !ok || got != want {
			t.Errorf("criterion(%q) = %s, want %s", in, got, want)
		}
	}
	if _, ok := criterion(strings.Repeat("x", 300)); ok {
		t.Error("a 300-character criterion passed")
	}
}

// TestWriteXLSXTooManyPosts checks the refusal of a plan beyond one sheet.
// It is slow (a million posts are counted), so -short skips it.
func TestWriteXLSXTooManyPosts(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("counts a million posts")
	}
	var pulled int
	plan := testutil.ManyPosts(maxPlanPosts+1, &pulled)
	err := Write(io.Discard, plan, Options{})
	if err == nil || !strings.Contains(err.Error(), "--split writer") || !strings.Contains(err.Error(), "1048576 posts") {
		t.Fatalf("err = %v, want a refusal naming --split writer", err)
	}
}

func TestWriteXLSXStopsOnWriteError(t *testing.T) {
	t.Parallel()
	err := Write(&testutil.FailWriter{N: 100}, xlsxPlan(), Options{})
	if err == nil {
		t.Fatal("no error from a failing writer")
	}
}

func TestWriteXLSXNoPlan(t *testing.T) {
	t.Parallel()
	if err := Write(io.Discard, nil, Options{}); err == nil {
		t.Fatal("no error for a nil plan")
	}
}

// benchPlan is n posts over a year on five channels, produced lazily.
func benchPlan(n int) *calendar.Plan {
	plan := xlsxPlan()
	chs, fs := plan.Channels, plan.Formats
	start := calendar.MakeDate(2027, 1, 1)
	perDay := max(1, n/365)
	plan.Start, plan.End = start, start.AddDays(364)
	plan.SetPosts(iter.Seq[calendar.Post](func(yield func(calendar.Post) bool) {
		for i := range n {
			d := start.AddDays(min(i/perDay, 364))
			p := calendar.Post{
				ID: fmt.Sprintf("p%07d", i), Date: d, Time: calendar.Clock(i % 1440),
				Channel: chs[i%len(chs)], Format: fs[i%len(fs)], Source: calendar.Own,
				Pillar: plan.Pillars[i%2], Writer: "Katya", DraftDue: d - 3, Status: "planned",
			}
			if i%4 == 0 {
				p.Source = calendar.Borrowed
			}
			if !yield(p) {
				return
			}
		}
	}))
	return plan
}

func BenchmarkWriteXLSX(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("-short")
			}
			plan := benchPlan(n)
			b.ReportAllocs()
			for b.Loop() {
				var cw countWriter
				if err := Write(&cw, plan, Options{}); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cw), "bytes/file")
			}
		})
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// TestWriteXLSXGolden compares a text dump of the quarter's workbook (the
// Plan's first rows, the whole Mix, Strategy, Writers and Budget with their
// formulas, February's grid, the marker) with testdata/golden/xlsx, and the same
// quarter in Russian (its new sheets: labels, sheet names and criteria in
// Cyrillic); go test -update rewrites them. The dump, unlike the zip's
// bytes, survives an excelize upgrade that only reorders XML, and a
// reviewer can read it.
func TestWriteXLSXGolden(t *testing.T) {
	t.Parallel()
	ru := xlsxPlan()
	ru.Language = "ru"
	tx := i18n.For("ru")
	for _, tc := range []struct {
		name   string
		plan   *calendar.Plan
		sheets []dumpSheet
	}{
		{"quarter", xlsxPlan(), []dumpSheet{{"Plan", 6}, {"Instructions", 0}, {"Mix", 0}, {"Strategy", 0}, {"KPI", 0}, {"Writers", 0}, {"Budget", 0}, {"February 2027", 0}, {markerSheet, 0}}},
		{"quarter-ru", ru, []dumpSheet{{tx.SheetPlan, 2}, {tx.Book().SheetInstructions, 0}, {tx.SheetMix, 0}, {tx.SheetStrategy, 0}, {tx.Review().Sheet, 0}, {tx.SheetWriters, 0}, {tx.SheetBudget, 0}, {markerSheet, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, f := writeXLSX(t, tc.plan, Options{Now: testNow})
			golden.Check(t, filepath.Join("..", "..", "testdata", "golden", "xlsx", tc.name+".txt"), dumpXLSX(t, f, tc.sheets))
		})
	}
}

type dumpSheet struct {
	name string
	rows int // 0: all
}

// dumpXLSX writes each sheet's cells, one a line: a formula as =…, with
// the value it carries after "→", else the value as shown, quoted; then
// the sheet's merged cells.
func dumpXLSX(t *testing.T, f *excelize.File, sheets []dumpSheet) []byte {
	t.Helper()
	var b strings.Builder
	for _, s := range sheets {
		fmt.Fprintf(&b, "== %s\n", s.name)
		rows, err := f.GetRows(s.name)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			if s.rows > 0 && r >= s.rows {
				break
			}
			for c := range row {
				ref := cellRef(c+1, r+1)
				if formula, _ := f.GetCellFormula(s.name, ref); formula != "" {
					v, _ := f.GetCellValue(s.name, ref, excelize.Options{RawCellValue: true})
					fmt.Fprintf(&b, "%s =%s → %s\n", ref, formula, v)
				} else if row[c] != "" {
					fmt.Fprintf(&b, "%s %q\n", ref, row[c])
				}
			}
		}
		merged, err := f.GetMergeCells(s.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range merged {
			fmt.Fprintf(&b, "merged %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
	}
	return []byte(b.String())
}

// FuzzWriteXLSXNames feeds arbitrary channel, pillar, campaign, writer,
// goal and currency names through the workbook: it must never fail or
// panic, every name must read back as the text it was (as XML can hold it),
// and no cell outside the Mix, Writers and Budget may become a formula.
func FuzzWriteXLSXNames(f *testing.F) {
	for _, s := range []string{"Instagram", "=1+1", "@SUM(A1)", "+7", "-x", "VK*", "a?b~c", `say "hi"`,
		"\x00\x01", "\xff\xfe", "Кофе", "_x0041_", "tab\there", " spaced ", strings.Repeat("long", 80)} {
		f.Add(s, s+"!", "@"+s)
	}
	f.Fuzz(func(t *testing.T, channel, pillar, campaign string) {
		if len(channel)+len(pillar)+len(campaign) > 2000 {
			t.Skip()
		}
		ch := &calendar.Channel{Name: channel, Cap: 3000}
		fm := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: pillar}}
		pl := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: pillar}}
		d := calendar.MakeDate(2027, 1, 4)
		plan := &calendar.Plan{Name: campaign, Start: d, End: d, Location: time.UTC, Channels: []*calendar.Channel{ch},
			Currency: pillar, Writers: []calendar.WriterSpec{{Name: campaign, Capacity: 1}},
			Goals: []calendar.GoalSpec{{ID: channel, Why: pillar, Owner: campaign,
				Objectives: []calendar.ObjectiveSpec{{ID: pillar, What: campaign, Actions: []string{channel}}}}}}
		plan.SetPosts(func(yield func(calendar.Post) bool) {
			yield(calendar.Post{ID: channel, Date: d, Channel: ch, Format: fm, Pillar: pl,
				Campaign: campaign, Writer: campaign, Source: calendar.Borrowed, DraftDue: d - 2, Cost: 1.5})
		})
		data, xf := writeXLSX(t, plan, Options{})
		for col, want := range map[int]string{colID: channel, colChannel: channel, colPillar: pillar, colCampaign: campaign} {
			got, err := xf.GetCellValue("Plan", cellRef(col, 2))
			if err != nil {
				t.Fatal(err)
			}
			if want = cleanXML(want); got != want && !(len(want) > 0 && got == "") {
				t.Errorf("column %d: got %q, want %q", col, got, want)
			}
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		paths := sheetPaths(t, xf)
		for _, zf := range zr.File {
			if slices.Contains(formulaSheets(i18n.For("")), paths[zf.Name]) || !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
				continue
			}
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if otherFormulas(b) > 0 {
				t.Errorf("%s has a formula", zf.Name)
			}
		}
	})
}

// TestExcelizeStreamOrder pins the excelize v2.11.1 behaviour that
// writePlan is built around, so that an upgrade which changes it is noticed:
// a data validation added to a streamed sheet before Flush is kept, one
// added after Flush is lost, and a streamed sheet's dimension is "A1" unless
// set before the stream starts.
func TestExcelizeStreamOrder(t *testing.T) {
	t.Parallel()
	write := func(before, dimension bool) *excelize.File {
		f := excelize.NewFile()
		defer f.Close()
		if dimension {
			if err := f.SetSheetDimension("Sheet1", "A1:A3"); err != nil {
				t.Fatal(err)
			}
		}
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= 3; r++ {
			if err := sw.SetRow(cellRef(1, r), []any{"x"}); err != nil {
				t.Fatal(err)
			}
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "A2:A3"
		_ = dv.SetDropList([]string{"a", "b"})
		if before {
			_ = f.AddDataValidation("Sheet1", dv)
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		if !before {
			_ = f.AddDataValidation("Sheet1", dv)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		g, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { g.Close() })
		return g
	}
	if dvs, _ := write(true, false).GetDataValidations("Sheet1"); len(dvs) != 1 {
		t.Errorf("validation added before Flush: %d kept, want 1", len(dvs))
	}
	if dvs, _ := write(false, false).GetDataValidations("Sheet1"); len(dvs) != 0 {
		t.Errorf("validation added after Flush: %d kept; excelize changed, simplify writePlan", len(dvs))
	}
	if dim, _ := write(true, false).GetSheetDimension("Sheet1"); dim != "A1" {
		t.Errorf("streamed dimension %q; excelize changed", dim)
	}
	if dim, _ := write(true, true).GetSheetDimension("Sheet1"); dim != "A1:A3" {
		t.Errorf("dimension set before streaming: %q", dim)
	}
}

// TestWriteXLSXZipOrder: the streamed sheets come first in the zip, the Plan
// then the Mix, KPI, Writers, Budget and month grids in sheet order,
// whatever order excelize's map of streams gives them, so the bytes do not
// vary between runs.
func TestWriteXLSXZipOrder(t *testing.T) {
	t.Parallel()
	var first []string
	for range 8 {
		data, f := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, zf := range zr.File {
			names = append(names, zf.Name)
		}
		if first == nil {
			first = names
			paths := sheetPaths(t, f)
			var want []string
			for _, n := range []string{"Plan", "Mix", "KPI", "Writers", "Budget", "January 2027", "February 2027", "March 2027"} {
				for part, name := range paths {
					if name == n {
						want = append(want, part)
					}
				}
			}
			if len(names) < len(want) || !slices.Equal(names[:len(want)], want) {
				t.Fatalf("zip starts %q, want %q", names[:min(len(names), len(want))], want)
			}
			continue
		}
		if !slices.Equal(names, first) {
			t.Fatalf("zip entries in another order:\n%q\nthen\n%q", first, names)
		}
	}
}

// TestWriteXLSXGridLook: the streamed month grid keeps the look of the
// cells excelize's SetCellRichText made: per-channel coloured lines and
// italics for borrowed posts as inline rich text, day styles, the merged
// title and legend, row heights and page setup.
func TestWriteXLSXGridLook(t *testing.T) {
	t.Parallel()
	_, f := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	const sheet = "February 2027"
	runs, err := f.GetCellRichText(sheet, "G4")
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != gridMaxLines+1 || runs[0].Text != "14" || runs[0].Font == nil || !runs[0].Font.Bold {
		t.Fatalf("G4 runs %+v", runs)
	}
	var italic, colored int
	for _, r := range runs[1:] {
		if r.Font != nil && r.Font.Italic {
			italic++
		}
		if r.Font != nil && slices.Contains(channelInk, strings.TrimPrefix(r.Font.Color, "FF")) {
			colored++
		}
	}
	if colored == 0 || italic == 0 {
		t.Errorf("G4: %d coloured lines, %d italic; want some of each", colored, italic)
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != 2 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "G1" || merged[1].GetStartAxis() != "A7" {
		t.Errorf("merged %v", merged)
	}
	for _, tc := range []struct {
		cell  string
		fill  string
		style string
	}{{"A3", "", "day"}, {"G3", "F7F7F7", "weekend"}, {"B6", "FBE5E1", "holiday"}, {"E4", "E4EDF7", "key date"},
		{"A6", "", "day"}, {"G7", "EDEDED", "blank"}} {
		sheet := sheet
		if tc.style == "blank" {
			sheet = "March 2027" // March 31 is a Wednesday
		}
		id, err := f.GetCellStyle(sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		var fill string
		if len(st.Fill.Color) > 0 {
			fill = st.Fill.Color[0]
		}
		if fill != tc.fill || st.Alignment == nil || !st.Alignment.WrapText || len(st.Border) != 4 {
			t.Errorf("%s (%s): fill %q, alignment %+v, %d borders", tc.cell, tc.style, fill, st.Alignment, len(st.Border))
		}
	}
	if h, _ := f.GetRowHeight(sheet, 1); h != 28 {
		t.Errorf("title row height %v", h)
	}
	if h, _ := f.GetRowHeight(sheet, 4); h < 560/4.0 {
		t.Errorf("week row height %v", h)
	}
	if w, _ := f.GetColWidth(sheet, "D"); w != 25 {
		t.Errorf("column width %v", w)
	}
	if lay, err := f.GetPageLayout(sheet); err != nil || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("page layout %+v, %v", lay, err)
	}
	if props, err := f.GetSheetProps(sheet); err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page: %+v, %v", props, err)
	}
	if dim, _ := f.GetSheetDimension(sheet); dim != "A1:G7" {
		t.Errorf("dimension %q", dim)
	}
}

// TestWriteXLSXPrintSetup: printed, the Plan (and every sheet of figures)
// fits the page's width in landscape, the Plan's header row repeats on
// every page, its text columns wrap, each page's footer names the plan,
// and in every language no header row's column is narrower than its
// header needs on two lines without breaking a word (one line for a
// week's label over its Monday). What LibreOffice then draws was looked at
// in renders (TestXLSXRender).
func TestWriteXLSXPrintSetup(t *testing.T) {
	t.Parallel()
	for name, plan := range xlsxExamples(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, f := writeXLSX(t, plan, Options{Now: testNow})
			tx := i18n.For(plan.Language)
			names := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				names[dn.Scope+" "+dn.Name] = dn.RefersTo
			}
			if got := names[tx.SheetPlan+" _xlnm.Print_Titles"]; got != quoteSheet(tx.SheetPlan)+"!$1:$1" {
				t.Errorf("Plan print titles %q", got)
			}
			sheets := append([]string{tx.SheetPlan, tx.Book().SheetInstructions}, figureSheets(f, tx)...)
			for _, sheet := range sheets {
				lay, err := f.GetPageLayout(sheet)
				if err != nil || *lay.Orientation != "landscape" || *lay.FitToWidth != 1 || *lay.FitToHeight != 0 {
					t.Errorf("%s: page layout %+v, %v: want landscape, fit to the page's width", sheet, lay, err)
				}
				if props, err := f.GetSheetProps(sheet); err != nil || props.FitToPage == nil || !*props.FitToPage {
					t.Errorf("%s: not fitted to the page: %+v, %v", sheet, props, err)
				}
				hf, err := f.GetHeaderFooter(sheet)
				if err != nil || !strings.Contains(hf.OddFooter, "&P") || !strings.HasPrefix(hf.OddFooter, "&L") {
					t.Errorf("%s: footer %+v, %v", sheet, hf, err)
				}
			}
			for c := 1; c <= numCols; c++ {
				header, _ := f.GetCellValue(tx.SheetPlan, cellRef(c, 1))
				if w, _ := f.GetColWidth(tx.SheetPlan, colName(c)); w < min(headerWidth(header), 40) {
					t.Errorf("Plan column %q is %v wide, its header needs %v", header, w, headerWidth(header))
				}
			}
			for _, sheet := range figureSheets(f, tx) {
				rows, _ := f.GetRows(sheet)
				for c, h := range rows[0] {
					need := headerWidth(h)
					if sheet == tx.SheetWriters && strings.HasPrefix(h, tx.Week+" ") {
						need = lineWidth(h)
					}
					if h == tx.AsGenerated {
						continue // the static note runs on over empty cells
					}
					if w, _ := f.GetColWidth(sheet, colName(c+1)); w < need {
						t.Errorf("%s: column %s %q is %v wide, its header needs %v", sheet, colName(c+1), h, w, need)
					}
				}
			}
		})
	}
}

// TestWriteXLSXChartMonths: the Mix chart's categories are the months'
// names as text, so that a plan of one month shows "May 2027" under its
// bar (a date axis of one point showed another month).
func TestWriteXLSXChartMonths(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	plan.Start, plan.End = calendar.MakeDate(2027, 2, 1), calendar.MakeDate(2027, 2, 28)
	all := plan.Posts()
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for p := range all {
			if p.Date >= plan.Start && p.Date <= plan.End && !yield(p) {
				return
			}
		}
	})
	_, f := writeXLSX(t, plan, Options{Now: testNow})
	if v, _ := f.GetCellValue("Mix", cellRef(mixByMonth, 2)); v != "February 2027" {
		t.Errorf("Mix month %q", v)
	}
	if typ, _ := f.GetCellType("Mix", cellRef(mixByMonth, 2)); typ != excelize.CellTypeInlineString {
		t.Errorf("Mix month cell of type %v, want text", typ)
	}
	if v, _ := f.GetCellValue("Mix", cellRef(mixByMonth, 3)); v != "" {
		t.Errorf("a second month %q in a plan of one", v)
	}
}

// TestWriteXLSXSplitNoCosts: the workbooks of --split writer, a writer's and
// the unassigned posts', go to writers: no Cost column (on the Plan, the
// Removed sheet and the Instructions), no Budget sheet, no currency
// anywhere; the Plan still reads back as the csv's rows of its posts.
func TestWriteXLSXSplitNoCosts(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	for _, opt := range []Options{{Writer: "Katya"}, {Unassigned: true}} {
		data, f := writeXLSX(t, plan, opt)
		if slices.Contains(f.GetSheetList(), "Budget") {
			t.Errorf("%+v: a Budget sheet: %q", opt, f.GetSheetList())
		}
		header, _ := f.GetRows("Plan")
		if slices.Contains(header[0], "Cost") || len(header[0]) != numCols-1 {
			t.Errorf("%+v: Plan header %q", opt, header[0])
		}
		guide, _ := f.GetRows("Instructions")
		for _, r := range guide {
			if len(r) > 0 && r[0] == "Cost" {
				t.Errorf("%+v: the Instructions explain a Cost column", opt)
			}
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			part, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(part, []byte("EUR")) {
				t.Errorf("%+v: the currency is in %s", opt, zf.Name)
			}
		}
		b := readBytes(t, data)
		var want []string
		for p := range plan.Posts() {
			if (opt.Writer != "" && p.Writer == opt.Writer) || (opt.Unassigned && p.Writer != "Katya" && p.Writer != "Ilya" && p.Writer != "Vera") {
				want = append(want, p.ID)
			}
		}
		var got []string
		for _, r := range b.Rows {
			got = append(got, r.ID)
			if r.Cost != 0 {
				t.Errorf("%+v: post %s costs %v", opt, r.ID, r.Cost)
			}
		}
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%+v: posts %q, want %q", opt, got, want)
		}
	}
}

// TestWriteXLSXInstructions: the Instructions sheet explains every visible
// column of the Plan in its order, in each language (a new column without
// its words fails here), names the time zone, the statuses and each
// channel's limits, and in a writer's workbook whose part it is.
func TestWriteXLSXInstructions(t *testing.T) {
	t.Parallel()
	for _, lang := range i18n.Languages() {
		plan := xlsxPlan()
		plan.Language = lang
		tx := i18n.For(lang)
		book := tx.Book()
		for c := 1; c <= numCols; c++ {
			if g, ok := book.Columns[columnKeys[c]]; c != colGenerated && (!ok || g.What == "") {
				t.Errorf("%s: no words for the column %q (key %q)", lang, tx.Columns[c-1], columnKeys[c])
			}
		}
		_, f := writeXLSX(t, plan, Options{Now: testNow, Writer: "Ilya"})
		rows, err := f.GetRows(book.SheetInstructions)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		var firsts []string
		for _, r := range rows {
			text.WriteString(strings.Join(r, "\t") + "\n")
			if len(r) > 0 {
				firsts = append(firsts, r[0])
			}
		}
		// The columns in the Plan's order, as its header names them; no
		// Cost in a writer's workbook, no hidden column.
		header, _ := f.GetRows(tx.SheetPlan)
		var want []string
		for _, h := range header[0] {
			if h != tx.Columns[colGenerated-1] {
				want = append(want, h)
			}
		}
		at := slices.Index(firsts, book.ColumnHead)
		if at < 0 || len(firsts) < at+1+len(want) || !slices.Equal(firsts[at+1:at+1+len(want)], want) {
			t.Errorf("%s: columns explained %q, want %q", lang, firsts, want)
		}
		for _, s := range []string{fmt.Sprintf(book.Zone, "Europe/Moscow"), fmt.Sprintf(book.WriterPart, "Ilya"),
			tx.Statuses[3], book.StatusNotes[6][:10], "2200", book.SendTitle} {
			if !strings.Contains(text.String(), s) {
				t.Errorf("%s: the Instructions do not say %q:\n%s", lang, s, text.String())
			}
		}
		if strings.Contains(text.String(), "{") {
			t.Errorf("%s: a placeholder left in the Instructions", lang)
		}
	}
}
