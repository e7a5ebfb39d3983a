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

// The Strategy, Writers and Budget sheets (issue 5): the goals the plan
// serves, each writer's weekly load against capacity, and what the posts
// cost. Writers and Budget are formulas over the Plan table, like the Mix,
// so that they stay true when the manager reassigns or moves posts.

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
	if p.Writer != "" && !x.writerSeen[p.Writer] {
		if x.writerSeen == nil {
			x.writerSeen = make(map[string]bool)
		}
		x.writerSeen[p.Writer] = true
		x.postWriters = append(x.postWriters, p.Writer)
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
	seen := make(map[string]bool)
	for _, w := range x.plan.Writers {
		if w.Name != "" && !seen[w.Name] {
			seen[w.Name] = true
			x.writers = append(x.writers, w.Name)
		}
	}
	for _, w := range x.postWriters {
		if !seen[w] {
			seen[w] = true
			x.writers = append(x.writers, w)
		}
	}
}

// hasWritersSheet: the Writers sheet is there only when the spec has
// writers; without them, every post is its channel owner's, and a load
// against no capacity says nothing.
func (x *xlsxWriter) hasWritersSheet() bool { return len(x.plan.Writers) > 0 }

// extraSheets names the sheets that follow the Mix, in order.
func (x *xlsxWriter) extraSheets() []string {
	t := x.t
	names := []string{t.SheetMix, t.SheetStrategy}
	if x.hasWritersSheet() {
		names = append(names, t.SheetWriters)
	}
	return append(names, t.SheetBudget)
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
		Font:      &excelize.Font{Bold: bold, Size: 10},
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
	f, t, sheet := x.f, x.t, x.t.SheetStrategy
	sHead, err := f.NewStyle(headStyle())
	if err != nil {
		return err
	}
	sCell, err := f.NewStyle(wrapStyle(false))
	if err != nil {
		return err
	}
	stamp := "yyyy-mm-dd hh:mm"
	sWhen, err := f.NewStyle(&excelize.Style{Border: thinBorder(), CustomNumFmt: &stamp, Font: &excelize.Font{Size: 10},
		Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	if err != nil {
		return err
	}
	heads := []string{t.Goal, t.Owner, t.Objective, t.KPI, t.Target, t.Actions, t.Metrics, t.Pillars}
	for i, h := range heads {
		if err := f.SetCellStr(sheet, cellRef(i+1, 1), h); err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, colName(i+1), colName(i+1), strategyWidths[i]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", cellRef(stCols, 1), sHead); err != nil {
		return err
	}
	// Two lines: "Целевое значение" wraps in its column.
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}

	// Which pillars serve which objective, in spec order.
	serving := make(map[string][]string)
	known := make(map[string]bool)
	for _, g := range x.plan.Goals {
		for _, o := range g.Objectives {
			if o.ID != "" {
				known[o.ID] = true
			}
		}
	}
	var loose []string // pillars that serve no objective of the plan
	for _, p := range x.plan.Pillars {
		if p.Objective != "" && known[p.Objective] {
			serving[p.Objective] = append(serving[p.Objective], p.Name)
		} else {
			loose = append(loose, p.Name)
		}
	}
	bullets := func(items []string) string {
		if len(items) == 0 {
			return ""
		}
		return "• " + strings.Join(items, "\n• ")
	}
	// titled is a bold id over its text, as rich text, with its plain text
	// for measuring.
	titled := func(id, text string) ([]excelize.RichTextRun, string) {
		var runs []excelize.RichTextRun
		plain := ""
		if id != "" {
			runs = append(runs, excelize.RichTextRun{Text: id, Font: &excelize.Font{Bold: true, Size: 10}})
			plain = id
		}
		if text != "" {
			if plain != "" {
				text = "\n" + text
			}
			runs = append(runs, excelize.RichTextRun{Text: text, Font: &excelize.Font{Size: 10}})
			plain += text
		}
		return runs, plain
	}
	setRich := func(c, r int, runs []excelize.RichTextRun) error {
		if len(runs) == 0 {
			return nil
		}
		return f.SetCellRichText(sheet, cellRef(c, r), runs)
	}

	r := 1
	// row writes one objective's row and returns its height in lines.
	row := func(o *calendar.ObjectiveSpec, pillars []string) (int, error) {
		lines := 1
		if o != nil {
			runs, plain := titled(o.ID, o.What)
			if err := setRich(stObjective, r, runs); err != nil {
				return 0, err
			}
			lines = max(lines, textLines(plain, strategyWidths[stObjective-1]))
			for _, v := range []struct {
				c int
				s string
			}{{stKPI, o.KPI}, {stTarget, o.Target}, {stActions, bullets(o.Actions)}, {stMetrics, bullets(o.Metrics)}} {
				if v.s == "" {
					continue
				}
				if err := f.SetCellStr(sheet, cellRef(v.c, r), v.s); err != nil {
					return 0, err
				}
				lines = max(lines, textLines(v.s, strategyWidths[v.c-1]))
			}
		}
		if s := bullets(pillars); s != "" {
			if err := f.SetCellStr(sheet, cellRef(stPillars, r), s); err != nil {
				return 0, err
			}
			lines = max(lines, textLines(s, strategyWidths[stPillars-1]))
		}
		return lines, f.SetCellStyle(sheet, cellRef(1, r), cellRef(stCols, r), sCell)
	}
	height := func(lines int) float64 { return min(float64(lines)*13+5, excelize.MaxRowHeight) }

	for _, g := range x.plan.Goals {
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
			n, err := row(o, pillars)
			if err != nil {
				return err
			}
			heights = append(heights, n)
		}
		runs, plain := titled(g.ID, g.Why)
		if err := setRich(stGoal, first, runs); err != nil {
			return err
		}
		if g.Owner != "" {
			if err := f.SetCellStr(sheet, cellRef(stOwner, first), g.Owner); err != nil {
				return err
			}
		}
		if r > first {
			for _, c := range []int{stGoal, stOwner} {
				if err := f.MergeCell(sheet, cellRef(c, first), cellRef(c, r)); err != nil {
					return err
				}
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
			if err := f.SetRowHeight(sheet, first+i, height(h)); err != nil {
				return err
			}
		}
	}
	if len(loose) > 0 {
		// Pillars that serve no objective: the method asks for none, and
		// the validator warns; here they show under a dash.
		r++
		if err := f.SetCellStr(sheet, cellRef(stObjective, r), "—"); err != nil {
			return err
		}
		n, err := row(nil, loose)
		if err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, r, height(n)); err != nil {
			return err
		}
	}
	last := r

	// The monthly reviews, where the KPIs above are checked.
	if len(x.plan.Reviews) > 0 {
		var kpis []string
		for _, g := range x.plan.Goals {
			for _, o := range g.Objectives {
				if o.KPI != "" {
					kpis = append(kpis, o.KPI)
				}
			}
		}
		r += 2
		if err := f.SetCellStr(sheet, cellRef(1, r), t.Columns[colDate-1]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cellRef(2, r), t.Reviews); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cellRef(2, r), cellRef(stCols, r)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(1, r), cellRef(stCols, r), sHead); err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, r, 20); err != nil {
			return err
		}
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
			if err := f.SetCellValue(sheet, cellRef(1, r), when); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellRef(1, r), cellRef(1, r), sWhen); err != nil {
				return err
			}
			text := rv.Title
			if len(kpis) > 0 {
				text += "\n" + t.ReviewKPIs + ": " + strings.Join(kpis, ", ")
			}
			if err := f.SetCellStr(sheet, cellRef(2, r), text); err != nil {
				return err
			}
			if err := f.MergeCell(sheet, cellRef(2, r), cellRef(stCols, r)); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellRef(2, r), cellRef(stCols, r), sCell); err != nil {
				return err
			}
			if err := f.SetRowHeight(sheet, r, height(textLines(text, width))); err != nil {
				return err
			}
		}
		last = r
	}

	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, rangeRef(1, 1, stCols, max(last, 1))); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!$1:$1", Scope: sheet,
	}); err != nil {
		return err
	}
	return x.landscape(sheet, true)
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
	f, t, sheet := x.f, x.t, x.t.SheetWriters
	weeks := x.weeks()
	totalCol := wrFirstWeek + len(weeks)

	sHead, err := f.NewStyle(headStyle())
	if err != nil {
		return err
	}
	hs := headStyle()
	hs.Alignment.Horizontal = "center"
	sHeadC, err := f.NewStyle(hs)
	if err != nil {
		return err
	}
	iso := "yyyy-mm-dd"
	hs.CustomNumFmt = &iso
	hs.Font = &excelize.Font{Color: "FFFFFF", Size: 9}
	sHeadDate, err := f.NewStyle(hs)
	if err != nil {
		return err
	}
	// Zero shows as a dash, so the weeks a writer has something due stand
	// out.
	count := `0;-0;"–"`
	center := &excelize.Alignment{Horizontal: "center"}
	sCount, err := f.NewStyle(&excelize.Style{CustomNumFmt: &count, Alignment: center})
	if err != nil {
		return err
	}
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	sTotal, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: top})
	if err != nil {
		return err
	}
	sTotalCount, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: top, CustomNumFmt: &count, Alignment: center})
	if err != nil {
		return err
	}
	sBold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &count, Alignment: center})
	if err != nil {
		return err
	}
	sName, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	sUnassigned, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Italic: true, Color: "595959"}})
	if err != nil {
		return err
	}

	// Header: two rows, the ISO week over its Monday, so that a week reads
	// as the CLI names it and the formulas have a date to count from.
	nameWidth := 16.0
	for _, w := range x.writers {
		nameWidth = max(nameWidth, min(float64(utf8.RuneCountInString(w)+2), 32))
	}
	nameWidth = max(nameWidth, float64(utf8.RuneCountInString(t.Unassigned)+2))
	if err := f.SetColWidth(sheet, colName(wrName), colName(wrName), nameWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, colName(wrCapacity), colName(wrCapacity), max(11, float64(utf8.RuneCountInString(t.Capacity)+2))); err != nil {
		return err
	}
	if len(weeks) > 0 {
		if err := f.SetColWidth(sheet, colName(wrFirstWeek), colName(totalCol-1), 11); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, colName(totalCol), colName(totalCol), 9); err != nil {
		return err
	}
	for _, h := range []struct {
		c     int
		label string
	}{{wrName, t.Writer}, {wrCapacity, t.Capacity}, {totalCol, t.Total}} {
		if err := f.SetCellStr(sheet, cellRef(h.c, 1), h.label); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cellRef(h.c, 1), cellRef(h.c, 2)); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", cellRef(totalCol, 2), sHeadC); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A2", sHead); err != nil {
		return err
	}
	for i, w := range weeks {
		c := wrFirstWeek + i
		_, n := w.ISOWeek()
		if err := f.SetCellStr(sheet, cellRef(c, 1), t.Week+" "+strconv.Itoa(n)); err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cellRef(c, 2), dateValue(w)); err != nil {
			return err
		}
	}
	if len(weeks) > 0 {
		if err := f.SetCellStyle(sheet, cellRef(wrFirstWeek, 2), cellRef(totalCol-1, 2), sHeadDate); err != nil {
			return err
		}
	}

	capacity := make(map[string]int)
	for _, w := range x.plan.Writers {
		if _, ok := capacity[w.Name]; !ok {
			capacity[w.Name] = w.Capacity
		}
	}
	due := x.col(colDraftDue)
	// sums are the Total row's figures of a static workbook, by column.
	sums := make([]int, len(weeks)+1)
	// load is the formulas of one row, counting the writer criterion crit,
	// or, in a static workbook, the posts of writer who (a name too long
	// for a formula is counted then too).
	load := func(r int, crit, who string) error {
		byWriter := x.col(colWriter) + "," + crit
		for i, w := range weeks {
			c := colName(wrFirstWeek + i)
			formula := fmt.Sprintf(`COUNTIFS(%s,%s,">="&%s$2,%s,"<="&(%s$2+6))`, byWriter, due, c, due, c)
			if crit == "" {
				formula = "0"
			}
			n := x.sums.load[who][w]
			sums[i] += n
			if err := x.summaryCell(sheet, cellRef(wrFirstWeek+i, r), formula, n); err != nil {
				return err
			}
		}
		total := "COUNTIFS(" + byWriter + ")"
		if crit == "" {
			total = "0"
		}
		n := x.sums.loadAll[who]
		sums[len(weeks)] += n
		if err := x.summaryCell(sheet, cellRef(totalCol, r), total, n); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(wrCapacity, r), cellRef(totalCol-1, r), sCount); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cellRef(totalCol, r), cellRef(totalCol, r), sBold)
	}
	r := 2
	for _, w := range x.writers {
		r++
		if err := f.SetCellStr(sheet, cellRef(wrName, r), w); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(wrName, r), cellRef(wrName, r), sName); err != nil {
			return err
		}
		// A name too long for a formula literal (255 characters) cannot be
		// counted: its row says 0 rather than making Excel refuse the file.
		crit, ok := criterion(w)
		if !ok {
			crit = ""
		}
		if err := load(r, crit, w); err != nil {
			return err
		}
		// Capacity 0 is unlimited: the cell stays empty, and nothing is
		// over it.
		if n := capacity[w]; n > 0 {
			if err := f.SetCellInt(sheet, cellRef(wrCapacity, r), int64(n)); err != nil {
				return err
			}
		}
	}
	lastWriter := r
	if x.opt.Writer == "" {
		// Posts without a writer: "" matches empty cells in COUNTIFS.
		r++
		if err := f.SetCellStr(sheet, cellRef(wrName, r), t.Unassigned); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(wrName, r), cellRef(wrName, r), sUnassigned); err != nil {
			return err
		}
		if err := load(r, `""`, ""); err != nil {
			return err
		}
		unassigned := r
		r++
		if err := f.SetCellStr(sheet, cellRef(wrName, r), t.Total); err != nil {
			return err
		}
		for c := wrFirstWeek; c <= totalCol; c++ {
			if err := x.summaryCell(sheet, cellRef(c, r), fmt.Sprintf("SUM(%s)", rangeRef(c, 3, c, unassigned)), sums[c-wrFirstWeek]); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, cellRef(wrName, r), cellRef(wrCapacity, r), sTotal); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(wrFirstWeek, r), cellRef(totalCol, r), sTotalCount); err != nil {
			return err
		}
		if len(weeks) > 0 {
			red, err := x.redStyle()
			if err != nil {
				return err
			}
			if err := f.SetConditionalFormat(sheet, rangeRef(wrFirstWeek, unassigned, totalCol-1, unassigned), []excelize.ConditionalFormatOptions{{
				Type: "formula", Criteria: fmt.Sprintf("%s>0", cellRef(wrFirstWeek, unassigned)), Format: &red,
			}}); err != nil {
				return err
			}
		}
	}
	if len(weeks) > 0 && lastWriter >= 3 {
		red, err := x.redStyle()
		if err != nil {
			return err
		}
		rule := fmt.Sprintf("AND(ISNUMBER($%[1]s3),%[2]s3>$%[1]s3)", colName(wrCapacity), colName(wrFirstWeek))
		if err := f.SetConditionalFormat(sheet, rangeRef(wrFirstWeek, 3, totalCol-1, lastWriter), []excelize.ConditionalFormatOptions{{
			Type: "formula", Criteria: rule, Format: &red,
		}}); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 1, 18); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	lastCol, err := x.asGenerated(sheet, totalCol)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, rangeRef(1, 1, lastCol, max(r, 2))); err != nil {
		return err
	}
	q := quoteSheet(sheet)
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$A:$B,%s!$1:$2", q, q), Scope: sheet,
	}); err != nil {
		return err
	}
	// A quarter's weeks fit one page's width; a year's would shrink to
	// nothing, so they run on over pages with the names repeated.
	return x.landscape(sheet, len(weeks) <= 20)
}

func (x *xlsxWriter) redStyle() (int, error) {
	return x.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: overCapInk}, Fill: solid(overCapFill)})
}

// writeBudget writes what the posts cost, per channel (rows) and month
// (columns): SUMIFS over the Plan's Cost column, so that it follows a moved
// or deleted post, with SUM totals of each row and column.
func (x *xlsxWriter) writeBudget() error {
	f, t, sheet := x.f, x.t, x.t.SheetBudget
	months := x.months()
	if len(months) > maxSheetCols-2 {
		months = months[:maxSheetCols-2]
	}
	totalCol := 2 + len(months)
	costFmt := x.costFormat()
	monthFmt := "yyyy-mm"

	hs := headStyle()
	sCorner, err := f.NewStyle(hs)
	if err != nil {
		return err
	}
	hs.Alignment.Horizontal = "center"
	sHead, err := f.NewStyle(hs)
	if err != nil {
		return err
	}
	hs.CustomNumFmt = &monthFmt
	sHeadMonth, err := f.NewStyle(hs)
	if err != nil {
		return err
	}
	sCost, err := f.NewStyle(&excelize.Style{CustomNumFmt: &costFmt})
	if err != nil {
		return err
	}
	sRowTotal, err := f.NewStyle(&excelize.Style{CustomNumFmt: &costFmt, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	sTotal, err := f.NewStyle(&excelize.Style{CustomNumFmt: &costFmt, Font: &excelize.Font{Bold: true}, Border: top})
	if err != nil {
		return err
	}
	sName, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}

	// The corner names what the table holds, and in which currency.
	corner := t.Cost
	if cur := strings.TrimSpace(x.plan.Currency); cur != "" {
		corner += ", " + cur
	}
	nameWidth := max(18, min(float64(utf8.RuneCountInString(corner)+2), 32))
	for _, c := range x.channels {
		nameWidth = max(nameWidth, min(float64(utf8.RuneCountInString(c.Name)+2), 32))
	}
	if err := f.SetColWidth(sheet, "A", "A", nameWidth); err != nil {
		return err
	}
	// Wide enough for 1,234,567.00 and a short currency label, in bold
	// for the totals.
	if err := f.SetColWidth(sheet, colName(2), colName(totalCol), 18); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A1", corner); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", sCorner); err != nil {
		return err
	}
	for i, m := range months {
		if err := f.SetCellValue(sheet, cellRef(2+i, 1), dateValue(m)); err != nil {
			return err
		}
	}
	if len(months) > 0 {
		if err := f.SetCellStyle(sheet, cellRef(2, 1), cellRef(totalCol-1, 1), sHeadMonth); err != nil {
			return err
		}
	}
	if err := f.SetCellStr(sheet, cellRef(totalCol, 1), t.Total); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, cellRef(totalCol, 1), cellRef(totalCol, 1), sHead); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 20); err != nil {
		return err
	}

	cost, date := x.col(colCost), x.col(colDate)
	// sums are the Total row's figures of a static workbook, by column;
	// they add up as SUM does, down the column.
	sums := make([]float64, len(months)+1)
	r := 1
	for _, ch := range x.channels {
		r++
		if err := f.SetCellStr(sheet, cellRef(1, r), ch.Name); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(1, r), cellRef(1, r), sName); err != nil {
			return err
		}
		// A name too long for a formula literal adds 0, as a writer's does.
		crit, ok := criterion(ch.Name)
		byChannel := cost + "," + x.col(colChannel) + "," + crit
		rowSum := 0.0
		for i, m := range months {
			c := colName(2 + i)
			formula := fmt.Sprintf(`SUMIFS(%s,%s,">="&%s$1,%s,"<="&EOMONTH(%s$1,0))`, byChannel, date, c, date, c)
			if !ok {
				formula = "0"
			}
			v := x.sums.cost[chMonth{ch, m}]
			rowSum += v
			sums[i] += v
			if err := x.summaryCell(sheet, cellRef(2+i, r), formula, v); err != nil {
				return err
			}
		}
		total := "SUMIFS(" + byChannel + ")"
		if !ok {
			total = "0"
		}
		if len(months) > 0 {
			total = "SUM(" + rangeRef(2, r, totalCol-1, r) + ")"
		} else {
			rowSum = x.sums.costAll[ch]
		}
		sums[len(months)] += rowSum
		if err := x.summaryCell(sheet, cellRef(totalCol, r), total, rowSum); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(2, r), cellRef(totalCol-1, r), sCost); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellRef(totalCol, r), cellRef(totalCol, r), sRowTotal); err != nil {
			return err
		}
	}
	r++
	if err := f.SetCellStr(sheet, cellRef(1, r), t.Total); err != nil {
		return err
	}
	for c := 2; c <= totalCol; c++ {
		formula := "0"
		if r > 2 {
			formula = "SUM(" + rangeRef(c, 2, c, r-1) + ")"
		}
		if err := x.summaryCell(sheet, cellRef(c, r), formula, sums[c-2]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, cellRef(1, r), cellRef(totalCol, r), sTotal); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	lastCol, err := x.asGenerated(sheet, totalCol)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, rangeRef(1, 1, lastCol, r)); err != nil {
		return err
	}
	return x.landscape(sheet, len(months) <= 12)
}
