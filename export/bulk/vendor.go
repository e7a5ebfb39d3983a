package bulk

import (
	"io"
	"strings"
	"time"
)

// Vendor is one scheduler's bulk-import file, in the manner of the export
// formats: the command line asks it for its rules and lets it write, and
// never knows its columns.
type Vendor interface {
	// Name is what --to calls it: "buffer".
	Name() string
	// Title is its name in messages: "Buffer".
	Title() string
	// Rules are what its import accepts.
	Rules() Rules
	// Write writes a file of posts, all of one channel, in time order,
	// each already held to Rules. order is the account's order of day and
	// month, for a vendor whose Rules.DateOrder is set.
	Write(w io.Writer, posts []Post, order DateOrder) error
}

// Rules are what a scheduler's import accepts, as its help pages say
// (docs/bulk.md).
type Rules struct {
	// MaxRows is the most posts a file may hold.
	MaxRows int
	// Lead is how long after the upload a post may be at the soonest; a
	// post must be after the upload in any case.
	Lead time.Duration
	// Step, when not 0, is what the times must be multiples of: a time
	// between steps is moved to the next one, and said.
	Step time.Duration
	// Apart, when not 0, is how far apart a file's posts must be at
	// least: a post closer to the one before is left out.
	Apart time.Duration
	// Media is what the file does with a post's media link.
	Media Media
	// Link is whether the file has a column for the source link; without
	// one it ends the post's text.
	Link bool
	// DateOrder is whether the file's dates are in the order of day and
	// month that the account is set to read (Options.DateOrder).
	DateOrder bool
}

// Media is what a file does with a post's media link.
type Media int

const (
	// MediaNotCarried: the file has no column for media; a post with a
	// media link is exported with a note to attach it in the scheduler.
	MediaNotCarried Media = iota
	// MediaImageURL: a column takes one direct link to a .jpg or .png
	// image; a post with any other media link is left out.
	MediaImageURL
)

// DateOrder is the order of day and month in a date.
type DateOrder int

const (
	// DMY: 31/01/2027.
	DMY DateOrder = iota + 1
	// MDY: 01/31/2027.
	MDY
)

// DateOrders are the values ParseDateOrder reads, for messages.
const DateOrders = "dmy (dd/mm/yyyy) or mdy (mm/dd/yyyy)"

// ParseDateOrder reads "dmy" or "mdy", or the layouts the schedulers show,
// "dd/mm/yyyy" and "mm/dd/yyyy", in any case.
func ParseDateOrder(s string) (DateOrder, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "dmy", "dd/mm/yyyy":
		return DMY, true
	case "mdy", "mm/dd/yyyy":
		return MDY, true
	}
	return 0, false
}

// layout is the time layout of a date in the order.
func (o DateOrder) layout() string {
	if o == MDY {
		return "01/02/2006"
	}
	return "02/01/2006"
}

// Vendors are the schedulers, in the order help lists them.
func Vendors() []Vendor { return []Vendor{buffer{}, sprout{}, hootsuite{}} }

// Names are the vendors' names.
func Names() []string {
	var out []string
	for _, v := range Vendors() {
		out = append(out, v.Name())
	}
	return out
}

// Lookup finds a vendor by its name, in any case.
func Lookup(name string) (Vendor, bool) {
	for _, v := range Vendors() {
		if strings.EqualFold(v.Name(), strings.TrimSpace(name)) {
			return v, true
		}
	}
	return nil, false
}
