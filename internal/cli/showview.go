package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/calendar/spec"
)

// view is what show shows of a plan: every month and channel, or the one
// month and the one channel the flags ask for, and how it is painted.
type view struct {
	month    calendar.Date // the first day of the month shown, when oneMonth
	oneMonth bool
	channel  *calendar.Channel // nil: every channel
	paint    *painter
}

// parseMonth reads --month: YYYY-MM.
func parseMonth(s string) (calendar.Date, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != len("2006-01") {
		return 0, usagef([]string{"give a month as YYYY-MM, e.g. --month 2027-02"}, "--month %q: want YYYY-MM", s)
	}
	return calendar.MakeDate(t.Year(), t.Month(), 1), nil
}

// check checks the month against the plan's dates, and finds the
// channel called channel ("" for all), in any case.
func (v *view) check(plan *calendar.Plan, channel string) error {
	if v.oneMonth {
		last := v.month + calendar.Date(v.month.DaysInMonth()) - 1
		if last < plan.Start || v.month > plan.End {
			return usagef([]string{fmt.Sprintf("give a month from %s to %s", monthOf(plan.Start), monthOf(plan.End))},
				"--month %s: not in the plan, which runs from %s to %s", monthOf(v.month), plan.Start, plan.End)
		}
	}
	if channel == "" {
		return nil
	}
	// The name as written first: two channels may differ only in case.
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, strings.EqualFold} {
		for _, c := range plan.Channels {
			if same(c.Name, channel) {
				v.channel = c
				return nil
			}
		}
	}
	var names []string
	for _, c := range plan.Channels {
		names = append(names, c.Name)
	}
	var hints []string
	if s := suggestChannel(channel, names); s != "" {
		hints = append(hints, fmt.Sprintf("did you mean %s?", strconv.Quote(term(s))))
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	hints = append(hints, "the plan's channels: "+strings.Join(quoted, ", "))
	return usagef(hints, "--channel %q: the plan has no such channel", channel)
}

// suggestChannel returns the channel name the user most likely meant: a
// near miss, as the spec's messages find one, else the one name that
// starts with what was typed.
func suggestChannel(typed string, names []string) string {
	if s := spec.Suggest(typed, names); s != "" {
		return s
	}
	var found []string
	for _, n := range names {
		if len(typed) > 0 && strings.HasPrefix(strings.ToLower(n), strings.ToLower(typed)) {
			found = append(found, n)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

func monthOf(d calendar.Date) string {
	y, m, _ := d.YMD()
	return fmt.Sprintf("%04d-%02d", y, int(m))
}

// narrowed says what the view narrows the plan to, "" for nothing.
func (v view) narrowed() string {
	var parts []string
	if v.oneMonth {
		parts = append(parts, monthOf(v.month))
	}
	if v.channel != nil {
		parts = append(parts, channelName(v.channel))
	}
	return strings.Join(parts, ", ")
}

// narrow returns the plan as show counts it: only the posts of the month
// and channel shown, and the plan's dates, channels, campaigns and writers
// cut to match, so that every section counts what the calendar shows.
func (v view) narrow(plan *calendar.Plan) *calendar.Plan {
	if !v.oneMonth && v.channel == nil {
		return plan
	}
	c := *plan
	if v.oneMonth {
		c.Start = max(plan.Start, v.month)
		c.End = min(plan.End, v.month+calendar.Date(v.month.DaysInMonth())-1)
	}
	if v.channel != nil {
		c.Channels = []*calendar.Channel{v.channel}
		c.Writers = nil
		for _, w := range plan.Writers {
			if w.Channels == nil || slices.Contains(w.Channels, v.channel.Name) {
				c.Writers = append(c.Writers, w)
			}
		}
	}
	c.Campaigns = nil
	for _, cp := range plan.Campaigns {
		if cp.Start <= c.End && cp.End >= c.Start && (v.channel == nil || cp.Covers(v.channel.Name)) {
			c.Campaigns = append(c.Campaigns, cp)
		}
	}
	posts := plan.Posts()
	c.SetPosts(func(yield func(calendar.Post) bool) {
		for p := range posts {
			if v.channel != nil && p.Channel != v.channel || v.oneMonth && p.Date.FirstOfMonth() != v.month {
				continue
			}
			if !yield(p) {
				return
			}
		}
	})
	return &c
}
