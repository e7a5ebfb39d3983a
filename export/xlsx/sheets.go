package xlsx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

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

// monthFormat shows a month as 2027-01, in the Mix and the Budget alike.
const monthFormat = "yyyy-mm"

// writeMix writes the Mix sheet. Every count is a COUNTIFS over the Plan
// table, so it follows the writers' edits (a changed Source, a moved Date)
// and rows they add to the table.
func (x *xlsxWriter) writeMix() error {
	s := x.sheet(x.t.SheetMix)
	months := x.months()
	st := x.mixStyles(s)
	x.mixHeader(s, st.head)
	lastRow := max(x.mixRows(s, st, months), 2)
	x.mixOverCap(s, lastRow)
	x.mixByMonth(s, st.month, months)
	s.freeze(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	lastCol := s.note(mixByBorrowed)
	s.dimension(lastCol, max(lastRow, len(months)+1))
	s.landscape(true)
	if len(months) > 0 {
		x.mixChart(s, len(months))
	}
	return s.close()
}

// mixStyles are the Mix's cell styles.
type mixStyles struct {
	head, month, pct, total, totalPct, text int
}

func (x *xlsxWriter) mixStyles(s *sheet) mixStyles {
	monthFmt, pct := monthFormat, "0%"
	for _, c := range x.channels {
		if c.Cap%100 != 0 {
			pct = "0.00%"
		}
	}
	head := headStyle()
	head.Alignment.Horizontal = "center"
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	var st mixStyles
	st.head = s.newStyle(head)
	st.month = s.newStyle(&excelize.Style{CustomNumFmt: &monthFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	st.pct = s.newStyle(&excelize.Style{CustomNumFmt: &pct})
	st.total = s.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: top})
	st.totalPct = s.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &pct, Border: top})
	st.text = s.newStyle(&excelize.Style{NumFmt: 49})
	return st
}

// mixHeader writes the header row of both tables and sets the column
// widths.
func (x *xlsxWriter) mixHeader(s *sheet, style int) {
	t := x.t
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
			s.str(h.c, 1, h.label)
		}
		s.width(h.c, h.c, h.width)
	}
	for _, span := range [][2]int{{mixChannel, mixCap}, {mixByMonth, mixByBorrowed}} {
		s.style(span[0], 1, span[1], 1, style)
	}
	s.height(1, 30)
}

// mixRows writes each channel's rows, a month a row and then the whole
// plan, and returns the last row.
func (x *xlsxWriter) mixRows(s *sheet, st mixStyles, months []calendar.Date) int {
	r := 1
	for _, ch := range x.channels {
		for _, m := range months {
			r++
			x.mixRow(s, st, r, ch, &m)
		}
		// The channel's whole-plan total, where the exact cap of rule 3
		// (docs/spec.md) applies.
		r++
		x.mixRow(s, st, r, ch, nil)
	}
	return r
}

// mixRow writes row r of channel ch: for the month starting on *month, or
// for the whole plan when month is nil. In a static workbook (see
// maxLivePosts) each formula's cell holds the figure it would compute
// instead.
func (x *xlsxWriter) mixRow(s *sheet, st mixStyles, r int, ch *calendar.Channel, month *calendar.Date) {
	chLit, ok := criterion(ch.Name)
	if !ok {
		chLit = `""` // too long for a formula literal: counts nothing
	}
	n, label, inMonth := x.tally.Channel(ch), any(x.t.Total), ""
	if month != nil {
		n, label, inMonth = x.tally.ChannelMonth(ch, *month), dateValue(*month), x.inMonth(mixMonth, r)
	}
	s.value(mixChannel, r, ch.Name)
	s.value(mixMonth, r, label)
	x.mixFigures(s, mixPosts, r, x.col(colChannel)+","+chLit, inMonth, n)
	s.figure(mixShare, r, fmt.Sprintf("IF(%[1]s%[3]d=0,0,%[2]s%[3]d/%[1]s%[3]d)", colName(mixPosts), colName(mixBorrowed), r), share(n))
	s.float(mixCap, r, float64(ch.Cap)/10000)
	if month == nil {
		s.style(mixChannel, r, mixBorrowed, r, st.total)
		s.style(mixShare, r, mixCap, r, st.totalPct)
		return
	}
	s.style(mixChannel, r, mixChannel, r, st.text)
	s.style(mixMonth, r, mixMonth, r, st.month)
	s.style(mixShare, r, mixCap, r, st.pct)
}

// mixFigures writes posts, own and borrowed in row r, from column c on:
// COUNTIFS over the Plan table with the criteria of a channel (or none)
// and of a month (or none), or the figures n.
func (x *xlsxWriter) mixFigures(s *sheet, c, r int, channel, month string, n calendar.Counts) {
	own, _ := criterion(x.t.Own)
	borrowed, _ := criterion(x.t.Borrowed)
	src := x.col(colSource)
	s.figure(c, r, countifs(channel, month), n.Posts)
	s.figure(c+1, r, countifs(channel, src+","+own, month), n.Own)
	s.figure(c+2, r, countifs(channel, src+","+borrowed, month), n.Borrowed)
}

// countifs is a COUNTIFS of the given criteria, the empty ones left out.
func countifs(criteria ...string) string {
	return "COUNTIFS(" + strings.Join(slices.DeleteFunc(criteria, func(s string) bool { return s == "" }), ",") + ")"
}

// inMonth is the COUNTIFS criteria of the Plan's dates in the month whose
// first day is in column c of row r.
func (x *xlsxWriter) inMonth(c, r int) string {
	return fmt.Sprintf(`%s,">="&$%s%d,%s,"<="&EOMONTH($%s%d,0)`, x.col(colDate), colName(c), r, x.col(colDate), colName(c), r)
}

// mixOverCap turns red a channel's borrowed posts over the cap. Rule 3 of
// docs/spec.md caps borrowed posts at floor(cap·k) after every post k, so
// a whole channel may have at most floor(cap·posts) of them, but one
// month, a stretch of the sequence, may rightly hold up to
// ceil(cap·posts): red there only means more than the rule can produce,
// which a writer's edit can cause. The products are rounded to 6 places
// first, because 0.29×100 is 28.999… in floating point.
func (x *xlsxWriter) mixOverCap(s *sheet, lastRow int) {
	red := s.condStyle(overCapStyle())
	rule := fmt.Sprintf(`AND($%[1]s2>0,$%[2]s2>IF(ISNUMBER($%[3]s2),ROUNDUP(ROUND($%[4]s2*$%[1]s2,6),0),ROUNDDOWN(ROUND($%[4]s2*$%[1]s2,6),0)))`,
		colName(mixPosts), colName(mixBorrowed), colName(mixMonth), colName(mixCap))
	s.when(rangeRef(mixBorrowed, 2, mixShare, lastRow), rule, red)
}

// mixByMonth writes all channels by month: the chart's data.
func (x *xlsxWriter) mixByMonth(s *sheet, style int, months []calendar.Date) {
	for i, m := range months {
		r := i + 2
		s.value(mixByMonth, r, dateValue(m))
		s.style(mixByMonth, r, mixByMonth, r, style)
		x.mixFigures(s, mixByPosts, r, "", x.inMonth(mixByMonth, r), x.tally.Month(m))
	}
}

// mixChart stacks own over borrowed posts by month, under their table.
func (x *xlsxWriter) mixChart(s *sheet, months int) {
	t, q := x.t, quoteSheet(s.name)
	n := months + 1
	series := func(c int, color string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", q, colName(c)),
			Categories: fmt.Sprintf("%s!$%s$%d:$%s$%d", q, colName(mixByMonth), 2, colName(mixByMonth), n),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, colName(c), 2, colName(c), n),
			Fill:       solid(color),
		}
	}
	s.do(func() error {
		return s.f.AddChart(s.name, cellRef(mixByMonth, n+2), &excelize.Chart{
			Type:      excelize.ColStacked,
			Series:    []excelize.ChartSeries{series(mixByOwn, "4472C4"), series(mixByBorrowed, "ED9B40")},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Own + " / " + t.Borrowed}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 520, Height: 300},
			XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: monthFormat}},
		})
	})
}

// quoteSheet quotes a sheet name for a reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// writeGrids writes one wall-calendar sheet per month: Monday to Sunday
// columns, a row per week, each day listing its posts in its channel's
// colour, its holidays and [[date]]s named, laid out for A4 landscape.
func (x *xlsxWriter) writeGrids() error {
	st, err := x.gridStyles()
	if err != nil {
		return err
	}
	for _, m := range x.months() {
		if err := x.writeGrid(m, st); err != nil {
			return err
		}
	}
	return nil
}

// Inks of the grids' occasions: a holiday red, a [[date]] blue, each on a
// fill of its own.
const (
	holidayInk = "A61C00"
	keyDateInk = "1F4E79"
)

// gridStyles are the month grids' cell styles, made once for them all.
type gridStyles struct {
	title, head, day, weekend, holiday, keyDate, outside, blank int
}

func (x *xlsxWriter) gridStyles() (gridStyles, error) {
	// Styles belong to the workbook: a sheet of no name makes them.
	s := x.sheet("")
	cell := func(fill string) int {
		st := &excelize.Style{
			Border:    thinBorder(),
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
			Font:      &excelize.Font{Size: 9},
		}
		if fill != "" {
			st.Fill = solid(fill)
		}
		return s.newStyle(st)
	}
	var st gridStyles
	st.title = s.newStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}, Alignment: &excelize.Alignment{Vertical: "center"},
	})
	st.head = s.newStyle(&excelize.Style{
		Border: thinBorder(), Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: solid("44546A"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	st.day, st.weekend, st.holiday, st.keyDate = cell(""), cell("F7F7F7"), cell("FBE5E1"), cell("E4EDF7")
	st.outside, st.blank = cell("EDEDED"), cell("EDEDED")
	return st, s.close()
}

// writeGrid writes the grid of the month starting on first. It streams the
// sheet: SetCellRichText puts each day into the shared-string table, whose
// every insertion compares the new string with all before it
// (reflect.DeepEqual), which made the grids most of a small workbook's time.
// Streamed cells hold their rich text inline instead, which every reader
// shows the same. The stream writer takes widths before the first row,
// sheet properties (fit to page) and the dimension before it starts, and
// merges and page setup before Flush.
func (x *xlsxWriter) writeGrid(first calendar.Date, st gridStyles) error {
	name := gridSheetName(x.t, first)
	if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	s := x.sheet(name)
	last := first.AddDays(first.DaysInMonth() - 1)
	weeks := int(last.Monday()-first.Monday())/7 + 1
	legendRow := 2 + weeks + 1
	s.dimension(7, legendRow)
	s.landscape(true)
	q := quoteSheet(name)
	s.define("_xlnm.Print_Area", fmt.Sprintf("%s!$A$1:$G$%d", q, legendRow))
	s.define("_xlnm.Print_Titles", q+"!$1:$2")
	s.stream(true)
	s.width(1, 7, 25)
	x.gridHeader(s, st)
	// Weeks share the height of an A4 landscape page (about 560 points
	// between the title and the legend, at the scale that fits seven
	// columns of 25), so that a quiet month still looks like a wall
	// calendar; a busy week grows.
	minHeight := 560 / float64(weeks)
	row := 2
	for week := first.Monday(); week <= last; week = week.AddDays(7) {
		row++
		x.gridWeek(s, st, row, week, first, last, minHeight)
	}
	s.row(legendRow, []any{x.legend()}, excelize.RowOpts{Height: 20})
	s.merge(1, legendRow, 7, legendRow)
	return s.close()
}

// gridHeader writes the title over the week, and the weekdays.
func (x *xlsxWriter) gridHeader(s *sheet, st gridStyles) {
	title := s.name + " · " + x.plan.Name
	if x.opt.Writer != "" {
		title += " · " + x.opt.Writer
	}
	cells := make([]any, 7)
	// The title spans the week; every cell under the merge carries its
	// style, as a merged range's cells do when Excel makes one.
	for i := range cells {
		cells[i] = excelize.Cell{StyleID: st.title}
	}
	cells[0] = excelize.Cell{StyleID: st.title, Value: title}
	s.row(1, cells, excelize.RowOpts{Height: 28})
	s.merge(1, 1, 7, 1)
	for i, wd := range x.t.Weekdays {
		if i < len(cells) {
			cells[i] = excelize.Cell{StyleID: st.head, Value: wd}
		}
	}
	s.row(2, cells, excelize.RowOpts{Height: 18})
}

// gridWeek writes row r, the week starting on monday, of the month from
// first to last.
func (x *xlsxWriter) gridWeek(s *sheet, st gridStyles, r int, monday, first, last calendar.Date, minHeight float64) {
	cells := make([]any, 7)
	lines := 0
	for i := range 7 {
		d := monday.AddDays(i)
		if d < first || d > last {
			cells[i] = excelize.Cell{StyleID: st.blank}
			continue
		}
		occasions := x.plan.OccasionsOn(d)
		runs, n := x.dayRuns(d, occasions, d < x.first || d > x.last)
		lines = max(lines, n)
		style := st.day
		switch {
		case slices.ContainsFunc(occasions, func(o calendar.Occasion) bool { return o.Holiday }):
			style = st.holiday
		case len(occasions) > 0:
			style = st.keyDate
		case i >= 5:
			style = st.weekend
		}
		cells[i] = excelize.Cell{StyleID: style, Value: runs}
	}
	// 9-point lines take about 12 points each.
	height := min(max(float64(lines)*12+6, minHeight), excelize.MaxRowHeight)
	s.row(r, cells, excelize.RowOpts{Height: height})
}

// gridSheetName names the grid sheet of the month starting on first.
func gridSheetName(t *i18n.Texts, first calendar.Date) string {
	y, mo, _ := first.YMD()
	return t.MonthName(mo) + " " + strconv.Itoa(y)
}

// legend explains the grid's colours under it: each channel in its colour,
// then the word for borrowed in italics and the words for a holiday and a
// key date ([[date]]) as they are marked, so it needs no sentence to
// translate.
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
	holidays := slices.ContainsFunc(x.plan.Occasions, func(o calendar.Occasion) bool { return o.Holiday })
	if holidays {
		runs = append(runs, excelize.RichTextRun{Text: "    " + x.t.Holiday, Font: &excelize.Font{Size: 9, Italic: true, Color: holidayInk}})
	}
	if slices.ContainsFunc(x.plan.Occasions, func(o calendar.Occasion) bool { return !o.Holiday }) {
		runs = append(runs, excelize.RichTextRun{Text: "    " + x.t.KeyDate, Font: &excelize.Font{Size: 9, Italic: true, Color: keyDateInk}})
	}
	return runs
}

// dayRuns is the rich text of a day cell and its number of lines: the day
// number and its first occasion's name, each other occasion on a line of
// its own (holidays red, [[date]]s blue), then the posts in their
// channels' colours.
func (x *xlsxWriter) dayRuns(d calendar.Date, occasions []calendar.Occasion, outside bool) ([]excelize.RichTextRun, int) {
	dayColor := "262626"
	if outside {
		dayColor = "A6A6A6"
	}
	runs := []excelize.RichTextRun{{Text: strconv.Itoa(d.Day()), Font: &excelize.Font{Bold: true, Size: 10, Color: dayColor}}}
	n := 1
	for i, o := range occasions {
		ink, sep := keyDateInk, "  "
		if o.Holiday {
			ink = holidayInk
		}
		if i > 0 {
			sep = "\n"
			n++
		}
		runs = append(runs, excelize.RichTextRun{Text: sep + o.Name, Font: &excelize.Font{Italic: true, Size: 8, Color: ink}})
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
