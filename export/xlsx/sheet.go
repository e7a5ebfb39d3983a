package xlsx

import (
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
	err  error
}

// sheet starts writing the sheet called name, which must exist.
func (x *xlsxWriter) sheet(name string) *sheet {
	return &sheet{x: x, f: x.f, name: name}
}

// do runs fn unless an earlier call failed, and keeps its error.
func (s *sheet) do(fn func() error) {
	if s.err == nil {
		s.err = fn()
	}
}

// close flushes a streamed sheet and returns the first error.
func (s *sheet) close() error {
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

// newStyle registers a cell style and returns its id.
func (s *sheet) newStyle(st *excelize.Style) (id int) {
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
	s.do(func() error { return s.f.SetCellStr(s.name, cellRef(c, r), v) })
}

func (s *sheet) value(c, r int, v any) {
	s.do(func() error { return s.f.SetCellValue(s.name, cellRef(c, r), v) })
}

func (s *sheet) float(c, r int, v float64) {
	s.do(func() error { return s.f.SetCellFloat(s.name, cellRef(c, r), v, -1, 64) })
}

func (s *sheet) int(c, r int, v int64) {
	s.do(func() error { return s.f.SetCellInt(s.name, cellRef(c, r), v) })
}

// rich writes rich text; no runs leave the cell out.
func (s *sheet) rich(c, r int, runs []excelize.RichTextRun) {
	if len(runs) == 0 {
		return
	}
	s.do(func() error { return s.f.SetCellRichText(s.name, cellRef(c, r), runs) })
}

// figure writes a summary cell: the formula, or in a static workbook (see
// maxLivePosts) the figure v it would compute.
func (s *sheet) figure(c, r int, formula string, v any) {
	if s.x.static() {
		s.value(c, r, v)
		return
	}
	s.do(func() error { return s.f.SetCellFormula(s.name, cellRef(c, r), formula) })
}

// style styles the cells from (c1, r1) to (c2, r2).
func (s *sheet) style(c1, r1, c2, r2, id int) {
	s.do(func() error { return s.f.SetCellStyle(s.name, cellRef(c1, r1), cellRef(c2, r2), id) })
}

func (s *sheet) merge(c1, r1, c2, r2 int) {
	if s.sw != nil {
		s.do(func() error { return s.sw.MergeCell(cellRef(c1, r1), cellRef(c2, r2)) })
		return
	}
	s.do(func() error { return s.f.MergeCell(s.name, cellRef(c1, r1), cellRef(c2, r2)) })
}

// width sets the width of columns c1 to c2, in characters.
func (s *sheet) width(c1, c2 int, w float64) {
	if s.sw != nil {
		s.do(func() error { return s.sw.SetColWidth(c1, c2, w) })
		return
	}
	s.do(func() error { return s.f.SetColWidth(s.name, colName(c1), colName(c2), w) })
}

// colStyle gives column c of a streamed sheet a style: the one a cell
// typed into the column takes. It keeps the column's width.
func (s *sheet) colStyle(c, id int) {
	s.do(func() error { return s.sw.SetColStyle(c, c, id) })
}

// hide hides column c of a streamed sheet, keeping its width and style.
func (s *sheet) hide(c int) {
	s.do(func() error { return s.sw.SetColVisible(c, c, false) })
}

// height sets the height of row r, in points.
func (s *sheet) height(r int, h float64) {
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
	st := s.newStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "7F7F7F"}, Alignment: &excelize.Alignment{Vertical: "center"}})
	s.style(c, 1, c, 1, st)
	return c
}
