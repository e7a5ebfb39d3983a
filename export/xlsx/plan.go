package xlsx

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// writePlan streams the Plan sheet: one row per post, then the table, the
// dropdowns and the conditional formats, which excelize only keeps for a
// streamed sheet when they are added before Flush.
func (x *xlsxWriter) writePlan() error {
	s := x.sheet(x.t.SheetPlan)
	x.planStyles(s)
	last := x.lastRow
	// Streamed sheets say "A1" unless told; read-only readers trust it.
	s.dimension(x.lay.cols, last)
	x.planPage(s)
	s.stream(false)
	x.planHeader(s)
	x.encodeRows(s)
	x.planRows(s, last)
	x.planTable(s, last, tableName)
	return s.close()
}

// encodeRows has the Plan's rows after the header written by rowEncoder
// (rowxml.go says why) into a rowBuf, which the zip writer puts into the
// sheet's part.
func (x *xlsxWriter) encodeRows(s *sheet) {
	if s.err != nil || x.opt.libraryRows {
		return
	}
	s.rows = &rowBuf{enc: rowEncoder{colStyles: s.colStyles}, part: x.streamed[len(x.streamed)-1]}
	x.encoded = s.rows
}

// planPage sets the Plan (and the Removed sheet) up for printing: A4
// landscape, every column on the page's width (wrapped text columns grow
// down, not across), the header row on every page, and the plan, its time
// zone and the page number in the footer. Sheet properties, which fitting
// to the page needs, go before the stream starts.
func (x *xlsxWriter) planPage(s *sheet) {
	s.landscape(true)
	s.define("_xlnm.Print_Titles", quoteSheet(s.name)+"!$1:$1")
	s.footer(x.title()+" · "+fmt.Sprintf(x.book.Zone, x.timezone()), x.book.Page)
}

// planStyles makes the styles of the Plan's cells (and the Removed
// sheet's, which has the same columns). Cells align at the top, as a
// row grows with the copy in it.
func (x *xlsxWriter) planStyles(s *sheet) {
	iso, hm := "yyyy-mm-dd", "hh:mm"
	top := func(h string) *excelize.Alignment { return &excelize.Alignment{Horizontal: h, Vertical: "top"} }
	x.sDate = s.newStyle(&excelize.Style{CustomNumFmt: &iso, Alignment: top("left")})
	x.sTime = s.newStyle(&excelize.Style{CustomNumFmt: &hm, Alignment: top("left")})
	// Text cells are typed as text ("@"), so that a value a writer retypes
	// into them stays text too.
	x.sText = s.newStyle(&excelize.Style{NumFmt: 49, Alignment: top("")})
	// The writers' columns wrap: a caption reads whole in its cell.
	x.sWrap = s.newStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	// Counts show no zero: a Length of 0 on every new post is noise.
	count := "0;-0;;@"
	x.sCount = s.newStyle(&excelize.Style{CustomNumFmt: &count, Alignment: top("right")})
	// A workbook without the Cost column does not name the currency.
	if x.lay.has(colCost) {
		costFmt := x.costFormat()
		x.sCost = s.newStyle(&excelize.Style{CustomNumFmt: &costFmt, Alignment: top("")})
	}
}

// planHeader sets the columns, the frozen header row and the page, and
// writes the header; the Removed sheet has the same.
func (x *xlsxWriter) planHeader(s *sheet) {
	// excelize puts each new width first in <cols>; going from the last
	// column down leaves them ascending, the order the format asks for and
	// Excel checks. The column styles and the hidden column keep the
	// widths.
	for c := numCols; c >= 1; c-- {
		if x.lay.has(c) {
			s.width(x.lay.at(c), x.lay.at(c), x.widths[c-1])
		}
	}
	for _, c := range wrapCols {
		s.colStyle(x.lay.at(c), x.sWrap)
	}
	s.hide(x.lay.at(colGenerated))
	s.freeze(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	// The header carries its own style as well as the table's: LibreOffice
	// does not draw table styles, and the header should look the same in
	// both.
	head := s.newStyle(headStyle())
	header := make([]any, numCols)
	for c := 1; c <= numCols; c++ {
		header[c-1] = excelize.Cell{StyleID: head, Value: x.header(c)}
	}
	s.row(1, x.lay.place(header, make([]any, numCols)), excelize.RowOpts{Height: headerHeight})
}

// headerHeight is the height of a header row: two lines of bold 11-point
// text, which every header fits without breaking a word (headerWidth).
const headerHeight = 30

// header is the header of Plan column c: the Time column's states the
// plan's time zone (docs/spec.md, "The workbook").
func (x *xlsxWriter) header(c int) string {
	if c == colTime {
		return fmt.Sprintf(x.t.TimeIn, x.timezone())
	}
	return x.t.Columns[c-1]
}

// errPostsChanged: the schedule is deterministic, so a plan whose posts
// differ between the passes is not one Build made.
var errPostsChanged = errors.New("the plan's posts changed while writing")

// planRows streams a row per post, into rows 2 to last.
func (x *xlsxWriter) planRows(s *sheet, last int) {
	if s.err != nil {
		return
	}
	t := x.t
	for d := range x.weekdays {
		x.weekdays[d] = boxText(t.Weekday(time.Weekday(d)))
	}
	x.planned = boxText(statusLabel(t, Statuses[0]))
	row := make([]any, numCols)
	x.placed = make([]any, numCols)
	r := 1
	for p := range x.plan.Posts() {
		kr, orig := x.opt.Keep.apply(&p)
		if !x.keep(&p) {
			continue
		}
		r++
		if r > last {
			// Stop rather than write rows outside the table.
			s.err = errPostsChanged
			return
		}
		lines := max(x.planRow(row, &p), x.workCells(row, r, &p, kr, orig))
		if x.row(s, r, x.lay.place(row, x.placed), lines); s.err != nil {
			return
		}
	}
	if r-1 != x.count {
		s.err = errPostsChanged
	}
}

// planTable makes rows 1 to last a table called name, adds the dropdowns,
// and colours the rows: a copy over its channel's limit red, the Channel
// column by channel, borrowed rows warm.
func (x *xlsxWriter) planTable(s *sheet, last int, name string) {
	t, l := x.t, &x.lay
	s.do(func() error {
		return s.sw.AddTable(&excelize.Table{Range: rangeRef(1, 1, l.cols, last), Name: name, StyleName: planStyle})
	})
	x.dropdown(s, colStatus, last, t.Statuses)
	x.dropdown(s, colSource, last, []string{t.Own, t.Borrowed})
	// Excel gives a cell's fill to the rule of highest priority, the one
	// added first: the copy over its limit shows red on any row, and the
	// Channel column keeps its colour on borrowed rows, which the last
	// rule tints as a whole.
	over := s.condStyle(overCapStyle())
	s.when(rangeRef(l.at(colCopy), 2, l.at(colLength), last),
		fmt.Sprintf("AND(ISNUMBER($%[2]s2),$%[1]s2>$%[2]s2)", l.letter(colLength), l.letter(colLimit)), over)
	chRange := rangeRef(l.at(colChannel), 2, l.at(colChannel), last)
	for _, c := range x.channels {
		lit, ok := formulaString(c.Name)
		if !ok {
			continue // Excel refuses longer literals; the row still reads
		}
		id := s.condStyle(&excelize.Style{Fill: solid(channelFill[x.colorOf(c)%len(channelFill)])})
		s.when(chRange, fmt.Sprintf("$%s2=%s", l.letter(colChannel), lit), id)
	}
	lit, _ := formulaString(t.Borrowed)
	id := s.condStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Italic: true, Color: borrowedInk}, Fill: solid(borrowedFill)})
	s.when(rangeRef(1, 2, l.cols, last), fmt.Sprintf("$%s2=%s", l.letter(colSource), lit), id)
}

// stream starts a streamed sheet and notes its zip part, held back in the
// zip when hold is set (see stampedZip).
func (x *xlsxWriter) stream(sheet string, hold bool) (*excelize.StreamWriter, error) {
	id := -1
	for i, name := range x.f.GetSheetMap() {
		if name == sheet {
			id = i
		}
	}
	if id < 0 {
		return nil, fmt.Errorf("no sheet %q", sheet)
	}
	// excelize names a sheet's part by its sheetId, both for the first sheet
	// of a new file and for those NewSheet adds.
	part := "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
	x.streamed = append(x.streamed, part)
	if hold {
		x.held = append(x.held, part)
	}
	return x.f.NewStreamWriter(sheet)
}

// dropdown puts a list validation on a Plan column, header excluded.
func (x *xlsxWriter) dropdown(s *sheet, col, last int, items []string) {
	s.do(func() error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rangeRef(x.lay.at(col), 2, x.lay.at(col), last)
		if err := dv.SetDropList(items); err != nil {
			return err
		}
		return x.f.AddDataValidation(s.name, dv)
	})
}

// planRow fills row with the cells of the plan's fields of one post. It
// runs once per post, up to a million times, so what repeats from post to
// post is made once: the cells are x.cells, reused (row holds pointers to
// them, which SetRow takes as it takes a Cell, without boxing a new one
// per cell), and the values that a post's channel, format, pillar,
// campaign and source decide, the Brief above all, come ready boxed from
// x.rowVals. It returns how many lines the row's wrapped cells take.
func (x *xlsxWriter) planRow(row []any, p *calendar.Post) int {
	rv := x.rowValues(p)
	x.text(row, colID, p.ID)
	x.set(row, colDate, x.sDate, x.dateCell(p.Date))
	x.set(row, colTime, x.sTime, x.timeCell(p.Time))
	x.set(row, colWeekday, x.sText, x.weekdays[p.Date.Weekday()])
	occ, occLines := x.occasionCell(p.Date)
	x.set(row, colOccasion, x.sWrap, occ)
	x.set(row, colChannel, x.sText, rv.channel)
	x.set(row, colFormat, x.sText, rv.format)
	x.set(row, colSource, x.sText, rv.source)
	x.set(row, colPillar, x.sText, rv.pillar)
	x.set(row, colObjective, x.sText, rv.objective)
	x.set(row, colCampaign, x.sText, rv.campaign)
	x.set(row, colBrief, x.sWrap, rv.brief)
	x.set(row, colLimit, x.sCount, rv.limit)
	if p.Writer != x.lastWriter || x.writerCell == nil {
		x.lastWriter, x.writerCell = p.Writer, boxText(p.Writer)
	}
	x.set(row, colWriter, x.sText, x.writerCell)
	x.set(row, colDraftDue, x.sDate, x.dateCell(p.DraftDue))
	if p.Status == "" || p.Status == Statuses[0] {
		x.set(row, colStatus, x.sText, x.planned)
	} else {
		x.text(row, colStatus, x.statusOf(p.Status))
	}
	// A number, so that the Budget's SUMIFS add it up; the format shows the
	// currency.
	x.set(row, colCost, x.sCost, x.costCell(p.Cost))
	return max(rv.briefLines, occLines)
}

// occasionCell is the Occasion cell of a post on d, the names of the
// holidays and [[date]]s on it (nil when none), and the lines it takes.
// Posts come in date order: a date's cell is made once.
func (x *xlsxWriter) occasionCell(d calendar.Date) (any, int) {
	if !x.occSet || d != x.occDay {
		if x.occasions == nil {
			x.occasions = calendar.NewOccasionText(x.plan)
		}
		text := x.occasions.On(d)
		x.occDay, x.occSet, x.occCell, x.occLines = d, true, boxText(text), 1
		if text != "" {
			x.occLines = x.lines(colOccasion, text)
		}
	}
	return x.occCell, x.occLines
}

// workCells fills row r's cells of what the writers fill in, from the
// kept row kr (nil for a new post), the copy's length, and the hidden
// record of what the plan put in the row (orig: the writer and source the
// plan gave, before kept edits), against which the next re-run tells
// edits from changes of the spec. It returns how many lines the texts
// take.
func (x *xlsxWriter) workCells(row []any, r int, p *calendar.Post, kr *keptRow, orig planned) int {
	var w Row
	if kr != nil {
		w = kr.Row
	}
	lines := x.wrap(row, colTitle, p.Title)
	for _, c := range [...]struct {
		col  int
		text string
	}{{colCopy, w.Copy}, {colHashtags, w.Hashtags}, {colMedia, w.MediaLink}, {colSourceLink, w.SourceLink},
		{colPublished, w.PublishedLink}, {colNotes, w.Notes}} {
		lines = max(lines, x.wrap(row, c.col, c.text))
	}
	x.length(row, r, w.Copy)
	g := Generated{Date: p.Date, Time: p.Time, Source: orig.source, Writer: orig.writer}
	if p.Channel != nil {
		g.Channel = p.Channel.Name
	}
	if p.Format != nil {
		g.Format = p.Format.Name
	}
	x.genBuf = appendGenerated(x.genBuf[:0], &g)
	x.set(row, colGenerated, x.sText, string(x.genBuf))
	return lines
}

// set puts value v with a style in row's cell of column col; nil leaves
// the cell out, as SetRow leaves out nil.
func (x *xlsxWriter) set(row []any, col, style int, v any) {
	if v == nil {
		row[col-1] = nil
		return
	}
	c := &x.cells[col-1]
	c.StyleID, c.Value, c.Formula = style, v, ""
	row[col-1] = c
}

// text puts a text in row's cell of column col, or leaves an empty one
// out.
func (x *xlsxWriter) text(row []any, col int, s string) {
	if s == "" {
		x.set(row, col, 0, nil)
		return
	}
	x.set(row, col, x.sText, s)
}

// wrap is text for the columns that wrap, and returns how many lines it
// takes. An empty cell is left out: the column's style is what a writer
// types into.
func (x *xlsxWriter) wrap(row []any, col int, s string) int {
	if s == "" {
		x.set(row, col, 0, nil)
		return 1
	}
	x.set(row, col, x.sWrap, s)
	return x.lines(col, s)
}

// lines estimates how many lines s takes in Plan column col.
func (x *xlsxWriter) lines(col int, s string) int { return textLines(s, x.widths[col-1]) }

// lineHeight is the height of a line of 11-point text, in points: Excel's
// default row height.
const lineHeight = 15

// row streams row r, as tall as its wrapped cells' lines: neither Excel
// nor LibreOffice grows a row to wrapped text a program wrote.
func (x *xlsxWriter) row(s *sheet, r int, cells []any, lines int) {
	if s.rows != nil {
		if s.err == nil {
			s.err = s.rows.row(r, cells, rowHeight(lines))
		}
		return
	}
	if lines <= 1 {
		s.row(r, cells)
		return
	}
	s.row(r, cells, excelize.RowOpts{Height: min(float64(lines*lineHeight), excelize.MaxRowHeight)})
}

// rowHeight is the height of a row of lines lines, 0 for one line (the
// default height), as row asks SetRow for.
func rowHeight(lines int) float64 {
	if lines <= 1 {
		return 0
	}
	return min(float64(lines*lineHeight), excelize.MaxRowHeight)
}

// length puts in row r the copy's length: a LEN formula over the Copy cell
// of the row, in a plain A1 reference, with the value it computes stored,
// so that a reader that does not recalculate sees it too (docs/spec.md,
// "The workbook").
func (x *xlsxWriter) length(row []any, r int, copy string) {
	c := &x.cells[colLength-1]
	c.StyleID, c.Value = x.sCount, CopyLength(copy)
	c.Formula = "LEN(" + x.lay.letter(colCopy) + strconv.Itoa(r) + ")"
	row[colLength-1] = c
}

// statusOf is the label of a post's status: its key's label in the plan's
// language, or a writer's own word as written.
func (x *xlsxWriter) statusOf(s string) string {
	if k := statusKey(s); k != "" {
		return statusLabel(x.t, k)
	}
	return s
}

// boxText is s as a cell value, or nil (no cell) when it is empty.
func boxText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// rowKey is what decides the rowVals of a post.
type rowKey struct {
	channel  *calendar.Channel
	format   *calendar.Format
	pillar   *calendar.Pillar
	campaign string
	source   calendar.Source
}

// rowVals are a post's cell values that its rowKey decides, boxed once;
// nil leaves the cell out.
type rowVals struct {
	channel, format, source, pillar, objective, campaign, brief, limit any
	briefLines                                                         int // the lines the brief takes, wrapped
}

// maxRowVals bounds the cache of rowVals: a spec's channels, formats,
// pillars and campaigns make a few hundred keys, but a hand-made plan may
// give every post a campaign of its own.
const maxRowVals = 1 << 12

// rowValues returns the rowVals of p, from the cache when it can.
func (x *xlsxWriter) rowValues(p *calendar.Post) *rowVals {
	k := rowKey{p.Channel, p.Format, p.Pillar, p.Campaign, p.Source}
	if rv, ok := x.rowVals[k]; ok {
		return rv
	}
	t := x.t
	rv := &rowVals{campaign: boxText(p.Campaign), objective: boxText(p.Objective())}
	// A hand-made post may lack its channel or format; the row then
	// leaves them empty, as the csv does, rather than failing the file.
	if p.Channel != nil {
		rv.channel = boxText(p.Channel.Name)
		if p.Channel.Limit > 0 {
			rv.limit = p.Channel.Limit
		}
	}
	if p.Format != nil {
		rv.format = boxText(p.Format.Name)
	}
	if p.Pillar != nil {
		rv.pillar = boxText(p.Pillar.Name)
	}
	if p.Channel != nil && p.Format != nil {
		brief := export.Brief(x.plan, p)
		rv.brief, rv.briefLines = boxText(brief), x.lines(colBrief, brief)
	}
	switch p.Source {
	case calendar.Own:
		rv.source = boxText(t.Own)
	case calendar.Borrowed:
		rv.source = boxText(t.Borrowed)
	default:
		rv.source = boxText(string(p.Source))
	}
	if x.rowVals == nil {
		x.rowVals = make(map[rowKey]*rowVals)
	}
	if len(x.rowVals) < maxRowVals {
		x.rowVals[k] = rv
	}
	return rv
}

// dateCell is a Date as a cell value. A date of the usual range is its
// serial number, the days since 1899-12-30, which is what excelize writes
// for the time.Time at midnight UTC (dateValue) that other dates still go
// through; the serial skips excelize's conversion per cell. Posts come in
// order, so the last few dates are kept boxed.
func (x *xlsxWriter) dateCell(d calendar.Date) any {
	if v, ok := x.dates[d]; ok {
		return v
	}
	var v any
	if t := dateValue(d); t.Year() > 1900 && t.Year() < 10000 {
		v = float64(t.Unix()/86400 + unixEpochSerial)
	} else {
		v = t
	}
	if x.dates == nil || len(x.dates) >= 64 {
		x.dates = make(map[calendar.Date]any)
	}
	x.dates[d] = v
	return v
}

// unixEpochSerial is 1970-01-01 as a spreadsheet serial date.
const unixEpochSerial = 25569

// timeCell is a time of day as a fraction of a day: a number avoids
// excelize's time.Time path, which would also carry a date. A plan's posts
// use a few times of day, kept boxed.
func (x *xlsxWriter) timeCell(c calendar.Clock) any {
	if v, ok := x.times[c]; ok {
		return v
	}
	v := any(float64(c) / 1440)
	if x.times == nil || len(x.times) >= 256 {
		x.times = make(map[calendar.Clock]any)
	}
	x.times[c] = v
	return v
}

// costCell is a post's cost as a cell value; costs repeat per format.
func (x *xlsxWriter) costCell(c float64) any {
	c = costValue(c)
	if c == x.lastCost && x.costBoxed != nil {
		return x.costBoxed
	}
	x.lastCost, x.costBoxed = c, c
	return x.costBoxed
}
