package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// The Strategy, Writers and Budget sheets (docs/spec.md, "[[goal]]",
// "[[writer]]" and "Budget"): the goals the plan serves, each writer's
// weekly load against capacity, and what the posts cost. Writers and Budget
// are formulas over the Plan table, like the Mix, so that they stay true
// when the manager reassigns or moves posts.

// maxSheetCols is how many columns a sheet has; Writers (a column per week)
// and Budget (a column per month) stop there, which only a plan of
// centuries reaches.
const maxSheetCols = excelize.MaxColumns

// surveyExtras notes what the Writers and Budget sheets need from a post.
func (x *xlsxWriter) surveyExtras(p *calendar.Post) {
	if c := costValue(p.Cost); c != math.Trunc(c) {
		x.cents = true
	}
	// A due date after publishing, or a year before it, is not one the
	// scheduler makes (a hand-made post may leave it zero, 1970): it would
	// stretch the Writers sheet over decades, so it does not widen the
	// weeks (the writer's Total still counts the post).
	if d := p.DraftDue; d <= p.Date && d >= p.Date-366 {
		if !x.hasDue || d < x.minDue {
			x.minDue = d
		}
		if !x.hasDue || d > x.maxDue {
			x.maxDue = d
		}
		x.hasDue = true
	}
}

// listWriters sets the Writers rows: the spec's writers in spec order, then
// anyone else the posts name (a channel's owner writes when no writer may),
// so that the rows and the unassigned row add up to every post. A writer's
// own workbook has only their row.
func (x *xlsxWriter) listWriters() {
	if x.opt.Writer != "" {
		x.writers = []string{x.opt.Writer}
		return
	}
	// The posts no writer could take: their owners, if any, then the
	// unassigned row; the writers, whose posts are in their own
	// workbooks, would all show nothing.
	if x.opt.Unassigned {
		x.writers = x.tally.Writers()
		return
	}
	seen := make(map[string]bool)
	for _, w := range x.plan.Writers {
		if w.Name != "" && !seen[w.Name] {
			seen[w.Name] = true
			x.writers = append(x.writers, w.Name)
		}
	}
	for _, w := range x.tally.Writers() {
		if !seen[w] {
			seen[w] = true
			x.writers = append(x.writers, w)
		}
	}
}

// hasBudget: the Budget sheet is there but in the workbooks of --split
// writer, which the writers get: they do not see the agency's costs.
func (x *xlsxWriter) hasBudget() bool { return !x.split() }

// hasWritersSheet: the Writers sheet is there only when the spec has
// writers; without them, every post is its channel owner's, and a load
// against no capacity says nothing.
func (x *xlsxWriter) hasWritersSheet() bool { return len(x.plan.Writers) > 0 }

// extraSheets names the sheets that follow the Plan, in order, but for the
// month grids and the marker, which come last.
func (x *xlsxWriter) extraSheets() []string {
	t := x.t
	names := []string{x.book.SheetInstructions}
	if x.hasRemoved() {
		names = append(names, t.SheetRemoved)
	}
	names = append(names, t.SheetMix, t.SheetStrategy)
	if x.hasKPISheet() {
		names = append(names, t.Review().Sheet)
	}
	if x.hasWritersSheet() {
		names = append(names, t.SheetWriters)
	}
	if x.hasBudget() {
		names = append(names, t.SheetBudget)
	}
	return names
}

// costValue is a cost as a cell holds it: a cost that is not a finite
// number cannot come from a validated spec, and is 0, as in the csv.
func costValue(c float64) float64 {
	if math.IsNaN(c) || math.IsInf(c, 0) || c == 0 {
		return 0
	}
	return c
}

// costFormat is the number format of costs: thousands grouped, cents only
// when some cost has them, and plan.currency after the number as a quoted
// literal (a quote in it closes the literal, is escaped, and reopens it).
func (x *xlsxWriter) costFormat() string {
	f := "#,##0"
	if x.cents {
		f = "#,##0.00"
	}
	cur := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(x.plan.Currency))
	// A number format holds 255 characters; a longer label stays in the
	// Budget's header only.
	if cur == "" || utf8.RuneCountInString(cur) > 50 {
		return f
	}
	return f + ` "` + strings.ReplaceAll(cur, `"`, `"\""`) + `"`
}

// wrapStyle is a bordered, top-aligned, wrapping cell of the Strategy.
func wrapStyle(bold bool) *excelize.Style {
	return &excelize.Style{
		Border:    thinBorder(),
		Font:      &excelize.Font{Family: fontFamily, Bold: bold, Size: 10},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	}
}

func thinBorder() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
}

// textLines estimates how many lines s takes in a wrapping column of width
// characters: row heights are set from it, because Excel does not grow a
// row to wrapped text that a program wrote.
func textLines(s string, width float64) int {
	per := max(int(width*1.1)-1, 1) // 10-point text in columns sized for 11
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += max(1, (utf8.RuneCountInString(line)+per-1)/per)
	}
	return n
}

// The Strategy sheet's columns.
const (
	stGoal = iota + 1
	stOwner
	stObjective
	stKPI
	stTarget
	stActions
	stMetrics
	stPillars
	stCols = stPillars
)

// strategyWidths fit A4 landscape at about 80%, the scale at which 10-point
// text still reads well on paper.
var strategyWidths = [stCols]float64{28, 16, 28, 18, 12, 32, 26, 18}

// writeStrategy writes the plan from goals down: a row per objective under
// its goal (the goal's cells merged over its objectives, so the tree reads
// top to bottom), then the review meetings where the KPIs are checked.
func (x *xlsxWriter) writeStrategy() error {
	s := x.sheet(x.t.SheetStrategy)
	stamp := "yyyy-mm-dd hh:mm"
	st := strategyStyles{head: s.newStyle(headStyle()), cell: s.newStyle(wrapStyle(false))}
	st.when = s.newStyle(&excelize.Style{Border: thinBorder(), CustomNumFmt: &stamp, Font: &excelize.Font{Family: fontFamily, Size: 10},
		Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	x.strategyHeader(s, st.head)
	last := x.strategyGoals(s, st.cell)
	if len(x.plan.Reviews) > 0 {
		last = x.strategyReviews(s, st, last)
	}
	s.freeze(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	s.dimension(stCols, max(last, 1))
	s.define("_xlnm.Print_Titles", quoteSheet(s.name)+"!$1:$1")
	s.landscape(true)
	s.footer(x.title(), x.book.Page)
	return s.close()
}

// strategyStyles are the Strategy's cell styles: the header, a text cell,
// and a review's date and time.
type strategyStyles struct{ head, cell, when int }

func (x *xlsxWriter) strategyHeader(s *sheet, style int) {
	t := x.t
	heads := []string{t.Goal, t.Owner, t.Objective, t.KPI, t.Target, t.Actions, t.Metrics, t.Pillars}
	for i, h := range heads {
		s.str(i+1, 1, h)
		s.width(i+1, i+1, strategyWidths[i])
	}
	s.style(1, 1, stCols, 1, style)
	// Two lines: "Целевое значение" wraps in its column.
	s.height(1, 30)
}

// strategyGoals writes each goal's rows, then the pillars that serve no
// objective, and returns the last row.
func (x *xlsxWriter) strategyGoals(s *sheet, style int) int {
	serving, loose := x.pillarsServing()
	r := 1
	for i := range x.plan.Goals {
		r = x.goalRows(s, style, r, &x.plan.Goals[i], serving)
	}
	if len(loose) > 0 {
		// Pillars that serve no objective: the method asks for none, and
		// the validator warns; here they show under a dash.
		r++
		s.str(stObjective, r, "—")
		s.height(r, strategyHeight(x.objectiveRow(s, style, r, nil, loose)))
	}
	return r
}

// pillarsServing lists the pillars that serve each objective, and those
// that serve no objective of the plan, in spec order.
func (x *xlsxWriter) pillarsServing() (serving map[string][]string, loose []string) {
	serving = make(map[string][]string)
	known := make(map[string]bool)
	for _, g := range x.plan.Goals {
		for _, o := range g.Objectives {
			if o.ID != "" {
				known[o.ID] = true
			}
		}
	}
	for _, p := range x.plan.Pillars {
		if p.Objective != "" && known[p.Objective] {
			serving[p.Objective] = append(serving[p.Objective], p.Name)
		} else {
			loose = append(loose, p.Name)
		}
	}
	return serving, loose
}

// goalRows writes goal g's objectives from row r+1 on, with the goal's
// cells merged over them, and returns their last row.
func (x *xlsxWriter) goalRows(s *sheet, style, r int, g *calendar.GoalSpec, serving map[string][]string) int {
	first := r + 1
	var heights []int
	objs := g.Objectives
	if len(objs) == 0 {
		objs = []calendar.ObjectiveSpec{{}} // the goal still shows
	}
	for i := range objs {
		r++
		o := &objs[i]
		if o.ID == "" && o.What == "" && o.KPI == "" && len(g.Objectives) == 0 {
			o = nil
		}
		var pillars []string
		if o != nil && o.ID != "" {
			pillars = serving[o.ID]
		}
		heights = append(heights, x.objectiveRow(s, style, r, o, pillars))
	}
	runs, plain := titled(g.ID, g.Why)
	s.rich(stGoal, first, runs)
	if g.Owner != "" {
		s.str(stOwner, first, g.Owner)
	}
	if r > first {
		for _, c := range []int{stGoal, stOwner} {
			s.merge(c, first, c, r)
		}
	}
	// The merged goal cell must hold its text: what the objectives'
	// rows lack goes to the last of them.
	need := max(textLines(plain, strategyWidths[stGoal-1]), textLines(g.Owner, strategyWidths[stOwner-1]))
	have := 0
	for _, h := range heights {
		have += h
	}
	if need > have {
		heights[len(heights)-1] += need - have
	}
	for i, h := range heights {
		s.height(first+i, strategyHeight(h))
	}
	return r
}

// objectiveRow writes objective o (nil for none) and the pillars that
// serve it in row r, and returns the row's height in lines.
func (x *xlsxWriter) objectiveRow(s *sheet, style, r int, o *calendar.ObjectiveSpec, pillars []string) int {
	lines := 1
	if o != nil {
		runs, plain := titled(o.ID, o.What)
		s.rich(stObjective, r, runs)
		lines = max(lines, textLines(plain, strategyWidths[stObjective-1]))
		for _, v := range []struct {
			c int
			s string
		}{{stKPI, o.KPI}, {stTarget, o.TargetText()}, {stActions, bullets(o.Actions)}, {stMetrics, bullets(o.Metrics)}} {
			if v.s == "" {
				continue
			}
			s.str(v.c, r, v.s)
			lines = max(lines, textLines(v.s, strategyWidths[v.c-1]))
		}
	}
	if b := bullets(pillars); b != "" {
		s.str(stPillars, r, b)
		lines = max(lines, textLines(b, strategyWidths[stPillars-1]))
	}
	s.style(1, r, stCols, r, style)
	return lines
}

// strategyReviews writes the monthly reviews, where the KPIs above are
// checked, from two rows under row r on, and returns their last row.
func (x *xlsxWriter) strategyReviews(s *sheet, st strategyStyles, r int) int {
	t := x.t
	var kpis []string
	for _, g := range x.plan.Goals {
		for _, o := range g.Objectives {
			if o.KPI != "" {
				kpis = append(kpis, o.KPI)
			}
		}
	}
	r += 2
	s.str(1, r, t.Columns[colDate-1])
	s.str(2, r, t.Reviews)
	s.merge(2, r, stCols, r)
	s.style(1, r, stCols, r, st.head)
	s.height(r, 20)
	width := 0.0
	for _, w := range strategyWidths[1:] {
		width += w
	}
	for _, rv := range x.plan.Reviews {
		r++
		when := dateValue(rv.Date)
		if !rv.Start.IsZero() {
			h, m, _ := rv.Start.Clock()
			when = when.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
		}
		s.value(1, r, when)
		s.style(1, r, 1, r, st.when)
		text := rv.Title
		if len(kpis) > 0 {
			text += "\n" + t.ReviewKPIs + ": " + strings.Join(kpis, ", ")
		}
		s.str(2, r, text)
		s.merge(2, r, stCols, r)
		s.style(2, r, stCols, r, st.cell)
		s.height(r, strategyHeight(textLines(text, width)))
	}
	return r
}

// strategyHeight is the height in points of a Strategy row of 10-point
// text lines.
func strategyHeight(lines int) float64 { return min(float64(lines)*13+5, excelize.MaxRowHeight) }

// bullets lists items one a line.
func bullets(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return "• " + strings.Join(items, "\n• ")
}

// titled is a bold id over its text, as rich text, with its plain text
// for measuring.
func titled(id, text string) ([]excelize.RichTextRun, string) {
	var runs []excelize.RichTextRun
	plain := ""
	if id != "" {
		runs = append(runs, excelize.RichTextRun{Text: id, Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 10}})
		plain = id
	}
	if text != "" {
		if plain != "" {
			text = "\n" + text
		}
		runs = append(runs, excelize.RichTextRun{Text: text, Font: &excelize.Font{Family: fontFamily, Size: 10}})
		plain += text
	}
	return runs, plain
}

// weeks lists the Monday of each ISO week in which a draft is due: from the
// week of the earliest draft (before the plan starts, for long leads) to the
// week of the last one.
func (x *xlsxWriter) weeks() []calendar.Date {
	first, last := x.first, x.last
	if x.hasDue {
		first, last = min(first, x.minDue), x.maxDue
		if x.first > x.last { // no plan dates: the drafts alone
			first = x.minDue
		}
	}
	var ws []calendar.Date
	for m := first.Monday(); m <= last && len(ws) < maxSheetCols-3; m = m.AddDays(7) {
		ws = append(ws, m)
	}
	return ws
}

// The Writers sheet's fixed columns; weeks follow, then the total.
const (
	wrName = iota + 1
	wrCapacity
	wrFirstWeek
)

// writeWriters writes each writer's load per ISO week (counted by draft-due
// date, as the scheduler counts it) against their weekly capacity, as
// COUNTIFS over the Plan table, with a row for posts without a writer and a
// total. A week over capacity turns red, as does any unassigned post.
func (x *xlsxWriter) writeWriters() error {
	weeks := x.weeks()
	w := &writersSheet{sheet: x.bufferedSheet(x.t.SheetWriters), weeks: weeks, totalCol: wrFirstWeek + len(weeks),
		sums: make([]int, len(weeks)+1)}
	x.writersStyles(w)
	x.writersHeader(w)
	lastWriter := x.writersRows(w)
	r := lastWriter
	if x.opt.Writer == "" {
		r = x.writersTotals(w, lastWriter)
	}
	if len(weeks) > 0 && lastWriter >= 3 {
		red := w.condStyle(overCapStyle())
		rule := fmt.Sprintf("AND(ISNUMBER($%[1]s3),%[2]s3>$%[1]s3)", colName(wrCapacity), colName(wrFirstWeek))
		w.when(rangeRef(wrFirstWeek, 3, w.totalCol-1, lastWriter), rule, red)
	}
	w.height(1, 18)
	w.freeze(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"})
	lastCol := w.note(w.totalCol)
	w.dimension(lastCol, max(r, 2))
	q := quoteSheet(w.name)
	w.define("_xlnm.Print_Titles", fmt.Sprintf("%s!$A:$B,%s!$1:$2", q, q))
	// A quarter's weeks fit one page's width; a year's would shrink to
	// nothing, so they run on over pages with the names repeated.
	w.landscape(len(weeks) <= 20)
	w.footer(x.title(), x.book.Page)
	return w.close()
}

// writersSheet is the Writers sheet in the making.
type writersSheet struct {
	*sheet
	weeks    []calendar.Date // a column each, from wrFirstWeek
	totalCol int
	sums     []int // the Total row's figures of a static workbook, by column

	head, headCenter, headDate, count, total, totalCount, bold, writer, unassigned int // styles
}

func (x *xlsxWriter) writersStyles(w *writersSheet) {
	w.head = w.newStyle(headStyle())
	hs := headStyle()
	hs.Alignment.Horizontal = "center"
	w.headCenter = w.newStyle(hs)
	iso := "yyyy-mm-dd"
	hs.CustomNumFmt = &iso
	hs.Font = &excelize.Font{Family: fontFamily, Color: "FFFFFF", Size: 9}
	w.headDate = w.newStyle(hs)
	// Zero shows as a dash, so the weeks a writer has something due stand
	// out.
	count := `0;-0;"–"`
	center := &excelize.Alignment{Horizontal: "center"}
	w.count = w.newStyle(&excelize.Style{CustomNumFmt: &count, Alignment: center})
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	w.total = w.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, Border: top})
	w.totalCount = w.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, Border: top, CustomNumFmt: &count, Alignment: center})
	w.bold = w.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, CustomNumFmt: &count, Alignment: center})
	w.writer = w.newStyle(&excelize.Style{NumFmt: 49})
	w.unassigned = w.newStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: fontFamily, Italic: true, Color: "595959"}})
}

// writersHeader writes two header rows, the ISO week over its Monday, so
// that a week reads as the CLI names it and the formulas have a date to
// count from.
func (x *xlsxWriter) writersHeader(w *writersSheet) {
	t := x.t
	names := max(16, headerWidth(t.Writer), nameWidth(t.Unassigned), nameWidth(t.Total))
	for _, name := range x.writers {
		names = max(names, nameWidth(name))
	}
	w.width(wrName, wrName, names)
	w.width(wrCapacity, wrCapacity, max(11, headerWidth(t.Capacity)))
	if len(w.weeks) > 0 {
		// A week's label is one line over its Monday: "Week 53" as wide
		// as the widest.
		w.width(wrFirstWeek, w.totalCol-1, max(11, lineWidth(t.Week+" 53")))
	}
	w.width(w.totalCol, w.totalCol, max(9, headerWidth(t.Total)))
	for _, h := range []struct {
		c     int
		label string
	}{{wrName, t.Writer}, {wrCapacity, t.Capacity}, {w.totalCol, t.Total}} {
		w.str(h.c, 1, h.label)
		w.merge(h.c, 1, h.c, 2)
	}
	w.style(1, 1, w.totalCol, 2, w.headCenter)
	w.style(1, 1, 1, 2, w.head)
	for i, week := range w.weeks {
		c := wrFirstWeek + i
		_, n := week.ISOWeek()
		w.str(c, 1, t.Week+" "+strconv.Itoa(n))
		w.value(c, 2, dateValue(week))
	}
	if len(w.weeks) > 0 {
		w.style(wrFirstWeek, 2, w.totalCol-1, 2, w.headDate)
	}
}

// writersRows writes a row per writer and returns the last.
func (x *xlsxWriter) writersRows(w *writersSheet) int {
	capacity := make(map[string]int)
	for _, wr := range x.plan.Writers {
		if _, ok := capacity[wr.Name]; !ok {
			capacity[wr.Name] = wr.Capacity
		}
	}
	r := 2
	for _, name := range x.writers {
		r++
		w.str(wrName, r, name)
		w.style(wrName, r, wrName, r, w.writer)
		// A name too long for a formula literal (255 characters) cannot be
		// counted by a formula: its row holds the figures alone.
		crit, ok := criterion(name)
		if !ok {
			crit = ""
		}
		x.writerLoad(w, r, crit, name)
		// Capacity 0 is unlimited: the cell stays empty, and nothing is
		// over it.
		if n := capacity[name]; n > 0 {
			w.int(wrCapacity, r, int64(n))
		}
	}
	return r
}

// writerLoad writes row r's loads: the formulas counting the writer
// criterion crit, or, in a static workbook, the posts of writer who (a
// name too long for a formula is counted then too).
func (x *xlsxWriter) writerLoad(w *writersSheet, r int, crit, who string) {
	byWriter := x.planRange(colWriter) + "," + crit
	due := x.planRange(colDraftDue)
	for i, week := range w.weeks {
		c := colName(wrFirstWeek + i)
		// The writer's criterion comes last: LibreOffice (7.4) counts no
		// row when a "" criterion, the unassigned's, comes first and
		// others follow.
		formula := fmt.Sprintf(`COUNTIFS(%s,">="&%s$2,%s,"<="&(%s$2+6),%s)`, due, c, due, c, byWriter)
		if crit == "" {
			formula = "" // the figure alone: see writersRows
		}
		n := x.tally.DueLoad(who, week)
		w.sums[i] += n
		w.figure(wrFirstWeek+i, r, formula, n)
	}
	total := "COUNTIFS(" + byWriter + ")"
	if crit == "" {
		total = ""
	}
	n := x.tally.Writer(who)
	w.sums[len(w.weeks)] += n
	w.figure(w.totalCol, r, total, n)
	w.style(wrCapacity, r, w.totalCol-1, r, w.count)
	w.style(w.totalCol, r, w.totalCol, r, w.bold)
}

// writersTotals writes, under the writers' last row r, the row of posts
// without a writer, red where it counts any, and the total row; it returns
// the last row.
func (x *xlsxWriter) writersTotals(w *writersSheet, r int) int {
	t := x.t
	// Posts without a writer: "" matches empty cells in COUNTIFS.
	r++
	w.str(wrName, r, t.Unassigned)
	w.style(wrName, r, wrName, r, w.unassigned)
	// "" matches the empty cells, and a plan without posts has one row
	// of them under the header: there the row holds its figures (none).
	crit := `""`
	if x.count == 0 {
		crit = ""
	}
	x.writerLoad(w, r, crit, "")
	unassigned := r
	r++
	w.str(wrName, r, t.Total)
	sumRow(w.sheet, r, wrFirstWeek, w.totalCol, 3, unassigned, w.sums)
	w.style(wrName, r, wrCapacity, r, w.total)
	w.style(wrFirstWeek, r, w.totalCol, r, w.totalCount)
	if len(w.weeks) > 0 {
		red := w.condStyle(overCapStyle())
		w.when(rangeRef(wrFirstWeek, unassigned, w.totalCol-1, unassigned), fmt.Sprintf("%s>0", cellRef(wrFirstWeek, unassigned)), red)
	}
	return r
}

// sumRow writes in row r, in each column from c1 to c2, the SUM of its rows
// top to bottom (0 when there are none), or in a static workbook the
// figures in sums, from c1 on.
func sumRow[N int | float64](s *sheet, r, c1, c2, top, bottom int, sums []N) {
	for c := c1; c <= c2; c++ {
		formula := "0"
		if bottom >= top {
			formula = "SUM(" + rangeRef(c, top, c, bottom) + ")"
		}
		s.figure(c, r, formula, sums[c-c1])
	}
}

// writeBudget writes what the posts cost, per channel (rows) and month
// (columns): SUMIFS over the Plan's Cost column, so that it follows a moved
// or deleted post, with SUM totals of each row and column.
func (x *xlsxWriter) writeBudget() error {
	months := x.months()
	if len(months) > maxSheetCols-2 {
		months = months[:maxSheetCols-2]
	}
	b := &budgetSheet{sheet: x.bufferedSheet(x.t.SheetBudget), months: months, totalCol: 2 + len(months),
		sums: make([]float64, len(months)+1)}
	x.budgetStyles(b)
	x.budgetHeader(b)
	r := 1
	for _, ch := range x.channels {
		r++
		x.budgetRow(b, r, ch)
	}
	r++
	b.str(1, r, x.t.Total)
	sumRow(b.sheet, r, 2, b.totalCol, 2, r-1, b.sums)
	b.style(1, r, b.totalCol, r, b.total)
	b.freeze(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"})
	lastCol := b.note(b.totalCol)
	b.dimension(lastCol, r)
	b.landscape(len(months) <= 12)
	b.footer(x.title(), x.book.Page)
	return b.close()
}

// budgetSheet is the Budget sheet in the making.
type budgetSheet struct {
	*sheet
	months   []calendar.Date // a column each, from column 2
	totalCol int
	// sums are the Total row's figures of a static workbook, by column;
	// they add up as SUM does, down the column.
	sums []float64

	corner, head, headMonth, cost, rowTotal, total, channel int // styles
}

func (x *xlsxWriter) budgetStyles(b *budgetSheet) {
	costFmt := x.costFormat()
	monthFmt := monthFormat
	hs := headStyle()
	b.corner = b.newStyle(hs)
	hs.Alignment.Horizontal = "center"
	b.head = b.newStyle(hs)
	hs.CustomNumFmt = &monthFmt
	b.headMonth = b.newStyle(hs)
	b.cost = b.newStyle(&excelize.Style{CustomNumFmt: &costFmt})
	b.rowTotal = b.newStyle(&excelize.Style{CustomNumFmt: &costFmt, Font: &excelize.Font{Family: fontFamily, Bold: true}})
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	b.total = b.newStyle(&excelize.Style{CustomNumFmt: &costFmt, Font: &excelize.Font{Family: fontFamily, Bold: true}, Border: top})
	b.channel = b.newStyle(&excelize.Style{NumFmt: 49})
}

// budgetHeader writes the months over the columns, under a corner that
// names what the table holds, and in which currency.
func (x *xlsxWriter) budgetHeader(b *budgetSheet) {
	corner := x.t.Cost
	if cur := strings.TrimSpace(x.plan.Currency); cur != "" {
		corner += ", " + cur
	}
	names := max(18, min(headerWidth(corner), 40))
	for _, c := range x.channels {
		names = max(names, nameWidth(c.Name))
	}
	b.width(1, 1, names)
	// Wide enough for 1,234,567.00 and a short currency label, in bold
	// for the totals.
	b.width(2, b.totalCol, 18)
	b.str(1, 1, corner)
	b.style(1, 1, 1, 1, b.corner)
	for i, m := range b.months {
		b.value(2+i, 1, dateValue(m))
	}
	if len(b.months) > 0 {
		b.style(2, 1, b.totalCol-1, 1, b.headMonth)
	}
	b.str(b.totalCol, 1, x.t.Total)
	b.style(b.totalCol, 1, b.totalCol, 1, b.head)
	b.height(1, 20)
}

// budgetRow writes channel ch's costs in row r, a month a column, and
// their total.
func (x *xlsxWriter) budgetRow(b *budgetSheet, r int, ch *calendar.Channel) {
	b.str(1, r, ch.Name)
	b.style(1, r, 1, r, b.channel)
	// A name too long for a formula literal adds 0, as a writer's does.
	crit, ok := criterion(ch.Name)
	byChannel := x.planRange(colCost) + "," + x.planRange(colChannel) + "," + crit
	date := x.planRange(colDate)
	rowSum := 0.0
	for i, m := range b.months {
		c := colName(2 + i)
		formula := fmt.Sprintf(`SUMIFS(%s,%s,">="&%s$1,%s,"<="&EOMONTH(%s$1,0))`, byChannel, date, c, date, c)
		if !ok {
			formula = "" // the figure alone, as a writer's
		}
		v := x.tally.Cost(ch, m)
		rowSum += v
		b.sums[i] += v
		b.figure(2+i, r, formula, v)
	}
	total := "SUMIFS(" + byChannel + ")"
	if !ok {
		total = ""
	}
	if len(b.months) > 0 {
		total = "SUM(" + rangeRef(2, r, b.totalCol-1, r) + ")"
	} else {
		rowSum = x.tally.ChannelCost(ch)
	}
	b.sums[len(b.months)] += rowSum
	b.figure(b.totalCol, r, total, rowSum)
	b.style(2, r, b.totalCol-1, r, b.cost)
	b.style(b.totalCol, r, b.totalCol, r, b.rowTotal)
}
