package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"

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
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(Fields[:]); err != nil {
		return err
	}
	var rec record
	row := make([]string, numFields)
	for p := range plan.Posts() {
		rec.fill(plan, &p)
		for i, v := range rec {
			if i != fieldCost {
				// The file is promised to be UTF-8: a stray invalid byte
				// (from a spec in another encoding) becomes U+FFFD.
				v = defuseCell(strings.ToValidUTF8(v, "\uFFFD"))
			}
			row[i] = v
		}
		if err := cw.Write(row); err != nil {
			// The underlying writer failed (disk full, closed pipe): stop
			// rather than run the rest of a possibly huge schedule.
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// defuseCell prefixes a cell that a spreadsheet would read as a formula.
func defuseCell(s string) string {
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
