package export

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// Format is one kind of output file, in the manner of syft's format
// encoders: a package per format (ics, xlsx, table) implements it, and the
// command line only asks it what to write, never how. Package formats lists
// them.
type Format interface {
	// Name is what --format calls the format: "ics", "xlsx", "csv", "json".
	Name() string
	// Ext is the extension of its files, with the dot: ".ics".
	Ext() string
	// Splits are the values of --split the format acts on. It writes one
	// file for any other split, which is some other format's to act on.
	Splits() []Split
	// Deadlines says what Options.Deadlines does to the format's files, in
	// the words of a usage error ("adds events to the calendar"), or is ""
	// when the format leaves it to others.
	Deadlines() string
	// Outputs are the files the format makes of plan with opt, in the order
	// they are written. It refuses, with a *calendar.HintError and before any work
	// is done, an option it cannot honour for this plan (a split by writer
	// of a spec without writers) and a plan its files cannot hold.
	Outputs(plan *calendar.Plan, opt Options) ([]Output, error)
}

// Options are the choices of a run that formats act on. Each format acts
// on those it knows and leaves the rest to the others: a split by channel
// cuts the calendar into files and leaves the workbook whole.
type Options struct {
	// Now stamps the files (DTSTAMP, the workbook's dates): the command
	// line takes it from SOURCE_DATE_EPOCH when set, so that the same spec
	// gives byte-identical files (docs/spec.md, rule 6).
	Now time.Time
	// Deadlines asks for each post's draft deadline as its own entry.
	Deadlines bool
	// Split is the --split value, "" for none.
	Split string
	// Previous names the previous version of the output whose name ends
	// in suffix (as Output.Suffix): the file this run is about to replace,
	// or the one the user named for it (generate --previous, --keep); ""
	// when there is none. A format that carries work over from one run to
	// the next reads it (docs/spec.md, rule 9) as untrusted input. nil
	// means there are no previous versions.
	Previous func(suffix string) string
}

// PreviousOf is opt.Previous(suffix), or "" when opt has no previous
// versions.
func (opt Options) PreviousOf(suffix string) string {
	if opt.Previous == nil {
		return ""
	}
	return opt.Previous(suffix)
}

// Split is a way a format cuts its output into several files.
type Split struct {
	// Name is the value of --split: "channel".
	Name string
	// Does is what it does to the format's output, in the words of a usage
	// error: "splits the calendar".
	Does string
	// Files are the files it makes, for a hint: "one .ics per channel".
	Files string
}

// Output is one file a format makes of a plan.
type Output struct {
	// Suffix follows BASE (the spec's name) in the file's name and ends in
	// the format's extension: ".ics", or "-Telegram.ics" in a split.
	Suffix string
	// Write writes the file. plan is the plan given to Outputs or a copy of
	// it, with the same channels and writers, whose posts are counted as
	// they are read or stop early on Ctrl-C.
	Write func(w io.Writer, plan *calendar.Plan) error
	// Passes is how many times Write reads plan.Posts, from first to last
	// post: the command line's progress bar expects Passes × plan.Total
	// posts read for the file.
	Passes int
	// Report, when not nil, is called once the file is in place; its lines
	// (what a re-run changed, what was carried over) are printed on
	// standard error after the file's path.
	Report func() []string
	// Posts, when not nil, is called once the file is in place: how many
	// of the plan's posts it holds, which the command line prints after
	// its path when a split shares the posts out among files.
	Posts func() int
}

// UniqueNames makes file-name parts of n names with SafeName, adding -2,
// -3, … where two names come out the same ("Café!" and "Café?"), so that no
// file of a split overwrites another. Case is folded when comparing, for
// file systems that ignore case.
func UniqueNames(n int, name func(int) string) []string {
	out := make([]string, n)
	used := map[string]bool{}
	for i := range n {
		s := SafeName(name(i))
		cand := s
		for k := 2; used[strings.ToLower(cand)]; k++ {
			cand = s + "-" + strconv.Itoa(k)
		}
		used[strings.ToLower(cand)] = true
		out[i] = cand
	}
	return out
}
