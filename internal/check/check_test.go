package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

// today is the day the tests check on.
var today = calendar.MakeDate(2027, 2, 1)

// day is the nth day of January 2027.
func day(n int) calendar.Date { return calendar.MakeDate(2027, 1, n) }

// post is a row of the Plan sheet as generated: dated, own, planned, with
// its draft due long after today.
func post(channel string, d int, hhmm string) xlsx.Row {
	t, err := calendar.ParseClock(hhmm)
	if err != nil {
		panic(err)
	}
	return xlsx.Row{
		ID: fmt.Sprintf("%s-%02d-%s", strings.ToLower(channel), d, strings.ReplaceAll(hhmm, ":", "")), Channel: channel,
		Date: day(d), Time: t, HasDate: true, HasTime: true,
		DraftDue: calendar.MakeDate(2027, 6, 1), HasDraftDue: true,
		Source: calendar.Own, SourceText: "Own", StatusText: "Planned", Status: "planned",
	}
}

// edit changes a row.
type edit func(*xlsx.Row)

func borrow(r *xlsx.Row)         { r.Source, r.SourceText = calendar.Borrowed, "Borrowed" }
func writer(r *xlsx.Row)         { r.Writer = "Mila" }
func statusOf(s string) edit     { return func(r *xlsx.Row) { r.Status, r.StatusText = s, s } }
func copyOf(s string) edit       { return func(r *xlsx.Row) { r.Copy = s } }
func dueOn(d calendar.Date) edit { return func(r *xlsx.Row) { r.DraftDue = d } }

// with is r with the edits.
func with(r xlsx.Row, es ...edit) xlsx.Row {
	for _, e := range es {
		e(&r)
	}
	return r
}

// book is a workbook of rows, numbered from row 2 in sheet order, with
// the channels of its marker.
func book(channels []xlsx.Channel, rows ...xlsx.Row) *xlsx.Workbook {
	for i := range rows {
		rows[i].Sheet, rows[i].Line = "Plan", i+2
	}
	return &xlsx.Workbook{File: "plan.xlsx", Timezone: "Europe/Moscow", Channels: channels, Rows: rows}
}

// ig is Instagram with cap c (basis points) and a copy limit of 20.
func ig(c int) []xlsx.Channel {
	return []xlsx.Channel{{Name: "Instagram", ID: "Instagram", Cap: calendar.Cap(c), Limit: 20}}
}

// daily is n Instagram posts at 10:00 on January 1..n, the ones listed
// borrowed (1-based, in date order).
func daily(n int, borrowed ...int) []xlsx.Row {
	rows := make([]xlsx.Row, n)
	for i := range rows {
		rows[i] = post("Instagram", i+1, "10:00")
		if slices.Contains(borrowed, i+1) {
			borrow(&rows[i])
		}
	}
	return rows
}

func reversed(rows []xlsx.Row) []xlsx.Row { slices.Reverse(rows); return rows }

// workbookCase is a workbook and the lines of its findings.
type workbookCase struct {
	name string
	b    *xlsx.Workbook
	spec *calendar.Spec
	want []string // the findings' lines
}

// workbookCases are TestWorkbook's: every kind of finding, and the
// boundaries of each.
var workbookCases = []workbookCase{
	{"a generated plan holds", book(ig(2000), daily(10, 5, 10)...), nil, nil},

	// The borrowed share (rule 3).
	{"borrowed late, within the running cap", book(ig(5000), daily(4, 2, 4)...), nil, nil},
	{"borrowed first breaks the running cap though the total holds", book(ig(5000), daily(4, 1)...), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: 1 borrowed by post 1 of 4, over the cap of 50% (at most 0 by then); 1 in all, within the cap (at most 2)`}},
	{"over the total", book(ig(2000), daily(10, 5, 9, 10)...), nil, []string{
		`plan.xlsx: sheet "Plan" row 10: post instagram-09-1000: Instagram: 2 borrowed by post 9 of 10, over the cap of 20% (at most 1 by then); 3 in all, over it too (at most 2)`}},
	{"over at the last post", book(ig(5000), daily(3, 2, 3)...), nil, []string{
		`plan.xlsx: sheet "Plan" row 4: post instagram-03-1000: Instagram: 2 borrowed by post 3 of 3, over the cap of 50% (at most 1 by then)`}},
	{"date order, not sheet order", book(ig(2000), reversed(daily(10, 1))...), nil, []string{
		`plan.xlsx: sheet "Plan" row 11: post instagram-01-1000: Instagram: 1 borrowed by post 1 of 10, over the cap of 20% (at most 0 by then); 1 in all, within the cap (at most 2)`}},
	{"a date that did not read keeps the place contentplan gave it", book(ig(3400),
		with(post("Instagram", 1, "10:00"), func(r *xlsx.Row) {
			r.Generated = &xlsx.Generated{Date: r.Date, Time: r.Time, Channel: r.Channel}
			r.HasDate, r.Date, r.Problems = false, 0, []string{`date "soon": not a date`}
		}),
		post("Instagram", 2, "10:00"), with(post("Instagram", 3, "10:00"), borrow)), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: date "soon": not a date`}},
	{"without it, last", book(ig(3400),
		with(post("Instagram", 1, "10:00"), func(r *xlsx.Row) { r.HasDate, r.Date = false, 0 }),
		post("Instagram", 2, "10:00"), with(post("Instagram", 3, "10:00"), borrow)), nil, []string{
		`plan.xlsx: sheet "Plan" row 4: post instagram-03-1000: Instagram: 1 borrowed by post 2 of 3, over the cap of 34% (at most 0 by then); 1 in all, within the cap (at most 1)`}},
	{"time order within a day", book(ig(5000),
		with(post("Instagram", 1, "18:00"), borrow), post("Instagram", 1, "09:00"), with(post("Instagram", 2, "09:00"), borrow)), nil, []string{
		`plan.xlsx: sheet "Plan" row 4: post instagram-02-0900: Instagram: 2 borrowed by post 3 of 3, over the cap of 50% (at most 1 by then)`}},
	{"a 0% channel", book(ig(0), daily(3, 3)...), nil, []string{
		`plan.xlsx: sheet "Plan" row 4: post instagram-03-1000: Instagram: 1 borrowed by post 3 of 3, over the cap of 0% (at most 0 by then)`}},
	{"a 0% channel, all own", book(ig(0), daily(3)...), nil, nil},
	{"the spec's cap, not the marker's", book(ig(5000), daily(4, 4)...),
		&calendar.Spec{Channels: []calendar.ChannelSpec{{Name: "Instagram", Borrowed: 0}}}, []string{
			`plan.xlsx: sheet "Plan" row 5: post instagram-04-1000: Instagram: 1 borrowed by post 4 of 4, over the cap of 0% (at most 0 by then)`}},
	{"each channel its own cap", book(append(ig(2500), xlsx.Channel{Name: "VK", Cap: 5000}),
		post("Instagram", 1, "10:00"), with(post("VK", 1, "10:00"), borrow), with(post("Instagram", 2, "10:00"), borrow), post("VK", 2, "10:00")), nil, []string{
		`plan.xlsx: sheet "Plan" row 3: post vk-01-1000: VK: 1 borrowed by post 1 of 2, over the cap of 50% (at most 0 by then); 1 in all, within the cap (at most 1)`,
		`plan.xlsx: sheet "Plan" row 4: post instagram-02-1000: Instagram: 1 borrowed by post 2 of 2, over the cap of 25% (at most 0 by then)`}},

	{"a writer's workbook has a part of the posts", func() *xlsx.Workbook {
		b := book(ig(0), with(post("Instagram", 1, "10:00"), borrow, writer))
		b.Writer = "Mila"
		return b
	}(), nil, nil},

	// Channels the plan or the spec does not have.
	{"a channel not in the marker", book(ig(2000), post("TikTok", 1, "10:00"), post("Instagram", 1, "10:00"), with(post("TikTok", 2, "10:00"), borrow)), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post tiktok-01-1000: channel "TikTok": not one of the plan's channels (2 posts)`}},
	{"a channel not in the spec", book(append(ig(2000), xlsx.Channel{Name: "VK", Cap: 5000}), post("Instagram", 1, "10:00"), post("VK", 1, "10:00")),
		&calendar.Spec{Channels: []calendar.ChannelSpec{{Name: "Instagram", Borrowed: 2000}}}, []string{
			`plan.xlsx: sheet "Plan" row 3: post vk-01-1000: channel "VK": not in the spec (1 post)`}},
	{"a channel cell edited counts in the channel contentplan wrote", book(ig(3400),
		with(post("Instagram", 1, "10:00"), func(r *xlsx.Row) {
			r.Generated = &xlsx.Generated{Date: r.Date, Time: r.Time, Channel: r.Channel}
			r.Channel = "Insta"
		}),
		post("Instagram", 2, "10:00"), with(post("Instagram", 3, "10:00"), borrow)), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: channel "Insta": not one of the plan's channels (1 post)`}},
	{"no channel", book(ig(2000), with(post("Instagram", 1, "10:00"), func(r *xlsx.Row) { r.Channel = "" })), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: no channel (1 post)`}},

	// Rule 1.
	{"two posts at one time", book(ig(2000), post("Instagram", 1, "10:00"), post("Instagram", 2, "10:00"),
		with(post("Instagram", 3, "10:00"), func(r *xlsx.Row) { r.Date = day(1) })), nil, []string{
		`plan.xlsx: sheet "Plan" row 4: post instagram-03-1000: Instagram: at 2027-01-01 10:00, as post instagram-01-1000 (row 2)`}},
	{"two channels at one time", book(append(ig(2000), xlsx.Channel{Name: "VK"}), post("Instagram", 1, "10:00"), post("VK", 1, "10:00")), nil, nil},
	{"two rows of one post", book(ig(2000), post("Instagram", 1, "10:00"), post("Instagram", 2, "10:00"), post("Instagram", 1, "10:00")), nil, []string{
		`plan.xlsx: sheet "Plan" row 4: post instagram-01-1000: Instagram: a second row of this post (the first is row 2)`}},

	// Writers.
	{"no writers at all", book(ig(2000), daily(3)...), nil, nil},
	{"a writer on one row", book(ig(2000), post("Instagram", 1, "10:00"), with(post("Instagram", 2, "10:00"), writer)), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: no writer`}},
	{"the spec has writers", book(ig(2000), daily(1)...),
		&calendar.Spec{Channels: []calendar.ChannelSpec{{Name: "Instagram", Borrowed: 2000}}, Writers: []calendar.WriterSpec{{Name: "Mila"}}}, []string{
			`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: no writer`}},
	{"a writer's own workbook", func() *xlsx.Workbook { b := book(ig(2000), daily(1)...); b.Writer = "Mila"; return b }(), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: no writer`}},

	// Drafts past due, at the boundaries of today.
	{"due today, yesterday, 2 days ago", book(ig(2000), with(post("Instagram", 1, "10:00"), dueOn(today)),
		with(post("Instagram", 2, "10:00"), dueOn(today-1), statusOf("in review")),
		with(post("Instagram", 3, "10:00"), dueOn(today-2), statusOf("needs changes"))), nil, []string{
		`plan.xlsx: sheet "Plan" row 3: post instagram-02-1000: Instagram: draft due 2027-01-31, 1 day ago; status still "in review"`,
		`plan.xlsx: sheet "Plan" row 4: post instagram-03-1000: Instagram: draft due 2027-01-30, 2 days ago; status still "needs changes"`}},
	{"a blank status is planned", book(ig(2000), with(post("Instagram", 1, "10:00"), dueOn(today-1), statusOf(""))), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: draft due 2027-01-31, 1 day ago; status still "planned"`}},
	{"approved, scheduled, published are done", book(ig(2000),
		with(post("Instagram", 1, "10:00"), dueOn(today-9), statusOf("approved"), copyOf("x")),
		with(post("Instagram", 2, "10:00"), dueOn(today-9), statusOf("scheduled"), copyOf("x")),
		with(post("Instagram", 3, "10:00"), dueOn(today-9), statusOf("published"), copyOf("x"))), nil, nil},
	{"no draft date", book(ig(2000), with(post("Instagram", 1, "10:00"), func(r *xlsx.Row) { r.HasDraftDue, r.DraftDue = false, 0 })), nil, nil},

	// Copy.
	{"copy at and over the limit", book(ig(2000),
		with(post("Instagram", 1, "10:00"), copyOf(strings.Repeat("я", 20))),
		with(post("Instagram", 2, "10:00"), copyOf(strings.Repeat("я", 19)+"🥐"))), nil, []string{
		`plan.xlsx: sheet "Plan" row 3: post instagram-02-1000: Instagram: copy of 21 characters, over the limit of 20`}},
	{"the row's limit when the channel has none", book(append(ig(2000), xlsx.Channel{Name: "VK", Cap: 2000}),
		with(post("VK", 1, "10:00"), copyOf("12345"), func(r *xlsx.Row) { r.Limit = 4 }),
		with(post("VK", 2, "10:00"), copyOf("12345"))), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post vk-01-1000: VK: copy of 5 characters, over the limit of 4`}},
	{"the spec's limit", book(ig(2000), with(post("Instagram", 1, "10:00"), copyOf("12345"))),
		&calendar.Spec{Channels: []calendar.ChannelSpec{{Name: "Instagram", Borrowed: 2000, Limit: 3}}}, []string{
			`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: copy of 5 characters, over the limit of 3`}},
	{"approved without copy", book(ig(2000),
		with(post("Instagram", 1, "10:00"), statusOf("approved"), copyOf(" \n")),
		with(post("Instagram", 2, "10:00"), statusOf("published")),
		with(post("Instagram", 3, "10:00"), statusOf("drafting"))), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: approved with no copy`,
		`plan.xlsx: sheet "Plan" row 3: post instagram-02-1000: Instagram: published with no copy`}},

	// Cells that did not read.
	{"cells that did not read", book(ig(2000),
		with(post("Instagram", 1, "10:00"), func(r *xlsx.Row) {
			r.HasDate, r.Problems = false, []string{`date "tomorrow": not a date`}
		}),
		with(post("Instagram", 2, "10:00"), func(r *xlsx.Row) { r.Status, r.StatusText = "", "done?" }),
		with(post("Instagram", 3, "10:00"), func(r *xlsx.Row) { r.Source, r.SourceText = "", "repost" })), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: date "tomorrow": not a date`,
		`plan.xlsx: sheet "Plan" row 3: post instagram-02-1000: Instagram: status "done?": not one of the statuses (pick one from the cell's list)`,
		`plan.xlsx: sheet "Plan" row 4: post instagram-03-1000: Instagram: source "repost": neither own nor borrowed (counted as own)`}},

	// Several findings on a row come in the order of their kinds.
	{"a row's findings in order", book(ig(0),
		with(post("Instagram", 1, "10:00"), borrow, statusOf("approved"), dueOn(today-1), func(r *xlsx.Row) { r.Problems = []string{`cost "a lot": not a number`} }),
		with(post("Instagram", 2, "10:00"), writer)), nil, []string{
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: 1 borrowed by post 1 of 2, over the cap of 0% (at most 0 by then); 1 in all, over it too (at most 0)`,
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: no writer`,
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: approved with no copy`,
		`plan.xlsx: sheet "Plan" row 2: post instagram-01-1000: Instagram: cost "a lot": not a number`}},
}

func TestWorkbook(t *testing.T) {
	t.Parallel()
	for _, tc := range workbookCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, f := range Workbook(tc.b, Options{Today: today, Spec: tc.spec}) {
				got = append(got, f.Line(tc.b))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestRemovedNotChecked: the Removed sheet's posts are no longer in the
// plan, whatever they hold.
func TestRemovedNotChecked(t *testing.T) {
	t.Parallel()
	b := book(ig(0), daily(1)...)
	b.Removed = []xlsx.Row{with(post("Instagram", 1, "10:00"), borrow, statusOf("approved"), dueOn(today-5))}
	if fs := Workbook(b, Options{Today: today}); len(fs) != 0 {
		t.Errorf("findings on Removed: %+v", fs)
	}
}
