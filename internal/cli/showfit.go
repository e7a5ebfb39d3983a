package cli

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// How the sections after the calendar fit 80 columns, counted in terminal
// cells as the calendar is (x/ansi: a CJK character takes two, a Cyrillic
// letter one). Prose (lists of counts, the strategy's lines) wraps between
// items, else between words, with a hanging indent. A table that fits is
// printed as it is. One that does not is either narrowed or split: a table
// of records (the mix, the campaigns) keeps its short columns whole and
// narrows the others to a fair share of the width left, its long cells
// wrapping onto more lines, indented after the first, three at most (the
// third ending in "…" when there is more); a matrix (the
// writers' weeks, the budget's months, with a column per writer or
// channel) is split into blocks of columns that fit, one under the other,
// each repeating the row names in front (a column too wide even alone is
// cut with "…").

// lineWidth is the widest a line of show may be, in terminal cells.
const lineWidth = gridWidth

const (
	cellGap    = 2 // the space between two columns of a table
	cellIndent = 2 // the indent of a wrapped cell's lines after its first
	cellLines  = 3 // the most lines a wrapped cell takes; it ends in "…"
)

// fill lays units out after first on lines of at most width cells,
// separated by spaces; the lines after the first start with indent. A unit
// too wide for a line of its own is broken between its words, and a word
// too wide between its characters.
func fill(first, indent string, units []string, width int) []string {
	var out []string
	cur, empty := first, true
	for _, u := range units {
		sep := " "
		if empty {
			sep = ""
		}
		if ansi.StringWidth(cur+sep+u) <= width {
			cur, empty = cur+sep+u, false
			continue
		}
		if !empty {
			out = append(out, cur)
			cur, empty = indent, true
		}
		if ansi.StringWidth(cur+u) <= width {
			cur, empty = cur+u, false
			continue
		}
		if words := strings.Fields(u); len(words) > 1 {
			lines := fill(cur, indent, words, width)
			out = append(out, lines[:len(lines)-1]...)
			cur, empty = lines[len(lines)-1], false
			continue
		}
		room := max(width-ansi.StringWidth(cur), 1)
		for ansi.StringWidth(u) > room {
			head := ansi.Truncate(u, room, "")
			if head == "" { // a wide character and one cell left
				head = ansi.Truncate(u, room+1, "")
			}
			out = append(out, cur+head)
			u = ansi.TruncateLeft(u, ansi.StringWidth(head), "")
			cur = indent
			room = max(width-ansi.StringWidth(cur), 1)
		}
		cur, empty = cur+u, false
	}
	return append(out, cur)
}

// items splits a list written "a 1 (2%), b 3 (4%)" into its items, each
// but the last with its comma, for fill.
func items(list string) []string {
	parts := strings.Split(list, ", ")
	for i := range parts[:len(parts)-1] {
		parts[i] += ","
	}
	return parts
}

// hanging returns the indent for the lines after the first of a line that
// starts with label: as deep as the label, or deeper than base by four
// when the label is wide.
func hanging(label string, base int) string {
	if w := ansi.StringWidth(label); w <= lineWidth/3 {
		return strings.Repeat(" ", w)
	}
	return strings.Repeat(" ", base+4)
}

// table is a table of show: a header and rows of cells.
type table struct {
	head []string
	rows [][]string
	// right aligns every cell on the right, after two spaces; else
	// cells are aligned on the left.
	right bool
	// keep is how many columns name a row in a matrix, repeated in front
	// of each block when the table is split; 0 makes a table of records,
	// whose cells are cut instead.
	keep int
	// whole marks the columns of a table of records that are never cut.
	whole []bool
}

// lines returns t laid out in at most width cells a line.
func (t table) lines(width int) []string {
	all := make([]int, len(t.head))
	for i := range all {
		all[i] = i
	}
	if t.keep == 0 || t.width(t.widths(all)) <= width {
		return t.block(all, width)
	}
	var out []string
	for i, cols := range t.blocks(width) {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, t.block(cols, width)...)
	}
	return out
}

// widths returns the natural width of each of the columns cols.
func (t table) widths(cols []int) []int {
	ws := make([]int, len(cols))
	for i, c := range cols {
		ws[i] = ansi.StringWidth(t.head[c])
		for _, r := range t.rows {
			ws[i] = max(ws[i], ansi.StringWidth(r[c]))
		}
	}
	return ws
}

// width is how wide a line of columns this wide is.
func (t table) width(ws []int) int {
	n := cellGap * (len(ws) - 1)
	if t.right {
		n += cellGap
	}
	for _, w := range ws {
		n += w
	}
	return n
}

// blocks splits the columns after the first keep into blocks that fit
// width with the first keep in front of each, in order; a column too wide
// for a block of its own gets one, to be cut.
func (t table) blocks(width int) [][]int {
	keep := make([]int, t.keep)
	for i := range keep {
		keep[i] = i
	}
	var out [][]int
	cur := slices.Clone(keep)
	for c := t.keep; c < len(t.head); c++ {
		next := append(slices.Clone(cur), c)
		if len(cur) > t.keep && t.width(t.widths(next)) > width {
			out = append(out, cur)
			next = append(slices.Clone(keep), c)
		}
		cur = next
	}
	return append(out, cur)
}

// block lays out the columns cols of t, each cut to its fair share when
// they do not fit width: a record's cells wrap onto at most cellLines
// lines, each after a cell's first indented, and a matrix's are cut; a
// cut cell ends in "…".
func (t table) block(cols []int, width int) []string {
	ws := t.fair(cols, width)
	out := t.row(cols, ws, t.head, false)
	for _, r := range t.rows {
		out = append(out, t.row(cols, ws, r, t.keep == 0)...)
	}
	return out
}

// row lays out the cells of the columns cols, ws wide, wrapping them when
// wrap says so, else cutting them.
func (t table) row(cols, ws []int, cells []string, wrap bool) []string {
	parts := make([][]string, len(cols))
	height := 1
	for i, c := range cols {
		switch cell := cells[c]; {
		case ansi.StringWidth(cell) <= ws[i]:
			parts[i] = []string{cell}
		case wrap:
			parts[i] = fill("", strings.Repeat(" ", min(cellIndent, ws[i]-1)), strings.Fields(cell), ws[i])
			if len(parts[i]) > cellLines {
				last := ansi.Truncate(parts[i][cellLines-1], ws[i]-1, "")
				parts[i] = append(parts[i][:cellLines-1], last+"…")
			}
		default:
			parts[i] = []string{ansi.Truncate(cell, ws[i], "…")}
		}
		height = max(height, len(parts[i]))
	}
	out := make([]string, height)
	for k := range out {
		var b strings.Builder
		for i := range cols {
			cell := ""
			if k < len(parts[i]) {
				cell = parts[i][k]
			}
			pad := strings.Repeat(" ", max(ws[i]-ansi.StringWidth(cell), 0))
			if t.right {
				b.WriteString(strings.Repeat(" ", cellGap) + pad + cell)
				continue
			}
			if i > 0 {
				b.WriteString(strings.Repeat(" ", cellGap))
			}
			b.WriteString(cell + pad)
		}
		out[k] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// fair returns the widths of the columns cols in at most width cells: as
// they are when they fit; else the whole columns (and a matrix's first
// keep) as they are, and the width left shared among the others, none
// wider than it needs and the rest alike.
func (t table) fair(cols []int, width int) []int {
	ws := t.widths(cols)
	if t.width(ws) <= width {
		return ws
	}
	left := width - t.width(make([]int, len(cols)))
	var cut []int // indexes into cols, narrowest first
	for i, c := range cols {
		if c < t.keep || c < len(t.whole) && t.whole[c] {
			left -= ws[i]
		} else {
			cut = append(cut, i)
		}
	}
	slices.SortStableFunc(cut, func(a, b int) int { return ws[a] - ws[b] })
	for k, i := range cut {
		share := max(left/(len(cut)-k), 1)
		ws[i] = min(ws[i], share)
		left -= ws[i]
	}
	return ws
}
