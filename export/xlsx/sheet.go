package xlsx

import (
	"cmp"
	"errors"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// sheet writes one sheet of the workbook, cell by cell through excelize
// or, once stream has started it, row by row through a StreamWriter. Its
// first error sticks, as bufio.Writer's does: every later call does
// nothing, and close returns that error, so that a sheet is written as a
// run of calls checked once. Cells are given as column and row numbers,
// from 1.
type sheet struct {
	x    *xlsxWriter
	f    *excelize.File
	name string
	sw   *excelize.StreamWriter // nil until stream
	buf  *cellBuf               // a buffered sheet's cells, streamed by close
	err  error

	colStyles map[int]int // the styles colStyle gave whole columns
	rows      *rowBuf     // where row writes, when not nil (rowxml.go)
}

// sheet starts writing the sheet called name, which must exist.
func (x *xlsxWriter) sheet(name string) *sheet {
	return &sheet{x: x, f: x.f, name: name}
}

// bufferedSheet starts writing the sheet called name, which must exist,
// into memory, in any order; close streams it out row by row. The Mix,
// Writers and Budget are written so: a StreamWriter is the one way excelize
// writes a formula with a number as its cached value (SetCellFormula marks
// the result a string), and every reader that does not recalculate shows
// that value (docs/spec.md, "The workbook"). Their cells are bounded by
// channels, weeks and months, never by posts.
func (x *xlsxWriter) bufferedSheet(name string) *sheet {
	return &sheet{x: x, f: x.f, name: name, buf: &cellBuf{cells: make(map[[2]int]*excelize.Cell), heights: make(map[int]float64)}}
}

// cellBuf is what a buffered sheet holds until close.
type cellBuf struct {
	cells   map[[2]int]*excelize.Cell // by row and column
	heights map[int]float64           // row heights, by row
	widths  []colWidth                // column widths, in the order set
	merges  [][4]int                  // c1, r1, c2, r2
	panes   *excelize.Panes
}

// colWidth is the width of columns c1 to c2.
type colWidth struct {
	c1, c2 int
	w      float64
}

// cell is the buffered cell at column c, row r, made empty when new.
func (b *cellBuf) cell(c, r int) *excelize.Cell {
	k := [2]int{r, c}
	if b.cells[k] == nil {
		b.cells[k] = &excelize.Cell{}
	}
	return b.cells[k]
}

// put sets a buffered cell's value (and formula), keeping its style.
func (s *sheet) put(c, r int, formula string, v any) {
	cell := s.buf.cell(c, r)
	cell.Formula, cell.Value = formula, v
}

// flushBuf streams a buffered sheet out: widths and panes, which a
// stream takes only before its first row, then the rows in order, then
// the merges.
func (s *sheet) flushBuf() {
	b := s.buf
	s.buf = nil
	s.stream(true)
	// excelize puts each new width first: from the last column down.
	slices.SortStableFunc(b.widths, func(a, b colWidth) int { return cmp.Compare(b.c1, a.c1) })
	for _, w := range b.widths {
		s.width(w.c1, w.c2, w.w)
	}
	if b.panes != nil {
		s.freeze(b.panes)
	}
	keys := slices.SortedFunc(maps.Keys(b.cells), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	rows := slices.Sorted(maps.Keys(b.heights))
	for i := 0; i < len(keys) || len(rows) > 0; {
		r := math.MaxInt
		if i < len(keys) {
			r = keys[i][0]
		}
		if len(rows) > 0 && rows[0] <= r {
			r = rows[0]
		}
		var cells []any
		for ; i < len(keys) && keys[i][0] == r; i++ {
			c := keys[i][1]
			for len(cells) < c-1 {
				cells = append(cells, nil)
			}
			cells = append(cells, *b.cells[keys[i]])
		}
		if len(rows) > 0 && rows[0] == r {
			rows = rows[1:]
		}
		if h, ok := b.heights[r]; ok {
			s.row(r, cells, excelize.RowOpts{Height: h})
		} else {
			s.row(r, cells)
		}
	}
	for _, m := range b.merges {
		s.merge(m[0], m[1], m[2], m[3])
	}
}

// do runs fn unless an earlier call failed, and keeps its error.
func (s *sheet) do(fn func() error) {
	if s.err == nil {
		s.err = fn()
	}
}

// close streams a buffered sheet out, flushes a streamed sheet, and
// returns the first error.
func (s *sheet) close() error {
	if s.buf != nil {
		s.flushBuf()
	}
	if s.sw != nil {
		s.do(s.sw.Flush)
	}
	return s.err
}

// stream switches the sheet to a StreamWriter, noting its zip part (held
// back when hold is set; see stampedZip). What a stream takes only before
// its first row (the dimension, sheet properties) must come first.
func (s *sheet) stream(hold bool) {
	s.do(func() (err error) {
		s.sw, err = s.x.stream(s.name, hold)
		return err
	})
}

// fontFamily is the workbook's font, which excelize's default style
// names. Every font of a style or a rich text run names it too: a font
// without a name is drawn in the reader's default, a serif in LibreOffice.
const fontFamily = "Calibri"

// newStyle registers a cell style and returns its id. A font without a
// size is the workbook's 11 points.
func (s *sheet) newStyle(st *excelize.Style) (id int) {
	if st.Font != nil && st.Font.Size == 0 {
		f := *st.Font
		f.Size = 11
		st.Font = &f
	}
	s.do(func() (err error) {
		id, err = s.f.NewStyle(st)
		return err
	})
	return id
}

// condStyle registers the style of a conditional format.
func (s *sheet) condStyle(st *excelize.Style) (id int) {
	s.do(func() (err error) {
		id, err = s.f.NewConditionalStyle(st)
		return err
	})
	return id
}

func (s *sheet) str(c, r int, v string) {
	if s.buf != nil {
		s.put(c, r, "", v)
		return
	}
	s.do(func() error { return s.f.SetCellStr(s.name, cellRef(c, r), v) })
}

func (s *sheet) value(c, r int, v any) {
	if s.buf != nil {
		s.put(c, r, "", v)
		return
	}
	s.do(func() error { return s.f.SetCellValue(s.name, cellRef(c, r), v) })
}

func (s *sheet) float(c, r int, v float64) {
	if s.buf != nil {
		s.put(c, r, "", v)
		return
	}
	s.do(func() error { return s.f.SetCellFloat(s.name, cellRef(c, r), v, -1, 64) })
}

func (s *sheet) int(c, r int, v int64) {
	if s.buf != nil {
		s.put(c, r, "", v)
		return
	}
	s.do(func() error { return s.f.SetCellInt(s.name, cellRef(c, r), v) })
}

// rich writes rich text; no runs leave the cell out.
func (s *sheet) rich(c, r int, runs []excelize.RichTextRun) {
	if len(runs) == 0 {
		return
	}
	if s.buf != nil {
		s.put(c, r, "", runs)
		return
	}
	s.do(func() error { return s.f.SetCellRichText(s.name, cellRef(c, r), runs) })
}

// figure writes a summary cell of a buffered sheet: the formula with v,
// the figure it computes, as its value, so that a reader that does not
// recalculate shows v too. In a static workbook (see maxLivePosts), or
// where no formula can count it (formula ""), the cell holds v alone.
func (s *sheet) figure(c, r int, formula string, v any) {
	if s.x.static() {
		formula = ""
	}
	if s.buf == nil {
		s.err = cmp.Or(s.err, errNotBuffered)
		return
	}
	s.put(c, r, formula, v)
}

// errNotBuffered: a figure's cached value can only be written through a
// stream (see bufferedSheet).
var errNotBuffered = errors.New("a formula with its value on a sheet that is not buffered")

// style styles the cells from (c1, r1) to (c2, r2).
func (s *sheet) style(c1, r1, c2, r2, id int) {
	if s.buf != nil {
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				s.buf.cell(c, r).StyleID = id
			}
		}
		return
	}
	s.do(func() error { return s.f.SetCellStyle(s.name, cellRef(c1, r1), cellRef(c2, r2), id) })
}

func (s *sheet) merge(c1, r1, c2, r2 int) {
	if s.buf != nil {
		s.buf.merges = append(s.buf.merges, [4]int{c1, r1, c2, r2})
		return
	}
	if s.sw != nil {
		s.do(func() error { return s.sw.MergeCell(cellRef(c1, r1), cellRef(c2, r2)) })
		return
	}
	s.do(func() error { return s.f.MergeCell(s.name, cellRef(c1, r1), cellRef(c2, r2)) })
}

// width sets the width of columns c1 to c2, in characters.
func (s *sheet) width(c1, c2 int, w float64) {
	if s.buf != nil {
		s.buf.widths = append(s.buf.widths, colWidth{c1, c2, w})
		return
	}
	if s.sw != nil {
		s.do(func() error { return s.sw.SetColWidth(c1, c2, w) })
		return
	}
	s.do(func() error { return s.f.SetColWidth(s.name, colName(c1), colName(c2), w) })
}

// colStyle gives column c of a streamed sheet a style: the one a cell
// typed into the column takes. It keeps the column's width.
func (s *sheet) colStyle(c, id int) {
	if s.colStyles == nil {
		s.colStyles = make(map[int]int)
	}
	s.colStyles[c] = id
	s.do(func() error { return s.sw.SetColStyle(c, c, id) })
}

// hide hides column c of a streamed sheet, keeping its width and style.
func (s *sheet) hide(c int) {
	s.do(func() error { return s.sw.SetColVisible(c, c, false) })
}

// height sets the height of row r, in points.
func (s *sheet) height(r int, h float64) {
	if s.buf != nil {
		s.buf.heights[r] = h
		return
	}
	s.do(func() error { return s.f.SetRowHeight(s.name, r, h) })
}

// row writes a streamed row r. The Plan writes one per post, so it makes
// no closure.
func (s *sheet) row(r int, cells []any, opts ...excelize.RowOpts) {
	if s.err == nil {
		s.err = s.sw.SetRow(cellRef(1, r), cells, opts...)
	}
}

// freeze freezes panes, so that the header rows and the name columns stay
// in sight.
func (s *sheet) freeze(panes *excelize.Panes) {
	if s.buf != nil {
		s.buf.panes = panes
		return
	}
	if s.sw != nil {
		s.do(func() error { return s.sw.SetPanes(panes) })
		return
	}
	s.do(func() error { return s.f.SetPanes(s.name, panes) })
}

// when colours the cells of ref with the conditional style id where the
// formula criteria holds.
func (s *sheet) when(ref, criteria string, id int) {
	s.do(func() error {
		return s.f.SetConditionalFormat(s.name, ref, []excelize.ConditionalFormatOptions{{
			Type: "formula", Criteria: criteria, Format: &id,
		}})
	})
}

// dimension states the sheet's used range, from A1 to (c, r): excelize
// leaves it at "A1" unless told, and readers that trust it (openpyxl in
// read-only mode) would see one cell.
func (s *sheet) dimension(c, r int) {
	s.do(func() error { return s.f.SetSheetDimension(s.name, rangeRef(1, 1, c, r)) })
}

// define sets a name local to the sheet, such as _xlnm.Print_Titles.
func (s *sheet) define(name, refersTo string) {
	s.do(func() error {
		return s.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: refersTo, Scope: s.name})
	})
}

// landscape sets the sheet up for A4 landscape with narrow margins, scaled
// to the page's width when fit is set (pages then run down as far as
// needed).
func (s *sheet) landscape(fit bool) {
	a4, landscape, one, zero := 9, "landscape", 1, 0
	opts := &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape}
	if fit {
		opts.FitToWidth, opts.FitToHeight = &one, &zero
	}
	s.do(func() error { return s.f.SetPageLayout(s.name, opts) })
	if fit {
		s.do(func() error { return s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}) })
	}
	margin := 0.4
	s.do(func() error {
		return s.f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
			Left: &margin, Right: &margin, Top: &margin, Bottom: &margin,
		})
	})
}

// note puts the static note in row 1, past the sheet's last column and a
// gap, where the frozen header keeps it in sight; it returns the sheet's
// new last column. Without the note (a live workbook) the last column
// stays lastCol.
func (s *sheet) note(lastCol int) int {
	if !s.x.static() {
		return lastCol
	}
	c := lastCol + 2
	if c > excelize.MaxColumns {
		return lastCol // a plan of centuries: no room, the figures stand
	}
	s.str(c, 1, s.x.t.AsGenerated)
	st := s.newStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Italic: true, Color: "7F7F7F"}, Alignment: &excelize.Alignment{Vertical: "center"}})
	s.style(c, 1, c, 1, st)
	return c
}

// footer puts left on the left of every printed page's footer and page,
// which holds Excel's codes (&P, &N), on the right. A "&" of left is
// doubled, as the codes ask; left is cut to what a footer holds (255
// UTF-16 units, with the codes), and so are control characters.
func (s *sheet) footer(left, page string) {
	left = strings.ReplaceAll(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, left), "&", "&&")
	room := excelize.MaxFieldLength - len(utf16.Encode([]rune("&L&R"+page)))
	if r := []rune(left); len(utf16.Encode(r)) > room {
		for len(utf16.Encode(r)) > room {
			r = r[:len(r)-1]
		}
		// An odd run of "&" at the end is a doubled one cut in half.
		amps := 0
		for amps < len(r) && r[len(r)-1-amps] == '&' {
			amps++
		}
		if amps%2 == 1 {
			r = r[:len(r)-1]
		}
		left = string(r)
	}
	s.do(func() error {
		return s.f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddFooter: "&L" + left + "&R" + page})
	})
}
