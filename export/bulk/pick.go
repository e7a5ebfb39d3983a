package bulk

import (
	"fmt"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

// exporter is one export in progress.
type exporter struct {
	b     *xlsx.Workbook
	opt   Options
	rules Rules
	plan  *time.Location // the plan's zone, which the Date and Time cells are in
	zone  *time.Location // the scheduler's
	res   *Result
}

func newExporter(b *xlsx.Workbook, opt Options) (*exporter, error) {
	if opt.Vendor == nil {
		return nil, calendar.Errorf(nil, "no scheduler to export for")
	}
	r := opt.Vendor.Rules()
	switch {
	case opt.PerFile == 0:
		opt.PerFile = r.MaxRows
	case opt.PerFile < 0 || opt.PerFile > r.MaxRows:
		return nil, calendar.Errorf([]string{fmt.Sprintf("give 1 to %d", r.MaxRows)},
			"%s takes at most %d posts a file, not %d", opt.Vendor.Title(), r.MaxRows, opt.PerFile)
	}
	if r.DateOrder && opt.DateOrder != DMY && opt.DateOrder != MDY {
		return nil, calendar.Errorf([]string{"give the order the account reads dates in: " + DateOrders},
			"%s reads dates in the order of day and month its account is set to", opt.Vendor.Title())
	}
	plan, err := time.LoadLocation(b.Timezone)
	if err != nil || b.Timezone == "" {
		return nil, calendar.Errorf([]string{"the workbook's hidden contentplan sheet states the plan's zone: generate the workbook again, or put the zone back there"},
			"%s: the plan's time zone %q is unknown", b.File, b.Timezone)
	}
	zone := opt.Zone
	if zone == nil {
		zone = plan
	}
	return &exporter{b: b, opt: opt, rules: r, plan: plan, zone: zone, res: &Result{}}, nil
}

// pick finds the approved posts of the Plan sheet and makes each a Post,
// or says why it cannot be one; it returns the posts by channel. A post is
// exported when its Status is Approved: Scheduled says it is in a
// scheduler already, and exporting it again would post it twice
// (docs/bulk.md, "Which posts").
func (e *exporter) pick() map[string][]Post {
	out := map[string][]Post{}
	first := map[string]int{} // post id → row of its first approved row
	for i := range e.b.Rows {
		r := &e.b.Rows[i]
		if r.Status != "approved" {
			e.res.Others++
			if r.Status == "scheduled" {
				e.res.Scheduled++
			}
			continue
		}
		e.res.Approved++
		if line, ok := first[r.ID]; ok {
			e.leaveOut(r, "a second row of this post (the first is row %d)", line)
			continue
		}
		first[r.ID] = r.Line
		p, why := e.post(r)
		if why != "" {
			e.leaveOut(r, "%s", why)
			continue
		}
		out[p.Channel] = append(out[p.Channel], p)
	}
	return out
}

// post makes a row a Post, or says why it cannot be one.
func (e *exporter) post(r *xlsx.Row) (Post, string) {
	if why := e.when(r); why != "" {
		return Post{}, why
	}
	if strings.TrimSpace(r.Channel) == "" {
		return Post{}, "no channel"
	}
	p := Post{Row: r, Channel: r.Channel}
	text, why := e.text(r, &p)
	if why != "" {
		return Post{}, why
	}
	p.Text = text
	at, shift := calendar.ReadWall(e.plan, r.Date, r.Time)
	p.At = at.In(e.zone)
	if shift == calendar.DSTGap {
		p.say(Moved, "%s %s does not exist in %s (the clocks go forward): exported at %s", r.Date, r.Time, e.plan, e.show(p.At))
	}
	if calendar.Ambiguous(p.At) {
		p.say(Note, "%s occurs twice in %s (the clocks go back): %s may take either", p.At.Format("2006-01-02 15:04"), e.zone, e.opt.Vendor.Title())
	}
	return p, ""
}

// when says why a row's date or time cannot be read, or "".
func (e *exporter) when(r *xlsx.Row) string {
	for _, c := range []struct {
		has  bool
		name string
	}{{r.HasDate, "date"}, {r.HasTime, "time"}} {
		if c.has {
			continue
		}
		for _, p := range r.Problems {
			if strings.HasPrefix(p, c.name+" ") {
				return p
			}
		}
		return "no " + c.name
	}
	return ""
}

// leaveOut says why an approved post is in no file.
func (e *exporter) leaveOut(r *xlsx.Row, format string, args ...any) {
	e.res.LeftOut++
	e.find(LeftOut, r, format, args...)
}

func (e *exporter) find(k Kind, r *xlsx.Row, format string, args ...any) {
	e.res.Findings = append(e.res.Findings, Finding{Kind: k, Row: r, Msg: fmt.Sprintf(format, args...)})
}

// show is a time as findings give it: in the scheduler's zone, named when
// it is not the plan's.
func (e *exporter) show(t time.Time) string {
	return t.In(e.zone).Format("2006-01-02 15:04") + e.zoneName()
}

// zoneName is " " and the scheduler's zone when it is not the plan's,
// else "".
func (e *exporter) zoneName() string {
	if e.zone.String() != e.plan.String() {
		return " " + e.zone.String()
	}
	return ""
}
