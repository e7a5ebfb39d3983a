// Package table writes a calendar.Plan as CSV and JSON: one record per
// post, with the fields of docs/spec.md in their fixed order.
package table

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
)

// WriteCSV writes the plan's posts as CSV: a header row of Fields, then one
// row per post, streamed as the plan produces them.
//
// The format is RFC 4180: UTF-8 without a byte-order mark, fields quoted only
// when they need it, and CRLF line ends (RFC 4180 asks for them, and every
// spreadsheet and csv library reads them).
//
// A text cell that begins with = + - @, a tab or a carriage return gets a
// leading apostrophe, as OWASP advises against CSV injection: a spreadsheet
// would otherwise run a channel or writer name like "=HYPERLINK(...)" as a
// formula. The cost column is a number we wrote ourselves and is left alone.
func WriteCSV(w io.Writer, plan *calendar.Plan) error {
	e := newRowEncoder(plan, appendCSVCell)
	for i := 1; i < numFields; i++ {
		e.prefix[i] = []byte{','}
	}
	e.suffix = []byte("\r\n")
	var head []byte
	for i, f := range Fields {
		if i > 0 {
			head = append(head, ',')
		}
		head = appendCSVCell(head, f)
	}
	head = append(head, "\r\n"...)
	return writeRows(w, plan, e, rowFrame{head: string(head), empty: string(head)})
}

// appendCSVCell appends s as one csv cell, byte for byte what
// encoding/csv's Writer (UseCRLF) writes for DefuseCell of s made valid
// UTF-8. It is ours because encoding/csv cost more than the rest of a row
// (a call, a quoting scan and a rune write per field); FuzzAppendCSVCell
// holds it to encoding/csv.
func appendCSVCell(dst []byte, s string) []byte {
	if plainCell(s) {
		return append(dst, s...)
	}
	// The file is promised to be UTF-8: a stray invalid byte (from a spec
	// in another encoding) becomes U+FFFD.
	s = DefuseCell(strings.ToValidUTF8(s, "\uFFFD"))
	if !cellNeedsQuotes(s) {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			dst = append(dst, '"', '"')
		case '\r':
			// encoding/csv drops a quoted CR under UseCRLF (it writes each
			// LF as CRLF), and so do we, to keep the bytes the same.
		case '\n':
			dst = append(dst, '\r', '\n')
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// plainCell reports whether s goes into a cell as it is: printable ASCII
// without a comma or a quote, not starting with a space or a character
// DefuseCell guards, and not encoding/csv's quoted `\.`. Nearly every name
// and id is plain, and this is the whole cost of writing it.
func plainCell(s string) bool {
	if s == "" {
		return true
	}
	switch s[0] {
	case ' ', '=', '+', '-', '@':
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == ',' {
			return false
		}
	}
	return s != `\.`
}

// cellNeedsQuotes is encoding/csv's rule for a comma-separated field.
func cellNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, "\n\r\",") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// DefuseCell prefixes a cell that a spreadsheet would read as a formula.
func DefuseCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	// Fullwidth forms of the same characters are read as formulas by some
	// spreadsheets in CJK locales.
	if strings.HasPrefix(s, "＝") || strings.HasPrefix(s, "＋") ||
		strings.HasPrefix(s, "－") || strings.HasPrefix(s, "＠") {
		return "'" + s
	}
	return s
}
