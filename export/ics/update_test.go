package ics

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// rerunPosts are the posts of the re-run tests' first version.
var rerunPosts = []icsPost{
	{ch: "Instagram", format: "reel", pillar: "Behind the scenes", date: "2027-01-04", clock: "09:00", writer: "Олег"},
	{ch: "ВКонтакте", format: "text", pillar: "Обжарка", date: "2027-01-04", clock: "12:30", title: "Как мы обжариваем кофе"},
	{ch: "Instagram", format: "photo", pillar: "Customers", date: "2027-01-05", clock: "18:00", borrowed: true},
	{ch: "Instagram", format: "photo", pillar: "Customers", date: "2027-02-08", clock: "18:00"},
}

func rerunPlan(t testing.TB, tz string, posts []icsPost) *calendar.Plan {
	t.Helper()
	plan := icsPlan(t, tz, "2027-01-01", "2027-03-31", []string{"Instagram", "ВКонтакте"}, posts)
	for _, m := range []time.Month{time.January, time.February} {
		start := wallAt(plan.Location, 2027, m, 26, 16, 0)
		plan.Reviews = append(plan.Reviews, calendar.Review{Date: calendar.MakeDate(2027, m, 26), Start: start, End: start.Add(time.Hour)})
	}
	return plan
}

// rerun writes plan over the previous version prev (nil: none), stamped
// now, and returns the file (lint-clean) and what changed.
func rerun(t testing.TB, plan *calendar.Plan, prev []byte, now time.Time, deadlines bool) ([]byte, Changes) {
	t.Helper()
	var ch Changes
	opt := Options{Now: now, Deadlines: deadlines, Changes: &ch}
	if prev != nil {
		opt.Previous = mustReadPrev(t, prev)
	}
	return writeICS(t, plan, opt), ch
}

// versions reads back, by UID, what a file says of each event.
func versions(t testing.TB, data []byte) map[string]prevEvent {
	t.Helper()
	p := mustReadPrev(t, data)
	m := map[string]prevEvent{}
	for _, e := range p.events {
		m[e.uid] = e
	}
	return m
}

var (
	day1 = icsNow
	day2 = icsNow.Add(24 * time.Hour)
	day3 = icsNow.Add(48 * time.Hour)
)

// TestRerunUnchanged: the same plan over its own file gives the same bytes,
// whenever it runs; every event is unchanged, none has a SEQUENCE above 0.
func TestRerunUnchanged(t *testing.T) {
	t.Parallel()
	for _, deadlines := range []bool{false, true} {
		plan := rerunPlan(t, "Europe/Berlin", rerunPosts)
		v1, ch := rerun(t, plan, nil, day1, deadlines)
		if ch != (Changes{}) {
			t.Errorf("a first version counts %+v", ch)
		}
		for _, e := range versions(t, v1) {
			if e.seq != 0 {
				t.Errorf("first version: %s SEQUENCE %d", e.uid, e.seq)
			}
		}
		again, ch := rerun(t, plan, v1, day2, deadlines)
		if !bytes.Equal(v1, again) {
			t.Errorf("deadlines %v: a re-run with no change differs", deadlines)
		}
		if n := bytes.Count(v1, []byte("BEGIN:VEVENT")); ch != (Changes{Unchanged: n}) {
			t.Errorf("deadlines %v: %v, want %d unchanged", deadlines, ch, n)
		}
	}
}

// TestRerunSequence follows events across four runs: a post changed, one
// added, one removed (cancelled, then kept cancelled), then the removed one
// back.
func TestRerunSequence(t *testing.T) {
	t.Parallel()
	plan1 := rerunPlan(t, "Europe/Berlin", rerunPosts)
	v1, _ := rerun(t, plan1, nil, day1, false)

	posts2 := slices.Clone(rerunPosts)
	posts2[0].title = "Latte art" // changed
	removed := posts2[3]
	posts2 = append(posts2[:3], icsPost{ch: "ВКонтакте", format: "text", pillar: "Обжарка", date: "2027-03-01", clock: "12:30"}) // new
	plan2 := rerunPlan(t, "Europe/Berlin", posts2)
	v2, ch := rerun(t, plan2, v1, day2, false)
	// The reviews count the posts of their month: January's is unchanged,
	// February's lost its post.
	if want := (Changes{New: 1, Changed: 2, Unchanged: 3, Cancelled: 1}); ch != want {
		t.Errorf("second run: %v, want %v", ch, want)
	}
	before, after := versions(t, v1), versions(t, v2)
	uid := postUID
	for _, tc := range []struct {
		uid       string
		seq       int32
		stamp     time.Time
		cancelled bool
	}{
		{uid(rerunPosts[0]), 1, day2, false}, // changed
		{uid(rerunPosts[1]), 0, day1, false}, // unchanged
		{uid(rerunPosts[2]), 0, day1, false},
		{uid(removed), 1, day2, true},    // cancelled
		{uid(posts2[3]), 0, day2, false}, // new
		{reviewUID(plan1, calendar.MakeDate(2027, 1, 26)), 0, day1, false},
		{reviewUID(plan1, calendar.MakeDate(2027, 2, 26)), 1, day2, false},
	} {
		e, ok := after[tc.uid]
		if !ok {
			t.Errorf("%s missing", tc.uid)
			continue
		}
		if e.seq != tc.seq || e.stamp != tc.stamp.Unix() || e.cancelled != tc.cancelled {
			t.Errorf("%s: SEQUENCE %d, DTSTAMP %v, cancelled %v; want %d, %v, %v", tc.uid,
				e.seq, time.Unix(e.stamp, 0).UTC(), e.cancelled, tc.seq, tc.stamp.UTC(), tc.cancelled)
		}
	}
	// The cancelled event has its times and summary, and no alarm.
	old, gone := before[uid(removed)], after[uid(removed)]
	if gone.start != old.start || gone.end != old.end || gone.summary != old.summary {
		t.Errorf("cancelled %+v, was %+v", gone, old)
	}
	if n := bytes.Count(v2, []byte("BEGIN:VALARM")); n != 4 {
		t.Errorf("%d alarms, want 4 (one per live post)", n)
	}

	// Third run, the same plan: nothing changes, the cancelled event stays.
	v3, ch := rerun(t, plan2, v2, day3, false)
	if !bytes.Equal(v2, v3) {
		t.Errorf("third run differs:\n%s", v3)
	}
	if want := (Changes{Unchanged: 6, StillCancelled: 1}); ch != want {
		t.Errorf("third run: %v, want %v", ch, want)
	}

	// The removed post comes back: a newer version than the cancelled one.
	v4, _ := rerun(t, plan1, v3, day3, false)
	if e := versions(t, v4)[uid(removed)]; e.seq != 2 || e.cancelled {
		t.Errorf("back: SEQUENCE %d, cancelled %v; want 2, false", e.seq, e.cancelled)
	}
}

// postUID is the UID of a post of icsPlan.
func postUID(p icsPost) string {
	return export.SafeName(p.ch) + "-" + strings.ReplaceAll(p.date, "-", "") + "-" + strings.ReplaceAll(p.clock, ":", "") + uidDomain
}

// TestRerunZoneChanged: when the plan moves to another zone, a cancelled
// event keeps its instants (written in UTC), and no TZID lacks its
// VTIMEZONE (writeICS lints).
func TestRerunZoneChanged(t *testing.T) {
	t.Parallel()
	v1, _ := rerun(t, rerunPlan(t, "Europe/Berlin", rerunPosts), nil, day1, true)
	v2, ch := rerun(t, rerunPlan(t, "Europe/Moscow", rerunPosts[:3]), v1, day2, true)
	if ch.Cancelled != 2 { // the post and its deadline
		t.Errorf("%v, want 2 cancelled", ch)
	}
	if bytes.Contains(v2, []byte("Europe/Berlin")) {
		t.Error("Europe/Berlin is still named")
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	uid := postUID(rerunPosts[3])
	e := versions(t, v2)[uid]
	if want := time.Date(2027, 2, 8, 18, 0, 0, 0, berlin).Unix(); e.start.unix != want || !e.cancelled {
		t.Errorf("cancelled post starts %v, want %v", time.Unix(e.start.unix, 0).UTC(), time.Unix(want, 0).UTC())
	}
	for _, want := range []string{"DTSTART:20270208T170000Z", "DTEND:20270208T173000Z", "DTSTART;VALUE=DATE:20270205", "DTEND;VALUE=DATE:20270206"} {
		if !bytes.Contains(v2, []byte(want+"\r\n")) {
			t.Errorf("no line %s", want)
		}
	}
}

// TestRerunOldSequence: a calendar of the earlier scheme (SEQUENCE the
// minutes since 2020) is updated from its numbers: kept when unchanged, one
// more when changed.
func TestRerunOldSequence(t *testing.T) {
	t.Parallel()
	plan := rerunPlan(t, "Europe/Berlin", rerunPosts)
	v1, _ := rerun(t, plan, nil, day1, false)
	old := bytes.ReplaceAll(v1, []byte("SEQUENCE:0\r\n"), []byte("SEQUENCE:3682080\r\n"))
	again, _ := rerun(t, plan, old, day2, false)
	if !bytes.Equal(again, old) {
		t.Error("an unchanged plan over an old file changes it")
	}
	posts := slices.Clone(rerunPosts)
	posts[1].title = "new title"
	v2, _ := rerun(t, rerunPlan(t, "Europe/Berlin", posts), old, day2, false)
	if e := versions(t, v2)[postUID(posts[1])]; e.seq != 3682081 {
		t.Errorf("changed: SEQUENCE %d, want 3682081", e.seq)
	}
	top := bytes.ReplaceAll(v1, []byte("SEQUENCE:0\r\n"), []byte("SEQUENCE:2147483647\r\n"))
	v3, _ := rerun(t, rerunPlan(t, "Europe/Berlin", posts), top, day2, false)
	if e := versions(t, v3)[postUID(posts[1])]; e.seq != 2147483647 {
		t.Errorf("at the maximum: SEQUENCE %d", e.seq)
	}
}

// TestRerunDeadlinesOff: deadlines written before and not now are
// cancelled, as all-day events.
func TestRerunDeadlinesOff(t *testing.T) {
	t.Parallel()
	plan := rerunPlan(t, "Europe/Berlin", rerunPosts)
	v1, _ := rerun(t, plan, nil, day1, true)
	v2, ch := rerun(t, plan, v1, day2, false)
	if want := (Changes{Unchanged: 6, Cancelled: 4}); ch != want {
		t.Errorf("%v, want %v", ch, want)
	}
	e := versions(t, v2)[strings.TrimSuffix(postUID(rerunPosts[0]), uidDomain)+"-draft"+uidDomain]
	if !e.cancelled || !e.start.date || e.seq != 1 {
		t.Errorf("deadline %+v: want cancelled, all-day, SEQUENCE 1", e)
	}
}

// TestFormatPrevious: through the Format, each file updates its own
// previous version and reports what changed; a previous version that
// cannot be used is reported, and the file is written as a first version.
func TestFormatPrevious(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := rerunPlan(t, "Europe/Berlin", rerunPosts)
	prevs := map[string]string{}
	run := func(split string, plan *calendar.Plan, now time.Time) (map[string][]byte, map[string][]string) {
		t.Helper()
		opt := export.Options{Now: now, Split: split, Previous: func(suffix string) string { return prevs[suffix] }}
		outs, err := Format{}.Outputs(plan, opt)
		if err != nil {
			t.Fatal(err)
		}
		files, reports := map[string][]byte{}, map[string][]string{}
		for _, o := range outs {
			var b bytes.Buffer
			if err := o.Write(&b, plan); err != nil {
				t.Fatal(err)
			}
			files[o.Suffix], reports[o.Suffix] = b.Bytes(), o.Report()
		}
		return files, reports
	}
	save := func(files map[string][]byte) {
		for suffix, b := range files {
			path := filepath.Join(dir, "plan"+suffix)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			prevs[suffix] = path
		}
	}

	first, reports := run("", plan, day1)
	if reports[".ics"] != nil {
		t.Errorf("a first version reports %q", reports[".ics"])
	}
	prevs[".ics"] = filepath.Join("testdata", "fuzz", "damaged", "google.ics")
	notOurs, reports := run("", plan, day1)
	if !bytes.Equal(notOurs[".ics"], first[".ics"]) || len(reports[".ics"]) != 1 ||
		!strings.HasPrefix(reports[".ics"][0], "warning: testdata/fuzz/damaged/google.ics:2: not a calendar made by contentplan") ||
		!strings.HasSuffix(reports[".ics"][0], "; not used as the previous version: every event written as new") {
		t.Errorf("over another program's calendar: %q", reports[".ics"])
	}
	save(first)
	_, reports = run("", rerunPlan(t, "Europe/Berlin", rerunPosts[:3]), day2)
	if want := []string{"0 new, 1 changed, 4 unchanged, 1 cancelled"}; !slices.Equal(reports[".ics"], want) {
		t.Errorf("report %q, want %q", reports[".ics"], want)
	}

	// Split by channel: each file has its own previous version.
	split, _ := run("channel", plan, day1)
	save(split)
	again, reports := run("channel", rerunPlan(t, "Europe/Berlin", rerunPosts[:3]), day2)
	for suffix, want := range map[string]string{
		"-Instagram.ics": "0 new, 0 changed, 2 unchanged, 1 cancelled",
		"-ВКонтакте.ics": "0 new, 0 changed, 1 unchanged, 0 cancelled",
		"-reviews.ics":   "0 new, 1 changed, 1 unchanged, 0 cancelled",
	} {
		if !slices.Equal(reports[suffix], []string{want}) {
			t.Errorf("%s: report %q, want %q", suffix, reports[suffix], want)
		}
	}
	if !bytes.Equal(again["-ВКонтакте.ics"], split["-ВКонтакте.ics"]) {
		t.Error("an unchanged channel's file changed")
	}
}

// BenchmarkReadPrevious and BenchmarkRerun measure a re-run against a
// first run (BenchmarkWriteICS): reading the previous calendar, and writing
// over it with nothing changed.
func BenchmarkReadPrevious(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			var prev bytes.Buffer
			if err := Write(&prev, icsStreamPlan(b, n, nil), Options{Now: icsNow}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(prev.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadPrevious(bytes.NewReader(prev.Bytes()), "prev.ics", Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRerun(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			plan := icsStreamPlan(b, n, nil)
			var data bytes.Buffer
			if err := Write(&data, plan, Options{Now: icsNow}); err != nil {
				b.Fatal(err)
			}
			prev, err := ReadPrevious(bytes.NewReader(data.Bytes()), "prev.ics", Limits{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, plan, Options{Now: icsNow, Previous: prev}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
