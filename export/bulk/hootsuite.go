package bulk

import (
	"io"
	"time"
)

// hootsuite is Hootsuite's bulk composer: no header row, and three
// columns: the date and time (dd/mm/yyyy HH:mm or mm/dd/yyyy HH:mm, as
// chosen in the upload dialog), the message and the link; at most 350
// posts, times on 5-minute steps, one post a step, at least 10 minutes
// after the upload (docs/bulk.md, "Hootsuite").
type hootsuite struct{}

func (hootsuite) Name() string  { return "hootsuite" }
func (hootsuite) Title() string { return "Hootsuite" }

func (hootsuite) Rules() Rules {
	return Rules{MaxRows: 350, Lead: 10 * time.Minute, Step: 5 * time.Minute, Apart: 5 * time.Minute,
		Link: true, DateOrder: true}
}

// Write writes the link column on every row, empty for a post without
// one, so that every row has the same three fields.
func (hootsuite) Write(w io.Writer, posts []Post, order DateOrder) error {
	return writeCSV(w, func(yield func([]string) bool) {
		for _, p := range posts {
			if !yield([]string{p.At.Format(order.layout() + " 15:04"), p.Text, p.Link}) {
				return
			}
		}
	})
}
