package ics

import (
	"io"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// Format is the iCalendar format as export.Format: one calendar of the
// whole plan, or with the split by channel one calendar of posts per
// channel and one of the review meetings, so that each colour in a
// calendar program means one thing.
type Format struct{}

var _ export.Format = Format{}

func (Format) Name() string { return "ics" }
func (Format) Ext() string  { return ".ics" }

func (Format) Splits() []export.Split {
	return []export.Split{{Name: "channel", Does: "splits the calendar", Files: "one .ics per channel"}}
}

func (Format) Deadlines() string { return "adds events to the calendar" }

// Outputs is BASE.ics, or with the split by channel BASE-<channel>.ics per
// channel and BASE-reviews.ics when the plan has review meetings.
func (f Format) Outputs(plan *calendar.Plan, opt export.Options) ([]export.Output, error) {
	if opt.Split != "channel" {
		return []export.Output{f.output(".ics", plan, Options{Now: opt.Now, Deadlines: opt.Deadlines})}, nil
	}
	// The reviews' name comes last through UniqueNames, so a channel
	// called "reviews" keeps BASE-reviews.ics and the meetings go to
	// BASE-reviews-2.ics.
	n := len(plan.Channels)
	names := export.UniqueNames(n+1, func(i int) string {
		if i == n {
			return "reviews"
		}
		return plan.Channels[i].Name
	})
	var outs []export.Output
	for i, ch := range plan.Channels {
		opt := Options{Now: opt.Now, Deadlines: opt.Deadlines, Channel: ch, Part: PostsOnly}
		outs = append(outs, f.output("-"+names[i]+".ics", plan, opt))
	}
	if len(plan.Reviews) > 0 {
		outs = append(outs, f.output("-"+names[n]+".ics", plan, Options{Now: opt.Now, Part: ReviewsOnly}))
	}
	return outs, nil
}

func (Format) output(suffix string, plan *calendar.Plan, opt Options) export.Output {
	return export.Output{
		Suffix: suffix,
		Write:  func(w io.Writer, plan *calendar.Plan) error { return Write(w, plan, opt) },
		Passes: passes(plan, opt),
	}
}

// passes is how often Write reads the posts: once to count the review
// meetings' figures when it writes meetings, once for the posts' events
// when it writes posts (a calendar of one channel picks them from all).
func passes(plan *calendar.Plan, opt Options) int {
	n := 0
	if opt.Part != PostsOnly && len(plan.Reviews) > 0 {
		n++
	}
	if opt.Part != ReviewsOnly {
		n++
	}
	return n
}
