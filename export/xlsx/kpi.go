package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// The KPI sheet (docs/spec.md, "The monthly review"): a row per objective
// per month, with the month's target, the actual and the decision the
// manager enters, and the share of the target reached; beside it, per
// month and channel, the posts planned against those published, and the
// borrowed share of what was published against the cap. Its figures are
// formulas over the Plan sheet in plain A1 ranges, each written with the
// value it computes when the workbook is made, so that a reader that does
// not recalculate sees them too.

// The KPI sheet's columns: the KPI table, a gap, the posts table.
const (
	kpiObjective = iota + 1
	kpiKPI
	kpiMonth
	kpiTarget
	kpiActual
	kpiReached
	kpiDecision
	kpiGenerated // hidden: the row's key and target, as written
	_            // a gap column
	kpiChannel
	kpiPostMonth
	kpiPlanned
	kpiPublished
	kpiBorrowedPub
	kpiPubShare
	kpiCap
	kpiCols = kpiCap
)

// kpiWidths are the KPI sheet's column widths in characters.
var kpiWidths = [kpiCols]float64{22, 22, 9, 14, 14, 11, 40, 10, 3, 16, 9, 13, 13, 13, 14, 8}

// The shares of its target an actual reaches that colour its Reached
// cell (docs/spec.md, "The monthly review"): green from 100%, amber from
// 80%, red below.
const (
	reachedGood = 1.0
	reachedNear = 0.8
)

const (
	inputFill = "FFF2CC" // the cells the manager fills in
	goodFill  = "D9EAD3"
	goodInk   = "274E13"
	nearFill  = "FCE5CD"
	nearInk   = "7F4F00"
)

// kpiRow is a row of the KPI table: an objective's month, or one kept from
// an earlier workbook whose objective or month the plan no longer has.
type kpiRow struct {
	key    string
	month  calendar.Date
	label  string
	kpi    string
	target calendar.Target
	unit   string
	kept   *KPIRow // the earlier workbook's row of the key and month, if any
	apart  bool    // a kept row the plan no longer has a place for
}

// hasKPISheet: the whole plan's workbook has one; a writer's own (--split
// writer) holds a part of the posts, and the review is the manager's.
func (x *xlsxWriter) hasKPISheet() bool { return x.opt.Writer == "" }

// kpiCount counts a post's publication for the posts table's stored
// values, as its formulas count the Plan sheet's statuses.
func (x *xlsxWriter) kpiCount(p *calendar.Post) {
	if statusKey(p.Status) != "published" {
		return
	}
	if x.published == nil {
		x.published = make(map[channelMonth]calendar.Counts)
	}
	k := channelMonth{p.Channel, p.Date.FirstOfMonth()}
	n := x.published[k]
	n.Posts++
	if p.Source == calendar.Borrowed {
		n.Borrowed++
	}
	x.published[k] = n
}

// channelMonth keys the published posts of a channel's month.
type channelMonth struct {
	channel *calendar.Channel
	month   calendar.Date
}

// reviewMonths are the plan's months, from its first day to its last; a
// hand-made plan without dates takes the months of its posts.
func (x *xlsxWriter) reviewMonths() []calendar.Date {
	if x.plan.End < x.plan.Start || x.plan.Start == 0 && x.plan.End == 0 {
		return x.months()
	}
	var ms []calendar.Date
	for m := x.plan.Start.FirstOfMonth(); m <= x.plan.End; m = m.AddDays(m.DaysInMonth()) {
		ms = append(ms, m)
	}
	return ms
}

// kpiRows lists the KPI table's rows: each month of the plan, each
// objective in it, with its kept row; then the kept rows of keys and
// months the plan no longer has, which stay on the sheet.
func (x *xlsxWriter) kpiRows() (rows, gone []kpiRow) {
	objs := x.plan.ReviewedObjectives()
	months := x.reviewMonths()
	used := make(map[kpiKey]bool)
	first := calendar.Date(0)
	if len(months) > 0 {
		first = months[0]
	}
	for _, m := range months {
		for _, o := range objs {
			k := kpiKey{o.Key, m}
			used[k] = true
			rows = append(rows, kpiRow{key: o.Key, month: m, label: o.Label, kpi: o.KPI,
				target: o.MonthTarget(calendar.MonthIndex(first, m)), unit: o.Unit, kept: x.opt.Keep.kpi(k)})
		}
	}
	for _, kr := range x.opt.Keep.kpis() {
		if used[kpiKey{kr.Key, kr.Month}] && !kr.dup || !kr.hasWork() {
			continue
		}
		gone = append(gone, kpiRow{key: kr.Key, month: kr.Month, label: kr.Label, kpi: kr.KPI,
			target: kr.Target, unit: kr.Unit, kept: kr.KPIRow, apart: true})
	}
	return rows, gone
}

// kpiStyles are the KPI sheet's cell styles; number formats of targets
// and actuals are made as they are needed, one per unit and kind.
type kpiStyles struct {
	head, text, wrap, month, reached, heading, note            int
	count, share, cap, total, totalMonth, totalShare, totalCap int // the posts table's
	input, inputWrap                                           int
	formats                                                    map[string][2]int // number format → target, actual style
}

func (x *xlsxWriter) kpiStyles(s *sheet) *kpiStyles {
	monthFmt, pct, pct1, capFmt := monthFormat, "0%", "0.0%", "0%"
	for _, c := range x.channels {
		if c.Cap%100 != 0 {
			capFmt = "0.00%"
		}
	}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	unlocked := &excelize.Protection{Locked: false}
	line := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	head := headStyle()
	st := &kpiStyles{formats: make(map[string][2]int)}
	st.head = s.newStyle(head)
	st.text = s.newStyle(&excelize.Style{NumFmt: 49, Alignment: top})
	st.wrap = s.newStyle(&excelize.Style{NumFmt: 49, Alignment: wrapTop})
	st.month = s.newStyle(&excelize.Style{CustomNumFmt: &monthFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	st.reached = s.newStyle(&excelize.Style{CustomNumFmt: &pct, Alignment: top, Font: &excelize.Font{Family: fontFamily, Bold: true}})
	// The posts table shares its rows with the KPI table, whose decisions
	// make rows tall: its cells align at the top too.
	bold := &excelize.Font{Family: fontFamily, Bold: true}
	st.count = s.newStyle(&excelize.Style{NumFmt: 1, Alignment: top})
	st.share = s.newStyle(&excelize.Style{CustomNumFmt: &pct1, Alignment: top})
	st.cap = s.newStyle(&excelize.Style{CustomNumFmt: &capFmt, Alignment: top})
	st.total = s.newStyle(&excelize.Style{NumFmt: 1, Font: bold, Border: line, Alignment: top})
	st.totalMonth = s.newStyle(&excelize.Style{CustomNumFmt: &monthFmt, Font: bold, Border: line,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	st.totalShare = s.newStyle(&excelize.Style{CustomNumFmt: &pct1, Font: bold, Border: line, Alignment: top})
	st.totalCap = s.newStyle(&excelize.Style{CustomNumFmt: &capFmt, Font: bold, Border: line, Alignment: top})
	st.heading = s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Italic: true, Color: "595959"}})
	st.note = s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Italic: true, Color: "7F7F7F"}, Alignment: &excelize.Alignment{Vertical: "center"}})
	st.input = s.newStyle(&excelize.Style{Fill: solid(inputFill), Border: thinBorder(), Alignment: top, Protection: unlocked})
	st.inputWrap = s.newStyle(&excelize.Style{NumFmt: 49, Fill: solid(inputFill), Border: thinBorder(), Alignment: wrapTop, Protection: unlocked})
	return st
}

// figureStyles are the styles of a target and of an actual in number
// format nf, made once each.
func (st *kpiStyles) figureStyles(s *sheet, nf string) (target, actual int) {
	if ids, ok := st.formats[nf]; ok {
		return ids[0], ids[1]
	}
	top := &excelize.Alignment{Vertical: "top", Horizontal: "right"}
	target = s.newStyle(&excelize.Style{CustomNumFmt: &nf, Alignment: top})
	actual = s.newStyle(&excelize.Style{CustomNumFmt: &nf, Fill: solid(inputFill), Border: thinBorder(), Alignment: top,
		Protection: &excelize.Protection{Locked: false}})
	st.formats[nf] = [2]int{target, actual}
	return target, actual
}

// figureFormat is the number format of a target and its actuals: a
// percentage, with a decimal where the target has one; a number with its
// thousands grouped (as the reader's locale groups them) and the unit
// after it, with up to three decimals where the target has a fraction.
func figureFormat(t calendar.Target, unit string) string {
	fraction := math.Abs(t.Value-math.Round(t.Value)) > 1e-9
	if t.Kind == calendar.TargetPercent {
		if v := t.Value * 100; math.Abs(v-math.Round(v)) > 1e-9 {
			return "0.0%"
		}
		return "0%"
	}
	nf := "#,##0"
	if fraction {
		nf = "#,##0.0##"
	}
	unit = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, unit)
	if unit == "" || utf8.RuneCountInString(unit) > 50 {
		return nf
	}
	return nf + `" ` + strings.ReplaceAll(unit, `"`, `"\""`) + `"`
}

// kpiSheet is the KPI sheet in the making. Its cells are gathered first
// and streamed row by row: a streamed cell holds a formula together with
// the number it computes, where SetCellFormula would type the cell's value
// as text.
type kpiSheet struct {
	*sheet
	st      *kpiStyles
	cells   map[int][]any // by row, kpiCols+2 wide
	heights map[int]float64
}

// set puts a value with a style in cell (c, r); a nil value styles an
// empty cell.
func (k *kpiSheet) set(c, r, style int, v any) {
	row := k.cells[r]
	if row == nil {
		row = make([]any, kpiCols+2)
		k.cells[r] = row
	}
	row[c-1] = excelize.Cell{StyleID: style, Value: v}
}

// formula puts a formula and the value it computes (nil for an empty
// result) in cell (c, r); a static workbook (see maxLivePosts) keeps the
// value alone, as its other sheets do.
func (k *kpiSheet) formula(c, r, style int, f string, v any) {
	k.set(c, r, style, v)
	if !k.x.static() {
		k.cells[r][c-1] = excelize.Cell{StyleID: style, Value: v, Formula: f}
	}
}

// writeKPI writes the KPI sheet.
func (x *xlsxWriter) writeKPI() error {
	r := x.t.Review()
	k := &kpiSheet{sheet: x.sheet(r.Sheet), cells: make(map[int][]any), heights: map[int]float64{1: 45}}
	k.st = x.kpiStyles(k.sheet)
	widths := x.kpiHeader(k)
	rows, gone := x.kpiRows()
	widths[kpiTarget-1], widths[kpiActual-1] = figureWidths(widths, rows, gone)
	last := 1
	for i := range rows {
		last++
		x.kpiRowCells(k, last, &rows[i])
	}
	if len(gone) > 0 {
		last += 2
		k.set(kpiObjective, last, k.st.heading, r.NoLonger)
		for i := range gone {
			last++
			x.kpiRowCells(k, last, &gone[i])
		}
	}
	x.rep.KPIs, x.rep.KPIStayed = countKept(rows), len(gone)
	end := max(last, x.kpiPosts(k), 2)
	k.set(kpiCols+2, 1, k.st.note, r.Note)
	k.dimension(kpiCols+2, end)
	k.landscape(true)
	q := quoteSheet(k.name)
	k.define("_xlnm.Print_Titles", q+"!$1:$1")
	k.define("_xlnm.Print_Area", fmt.Sprintf("%s!$A$1:$%s$%d", q, colName(kpiCols), end))
	k.stream(true)
	// Widths from the last column down: see planHeader.
	k.width(kpiCols+2, kpiCols+2, 60)
	for c := kpiCols; c >= 1; c-- {
		k.width(c, c, widths[c-1])
	}
	k.hide(kpiGenerated)
	k.freeze(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	for row := 1; row <= end; row++ {
		if cells := k.cells[row]; cells != nil {
			k.row(row, cells, excelize.RowOpts{Height: k.heights[row]})
		}
	}
	x.kpiReachedColours(k.sheet, last)
	x.kpiMonthLines(k.sheet, last)
	return k.close()
}

// figureWidths are the widths of the Target and Actual columns: wide
// enough for the largest figure with its unit, grouped, so that no cell
// shows "###" (words wrap instead), up to a third of a page.
func figureWidths(widths [kpiCols]float64, rows ...[]kpiRow) (target, actual float64) {
	target, actual = widths[kpiTarget-1], widths[kpiActual-1]
	fit := func(w *float64, t calendar.Target, unit string) {
		if t.Numeric() {
			*w = max(*w, min(float64(utf8.RuneCountInString(t.Show(unit, ".", ",")))+3, 40))
		}
	}
	for _, rs := range rows {
		for _, r := range rs {
			fit(&target, r.target, r.unit)
			if k := r.kept; k != nil && k.HasValue {
				fit(&actual, calendar.Target{Kind: r.target.Kind, Value: k.Value}, r.unit)
			}
			fit(&actual, r.target, r.unit)
		}
	}
	return target, actual
}

// countKept is how many of the plan's KPI rows took an actual or a
// decision from an earlier workbook.
func countKept(rows []kpiRow) int {
	n := 0
	for _, r := range rows {
		if r.kept != nil && r.kept.hasWork() {
			n++
		}
	}
	return n
}

// kpiHeader writes the header row of both tables, and returns the
// columns' widths: each wide enough for its header on at most two lines,
// wrapped between words.
func (x *xlsxWriter) kpiHeader(k *kpiSheet) [kpiCols]float64 {
	t, r := x.t, x.t.Review()
	heads := [kpiCols]string{t.Objective, t.KPI, t.Month, t.Target, r.Actual, r.Reached, r.Decision, t.Columns[numCols-1], "",
		t.Channel, t.Month, r.Planned, r.Published, r.BorrowedPublished, r.PubShare, t.Cap}
	widths := kpiWidths
	for i, h := range heads {
		if h != "" {
			k.set(i+1, 1, k.st.head, h)
		}
		widths[i] = max(widths[i], headerWidth(h))
	}
	return widths
}

// kpiRowCells writes KPI row r.
func (x *xlsxWriter) kpiRowCells(k *kpiSheet, r int, row *kpiRow) {
	st := k.st
	k.set(kpiObjective, r, st.wrap, row.label)
	k.set(kpiKPI, r, st.wrap, boxText(row.kpi))
	k.set(kpiMonth, r, st.month, dateValue(row.month))
	actualStyle := st.input
	switch {
	case row.target.Numeric():
		var target int
		target, actualStyle = st.figureStyles(k.sheet, figureFormat(row.target, row.unit))
		k.set(kpiTarget, r, target, row.target.Value)
	default:
		k.set(kpiTarget, r, st.wrap, boxText(row.target.Text))
	}
	x.kpiWork(k, r, row, actualStyle)
	k.set(kpiGenerated, r, st.text, string(appendKPIRecord(nil, row)))
	lines := max(textLines(row.label, kpiWidths[0]), textLines(row.kpi, kpiWidths[1]), textLines(row.target.Text, kpiWidths[kpiTarget-1]))
	if row.kept != nil {
		lines = max(lines, textLines(row.kept.Decision, kpiWidths[kpiDecision-1]))
	}
	if lines > 1 {
		k.heights[r] = min(float64(lines*lineHeight), excelize.MaxRowHeight)
	}
}

// kpiWork writes row r's actual, the share of the target it reaches,
// and the decision: the kept ones, or empty input cells.
func (x *xlsxWriter) kpiWork(k *kpiSheet, r int, row *kpiRow, actualStyle int) {
	kept, st := row.kept, k.st
	var actual any
	switch {
	case kept != nil && kept.HasValue:
		actual = kept.Value
	case kept != nil && kept.Actual != "":
		actual = kept.Actual
	}
	k.set(kpiActual, r, actualStyle, actual)
	if row.target.Numeric() {
		// The share is stored when it can be computed; an empty result
		// is left without a value, which every reader shows as empty.
		var reached any
		if kept != nil && kept.HasValue {
			if v, ok := calendar.Reached(row.target, kept.Value); ok {
				reached = v
			}
		}
		a, t := cellRef(kpiActual, r), cellRef(kpiTarget, r)
		k.formula(kpiReached, r, st.reached, fmt.Sprintf(`IF(AND(ISNUMBER(%s),ISNUMBER(%s),%s>0),%s/%s,"")`, a, t, t, a, t), reached)
	} else {
		k.set(kpiReached, r, st.reached, nil)
	}
	var decision any
	if kept != nil && kept.Decision != "" {
		decision = kept.Decision
	}
	k.set(kpiDecision, r, st.inputWrap, decision)
}

// kpiReachedColours colours the Reached cells by how far off the target
// an actual is.
func (x *xlsxWriter) kpiReachedColours(s *sheet, last int) {
	if last < 2 {
		return
	}
	ref := rangeRef(kpiReached, 2, kpiReached, last)
	f := colName(kpiReached) + "2"
	good := s.condStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Color: goodInk}, Fill: solid(goodFill)})
	near := s.condStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Color: nearInk}, Fill: solid(nearFill)})
	bad := s.condStyle(overCapStyle())
	s.when(ref, fmt.Sprintf("AND(ISNUMBER(%s),%s>=%g)", f, f, reachedGood), good)
	s.when(ref, fmt.Sprintf("AND(ISNUMBER(%s),%s>=%g,%s<%g)", f, f, reachedNear, f, reachedGood), near)
	s.when(ref, fmt.Sprintf("AND(ISNUMBER(%s),%s<%g)", f, f, reachedNear), bad)
}

// kpiMonthLines draws a line over each month's first row of the KPI
// table, by a conditional format, which keeps the cells' own styles.
func (x *xlsxWriter) kpiMonthLines(s *sheet, last int) {
	if last < 3 {
		return
	}
	line := s.condStyle(&excelize.Style{Border: []excelize.Border{{Type: "top", Color: "808080", Style: 1}}})
	m := colName(kpiMonth)
	s.when(rangeRef(kpiObjective, 3, kpiDecision, last), fmt.Sprintf("AND(ISNUMBER($%s3),$%s3<>$%s2)", m, m, m), line)
}

// kpiPosts writes the posts table: per month, a row per channel and a
// total, and returns its last row.
func (x *xlsxWriter) kpiPosts(k *kpiSheet) int {
	r := 1
	for _, m := range x.reviewMonths() {
		top := r + 1
		var sum, pub calendar.Counts
		for _, ch := range x.channels {
			r++
			n, p := x.tally.ChannelMonth(ch, m), x.published[channelMonth{ch, m}]
			sum.Posts += n.Posts
			pub.Posts, pub.Borrowed = pub.Posts+p.Posts, pub.Borrowed+p.Borrowed
			x.kpiPostRow(k, r, ch.Name, m, n.Posts, p, ch.Cap)
		}
		if len(x.channels) > 1 {
			r++
			x.kpiTotalRow(k, r, top, m, sum.Posts, pub)
		}
	}
	if r > 1 {
		red := k.condStyle(overCapStyle())
		p, sh, c := colName(kpiPublished), colName(kpiPubShare), colName(kpiCap)
		k.when(rangeRef(kpiPubShare, 2, kpiPubShare, r), fmt.Sprintf("AND($%s2>0,$%s2>$%s2)", p, sh, c), red)
	}
	return r
}

// kpiPostRow writes a channel's month in row r: the posts planned, those
// published and the borrowed ones among them, COUNTIFS over the Plan
// sheet, and the borrowed share of the published against the cap.
func (x *xlsxWriter) kpiPostRow(k *kpiSheet, r int, name string, m calendar.Date, planned int, pub calendar.Counts, cp calendar.Cap) {
	st := k.st
	k.set(kpiChannel, r, st.text, name)
	k.set(kpiPostMonth, r, st.month, dateValue(m))
	crit, ok := criterion(name)
	if !ok {
		crit = `""` // too long for a formula literal: counts nothing
	}
	inMonth := x.planInMonth(cellRef(kpiPostMonth, r))
	byChannel := x.planRange(colChannel) + "," + crit
	published, _ := criterion(statusLabel(x.t, "published"))
	borrowed, _ := criterion(x.t.Borrowed)
	byPublished := x.planRange(colStatus) + "," + published
	k.formula(kpiPlanned, r, st.count, countifs(byChannel, inMonth), planned)
	k.formula(kpiPublished, r, st.count, countifs(byChannel, inMonth, byPublished), pub.Posts)
	k.formula(kpiBorrowedPub, r, st.count, countifs(byChannel, inMonth, byPublished, x.planRange(colSource)+","+borrowed), pub.Borrowed)
	x.kpiShare(k, r, st.share, pub)
	k.set(kpiCap, r, st.cap, float64(cp)/10000)
}

// kpiTotalRow writes the month's total, from row top down, in row r.
func (x *xlsxWriter) kpiTotalRow(k *kpiSheet, r, top int, m calendar.Date, planned int, pub calendar.Counts) {
	st := k.st
	k.set(kpiChannel, r, st.total, x.t.Total)
	k.set(kpiPostMonth, r, st.totalMonth, dateValue(m))
	for _, f := range [...]struct{ c, v int }{{kpiPlanned, planned}, {kpiPublished, pub.Posts}, {kpiBorrowedPub, pub.Borrowed}} {
		k.formula(f.c, r, st.total, "SUM("+rangeRef(f.c, top, f.c, r-1)+")", f.v)
	}
	x.kpiShare(k, r, st.totalShare, pub)
	k.set(kpiCap, r, st.totalCap, float64(x.plan.Cap)/10000)
}

// kpiShare writes row r's borrowed share of the published posts, as the
// Mix's share is written: 0 when nothing is published.
func (x *xlsxWriter) kpiShare(k *kpiSheet, r, style int, pub calendar.Counts) {
	k.formula(kpiPubShare, r, style, fmt.Sprintf("IF(%[1]s%[3]d=0,0,%[2]s%[3]d/%[1]s%[3]d)", colName(kpiPublished), colName(kpiBorrowedPub), r), share(pub))
}

// planInMonth is the COUNTIFS criteria of the Plan's dates in the month
// whose first day is in cell ref.
func (x *xlsxWriter) planInMonth(ref string) string {
	d := x.planRange(colDate)
	return fmt.Sprintf(`%s,">="&%s,%s,"<="&EOMONTH(%s,0)`, d, ref, d, ref)
}

// appendKPIRecord appends the hidden record of a KPI row: a JSON array of
// the objective's key, the month, the target's kind, value and text, the
// unit, the label and the KPI, and true for a row kept apart, which the
// next run reads its row by.
func appendKPIRecord(b []byte, row *kpiRow) []byte {
	b = appendJSON(append(b, '['), row.key)
	b = append(append(b, `,"`...), row.month.String()[:7]...)
	b = append(b, `",`...)
	b = appendJSON(b, targetKinds[row.target.Kind])
	b = append(append(b, ','), strconv.FormatFloat(finite(row.target.Value), 'g', -1, 64)...)
	for _, s := range [...]string{row.target.Text, row.unit, row.label, row.kpi} {
		b = appendJSON(append(b, ','), s)
	}
	if row.apart {
		b = append(b, ",true"...)
	}
	return append(b, ']')
}

// targetKinds names the kinds of target in the hidden record.
var targetKinds = map[calendar.TargetKind]string{calendar.TargetText: "text", calendar.TargetNumber: "number", calendar.TargetPercent: "percent"}

func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
