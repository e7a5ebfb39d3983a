package html

import (
	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// Format is the calendar page as export.Format: one page of the whole
// plan, whatever the split (its filters pick a channel or a writer) and
// without deadlines (each post's writer is on it, not its draft date).
type Format struct{}

var _ export.Format = Format{}

func (Format) Name() string           { return "html" }
func (Format) Ext() string            { return ".html" }
func (Format) Splits() []export.Split { return nil }
func (Format) Deadlines() string      { return "" }

// Outputs is BASE.html, written in two passes over the posts: one to count
// the mix and the page's filters, which come before the calendar, and one
// to write the calendar.
func (Format) Outputs(*calendar.Plan, export.Options) ([]export.Output, error) {
	return []export.Output{{Suffix: ".html", Write: Write, Passes: passes}}, nil
}
