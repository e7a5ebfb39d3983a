// Package bulk writes the approved posts of a workbook the writers sent
// back as the files that schedulers import in bulk: Buffer, Sprout Social
// and Hootsuite, each as far as its help pages describe it (docs/bulk.md
// cites them). A Vendor is one scheduler's file; Export picks the posts,
// holds them to the scheduler's rules, cuts them into files a channel and
// at most a file's rows, and says of every approved post that is not in a
// file why, never leaving one out silently.
//
// It is pure: a *xlsx.Workbook and the options in, files to write and
// findings out. Reading the workbook, the clock, printing and writing the
// files are the command line's.
package bulk

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/contentplan/contentplan/export/xlsx"
)

// Options are the choices of an export.
type Options struct {
	// Vendor is the scheduler the files are for.
	Vendor Vendor
	// Upload is when the files will be uploaded: a post before it, or
	// less than the scheduler's lead after it, is left out.
	Upload time.Time
	// Zone is the time zone the scheduler reads the files' times in (a
	// Buffer channel's, a Sprout Social or Hootsuite account's); nil for
	// the plan's, which the workbook states.
	Zone *time.Location
	// PerFile is the most posts a file holds, 1 to the vendor's
	// Rules.MaxRows; 0 for MaxRows.
	PerFile int
	// DateOrder is the order of day and month the account reads dates in,
	// for the vendors whose Rules.DateOrder is set.
	DateOrder DateOrder
}

// Result is what an export makes of a workbook.
type Result struct {
	// Files are the files to write, a channel's in date order, the
	// channels in the workbook's order.
	Files []File
	// Findings are the approved posts left out, the times moved and the
	// notes, in row order.
	Findings []Finding
	// Approved counts the Plan sheet's approved posts, Exported those in
	// the files, LeftOut those that are not and Moved those whose time was
	// moved.
	Approved, Exported, LeftOut, Moved int
	// Others counts the posts that are not approved, Scheduled those of
	// them already scheduled.
	Others, Scheduled int
}

// File is one file of an export: Suffix follows the workbook's base name
// in the file's name, as export.Output's does.
type File struct {
	// Suffix is "-buffer-Telegram.csv", or "-buffer-Telegram-1of3.csv"
	// when the channel's posts take several files.
	Suffix  string
	Channel string
	Posts   []Post

	vendor      Vendor
	order       DateOrder
	part, parts int // the file's number among its channel's, and how many
}

// Write writes the file.
func (f *File) Write(w io.Writer) error { return f.vendor.Write(w, f.Posts, f.order) }

// Post is an approved post as a scheduler's file carries it.
type Post struct {
	Row     *xlsx.Row
	Channel string
	// At is the post's time in the scheduler's zone, on its steps.
	At time.Time
	// Text is the post's message: the copy, then the hashtags, then the
	// source link unless the file has a column for it (docs/bulk.md).
	Text string
	// Media is the media link, for a file with a column for it.
	Media string
	// Link is the source link, for a file with a column for it.
	Link string

	said []Finding // what to say about the post once it is in a file
}

// say keeps a finding about the post, for when it is in a file.
func (p *Post) say(k Kind, format string, args ...any) {
	p.said = append(p.said, Finding{Kind: k, Row: p.Row, Msg: fmt.Sprintf(format, args...)})
}

// Kind is what a finding says.
type Kind int

const (
	// LeftOut: an approved post that is in no file.
	LeftOut Kind = iota + 1
	// Moved: a post whose time was moved to satisfy a rule.
	Moved
	// Note: a post in a file, with something to know about it.
	Note
)

var kindWords = map[Kind]string{LeftOut: "left out", Moved: "moved", Note: "note"}

// Finding is something to say about one approved post.
type Finding struct {
	Kind Kind
	Row  *xlsx.Row
	// Msg says what, lowercase: `no copy`.
	Msg string
}

// Line is the finding as export prints it, naming the workbook, the
// sheet, the row, the post and its channel:
// `plan.xlsx: sheet "Plan" row 12: post ID: Telegram: left out: no copy`.
func (f Finding) Line(b *xlsx.Workbook) string {
	ch := f.Row.Channel
	if ch == "" {
		ch = "no channel"
	}
	return fmt.Sprintf("%s: post %s: %s: %s: %s", b.Where(f.Row), f.Row.ID, ch, kindWords[f.Kind], f.Msg)
}

// Export makes the files of the approved posts of b's Plan sheet for
// opt.Vendor. The Removed sheet's posts are no longer in the plan and are
// not exported. It fails, with a *calendar.HintError, only when the
// workbook's time zone is unknown or opt breaks the vendor's rules.
func Export(b *xlsx.Workbook, opt Options) (*Result, error) {
	e, err := newExporter(b, opt)
	if err != nil {
		return nil, err
	}
	channels := e.pick()
	for _, name := range e.channelOrder(channels) {
		e.files(name, e.schedule(channels[name]))
	}
	e.name()
	slices.SortStableFunc(e.res.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Row.Line, b.Row.Line), cmp.Compare(a.Kind, b.Kind))
	})
	return e.res, nil
}
