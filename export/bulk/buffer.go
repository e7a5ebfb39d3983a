package bulk

import "io"

// buffer is Buffer's bulk upload: a header row of Text, Image URL, Tags
// and Posting Time, the time as YYYY-MM-DD HH:mm in the channel's zone, one
// channel a file, at most 100 posts a file (docs/bulk.md, "Buffer").
type buffer struct{}

// BufferHeader is the header row Buffer's import wants, letter for letter.
var BufferHeader = []string{"Text", "Image URL", "Tags", "Posting Time"}

const bufferTime = "2006-01-02 15:04"

func (buffer) Name() string  { return "buffer" }
func (buffer) Title() string { return "Buffer" }

func (buffer) Rules() Rules {
	return Rules{MaxRows: 100, Media: MediaImageURL}
}

// Write leaves Tags empty: Buffer's tags are its own labels for posts,
// which the plan does not have.
func (buffer) Write(w io.Writer, posts []Post, _ DateOrder) error {
	return writeCSV(w, func(yield func([]string) bool) {
		if !yield(BufferHeader) {
			return
		}
		for _, p := range posts {
			if !yield([]string{p.Text, p.Media, "", p.At.Format(bufferTime)}) {
				return
			}
		}
	})
}
