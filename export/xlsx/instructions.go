package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// The Instructions sheet (docs/spec.md, "The workbook"): in the plan's
// language, what each column of the Plan is for and who fills it, what the
// statuses mean, the limits (the caps on borrowed posts, the channels' copy
// limits), and how to send the workbook back.

// The Instructions sheet's columns and their widths: a column's header,
// who fills it, what it holds. Sections span all three.
const (
	inName = iota + 1
	inWho
	inWhat
	inCols = inWhat
)

var instructionWidths = [inCols]float64{26, 30, 72}

// instructionStyles are the sheet's cell styles.
type instructionStyles struct {
	title, section, head, text, wrap, note, pct int
}

// writeInstructions writes the Instructions sheet.
func (x *xlsxWriter) writeInstructions() error {
	s := x.sheet(x.book.SheetInstructions)
	st := x.instructionStyles(s)
	for i, w := range instructionWidths {
		s.width(i+1, i+1, w)
	}
	r := x.instructionsIntro(s, st)
	r = x.instructionsColumns(s, st, r+2)
	r = x.instructionsStatuses(s, st, r+2)
	r = x.instructionsLimits(s, st, r+2)
	r = x.instructionsSend(s, st, r+2)
	s.dimension(inCols, r)
	s.landscape(true)
	s.footer(x.title(), x.book.Page)
	return s.close()
}

func (x *xlsxWriter) instructionStyles(s *sheet) instructionStyles {
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	pct := "0%"
	if x.plan.Cap%100 != 0 {
		pct = "0.00%"
	}
	for _, c := range x.plan.Channels {
		if c.Cap%100 != 0 {
			pct = "0.00%"
		}
	}
	return instructionStyles{
		title:   s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 16, Color: "1F3864"}}),
		section: s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 12, Color: "1F3864"}}),
		head:    s.newStyle(headStyle()),
		text:    s.newStyle(&excelize.Style{NumFmt: 49, Border: thinBorder(), Alignment: top}),
		wrap:    s.newStyle(&excelize.Style{NumFmt: 49, Alignment: top}),
		note:    s.newStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: fontFamily, Italic: true, Color: "595959"}, Alignment: top}),
		pct:     s.newStyle(&excelize.Style{CustomNumFmt: &pct, Border: thinBorder(), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}),
	}
}

// line writes text in row r across the sheet's three columns, wrapped, in
// style, as tall as it needs.
func (x *xlsxWriter) line(s *sheet, r int, text string, style int) {
	s.str(inName, r, text)
	s.merge(inName, r, inCols, r)
	s.style(inName, r, inCols, r, style)
	width := 0.0
	for _, w := range instructionWidths {
		width += w
	}
	s.height(r, textHeight(textLines(text, width)))
}

// textHeight is the height in points of lines of 11-point text.
func textHeight(lines int) float64 {
	return min(float64(max(lines, 1)*lineHeight+3), excelize.MaxRowHeight)
}

// instructionsIntro writes the title, the plan and its dates, the time
// zone, and whose part of the plan a workbook of --split writer holds; it
// returns the last row.
func (x *xlsxWriter) instructionsIntro(s *sheet, st instructionStyles) int {
	b := x.book
	s.str(inName, 1, b.Title)
	s.style(inName, 1, inName, 1, st.title)
	s.height(1, 28)
	plan := x.plan.Name
	if x.plan.Start != 0 || x.plan.End != 0 {
		plan += " · " + x.plan.Start.String() + " – " + x.plan.End.String()
	}
	x.line(s, 2, plan, st.wrap)
	x.line(s, 3, fmt.Sprintf(b.Zone, x.timezone()), st.wrap)
	switch {
	case x.opt.Writer != "":
		x.line(s, 4, fmt.Sprintf(b.WriterPart, x.opt.Writer), st.wrap)
		return 4
	case x.opt.Unassigned:
		x.line(s, 4, b.UnassignedPart, st.wrap)
		return 4
	}
	return 3
}

// headRow writes a header row r of labels, the last one spanning what is
// left of the three columns.
func (x *xlsxWriter) headRow(s *sheet, st instructionStyles, r int, labels ...string) {
	for i, l := range labels {
		s.str(inName+i, r, l)
	}
	if n := len(labels); n < inCols {
		s.merge(n, r, inCols, r)
	}
	s.style(inName, r, inCols, r, st.head)
	s.height(r, 20)
}

// guideText fills in a guide text's names: the headers of the Notes and
// Published link columns and the Mix sheet's name.
func (x *xlsxWriter) guideText(s string) string {
	return strings.NewReplacer("{notes}", x.header(colNotes), "{published link}", x.header(colPublished),
		"{mix}", x.t.SheetMix).Replace(s)
}

// instructionsColumns writes a row per visible column of the Plan, in the
// sheet's order, from row r on, and the note on the hidden column; it
// returns the last row.
func (x *xlsxWriter) instructionsColumns(s *sheet, st instructionStyles, r int) int {
	b := x.book
	s.str(inName, r, fmt.Sprintf(b.ColumnsTitle, x.t.SheetPlan))
	s.style(inName, r, inName, r, st.section)
	r++
	x.headRow(s, st, r, b.ColumnHead, b.WhoHead, b.WhatHead)
	for c := 1; c <= numCols; c++ {
		if !x.lay.has(c) || c == colGenerated {
			continue
		}
		g := b.Columns[columnKeys[c]]
		r++
		cells := []string{x.header(c), x.guideText(g.Who), x.guideText(g.What)}
		lines := 1
		for i, v := range cells {
			s.str(inName+i, r, v)
			lines = max(lines, textLines(v, instructionWidths[i]))
		}
		s.style(inName, r, inCols, r, st.text)
		s.height(r, textHeight(lines))
	}
	r++
	x.line(s, r, fmt.Sprintf(b.Hidden, x.header(colGenerated)), st.note)
	return r
}

// instructionsStatuses writes each status and what it means from row r
// on, and returns the last row.
func (x *xlsxWriter) instructionsStatuses(s *sheet, st instructionStyles, r int) int {
	b := x.book
	s.str(inName, r, b.StatusesTitle)
	s.style(inName, r, inName, r, st.section)
	r++
	x.headRow(s, st, r, x.t.Columns[colStatus-1], b.MeaningHead)
	for i, label := range x.t.Statuses {
		if i >= len(b.StatusNotes) {
			break
		}
		r++
		s.str(inName, r, label)
		s.str(inWho, r, x.guideText(b.StatusNotes[i]))
		s.merge(inWho, r, inCols, r)
		s.style(inName, r, inCols, r, st.text)
		s.height(r, textHeight(1))
	}
	return r
}

// instructionsLimits writes the plan's cap and each channel's cap and copy
// limit from row r on, and returns the last row.
func (x *xlsxWriter) instructionsLimits(s *sheet, st instructionStyles, r int) int {
	b, t := x.book, x.t
	s.str(inName, r, b.LimitsTitle)
	s.style(inName, r, inName, r, st.section)
	r++
	x.line(s, r, fmt.Sprintf(b.PlanCap, percent(x.plan.Cap)), st.wrap)
	if len(x.channels) == 0 {
		return r
	}
	r++
	x.headRow(s, st, r, t.Channel, b.CapHead, b.LimitHead)
	for _, c := range x.channels {
		r++
		s.str(inName, r, c.Name)
		s.float(inWho, r, float64(c.Cap)/10000)
		if c.Limit > 0 {
			s.int(inWhat, r, int64(c.Limit))
		} else {
			s.str(inWhat, r, "—")
		}
		s.style(inName, r, inName, r, st.text)
		s.style(inWho, r, inWhat, r, st.pct)
		s.style(inWhat, r, inWhat, r, st.text)
		s.height(r, textHeight(1))
	}
	return r
}

// percent is a cap as a percentage, "30%" or "27.5%".
func percent(c calendar.Cap) string {
	s := fmt.Sprintf("%.2f", float64(c)/100)
	return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(s, "0"), "."), ".") + "%"
}

// instructionsSend writes the steps of sending the workbook back from row
// r on, and returns the last row.
func (x *xlsxWriter) instructionsSend(s *sheet, st instructionStyles, r int) int {
	b := x.book
	s.str(inName, r, b.SendTitle)
	s.style(inName, r, inName, r, st.section)
	for i, step := range b.Send {
		r++
		x.line(s, r, fmt.Sprintf("%d. %s", i+1, step), st.wrap)
	}
	return r
}
