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
			Font:      &excelize.Font{Family: fontFamily, Size: 9},
		}
		if fill != "" {
			st.Fill = solid(fill)
		}
		return s.newStyle(st)
	}
	var st gridStyles
	st.title = s.newStyle(&excelize.Style{
		Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 16, Color: "1F3864"}, Alignment: &excelize.Alignment{Vertical: "center"},
	})
	st.head = s.newStyle(&excelize.Style{
		Border: thinBorder(), Font: &excelize.Font{Family: fontFamily, Bold: true, Color: "FFFFFF"}, Fill: solid("44546A"),
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
	s.footer(x.title(), x.book.Page)
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
	cells := make([]any, 7)
	// The title spans the week; every cell under the merge carries its
	// style, as a merged range's cells do when Excel makes one. The plan's
	// time zone follows it, smaller: whose clock the times are on.
	for i := range cells {
		cells[i] = excelize.Cell{StyleID: st.title}
	}
	cells[0] = excelize.Cell{StyleID: st.title, Value: []excelize.RichTextRun{
		{Text: s.name + " · " + x.title(), Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 16, Color: "1F3864"}},
		{Text: "    " + fmt.Sprintf(x.t.TimesIn, x.timezone()), Font: &excelize.Font{Family: fontFamily, Size: 10, Color: "595959"}},
	}}
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
			Font: &excelize.Font{Family: fontFamily, Size: 9, Color: channelInk[x.colorOf(c)%len(channelInk)]},
		})
		sep = "    "
	}
	runs = append(runs, excelize.RichTextRun{Text: sep + x.t.Borrowed, Font: &excelize.Font{Family: fontFamily, Size: 9, Italic: true, Color: "595959"}})
	holidays := slices.ContainsFunc(x.plan.Occasions, func(o calendar.Occasion) bool { return o.Holiday })
	if holidays {
		runs = append(runs, excelize.RichTextRun{Text: "    " + x.t.Holiday, Font: &excelize.Font{Family: fontFamily, Size: 9, Italic: true, Color: holidayInk}})
	}
	if slices.ContainsFunc(x.plan.Occasions, func(o calendar.Occasion) bool { return !o.Holiday }) {
		runs = append(runs, excelize.RichTextRun{Text: "    " + x.t.KeyDate, Font: &excelize.Font{Family: fontFamily, Size: 9, Italic: true, Color: keyDateInk}})
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
	runs := []excelize.RichTextRun{{Text: strconv.Itoa(d.Day()), Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 10, Color: dayColor}}}
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
		runs = append(runs, excelize.RichTextRun{Text: sep + o.Name, Font: &excelize.Font{Family: fontFamily, Italic: true, Size: 8, Color: ink}})
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
			Font: &excelize.Font{Family: fontFamily, Size: 9, Italic: l.borrowed, Color: channelInk[l.color%len(channelInk)]},
		})
		n++
	}
	if more := day.n - len(shown); more > 0 {
		runs = append(runs, excelize.RichTextRun{
			Text: "\n" + fmt.Sprintf(x.t.MorePosts, more),
			Font: &excelize.Font{Family: fontFamily, Size: 9, Italic: true, Color: "7F7F7F"},
		})
		n++
	}
	return runs, n
}
