package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// The Mix sheet (docs/spec.md, "The workbook"): own and borrowed posts per
// channel and month, each channel's whole plan and the whole plan against
// the caps; under them each channel's formats and the plan's pillars
// against the shares their weights ask for; on the right all channels by
// month, the chart's data. Every figure is a COUNTIFS over the Plan sheet
// with the value it computes, so that it follows the writers' edits (a
// changed Source, a moved Date) and shows in a reader that does not
// recalculate.

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

// The columns of the formats and pillars under the channels: a channel
// (or a pillar), a format, the posts, their share of the channel's (the
// plan's) posts, and the share the weight asks for.
const (
	shareName   = mixChannel
	shareFormat = mixMonth
	sharePosts  = mixPosts
	shareShare  = mixOwn
	shareTarget = mixBorrowed
)

// monthFormat shows a month as 2027-01, in the Mix and the Budget alike.
const monthFormat = "yyyy-mm"

// writeMix writes the Mix sheet.
func (x *xlsxWriter) writeMix() error {
	s := x.bufferedSheet(x.t.SheetMix)
	months := x.months()
	st := x.mixStyles(s)
	x.mixHeader(s, st.head)
	totals, whole := x.mixRows(s, st, months)
	x.mixOverCap(s, whole)
	last := x.mixFormats(s, st, whole+2, totals)
	last = x.mixPillars(s, st, last+2, whole)
	x.mixByMonth(s, st.text, months)
	s.freeze(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	lastCol := s.note(mixByBorrowed)
	s.dimension(lastCol, max(last, len(months)+1))
	s.landscape(true)
	s.footer(x.title(), x.book.Page)
	if len(months) > 0 {
		x.mixChart(s, len(months))
	}
	return s.close()
}

// mixStyles are the Mix's cell styles.
type mixStyles struct {
	head, month, pct, total, totalPct, text, whole, wholePct int
}

func (x *xlsxWriter) mixStyles(s *sheet) mixStyles {
	monthFmt, pct := monthFormat, "0%"
	for _, c := range x.channels {
		if c.Cap%100 != 0 {
			pct = "0.00%"
		}
	}
	if x.plan.Cap%100 != 0 {
		pct = "0.00%"
	}
	head := headStyle()
	head.Alignment.Horizontal = "center"
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	double := []excelize.Border{{Type: "top", Color: "404040", Style: 6}}
	var st mixStyles
	st.head = s.newStyle(head)
	st.month = s.newStyle(&excelize.Style{CustomNumFmt: &monthFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	st.pct = s.newStyle(&excelize.Style{CustomNumFmt: &pct})
	st.total = s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, Border: top})
	st.totalPct = s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, CustomNumFmt: &pct, Border: top})
	st.whole = s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, Border: double})
	st.wholePct = s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, CustomNumFmt: &pct, Border: double})
	st.text = s.newStyle(&excelize.Style{NumFmt: 49})
	return st
}

// mixHeader writes the header row of both tables and sets the column
// widths: wide enough for their headers (headerWidth) and the names under
// them.
func (x *xlsxWriter) mixHeader(s *sheet, style int) {
	t := x.t
	names, formats := 12.0, 10.0
	for _, c := range x.channels {
		names = max(names, min(lineWidth(c.Name), 40)) // bold on its total's row
		for _, f := range x.tally.Formats(c) {
			if f != nil {
				formats = max(formats, nameWidth(f.Name))
			}
		}
	}
	for _, p := range x.pillarNames() {
		names = max(names, nameWidth(p))
	}
	names = max(names, lineWidth(x.book.AllChannels))
	// Slices, not maps: the order of writes decides the order of columns in
	// the file, which must not vary between runs.
	heads := []struct {
		c      int
		label  string
		width  float64
		others []string // the headers of the formats and pillars below
	}{
		{mixChannel, t.Channel, names, []string{t.Pillar}},
		{mixMonth, t.Month, formats, []string{t.Columns[colFormat-1]}},
		{mixPosts, t.Posts, 9, nil},
		{mixOwn, t.Own, 9, []string{x.book.Share}},
		{mixBorrowed, t.Borrowed, 11, []string{x.book.TargetShare}},
		{mixShare, t.Share, 11, nil}, {mixCap, t.Cap, 8, nil}, {mixCap + 1, "", 3, nil},
		{mixByMonth, t.Month, 16, nil}, {mixByPosts, t.Posts, 9, nil}, {mixByOwn, t.Own, 9, nil},
		{mixByBorrowed, t.Borrowed, 11, nil},
	}
	for _, h := range heads {
		w := max(h.width, headerWidth(h.label))
		for _, o := range h.others {
			w = max(w, headerWidth(o))
		}
		if h.label != "" {
			s.str(h.c, 1, h.label)
		}
		s.width(h.c, h.c, w)
	}
	for _, span := range [][2]int{{mixChannel, mixCap}, {mixByMonth, mixByBorrowed}} {
		s.style(span[0], 1, span[1], 1, style)
	}
	s.height(1, headerHeight)
}

// mixRows writes each channel's rows, a month a row and then the channel's
// whole plan, then the whole plan's row. It returns the row of each
// channel's whole plan, and the whole plan's row.
func (x *xlsxWriter) mixRows(s *sheet, st mixStyles, months []calendar.Date) (map[*calendar.Channel]int, int) {
	totals := make(map[*calendar.Channel]int, len(x.channels))
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
		totals[ch] = r
	}
	r++
	x.mixWhole(s, st, r)
	return totals, r
}

// mixRow writes row r of channel ch: for the month starting on *month, or
// for the whole plan when month is nil.
func (x *xlsxWriter) mixRow(s *sheet, st mixStyles, r int, ch *calendar.Channel, month *calendar.Date) {
	n, label, inMonth := x.tally.Channel(ch), any(x.t.Total), ""
	if month != nil {
		n, label, inMonth = x.tally.ChannelMonth(ch, *month), dateValue(*month), x.inMonth(mixMonth, r)
	}
	s.value(mixChannel, r, ch.Name)
	s.value(mixMonth, r, label)
	byChannel := ""
	if lit, ok := criterion(ch.Name); ok {
		byChannel = x.planRange(colChannel) + "," + lit
	}
	x.mixFigures(s, mixPosts, r, byChannel != "", n, byChannel, inMonth)
	x.mixShareCells(s, r, n, ch.Cap)
	if month == nil {
		s.style(mixChannel, r, mixBorrowed, r, st.total)
		s.style(mixShare, r, mixCap, r, st.totalPct)
		return
	}
	s.style(mixChannel, r, mixChannel, r, st.text)
	s.style(mixMonth, r, mixMonth, r, st.month)
	s.style(mixShare, r, mixCap, r, st.pct)
}

// mixWhole writes row r, the whole plan against the plan's cap: every
// post of the Plan sheet, whatever its channel.
func (x *xlsxWriter) mixWhole(s *sheet, st mixStyles, r int) {
	all := x.tally.Total()
	s.value(mixChannel, r, x.book.AllChannels)
	s.value(mixMonth, r, x.t.Total)
	// Every post has a row, and a row an id: COUNTA counts them.
	n := calendar.Counts{Posts: x.ids, Own: all.Own, Borrowed: all.Borrowed}
	s.figure(mixPosts, r, "COUNTA("+x.planRange(colID)+")", n.Posts)
	src := x.planRange(colSource)
	own, _ := criterion(x.t.Own)
	borrowed, _ := criterion(x.t.Borrowed)
	s.figure(mixOwn, r, countifs(src+","+own), n.Own)
	s.figure(mixBorrowed, r, countifs(src+","+borrowed), n.Borrowed)
	x.mixShareCells(s, r, n, x.plan.Cap)
	s.style(mixChannel, r, mixBorrowed, r, st.whole)
	s.style(mixShare, r, mixCap, r, st.wholePct)
}

// mixShareCells writes row r's borrowed share of its posts and the cap.
func (x *xlsxWriter) mixShareCells(s *sheet, r int, n calendar.Counts, cap calendar.Cap) {
	s.figure(mixShare, r, fmt.Sprintf("IF(%[1]s%[3]d=0,0,%[2]s%[3]d/%[1]s%[3]d)", colName(mixPosts), colName(mixBorrowed), r), share(n))
	s.float(mixCap, r, float64(cap)/10000)
}

// mixFigures writes posts, own and borrowed in row r, from column c on:
// COUNTIFS over the Plan with the criteria given (a channel's, a month's;
// "" ones left out) and those of the source, with the figures n as their
// values. When live is false the cells hold the figures alone: a name too
// long for a formula cannot be counted by one.
func (x *xlsxWriter) mixFigures(s *sheet, c, r int, live bool, n calendar.Counts, criteria ...string) {
	own, _ := criterion(x.t.Own)
	borrowed, _ := criterion(x.t.Borrowed)
	src := x.planRange(colSource)
	formula := func(more ...string) string {
		if !live {
			return ""
		}
		return countifs(append(slices.Clone(criteria), more...)...)
	}
	s.figure(c, r, formula(), n.Posts)
	s.figure(c+1, r, formula(src+","+own), n.Own)
	s.figure(c+2, r, formula(src+","+borrowed), n.Borrowed)
}

// countifs is a COUNTIFS of the given criteria, the empty ones left out.
func countifs(criteria ...string) string {
	return "COUNTIFS(" + strings.Join(slices.DeleteFunc(criteria, func(s string) bool { return s == "" }), ",") + ")"
}

// inMonth is the COUNTIFS criteria of the Plan's dates in the month whose
// first day is in column c of row r.
func (x *xlsxWriter) inMonth(c, r int) string {
	date := x.planRange(colDate)
	return fmt.Sprintf(`%s,">="&$%s%d,%s,"<="&EOMONTH($%s%d,0)`, date, colName(c), r, date, colName(c), r)
}

// mixOverCap turns red a channel's borrowed posts over the cap. Rule 3 of
// docs/spec.md caps borrowed posts at floor(cap·k) after every post k, so
// a whole channel may have at most floor(cap·posts) of them (and the whole
// plan, whose channels' caps are at most its own, too), but one month, a
// stretch of the sequence, may rightly hold up to ceil(cap·posts): red
// there only means more than the rule can produce, which a writer's edit
// can cause. The products are rounded to 6 places first, because
// 0.29×100 is 28.999… in floating point.
func (x *xlsxWriter) mixOverCap(s *sheet, lastRow int) {
	red := s.condStyle(overCapStyle())
	rule := fmt.Sprintf(`AND($%[1]s2>0,$%[2]s2>IF(ISNUMBER($%[3]s2),ROUNDUP(ROUND($%[4]s2*$%[1]s2,6),0),ROUNDDOWN(ROUND($%[4]s2*$%[1]s2,6),0)))`,
		colName(mixPosts), colName(mixBorrowed), colName(mixMonth), colName(mixCap))
	s.when(rangeRef(mixBorrowed, 2, mixShare, lastRow), rule, red)
}

// shareHeader writes the header row r of the formats or the pillars.
func (x *xlsxWriter) shareHeader(s *sheet, st mixStyles, r int, labels ...string) {
	for i, l := range labels {
		if l != "" {
			s.str(shareName+i, r, l)
		}
	}
	s.style(shareName, r, shareTarget, r, st.head)
	s.height(r, headerHeight)
}

// named is a format's or a pillar's row: posts counted by name, as
// COUNTIFS counts them, and the share its weight asks for (a weight below
// 0 when the spec has none for it).
type named struct {
	name   string
	posts  int
	weight float64
}

// shares fills in the shares asked for: each weight over their sum.
func shares(rows []named) []float64 {
	sum := 0.0
	for _, r := range rows {
		sum += max(r.weight, 0)
	}
	out := make([]float64, len(rows))
	for i, r := range rows {
		switch {
		case r.weight < 0:
			out[i] = -1
		case sum > 0:
			out[i] = r.weight / sum
		}
	}
	return out
}

// mixFormats writes, from row r on, each channel's formats against their
// weights' shares (rule 4) and returns the last row written (r-2 for
// none).
func (x *xlsxWriter) mixFormats(s *sheet, st mixStyles, r int, totals map[*calendar.Channel]int) int {
	t := x.t
	first := true
	for _, ch := range x.channels {
		rows := x.formatsOf(ch)
		if len(rows) == 0 {
			continue
		}
		if first {
			x.shareHeader(s, st, r, t.Channel, t.Columns[colFormat-1], t.Posts, x.book.Share, x.book.TargetShare)
			first = false
		}
		chLit, chOK := criterion(ch.Name)
		targets := shares(rows)
		for i, f := range rows {
			r++
			s.value(shareName, r, ch.Name)
			s.value(shareFormat, r, f.name)
			formula := ""
			if fLit, ok := criterion(f.name); ok && chOK {
				formula = countifs(x.planRange(colChannel)+","+chLit, x.planRange(colFormat)+","+fLit)
			}
			x.shareCells(s, st, r, formula, f.posts, totals[ch], x.tally.Channel(ch).Posts, targets[i])
		}
	}
	if first {
		return r - 2
	}
	return r
}

// formatsOf lists channel ch's formats by name: the spec's, with their
// weights, then any other its posts carry.
func (x *xlsxWriter) formatsOf(ch *calendar.Channel) []named {
	var rows []named
	at := map[string]int{}
	add := func(name string, weight float64) {
		if _, ok := at[name]; !ok {
			at[name] = len(rows)
			rows = append(rows, named{name: name, weight: -1})
		}
		if weight >= 0 {
			rows[at[name]].weight = max(rows[at[name]].weight, 0) + weight
		}
	}
	for i, f := range ch.Formats {
		w := 1.0 // no weights: equal ones, as a list of formats gives
		if len(ch.Weights) == len(ch.Formats) {
			w = ch.Weights[i]
		}
		add(f.Name, w)
	}
	for _, f := range x.tally.Formats(ch) {
		if f == nil {
			continue
		}
		add(f.Name, -1)
		rows[at[f.Name]].posts += x.tally.Format(ch, f)
	}
	return rows
}

// pillarNames lists the pillars by name: the spec's, then any other the
// posts carry.
func (x *xlsxWriter) pillarNames() []string {
	var names []string
	for _, p := range x.pillarsOf() {
		names = append(names, p.name)
	}
	return names
}

// pillarsOf lists the plan's pillars by name, with their weights and
// posts: the spec's, then any other the posts carry.
func (x *xlsxWriter) pillarsOf() []named {
	var rows []named
	at := map[string]int{}
	add := func(p *calendar.Pillar, weight float64) int {
		i, ok := at[p.Name]
		if !ok {
			i = len(rows)
			at[p.Name] = i
			rows = append(rows, named{name: p.Name, weight: -1})
		}
		if weight >= 0 {
			rows[i].weight = max(rows[i].weight, 0) + weight
		}
		return i
	}
	seen := map[*calendar.Pillar]bool{}
	equal := true // a plan without weights: equal ones
	for _, p := range x.plan.Pillars {
		equal = equal && p.Weight <= 0
	}
	for _, p := range x.plan.Pillars {
		w := p.Weight
		if equal {
			w = 1
		}
		add(p, max(w, 0))
		if !seen[p] {
			seen[p] = true
			rows[at[p.Name]].posts += x.tally.Pillar(p)
		}
	}
	for _, p := range x.tally.Pillars() {
		if p != nil && !seen[p] {
			seen[p] = true
			rows[add(p, -1)].posts += x.tally.Pillar(p)
		}
	}
	return rows
}

// mixPillars writes, from row r on, the plan's pillars against their
// weights' shares (rule 5; a campaign's window takes its own pillar) and
// returns the last row written (r-2 for none).
func (x *xlsxWriter) mixPillars(s *sheet, st mixStyles, r, whole int) int {
	rows := x.pillarsOf()
	if len(rows) == 0 {
		return r - 2
	}
	x.shareHeader(s, st, r, x.t.Pillar, "", x.t.Posts, x.book.Share, x.book.TargetShare)
	targets := shares(rows)
	for i, p := range rows {
		r++
		s.value(shareName, r, p.name)
		formula := ""
		if lit, ok := criterion(p.name); ok {
			formula = countifs(x.planRange(colPillar) + "," + lit)
		}
		x.shareCells(s, st, r, formula, p.posts, whole, x.ids, targets[i])
	}
	return r
}

// shareCells writes row r's posts (formula, with n as its value), their
// share of the posts in row of (whole of them), and the share asked for
// (none when below 0).
func (x *xlsxWriter) shareCells(s *sheet, st mixStyles, r int, formula string, n, of, whole int, target float64) {
	s.figure(sharePosts, r, formula, n)
	v := 0.0
	if whole > 0 {
		v = float64(n) / float64(whole)
	}
	p := colName(sharePosts)
	s.figure(shareShare, r, fmt.Sprintf("IF($%[1]s$%[2]d=0,0,%[1]s%[3]d/$%[1]s$%[2]d)", p, of, r), v)
	if target >= 0 {
		s.float(shareTarget, r, target)
	}
	s.style(shareName, r, shareFormat, r, st.text)
	s.style(shareShare, r, shareTarget, r, st.pct)
}

// mixByMonth writes all channels by month: the chart's data. A month is a
// text label ("May 2027"), which the chart shows as it is for a plan of
// any length; its figures count the dates between the month's first and
// last day.
func (x *xlsxWriter) mixByMonth(s *sheet, style int, months []calendar.Date) {
	date := x.planRange(colDate)
	for i, m := range months {
		r := i + 2
		y, mo, _ := m.YMD()
		s.str(mixByMonth, r, x.t.MonthName(mo)+" "+fmt.Sprint(y))
		s.style(mixByMonth, r, mixByMonth, r, style)
		inMonth := fmt.Sprintf(`%s,">="&DATE(%d,%d,1),%s,"<="&DATE(%d,%d,%d)`, date, y, mo, date, y, mo, m.DaysInMonth())
		x.mixFigures(s, mixByPosts, r, true, x.tally.Month(m), inMonth)
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
			// excelize's axes are a pale grey that hardly prints.
			XAxis: excelize.ChartAxis{Font: excelize.Font{Family: fontFamily, Color: "404040"}},
			YAxis: excelize.ChartAxis{Font: excelize.Font{Family: fontFamily, Color: "404040"}},
		})
	})
}
