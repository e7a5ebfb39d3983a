package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// The Mix sheet's columns: per channel and month on the left, all channels
// by month (the chart's data) on the right.
const (
	mixChannel = iota + 1
	mixMonth
	mixPosts
	mixOwn
	mixBorrowed
	mixShare
	mixCap
	_ // a gap column
	mixByMonth
	mixByPosts
	mixByOwn
	mixByBorrowed
)

// gridMaxLines is how many posts a month-grid day lists before it sums up
// the rest as "+N more": a day cell stays readable on paper, and a huge plan
// keeps small grids.
const gridMaxLines = 8

// gridDay is what the month grid shows for one day.
type gridDay struct {
	lines []gridLine // at most gridMaxLines
	n     int        // posts on the day
}

type gridLine struct {
	text     string // "09:30 Instagram · reel"
	color    int    // channel colour index
	borrowed bool
}

func (x *xlsxWriter) addToGrid(p *calendar.Post) {
	d := x.days[p.Date]
	if d == nil {
		d = &gridDay{}
		x.days[p.Date] = d
	}
	d.n++
	if len(d.lines) < gridMaxLines {
		channel, format := "", ""
		if p.Channel != nil {
			channel = p.Channel.Name
		}
		if p.Format != nil {
			format = p.Format.Name
		}
		d.lines = append(d.lines, gridLine{
			text:     p.Time.String() + " " + channel + " · " + format,
			color:    x.colorOf(p.Channel),
			borrowed: p.Source == calendar.Borrowed,
		})
	}
}

// colorOf gives a channel its colour by its place in the spec, so that a
// channel looks the same in every writer's workbook.
func (x *xlsxWriter) colorOf(c *calendar.Channel) int {
	if i, ok := x.colors[c]; ok {
		return i
	}
	if c == nil || c.Index < 0 {
		return 0
	}
	return c.Index
}

// months lists the first day of each month from x.first to x.last.
func (x *xlsxWriter) months() []calendar.Date {
	var ms []calendar.Date
	for m := x.first.FirstOfMonth(); m <= x.last; m = m.AddDays(m.DaysInMonth()) {
		ms = append(ms, m)
	}
	return ms
}

// columnEscaper escapes ' [ ] # in a column name of a structured
// reference with '. Built once: a Replacer builds its tables on first use,
// and the Mix asks for a reference several times per channel and month.
var columnEscaper = strings.NewReplacer("'", "''", "[", "'[", "]", "']", "#", "'#")

// col returns a structured reference to a Plan table column, e.g.
// Posts[Channel].
func (x *xlsxWriter) col(c int) string {
	if x.colRefs[c-1] == "" {
		x.colRefs[c-1] = tableName + "[" + columnEscaper.Replace(x.t.Columns[c-1]) + "]"
	}
	return x.colRefs[c-1]
}

// writeMix writes the Mix sheet. Every count is a COUNTIFS over the Plan
// table, so it follows the writers' edits (a changed Source, a moved Date)
// and rows they add to the table.
func (x *xlsxWriter) writeMix() error {
	f, t, sheet := x.f, x.t, x.t.SheetMix
	months := x.months()
	monthFmt, pct := "yyyy-mm", "0%"
	for _, c := range x.channels {
		if c.Cap%100 != 0 {
			pct = "0.00%"
		}
	}
	head := headStyle()
	head.Alignment.Horizontal = "center"
	sHead, err := f.NewStyle(head)
	if err != nil {
		return err
	}
	sMonth, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &monthFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	sPct, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &pct})
	sTotal, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "top", Color: "808080", Style: 1}}})
	sTotalPct, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &pct, Border: []excelize.Border{{Type: "top", Color: "808080", Style: 1}}})
	sText, _ := f.NewStyle(&excelize.Style{NumFmt: 49})

	// Slices, not maps: the order of writes decides the order of shared
	// strings and columns in the file, which must not vary between runs.
	heads := []struct {
		c     int
		label string
		width float64
	}{
		{mixChannel, t.Channel, 18}, {mixMonth, t.Month, 10}, {mixPosts, t.Posts, 9}, {mixOwn, t.Own, 9},
		{mixBorrowed, t.Borrowed, 11}, {mixShare, t.Share, 11}, {mixCap, t.Cap, 8}, {mixCap + 1, "", 3},
		{mixByMonth, t.Month, 10}, {mixByPosts, t.Posts, 9}, {mixByOwn, t.Own, 9}, {mixByBorrowed, t.Borrowed, 11},
	}
	for _, h := range heads {
		if h.label != "" {
			if err := f.SetCellStr(sheet, cellRef(h.c, 1), h.label); err != nil {
				return err
			}
		}
		if err := f.SetColWidth(sheet, colName(h.c), colName(h.c), h.width); err != nil {
			return err
		}
	}
	for _, span := range [][2]int{{mixChannel, mixCap}, {mixByMonth, mixByBorrowed}} {
		if err := f.SetCellStyle(sheet, cellRef(span[0], 1), cellRef(span[1], 1), sHead); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}

	ownLit, _ := criterion(t.Own)
	borLit, _ := criterion(t.Borrowed)
	inMonth := func(r int) string {
		return fmt.Sprintf(`,%s,">="&$%s%d,%s,"<="&EOMONTH($%s%d,0)`,
			x.col(colDate), colName(mixMonth), r, x.col(colDate), colName(mixMonth), r)
	}
	// In a static workbook (see maxLivePosts) each formula's cell holds
	// the figure it would compute instead.
	set := func(c, r int, formula string, v any) error {
		return x.summaryCell(sheet, cellRef(c, r), formula, v)
	}
	r := 1
	for _, ch := range x.channels {
		chLit, ok := criterion(ch.Name)
		if !ok {
			chLit = `""` // too long for a formula literal: counts nothing
		}
		byChannel := x.col(colChannel) + "," + chLit
		capValue := float64(ch.Cap) / 10000
		for _, m := range months {
			r++
			n := x.mixCounts(ch, m)
			y, mo, _ := m.YMD()
			if err := f.SetCellValue(sheet, cellRef(mixChannel, r), ch.Name); err != nil {
				return err
			}
			if err := f.SetCellValue(sheet, cellRef(mixMonth, r), time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)); err != nil {
				return err
			}
			for _, e := range []struct {
				c       int
				formula string
				v       any
			}{
				{mixPosts, "COUNTIFS(" + byChannel + inMonth(r) + ")", n[0]},
				{mixOwn, "COUNTIFS(" + byChannel + "," + x.col(colSource) + "," + ownLit + inMonth(r) + ")", n[1]},
				{mixBorrowed, "COUNTIFS(" + byChannel + "," + x.col(colSource) + "," + borLit + inMonth(r) + ")", n[2]},
				{mixShare, fmt.Sprintf("IF(%[1]s%[3]d=0,0,%[2]s%[3]d/%[1]s%[3]d)", colName(mixPosts), colName(mixBorrowed), r), share(n)},
			} {
				if err := set(e.c, r, e.formula, e.v); err != nil {
					return err
				}
			}
			if err := f.SetCellFloat(sheet, cellRef(mixCap, r), capValue, -1, 64); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellRef(mixChannel, r), cellRef(mixChannel, r), sText); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellRef(mixMonth, r), cellRef(mixMonth, r), sMonth); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellRef(mixShare, r), cellRef(mixCap, r), sPct); err != nil {
				return err
			}
		}
		// The channel's whole-plan total, where rule 3's exact cap applies.
		r++
		if err := f.SetCellValue(sheet, cellRef(mixChannel, r), ch.Name); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cellRef(mixMonth, r), t.Total); err != nil {
			return err
		}
		var n [3]int
		if c := x.sums.mixTotal[ch]; c != nil {
			n = *c
		}
		for _, e := range []struct {
			c       int
			formula string
			v       any
		}{
			{mixPosts, "COUNTIFS(" + byChannel + ")", n[0]},
			{mixOwn, "COUNTIFS(" + byChannel + "," + x.col(colSource) + "," + ownLit + ")", n[1]},
			{mixBorrowed, "COUNTIFS(" + byChannel + "," + x.col(colSource) + "," + borLit + ")", n[2]},
			{mixShare, fmt.Sprintf("IF(%[1]s%[3]d=0,0,%[2]s%[3]d/%[1]s%[3]d)", colName(mixPosts), colName(mixBorrowed), r), share(n)},
		} {
			if err := set(e.c, r, e.formula, e.v); err != nil {
				return err
			}
		}
		if err := f.SetCellFloat(sheet, cellRef(mixCap, r), capValue, -1, 64); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(mixChannel, r), cellRef(mixBorrowed, r), sTotal); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(mixShare, r), cellRef(mixCap, r), sTotalPct); err != nil {
			return err
		}
	}
	lastRow := max(r, 2)

	// Over the cap turns red. Rule 3 caps borrowed posts at floor(cap·k)
	// after every post k, so a whole channel may have at most
	// floor(cap·posts) of them, but one month, a stretch of the sequence,
	// may rightly hold up to ceil(cap·posts): red there only means more than
	// the rule can produce, which a writer's edit can cause. The products
	// are rounded to 6 places first, because 0.29×100 is 28.999… in
	// floating point.
	red, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: overCapInk}, Fill: solid(overCapFill)})
	if err != nil {
		return err
	}
	rule := fmt.Sprintf(`AND($%[1]s2>0,$%[2]s2>IF(ISNUMBER($%[3]s2),ROUNDUP(ROUND($%[4]s2*$%[1]s2,6),0),ROUNDDOWN(ROUND($%[4]s2*$%[1]s2,6),0)))`,
		colName(mixPosts), colName(mixBorrowed), colName(mixMonth), colName(mixCap))
	if err := f.SetConditionalFormat(sheet, rangeRef(mixBorrowed, 2, mixShare, lastRow), []excelize.ConditionalFormatOptions{{
		Type: "formula", Criteria: rule, Format: &red,
	}}); err != nil {
		return err
	}

	// All channels by month: the chart's data.
	for i, m := range months {
		r := i + 2
		y, mo, _ := m.YMD()
		if err := f.SetCellValue(sheet, cellRef(mixByMonth, r), time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(mixByMonth, r), cellRef(mixByMonth, r), sMonth); err != nil {
			return err
		}
		inMonth := fmt.Sprintf(`%s,">="&$%s%d,%s,"<="&EOMONTH($%s%d,0)`,
			x.col(colDate), colName(mixByMonth), r, x.col(colDate), colName(mixByMonth), r)
		var n [3]int
		if c := x.sums.byMonth[m]; c != nil {
			n = *c
		}
		if err := set(mixByPosts, r, "COUNTIFS("+inMonth+")", n[0]); err != nil {
			return err
		}
		if err := set(mixByOwn, r, "COUNTIFS("+x.col(colSource)+","+ownLit+","+inMonth+")", n[1]); err != nil {
			return err
		}
		if err := set(mixByBorrowed, r, "COUNTIFS("+x.col(colSource)+","+borLit+","+inMonth+")", n[2]); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastCol, err := x.asGenerated(sheet, mixByBorrowed)
	if err != nil {
		return err
	}
	// excelize leaves a sheet's dimension at "A1"; readers that trust it
	// (openpyxl in read-only mode) would see one cell.
	if err := f.SetSheetDimension(sheet, rangeRef(1, 1, lastCol, max(lastRow, len(months)+1))); err != nil {
		return err
	}
	if err := x.landscape(sheet, true); err != nil {
		return err
	}
	if len(months) == 0 {
		return nil
	}
	ref := func(c, r1, r2 int) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(sheet), colName(c), r1, colName(c), r2)
	}
	n := len(months) + 1
	series := func(c int, color string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", quoteSheet(sheet), colName(c)),
			Categories: ref(mixByMonth, 2, n),
			Values:     ref(c, 2, n),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
		}
	}
	return f.AddChart(sheet, cellRef(mixByMonth, n+2), &excelize.Chart{
		Type:      excelize.ColStacked,
		Series:    []excelize.ChartSeries{series(mixByOwn, "4472C4"), series(mixByBorrowed, "ED9B40")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Own + " / " + t.Borrowed}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 520, Height: 300},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: monthFmt}},
	})
}

// quoteSheet quotes a sheet name for a reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// writeGrids writes one wall-calendar sheet per month: Monday to Sunday
// columns, a row per week, each day listing its posts in its channel's
// colour, holidays marked, laid out for A4 landscape.
func (x *xlsxWriter) writeGrids() error {
	holidays := make(map[calendar.Date]string)
	for _, h := range x.plan.Holidays {
		if holidays[h.Date] != "" {
			holidays[h.Date] += ", " + h.Name
		} else {
			holidays[h.Date] = h.Name
		}
	}
	st, err := x.gridStyles()
	if err != nil {
		return err
	}
	for _, m := range x.months() {
		if err := x.writeGrid(m, holidays, st); err != nil {
			return err
		}
	}
	return nil
}

type gridStyles struct {
	title, head, day, weekend, holiday, outside, blank int
}

func (x *xlsxWriter) gridStyles() (gridStyles, error) {
	f := x.f
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	cell := func(fill string) (int, error) {
		s := &excelize.Style{
			Border:    border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
			Font:      &excelize.Font{Size: 9},
		}
		if fill != "" {
			s.Fill = solid(fill)
		}
		return f.NewStyle(s)
	}
	var st gridStyles
	var err error
	if st.title, err = f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}, Alignment: &excelize.Alignment{Vertical: "center"},
	}); err != nil {
		return st, err
	}
	if st.head, err = f.NewStyle(&excelize.Style{
		Border: border, Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: solid("44546A"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	}); err != nil {
		return st, err
	}
	for _, s := range []struct {
		id   *int
		fill string
	}{{&st.day, ""}, {&st.weekend, "F7F7F7"}, {&st.holiday, "FBE5E1"}, {&st.outside, "EDEDED"}, {&st.blank, "EDEDED"}} {
		if *s.id, err = cell(s.fill); err != nil {
			return st, err
		}
	}
	return st, nil
}

// writeGrid writes the grid of the month starting on first. It streams the
// sheet: SetCellRichText puts each day into the shared-string table, whose
// every insertion compares the new string with all before it
// (reflect.DeepEqual), which made the grids most of a small workbook's time.
// Streamed cells hold their rich text inline instead, which every reader
// shows the same. The stream writer takes widths before the first row,
// sheet properties (fit to page) and the dimension before it starts, and
// merges and page setup before Flush.
func (x *xlsxWriter) writeGrid(first calendar.Date, holidays map[calendar.Date]string, st gridStyles) error {
	f, t := x.f, x.t
	sheet := gridSheetName(t, first)
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	title := sheet + " · " + x.plan.Name
	if x.opt.Writer != "" {
		title += " · " + x.opt.Writer
	}
	last := first.AddDays(first.DaysInMonth() - 1)
	// Weeks share the height of an A4 landscape page (about 560 points
	// between the title and the legend, at the scale that fits seven
	// columns of 25), so that a quiet month still looks like a wall
	// calendar; a busy week grows.
	weeks := int(last.Monday()-first.Monday())/7 + 1
	minHeight := 560 / float64(weeks)
	legendRow := 2 + weeks + 1

	if err := f.SetSheetDimension(sheet, rangeRef(1, 1, 7, legendRow)); err != nil {
		return err
	}
	if err := x.landscape(sheet, true); err != nil {
		return err
	}
	q := quoteSheet(sheet)
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$G$%d", q, legendRow), Scope: sheet,
	}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: q + "!$1:$2", Scope: sheet,
	}); err != nil {
		return err
	}
	sw, err := x.stream(sheet, true)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 7, 25); err != nil {
		return err
	}
	cells := make([]any, 7)
	// The title spans the week; every cell under the merge carries its
	// style, as a merged range's cells do when Excel makes one.
	for i := range cells {
		cells[i] = excelize.Cell{StyleID: st.title}
	}
	cells[0] = excelize.Cell{StyleID: st.title, Value: title}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: 28}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", "G1"); err != nil {
		return err
	}
	for i, wd := range t.Weekdays {
		if i < len(cells) {
			cells[i] = excelize.Cell{StyleID: st.head, Value: wd}
		}
	}
	if err := sw.SetRow("A2", cells, excelize.RowOpts{Height: 18}); err != nil {
		return err
	}

	row := 2
	for week := first.Monday(); week <= last; week = week.AddDays(7) {
		row++
		lines := 0
		for i := range 7 {
			d := week.AddDays(i)
			if d < first || d > last {
				cells[i] = excelize.Cell{StyleID: st.blank}
				continue
			}
			runs, n := x.dayRuns(d, holidays[d], d < x.first || d > x.last)
			lines = max(lines, n)
			style := st.day
			switch {
			case holidays[d] != "":
				style = st.holiday
			case i >= 5:
				style = st.weekend
			}
			cells[i] = excelize.Cell{StyleID: style, Value: runs}
		}
		// 9-point lines take about 12 points each.
		height := min(max(float64(lines)*12+6, minHeight), excelize.MaxRowHeight)
		if err := sw.SetRow(cellRef(1, row), cells, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
	}

	row++
	if err := sw.SetRow(cellRef(1, row), []any{x.legend()}, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	if err := sw.MergeCell(cellRef(1, row), cellRef(7, row)); err != nil {
		return err
	}
	return sw.Flush()
}

// gridSheetName names the grid sheet of the month starting on first.
func gridSheetName(t *i18n.Texts, first calendar.Date) string {
	y, mo, _ := first.YMD()
	return t.MonthName(mo) + " " + strconv.Itoa(y)
}

// landscape sets a sheet up for A4 landscape with narrow margins, scaled to
// the page's width when fit is set (pages then run down as far as needed).
func (x *xlsxWriter) landscape(sheet string, fit bool) error {
	f := x.f
	a4, landscape, one, zero := 9, "landscape", 1, 0
	opts := &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape}
	if fit {
		opts.FitToWidth, opts.FitToHeight = &one, &zero
	}
	if err := f.SetPageLayout(sheet, opts); err != nil {
		return err
	}
	if fit {
		if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
	}
	margin := 0.4
	return f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &margin, Right: &margin, Top: &margin, Bottom: &margin,
	})
}

// legend explains the grid's colours under it: each channel in its colour,
// then the word for borrowed in italics and the word for holiday as holidays
// are marked, so it needs no sentence to translate.
func (x *xlsxWriter) legend() []excelize.RichTextRun {
	var runs []excelize.RichTextRun
	sep := ""
	for _, c := range x.channels {
		runs = append(runs, excelize.RichTextRun{
			Text: sep + "■ " + c.Name,
			Font: &excelize.Font{Size: 9, Color: channelInk[x.colorOf(c)%len(channelInk)]},
		})
		sep = "    "
	}
	runs = append(runs, excelize.RichTextRun{Text: sep + x.t.Borrowed, Font: &excelize.Font{Size: 9, Italic: true, Color: "595959"}})
	if len(x.plan.Holidays) > 0 {
		runs = append(runs, excelize.RichTextRun{Text: "    " + x.t.Holiday, Font: &excelize.Font{Size: 9, Italic: true, Color: "A61C00"}})
	}
	return runs
}

// dayRuns is the rich text of a day cell and its number of lines: the day
// number, a holiday's name, then the posts in their channels' colours.
func (x *xlsxWriter) dayRuns(d calendar.Date, holiday string, outside bool) ([]excelize.RichTextRun, int) {
	dayColor := "262626"
	if outside {
		dayColor = "A6A6A6"
	}
	runs := []excelize.RichTextRun{{Text: strconv.Itoa(d.Day()), Font: &excelize.Font{Bold: true, Size: 10, Color: dayColor}}}
	n := 1
	if holiday != "" {
		runs = append(runs, excelize.RichTextRun{Text: "  " + holiday, Font: &excelize.Font{Italic: true, Size: 8, Color: "A61C00"}})
	}
	day := x.days[d]
	if day == nil {
		return runs, n
	}
	shown := day.lines
	if day.n > gridMaxLines {
		shown = shown[:gridMaxLines-1] // the last line says how many more
	}
	for _, l := range shown {
		runs = append(runs, excelize.RichTextRun{
			Text: "\n" + l.text,
			Font: &excelize.Font{Size: 9, Italic: l.borrowed, Color: channelInk[l.color%len(channelInk)]},
		})
		n++
	}
	if more := day.n - len(shown); more > 0 {
		runs = append(runs, excelize.RichTextRun{
			Text: "\n" + fmt.Sprintf(x.t.MorePosts, more),
			Font: &excelize.Font{Size: 9, Italic: true, Color: "7F7F7F"},
		})
		n++
	}
	return runs, n
}
