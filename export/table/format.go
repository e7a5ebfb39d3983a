package table

import (
	"io"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// CSV and JSON are the two tables as export.Format: one file each, one
// record per post, whatever the split (the records name their channel and
// writer, for a filter to pick from) and without deadlines (each record has
// its draft_due).
var (
	CSV  export.Format = &tableFormat{"csv", WriteCSV}
	JSON export.Format = &tableFormat{"json", WriteJSON}
)

type tableFormat struct {
	name  string
	write func(io.Writer, *calendar.Plan) error
}

func (f *tableFormat) Name() string         { return f.name }
func (f *tableFormat) Ext() string          { return "." + f.name }
func (*tableFormat) Splits() []export.Split { return nil }
func (*tableFormat) Deadlines() string      { return "" }

// Outputs is BASE.csv or BASE.json, written in one pass over the posts.
func (f *tableFormat) Outputs(*calendar.Plan, export.Options) ([]export.Output, error) {
	return []export.Output{{Suffix: f.Ext(), Write: f.write, Passes: 1}}, nil
}
