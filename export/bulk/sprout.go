package bulk

import (
	"io"
	"time"
)

// sprout is Sprout Social's bulk scheduling: the header row date,
// time_24hr, message_text (case-sensitive), the date as dd/mm/yyyy or
// mm/dd/yyyy as the account's import preference says, the time in 24-hour
// form, at most 350 messages an import, at least 10 minutes apart and 10
// minutes after the upload (docs/bulk.md, "Sprout Social").
type sprout struct{}

// SproutHeader is the header row Sprout Social's import wants.
var SproutHeader = []string{"date", "time_24hr", "message_text"}

func (sprout) Name() string  { return "sprout" }
func (sprout) Title() string { return "Sprout Social" }

func (sprout) Rules() Rules {
	return Rules{MaxRows: 350, Lead: 10 * time.Minute, Apart: 10 * time.Minute, DateOrder: true}
}

func (sprout) Write(w io.Writer, posts []Post, order DateOrder) error {
	return writeCSV(w, func(yield func([]string) bool) {
		if !yield(SproutHeader) {
			return
		}
		for _, p := range posts {
			if !yield([]string{p.At.Format(order.layout()), p.At.Format("15:04"), p.Text}) {
				return
			}
		}
	})
}
