package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/i18n"
)

// Kind is what a finding is about. The findings of one row come in this
// order.
type Kind int

const (
	// Cap: a channel's borrowed share goes over its cap (rule 3).
	Cap Kind = iota + 1
	// Clash: two posts of a channel at one date and time (rule 1), or two
	// rows of one post.
	Clash
	// NoWriter: a post without a writer in a plan that has writers.
	NoWriter
	// PastDue: a draft due before today that is not yet approved.
	PastDue
	// OverLimit: copy longer than the channel's limit.
	OverLimit
	// NoCopy: an approved, scheduled or published post without copy.
	NoCopy
	// Unread: a cell that did not read as its column wants.
	Unread
	// Unknown: a post of a channel that the plan (or the spec) does not
	// have, so that its cap and limit are unknown.
	Unknown
)

// Finding is one thing a row of the Plan sheet breaks.
type Finding struct {
	Kind Kind
	Row  *xlsx.Row
	// Msg says what is wrong, lowercase, starting with the post's channel:
	// `Instagram: no writer`.
	Msg string
}

// Line is the finding as check prints it, naming the workbook, the sheet,
// the row and the post: `plan.xlsx: sheet "Plan" row 12: post ID: MSG`.
func (f Finding) Line(b *xlsx.Workbook) string {
	return fmt.Sprintf("%s: post %s: %s", b.Where(f.Row), f.Row.ID, f.Msg)
}

// Options are what a check needs besides the workbook.
type Options struct {
	// Today is the day drafts are due by: a draft due before it is past
	// due.
	Today calendar.Date
	// Spec, when not nil, gives the channels' caps and copy limits and
	// says whether the plan has writers, instead of the workbook's marker.
	Spec *calendar.Spec
}

// Workbook checks the posts of the workbook's Plan sheet (the Removed
// sheet's are no longer in the plan) and returns what they break, in row
// order. The borrowed shares are not checked in one writer's workbook
// (generate --split writer): it has a part of each channel's posts, and
// the cap is on all of them; nor in the workbook of the posts no writer
// could take.
func Workbook(b *xlsx.Workbook, opt Options) []Finding {
	r := rulesOf(b, opt.Spec)
	var out []Finding
	if b.Writer == "" && !b.Unassigned {
		out = append(out, borrowed(b.Rows, r)...)
	}
	out = append(out, clashes(b.Rows)...)
	out = append(out, noWriter(b.Rows, r)...)
	out = append(out, pastDue(b.Rows, opt.Today)...)
	out = append(out, overLimit(b.Rows, r)...)
	out = append(out, noCopy(b.Rows)...)
	out = append(out, unread(b.Rows)...)
	out = append(out, unknown(b.Rows, r)...)
	slices.SortStableFunc(out, func(x, y Finding) int {
		return cmp.Or(cmp.Compare(x.Row.Line, y.Row.Line), cmp.Compare(x.Kind, y.Kind))
	})
	return out
}

// channelRule is what a channel's posts are checked against.
type channelRule struct {
	cap   calendar.Cap
	limit int // 0 when unknown
}

// rules are the plan's rules as the workbook's marker, or the spec, says.
type rules struct {
	channels map[string]channelRule
	fromSpec bool
	// writers: the plan has writers, so every post wants one.
	writers bool
}

// rulesOf takes the channels from the spec when there is one, else from
// the workbook's marker. A spec's channel without a copy limit takes the
// marker's.
func rulesOf(b *xlsx.Workbook, spec *calendar.Spec) rules {
	r := rules{channels: make(map[string]channelRule), fromSpec: spec != nil}
	if spec == nil {
		for _, c := range b.Channels {
			r.channels[c.Name] = channelRule{cap: c.Cap, limit: c.Limit}
		}
	} else {
		for _, c := range spec.Channels {
			limit := c.Limit
			if m := b.Channel(c.Name); limit == 0 && m != nil {
				limit = m.Limit
			}
			r.channels[c.Name] = channelRule{cap: c.Borrowed, limit: limit}
		}
		r.writers = len(spec.Writers) > 0
	}
	r.writers = r.writers || b.Writer != "" || b.Unassigned
	for i := 0; i < len(b.Rows) && !r.writers; i++ {
		r.writers = hasWriter(&b.Rows[i])
	}
	return r
}

// known reports whether the plan has the channel called name.
func (r rules) known(name string) bool {
	_, ok := r.channels[name]
	return ok
}

func hasWriter(r *xlsx.Row) bool { return strings.TrimSpace(r.Writer) != "" }

// channelOf is how a message names a row's channel.
func channelOf(r *xlsx.Row) string {
	if r.Channel == "" {
		return "no channel"
	}
	return r.Channel
}

// plural writes "1 post", "2 posts" (i18n's English rule).
func plural(n int, noun string) string { return i18n.Count("en", n, i18n.N(noun)) }
