package bulk

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

// upload is when the tests' files are uploaded: 2027-01-04 09:00 in
// Moscow, the day of the first posts.
var upload = time.Date(2027, 1, 4, 6, 0, 0, 0, time.UTC)

// post is an approved Telegram post of 2027-01-04 at 12:00, with copy,
// changed by edits.
func post(id string, edits ...func(*xlsx.Row)) xlsx.Row {
	r := xlsx.Row{ID: id, Channel: "Telegram", Status: "approved", StatusText: "Approved",
		Date: calendar.MakeDate(2027, 1, 4), Time: 12 * 60, HasDate: true, HasTime: true,
		Copy: "Fresh croissants, " + id}
	for _, e := range edits {
		e(&r)
	}
	return r
}

func at(date string, clock string) func(*xlsx.Row) {
	return func(r *xlsx.Row) {
		r.Date, _ = calendar.ParseDate(date)
		c, _ := calendar.ParseClock(clock)
		r.Time = c
	}
}

func set(f func(*xlsx.Row)) func(*xlsx.Row) { return f }

// workbook is a Moscow plan's workbook of rows, on rows 2 onwards of its
// Plan sheet.
func workbook(rows ...xlsx.Row) *xlsx.Workbook {
	b := &xlsx.Workbook{File: "plan.xlsx", Version: 1, Plan: "Test", Timezone: "Europe/Moscow",
		Channels: []xlsx.Channel{{Name: "X", Limit: 280}, {Name: "Telegram", Limit: 4096}}}
	for i := range rows {
		rows[i].Sheet, rows[i].Line = "Plan", i+2
	}
	b.Rows = rows
	return b
}

func run(t *testing.T, vendor string, b *xlsx.Workbook, edit ...func(*Options)) *Result {
	t.Helper()
	v, ok := Lookup(vendor)
	if !ok {
		t.Fatalf("no vendor %q", vendor)
	}
	opt := Options{Vendor: v, Upload: upload, DateOrder: DMY}
	for _, e := range edit {
		e(&opt)
	}
	res, err := Export(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// lines are a result's findings as export prints them.
func lines(b *xlsx.Workbook, res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Line(b))
	}
	return out
}

// records are a file's CSV records, read back.
func records(t *testing.T, f *File) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("%s does not read back: %v\n%s", f.Suffix, err, buf.String())
	}
	return rs
}

// TestFindings: every approved post is in a file or said why not, in row
// order, and the counts add up.
func TestFindings(t *testing.T) {
	tests := []struct {
		name, vendor string
		rows         []xlsx.Row
		want         []string // findings, after "plan.xlsx: sheet "Plan" "
		exported     int
	}{
		{"approved goes, others are counted", "buffer", []xlsx.Row{
			post("a"),
			post("b", set(func(r *xlsx.Row) { r.Status = "scheduled" })),
			post("c", set(func(r *xlsx.Row) { r.Status = "in review" })),
			post("d", set(func(r *xlsx.Row) { r.Status, r.StatusText = "", "ok" })),
		}, nil, 1},
		{"no copy", "buffer", []xlsx.Row{post("a", set(func(r *xlsx.Row) { r.Copy = " \n " }))},
			[]string{`row 2: post a: Telegram: left out: no copy`}, 0},
		{"a date or a time that did not read", "sprout", []xlsx.Row{
			post("a", set(func(r *xlsx.Row) { r.HasDate, r.Problems = false, []string{`date "tomorrow": not a date`} })),
			post("b", set(func(r *xlsx.Row) { r.HasTime = false })),
		}, []string{
			`row 2: post a: Telegram: left out: date "tomorrow": not a date`,
			`row 3: post b: Telegram: left out: no time`,
		}, 0},
		{"no channel", "buffer", []xlsx.Row{post("a", set(func(r *xlsx.Row) { r.Channel = "" }))},
			[]string{`row 2: post a: no channel: left out: no channel`}, 0},
		{"two rows of a post", "buffer", []xlsx.Row{post("a"), post("a", at("2027-01-05", "12:00"))},
			[]string{`row 3: post a: Telegram: left out: a second row of this post (the first is row 2)`}, 1},
		{"past and too soon", "sprout", []xlsx.Row{
			post("a", at("2027-01-03", "12:00")),
			post("b", at("2027-01-04", "09:00")),
			post("c", at("2027-01-04", "09:05")),
			post("d", at("2027-01-04", "09:10")),
		}, []string{
			`row 2: post a: Telegram: left out: in the past: 2027-01-03 12:00 is not after the upload at 2027-01-04 09:00`,
			`row 3: post b: Telegram: left out: in the past: 2027-01-04 09:00 is not after the upload at 2027-01-04 09:00`,
			`row 4: post c: Telegram: left out: too soon: 2027-01-04 09:05 is less than 10 minutes after the upload at 2027-01-04 09:00, and Sprout Social takes posts 10 minutes ahead at least`,
		}, 1},
		{"buffer takes a post a minute after the upload", "buffer", []xlsx.Row{post("a", at("2027-01-04", "09:01"))}, nil, 1},
		{"over the channel's limit", "buffer", []xlsx.Row{
			post("a", set(func(r *xlsx.Row) {
				r.Channel, r.Copy, r.Hashtags = "X", strings.Repeat("я", 270), "#кофе #утро"
			})),
			post("b", set(func(r *xlsx.Row) { r.Channel, r.Copy = "X", strings.Repeat("😀", 141) })),
			post("c", set(func(r *xlsx.Row) { r.Channel, r.Copy = "X", strings.Repeat("😀", 140) })),
		}, []string{
			`row 2: post a: X: left out: text (copy and hashtags) of 283 characters, over the channel's limit of 280`,
			`row 3: post b: X: left out: copy of 282 characters, over the channel's limit of 280`,
		}, 1},
		{"the row's limit for a channel the workbook does not list", "buffer", []xlsx.Row{
			post("a", set(func(r *xlsx.Row) { r.Channel, r.Limit, r.Copy = "VK", 10, "eleven char" })),
		}, []string{`row 2: post a: VK: left out: copy of 11 characters, over the channel's limit of 10`}, 0},
		{"links", "buffer", []xlsx.Row{
			post("a", set(func(r *xlsx.Row) { r.SourceLink = "see notes" })),
			post("b", set(func(r *xlsx.Row) { r.MediaLink = "https://drive.example.com/folder/x" })),
			post("c", set(func(r *xlsx.Row) { r.MediaLink = "https://x.example/a.jpg https://x.example/b.jpg" })),
			post("d", set(func(r *xlsx.Row) { r.MediaLink = "javascript:alert(1)" })),
			post("e", set(func(r *xlsx.Row) { r.MediaLink = " https://cdn.example.com/p/Croissant.JPG?v=2 " })),
		}, []string{
			`row 2: post a: Telegram: left out: source link "see notes": not a web address (http:// or https://)`,
			`row 3: post b: Telegram: left out: media link "https://drive.example.com/folder/x": Buffer's Image URL takes a direct link to a .jpg or .png image`,
			`row 4: post c: Telegram: left out: several media links: Buffer's Image URL takes one`,
			`row 5: post d: Telegram: left out: media link "javascript:alert(1)": not a web address (http:// or https://)`,
		}, 1},
		{"media not carried", "sprout", []xlsx.Row{
			post("a", set(func(r *xlsx.Row) { r.MediaLink = "https://x.example/a.mp4" })),
		}, []string{`row 2: post a: Telegram: note: the media link is not in the file (Sprout Social's has no column for it): attach the media in Sprout Social`}, 1},
		{"a control character", "buffer", []xlsx.Row{post("a", set(func(r *xlsx.Row) { r.Copy = "bell\x07" }))},
			[]string{`row 2: post a: Telegram: left out: the copy or hashtags hold a control character (U+0007): retype the text`}, 0},
		{"text that looks like a formula", "buffer", []xlsx.Row{
			post("a", set(func(r *xlsx.Row) { r.Copy = `=HYPERLINK("http://x")` })),
			post("b", at("2027-01-05", "12:00"), set(func(r *xlsx.Row) { r.Copy = "@partner thanks" })),
		}, []string{
			`row 2: post a: Telegram: note: the text starts with "=", which a spreadsheet opening the file would read as a formula: upload the file as it is`,
			`row 3: post b: Telegram: note: the text starts with "@", which a spreadsheet opening the file would read as a formula: upload the file as it is`,
		}, 2},
		{"hootsuite's steps", "hootsuite", []xlsx.Row{
			post("a", at("2027-01-04", "12:02")),
			post("b", at("2027-01-04", "12:04")),
			post("c", at("2027-01-04", "12:05")),
			post("d", at("2027-01-04", "09:04")),
			post("e", at("2027-01-04", "09:10")),
		}, []string{
			`row 2: post a: Telegram: moved: 2027-01-04 12:02 to 12:05: Hootsuite takes times on 5-minute steps`,
			`row 3: post b: Telegram: left out: at 2027-01-04 12:05, as post a (row 2) is: Hootsuite wants a channel's posts at least 5 minutes apart`,
			`row 4: post c: Telegram: left out: at 2027-01-04 12:05, as post a (row 2) is: Hootsuite wants a channel's posts at least 5 minutes apart`,
			`row 5: post d: Telegram: left out: too soon: 2027-01-04 09:05 is less than 10 minutes after the upload at 2027-01-04 09:00, and Hootsuite takes posts 10 minutes ahead at least`,
		}, 2},
		{"sprout's 10 minutes apart, per channel", "sprout", []xlsx.Row{
			post("a", at("2027-01-04", "12:00")),
			post("b", at("2027-01-04", "12:09")),
			post("c", at("2027-01-04", "12:10")),
			post("d", at("2027-01-04", "12:05"), set(func(r *xlsx.Row) { r.Channel = "X" })),
		}, []string{
			`row 3: post b: Telegram: left out: at 2027-01-04 12:09, 9 minutes after post a (row 2): Sprout Social wants a channel's posts at least 10 minutes apart`,
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := workbook(tt.rows...)
			res := run(t, tt.vendor, b)
			got := lines(b, res)
			var want []string
			for _, w := range tt.want {
				want = append(want, `plan.xlsx: sheet "Plan" `+w)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if res.Exported != tt.exported {
				t.Errorf("exported %d, want %d", res.Exported, tt.exported)
			}
			inFiles := 0
			for _, f := range res.Files {
				inFiles += len(f.Posts)
			}
			if inFiles != res.Exported || res.Exported+res.LeftOut != res.Approved || res.Approved+res.Others != len(tt.rows) {
				t.Errorf("counts: %d in files, %+v, %d rows", inFiles, *res, len(tt.rows))
			}
		})
	}
}

// TestTimes: the files' times are the plan's, read in the plan's zone as
// rule 8 reads them, in the scheduler's zone.
func TestTimes(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		name     string
		zone     *time.Location
		plan     string
		row      xlsx.Row
		want     string
		findings []string
	}{
		{"the plan's zone", nil, "Europe/Moscow", post("a", at("2027-01-05", "12:00")), "2027-01-05 12:00", nil},
		{"another zone", time.UTC, "Europe/Moscow", post("a", at("2027-01-05", "01:30")), "2027-01-04 22:30", nil},
		{"a time the clocks skip", nil, "Europe/Berlin", post("a", at("2027-03-28", "02:30")), "2027-03-28 03:30",
			[]string{`moved: 2027-03-28 02:30 does not exist in Europe/Berlin (the clocks go forward): exported at 2027-03-28 03:30`}},
		{"a time that occurs twice", berlin, "Europe/Moscow", post("a", at("2027-10-31", "03:30")), "2027-10-31 02:30",
			[]string{`note: 2027-10-31 02:30 occurs twice in Europe/Berlin (the clocks go back): Buffer may take either`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := workbook(tt.row)
			b.Timezone = tt.plan
			res := run(t, "buffer", b, func(o *Options) { o.Zone = tt.zone })
			if len(res.Files) != 1 {
				t.Fatalf("%d files; findings %q", len(res.Files), lines(b, res))
			}
			if got := records(t, &res.Files[0])[1][3]; got != tt.want {
				t.Errorf("Posting Time %q, want %q", got, tt.want)
			}
			var got []string
			for _, l := range lines(b, res) {
				got = append(got, strings.TrimPrefix(l, `plan.xlsx: sheet "Plan" row 2: post a: Telegram: `))
			}
			if strings.Join(got, "\n") != strings.Join(tt.findings, "\n") {
				t.Errorf("findings %q, want %q", got, tt.findings)
			}
		})
	}
}

// TestRefuses: options the vendor cannot take, and a workbook whose zone
// is unknown, are refused with hints.
func TestRefuses(t *testing.T) {
	b := workbook(post("a"))
	tests := []struct {
		name, vendor string
		edit         func(*Options)
		want         string
	}{
		{"per file over the most", "buffer", func(o *Options) { o.PerFile = 101 }, "Buffer takes at most 100 posts a file, not 101"},
		{"per file negative", "sprout", func(o *Options) { o.PerFile = -1 }, "Sprout Social takes at most 350 posts a file, not -1"},
		{"no date order", "hootsuite", func(o *Options) { o.DateOrder = 0 }, "Hootsuite reads dates in the order of day and month its account is set to"},
		{"no vendor", "buffer", func(o *Options) { o.Vendor = nil }, "no scheduler to export for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := Lookup(tt.vendor)
			opt := Options{Vendor: v, Upload: upload, DateOrder: MDY}
			tt.edit(&opt)
			_, err := Export(b, opt)
			var he *calendar.HintError
			if !errors.As(err, &he) || he.Msg != tt.want {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
	for _, zone := range []string{"", "Mars/Olympus"} {
		b := workbook(post("a"))
		b.Timezone = zone
		v, _ := Lookup("buffer")
		_, err := Export(b, Options{Vendor: v, Upload: upload})
		var he *calendar.HintError
		if !errors.As(err, &he) || !strings.Contains(he.Msg, "the plan's time zone") || len(he.Hints) == 0 {
			t.Errorf("zone %q: err %v", zone, err)
		}
	}
}
