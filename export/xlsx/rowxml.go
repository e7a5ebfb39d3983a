package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The Plan's rows are written as sheet XML here rather than through
// excelize's StreamWriter.SetRow. At agency scale (a million posts) SetRow
// is most of the workbook's time: per cell it converts coordinates to a
// name, switches over the value's type, runs two regular expressions over
// every string (bstrMarshal) and escapes it through an xml.EscapeText
// writer, all to write text that is almost always plain. The encoder below
// writes the same bytes, with a fast path for strings that need no escape.
// It is a copy of what excelize v2.11.1 writes (stream.go: SetRow,
// setCellValFunc, writeCell; cell.go: trimCellValue, setCellFloat; lib.go:
// bstrMarshal), and rowxml_test.go holds it to the library: whole workbooks
// written both ways must be byte for byte the same, and a fuzzer compares
// single cells with what SetRow writes. An excelize upgrade that changes a
// cell's XML fails those tests rather than the workbook.

// errCellValue is a value the encoder does not write; the Plan's cells are
// texts, numbers, dates and the Length formula, which it all writes.
var errCellValue = errors.New("plan cell of a type the row writer does not write")

// rowEncoder writes rows of cells as <row> elements of a worksheet's
// <sheetData>, as StreamWriter.SetRow does for a row starting in column A.
type rowEncoder struct {
	cols      []string    // column names, by column number - 1
	colStyles map[int]int // styles of whole columns, which an unstyled cell takes
}

// xmlCell is excelize's xlsxC, reduced to what writeCell reads.
type xmlCell struct {
	space         bool // xml:space="preserve" on the cell (a formula's string)
	s             int
	t             string
	f             string
	hasF          bool
	v             string
	hasIS         bool
	isVal         string
	isSpacePreset bool // xml:space="preserve" on the inline string's <t>
}

// appendRow appends row r of cells to b, as tall as height (0: the
// default height).
func (e *rowEncoder) appendRow(b []byte, r int, cells []any, height float64) ([]byte, error) {
	if height > excelize.MaxRowHeight {
		return b, excelize.ErrMaxRowHeight
	}
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, val := range cells {
		if val == nil {
			continue
		}
		var c xmlCell
		var s int
		switch v := val.(type) {
		case excelize.Cell:
			s, val = v.StyleID, v.Value
			c.setFormula(v.Formula)
		case *excelize.Cell:
			if v != nil {
				s, val = v.StyleID, v.Value
				c.setFormula(v.Formula)
			}
		}
		if s > 0 {
			c.s = s
		} else {
			c.s = e.colStyles[i+1]
		}
		if err := c.setValue(val); err != nil {
			return b, err
		}
		b = c.append(b, e.col(i+1), r)
	}
	return append(b, `</row>`...), nil
}

// col is the name of column c.
func (e *rowEncoder) col(c int) string {
	for len(e.cols) < c {
		e.cols = append(e.cols, colName(len(e.cols)+1))
	}
	return e.cols[c-1]
}

// setFormula is excelize's setCellFormula.
func (c *xmlCell) setFormula(f string) {
	if f != "" {
		c.t, c.f, c.hasF = "str", f, true
	}
}

// setValue is excelize's setCellValFunc for the types the Plan's cells
// hold.
func (c *xmlCell) setValue(val any) error {
	switch v := val.(type) {
	case nil:
	case string:
		c.setString(v)
	case int:
		c.t, c.v = "", strconv.Itoa(v)
	case float64:
		c.setFloat(v)
	case bool:
		c.t, c.v = "b", "0"
		if v {
			c.v = "1"
		}
	case time.Time:
		return c.setTime(v)
	default:
		return fmt.Errorf("%w: %T", errCellValue, val)
	}
	return nil
}

// setString is excelize's setCellValue: an inline string, or the string
// result of a formula.
func (c *xmlCell) setString(v string) {
	if c.hasF {
		c.t, c.hasIS = "str", false
		c.v, c.space = trimText(v, false)
		return
	}
	c.t, c.v, c.hasIS = "inlineStr", "", true
	c.isVal, c.isSpacePreset = trimText(v, true)
}

// setFloat is excelize's setCellFloat at automatic precision.
func (c *xmlCell) setFloat(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		c.t, c.v, c.hasIS = "inlineStr", "", true
		c.isVal, c.isSpacePreset = trimText(fmt.Sprint(v), true)
		return
	}
	c.t, c.v, c.hasIS = "", formatFloat(v), false
}

// excelMinTime is the first day excelize writes as a serial number.
var excelMinTime = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)

// setTime is excelize's setCellTime for the dates the Plan writes as
// time.Time (dateValue): midnight UTC, in a styled cell. Other times are
// refused rather than guessed.
func (c *xmlCell) setTime(t time.Time) error {
	if t.Location() != time.UTC || t.Hour()|t.Minute()|t.Second()|t.Nanosecond() != 0 || c.s == 0 {
		return fmt.Errorf("%w: time %v", errCellValue, t)
	}
	// Days since 1899-12-31, and one more from March 1900: Excel counts a
	// 29 February 1900.
	days := (t.Unix() - excelMinTime.Unix()) / 86400
	if t.After(time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)) {
		days++
	}
	if t.Before(excelMinTime) || days == 0 {
		// excelize writes the time itself, unescaped, which RFC 3339 needs
		// no escape for.
		s := t.Format(time.RFC3339Nano)
		c.t, c.v, c.hasIS = "inlineStr", "", true
		_, c.isSpacePreset = trimText(s, true)
		c.isVal = s
		return nil
	}
	c.t, c.v = "", strconv.FormatInt(days, 10)
	return nil
}

// append is excelize's writeCell: the cell in column col of row r.
func (c *xmlCell) append(b []byte, col string, r int) []byte {
	b = append(b, `<c`...)
	if c.space {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, ` r="`...)
	b = append(b, col...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if c.s != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(c.s), 10)
		b = append(b, '"')
	}
	if c.t != "" {
		b = append(b, ` t="`...)
		b = append(b, c.t...)
		b = append(b, '"')
	}
	b = append(b, '>')
	if c.hasF {
		b = append(b, `<f>`...)
		b = appendEscaped(b, c.f)
		b = append(b, `</f>`...)
	}
	if c.v != "" {
		b = append(b, `<v>`...)
		b = appendEscaped(b, c.v)
		b = append(b, `</v>`...)
	}
	if c.hasIS {
		b = append(b, `<is><t`...)
		if c.isSpacePreset {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, c.isVal...)
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...)
}

// plainText reports whether s is written as it is: no character
// xml.EscapeText changes, no "_x" that bstrMarshal might escape, and short
// enough not to be cut.
func plainText(s string) bool { return textKind(s) == plain }

// The kinds of text textKind tells apart.
const (
	plain   = iota // written as it is
	escaped        // only XML's five special characters, tab and line breaks to escape (escapeText)
	other          // the rest, through excelize's own steps
)

// textKind tells the texts written as they are, or escaped by escapeText,
// from those that take excelize's whole way (trimText).
func textKind(s string) int {
	if len(s) > excelize.TotalCellChars {
		return other
	}
	kind := plain
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == '\t', b == '\n', b == '\r', b == '"', b == '&', b == '\'', b == '<', b == '>':
				kind = escaped
			case b < 0x20:
				return other
			case b == '_' && i+1 < len(s) && s[i+1] == 'x':
				return other
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !inXMLRange(r) {
			return other
		}
		i += n
	}
	return kind
}

// escapeText appends s, of the escaped kind, as xml.EscapeText writes it,
// but with line breaks as they are when text is set (trimText's
// ReplaceAll).
func escapeText(b []byte, s string, text bool) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			if text {
				continue
			}
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			continue
		}
		b = append(append(b, s[last:i]...), esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// inXMLRange is encoding/xml's isInCharacterRange (XML 1.0's Char) for
// non-ASCII runes.
func inXMLRange(r rune) bool {
	return r >= 0x80 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// trimText is excelize's trimCellValue: v cut to the 32767 UTF-16 units
// of a cell, escaped when escape is set (as an inline string is, keeping
// its line breaks), its "_xHHHH_" runs escaped, and whether its leading or
// trailing white space must be preserved.
func trimText(v string, escape bool) (string, bool) {
	switch textKind(v) {
	case plain:
		return v, v != "" && (v[0] == ' ' || v[len(v)-1] == ' ')
	case escaped:
		space := strings.ContainsRune("\t\n\r ", rune(v[0])) || strings.ContainsRune("\t\n\r ", rune(v[len(v)-1]))
		if escape {
			v = string(escapeText(nil, v, true))
		}
		return v, space
	}
	if countUTF16(v) > excelize.TotalCellChars {
		v = truncateUTF16(v, excelize.TotalCellChars)
	}
	var space bool
	if v != "" {
		prefix, suffix := v[0], v[len(v)-1]
		for _, ascii := range []byte{9, 10, 13, 32} {
			if prefix == ascii || suffix == ascii {
				space = true
				break
			}
		}
		if escape {
			v = strings.ReplaceAll(string(appendEscaped(nil, v)), "&#xA;", "\n")
		}
	}
	return bstrMarshal(v), space
}

// appendEscaped appends s escaped as xml.EscapeText escapes it.
func appendEscaped(b []byte, s string) []byte {
	switch textKind(s) {
	case plain:
		return append(b, s...)
	case escaped:
		return escapeText(b, s, false)
	}
	var w strings.Builder
	_ = xml.EscapeText(&w, []byte(s))
	return append(b, w.String()...)
}

func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func truncateUTF16(s string, length int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > length {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's: a literal "_xHHHH_" in a text is escaped as
// "_x005F_xHHHH_", which readers would otherwise decode as a character.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// formatFloat is excelize's formatCellFloat at automatic precision: at
// most Excel's 15 significant digits.
func formatFloat(value float64) string {
	str := strconv.FormatFloat(value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}
