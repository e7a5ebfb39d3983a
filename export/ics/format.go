package ics

import (
	"io"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// Format is the iCalendar format as export.Format: one calendar of the
// whole plan, or with the split by channel one calendar of posts per
// channel, one of the review meetings and one of the holidays and
// [[date]]s, so that each colour in a calendar program means one thing.
type Format struct{}

var _ export.Format = Format{}

func (Format) Name() string { return "ics" }
func (Format) Ext() string  { return ".ics" }

func (Format) Splits() []export.Split {
	return []export.Split{{Name: "channel", Does: "splits the calendar", Files: "one .ics per channel"}}
}

func (Format) Deadlines() string { return "adds events to the calendar" }

// Outputs is BASE.ics, or with the split by channel BASE-<channel>.ics per
// channel, BASE-reviews.ics when the plan has review meetings and
// BASE-occasions.ics when it has holidays or [[date]]s. Each file updates
// its own previous version, opt.PreviousOf its suffix.
func (f Format) Outputs(plan *calendar.Plan, opt export.Options) ([]export.Output, error) {
	if opt.Split != "channel" {
		return []export.Output{f.output(".ics", plan, Options{Now: opt.Now, Deadlines: opt.Deadlines}, opt)}, nil
	}
	// The reviews' and occasions' names come last through UniqueNames, so
	// a channel called "reviews" keeps BASE-reviews.ics and the meetings go
	// to BASE-reviews-2.ics.
	n := len(plan.Channels)
	names := export.UniqueNames(n+2, func(i int) string {
		switch i {
		case n:
			return "reviews"
		case n + 1:
			return "occasions"
		}
		return plan.Channels[i].Name
	})
	var outs []export.Output
	for i, ch := range plan.Channels {
		o := Options{Now: opt.Now, Deadlines: opt.Deadlines, Channel: ch, Part: PostsOnly}
		outs = append(outs, f.output("-"+names[i]+".ics", plan, o, opt))
	}
	if len(plan.Reviews) > 0 {
		outs = append(outs, f.output("-"+names[n]+".ics", plan, Options{Now: opt.Now, Part: ReviewsOnly}, opt))
	}
	if len(plan.Occasions) > 0 {
		outs = append(outs, f.output("-"+names[n+1]+".ics", plan, Options{Now: opt.Now, Part: OccasionsOnly}, opt))
	}
	return outs, nil
}

// output is one file. With a previous version (the file it replaces, or
// the one named for it), Write reads it first and its Report says what
// changed: "12 new, 3 changed, 170 unchanged, 29 cancelled". A previous
// version that cannot be used (not ours, damaged, too big) does not stop
// the run: the file is written as a first version, and the report says
// why.
func (Format) output(suffix string, plan *calendar.Plan, opt Options, run export.Options) export.Output {
	path := run.PreviousOf(suffix)
	var changes Changes
	var unusable error
	return export.Output{
		Suffix: suffix,
		Write: func(w io.Writer, plan *calendar.Plan) error {
			o := opt
			if path != "" {
				// The error names the file: a *PreviousError with the line,
				// or an *fs.PathError.
				prev, err := OpenPrevious(path)
				if err != nil {
					unusable = err
				} else {
					o.Previous, o.Changes = prev, &changes
				}
			}
			return Write(w, plan, o)
		},
		Passes: passes(plan, opt),
		Report: func() []string {
			switch {
			case unusable != nil:
				return []string{"warning: " + unusable.Error() + "; not used as the previous version: every event written as new"}
			case path != "":
				return []string{changes.String()}
			}
			return nil
		},
	}
}

// passes is how often Write reads the posts: once to count the review
// meetings' figures when it writes meetings, once for the posts' events
// when it writes posts (a calendar of one channel picks them from all),
// never for a calendar of the occasions alone.
func passes(plan *calendar.Plan, opt Options) int {
	n := 0
	if (opt.Part == All || opt.Part == ReviewsOnly) && len(plan.Reviews) > 0 {
		n++
	}
	if opt.Part == All || opt.Part == PostsOnly {
		n++
	}
	return n
}
