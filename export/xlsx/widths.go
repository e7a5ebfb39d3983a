package xlsx

import (
	"strings"
	"unicode"
)

// Column widths are in Excel's unit, the width of the digit "0" in the
// workbook's 11-point font; a spreadsheet neither widens a column to its
// header nor breaks a word well, so the widths come from the texts. Letters
// are measured against the digit as Calibri (and Carlito, which
// LibreOffice puts in its place) draws them; DejaVu Sans, the fallback
// where neither is installed, has much the same proportions.

// charWidth is the width of r in digits of the regular font.
func charWidth(r rune) float64 {
	switch {
	case strings.ContainsRune("iljI.,;:'|!() ", r):
		return 0.5
	case strings.ContainsRune("ftr-/", r):
		return 0.7
	case strings.ContainsRune("mwMWШЩЖЮшщжюМмЫы%@", r):
		return 1.6
	case unicode.IsUpper(r):
		return 1.2
	case r >= 0x2E80: // CJK and other wide scripts
		return 2
	}
	return 1
}

// textWidth is the width of s in bold, in digits: bold is about a tenth
// wider.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += charWidth(r)
	}
	return w * 1.1
}

// cellPad is what a cell's margins and borders take of a column's width.
const cellPad = 1.5

// lineWidth is the narrowest column that shows s, bold, on one line.
func lineWidth(s string) float64 { return textWidth(s) + cellPad }

// headerWidth is the narrowest column in which the bold header s wraps
// into at most two lines without breaking a word: its longest word, or
// the wider half of its best split between words.
func headerWidth(s string) float64 {
	words := strings.Fields(s)
	if len(words) == 0 {
		return 0
	}
	best := lineWidth(s)
	for i := 1; i < len(words); i++ {
		a, b := lineWidth(strings.Join(words[:i], " ")), lineWidth(strings.Join(words[i:], " "))
		best = min(best, max(a, b))
	}
	return best
}

// nameWidth is the width of a column of names (not bold): the longest,
// up to a limit past which a column would push the rest off the screen.
func nameWidth(s string) float64 { return min(textWidth(s)/1.1+cellPad+0.5, 40) }
