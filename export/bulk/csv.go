package bulk

import (
	"encoding/csv"
	"io"
)

// writeCSV writes rows (the first a header, for a file that has one) as
// RFC 4180 CSV in UTF-8 without a byte-order mark, quoting a field only
// where it needs it. Records end in LF, not RFC 4180's CRLF: encoding/csv
// turns a line break inside a quoted field into the record's line end, and
// a post's text must reach the scheduler with the line breaks it was
// written with. A text is written as it is, however it starts
// (docs/bulk.md, "Text that looks like a formula").
func writeCSV(w io.Writer, rows func(yield func([]string) bool)) error {
	cw := csv.NewWriter(w)
	for r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
