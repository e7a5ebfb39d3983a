package xlsx

import (
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// Floor writes rows rows of 15 columns with excelize's StreamWriter to w,
// and nothing more: no styles, no table, no other sheets. It is the bare
// cost of the library, the measure the performance figures in the README
// are stated against (internal/perf); it lives here because this package
// is the one importer of excelize.
func Floor(w io.Writer, rows int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	start := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	row := make([]any, 15)
	cell, _ := excelize.CoordinatesToCellName(1, 1)
	header := []any{"id", "date", "time", "timezone", "channel", "format", "source", "pillar",
		"objective", "campaign", "title", "writer", "draft_due", "status", "cost"}
	if err := sw.SetRow(cell, header); err != nil {
		return err
	}
	for i := 0; i < rows; i++ {
		t := start.Add(time.Duration(i) * time.Minute)
		row[0], row[1], row[2], row[3] = "p"+strconv.Itoa(i), t, t.Format("15:04"), "UTC"
		row[4], row[5], row[6], row[7] = "Brand 001 Instagram", "photo", "own", "Product"
		row[8], row[9], row[10], row[11] = "", "", "", "Team 1"
		row[12], row[13], row[14] = t.AddDate(0, 0, -3), "planned", 0
		cell, _ = excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
