package ics

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/contentplan/contentplan/calendar"
	calspec "github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/internal/golden"
)

// The events of posts are serialized by hand (ics_event.go). This file
// keeps the golang-ical version they replaced, and checks two things: the
// bytes are the same as golang-ical's for every example, zone and hostile
// text; and golang-ical's parser reads every file back with the same
// events, so the library still vouches for the output.

// refWriteICS is Write with the posts and deadlines built as golang-ical
// components, as they were before ics_event.go.
func refWriteICS(w io.Writer, plan *calendar.Plan, opt Options) error {
	iw := newICSWriter(w, plan, opt)
	var figures *monthFigures
	if (opt.Part == All || opt.Part == ReviewsOnly) && len(plan.Reviews) > 0 {
		figures = countMonths(plan)
	}
	iw.header()
	if opt.Part == All || opt.Part == ReviewsOnly {
		for _, r := range plan.Reviews {
			iw.review(r, figures)
		}
	}
	if opt.Part == All || opt.Part == OccasionsOnly {
		for _, o := range plan.Occasions {
			iw.occasion(o)
		}
	}
	if opt.Part == All || opt.Part == PostsOnly {
		for p := range plan.Posts() {
			if opt.Channel != nil && !sameChannel(p.Channel, opt.Channel) {
				continue
			}
			refPost(iw, &p)
			if opt.Deadlines {
				refDeadline(iw, &p)
			}
		}
	}
	iw.raw("END:VCALENDAR")
	if err := iw.bw.Flush(); err != nil && iw.err == nil {
		iw.err = err
	}
	return iw.err
}

func refPost(iw *icsWriter, p *calendar.Post) {
	if p.Channel == nil || p.Format == nil {
		return
	}
	uid := p.ID + uidDomain
	e := iw.event(uid)
	iw.setTimes(e, p.Start, p.End, p.DST == calendar.DSTAmbiguous)
	summary := iw.summary(p)
	e.SetSummary(icsText(summary))
	var d strings.Builder
	d.WriteString(export.Brief(iw.plan, p))
	if p.Title != "" {
		d.WriteString("\n" + p.Title)
	}
	if p.Writer != "" {
		d.WriteString("\n" + iw.t.Writer + ": " + p.Writer)
	}
	if p.Channel.Owner != "" {
		d.WriteString("\n" + iw.t.Owner + ": " + p.Channel.Owner)
	}
	d.WriteString("\n" + iw.t.DraftDue + ": " + p.DraftDue.String())
	e.SetDescription(icsText(d.String()))
	e.AddCategory(icsText(p.Channel.Name))
	e.AddCategory(icsText(p.Format.Name))
	if p.Pillar != nil {
		e.AddCategory(icsText(p.Pillar.Name))
	}
	src := iw.t.Own
	if p.Source == calendar.Borrowed {
		src = iw.t.Borrowed
	}
	e.AddCategory(icsText(src))
	e.SetStatus(ics.ObjectStatusTentative)
	e.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	y, m, dd := p.DraftDue.YMD()
	at := wallAt(iw.loc, y, m, dd, 9, 0)
	a := e.AddAlarm()
	a.SetAction(ics.ActionDisplay)
	a.SetProperty(ics.ComponentPropertyDescription, icsText(iw.t.DraftTask+": "+summary))
	a.SetTrigger(at.UTC().Format(icsUTC), ics.WithValue(string(ics.ValueDataTypeDateTime)))
	iw.writeEvent(e, uid)
}

func refDeadline(iw *icsWriter, p *calendar.Post) {
	if p.Channel == nil || p.Format == nil {
		return
	}
	uid := p.ID + "-draft" + uidDomain
	e := iw.event(uid)
	y, m, d := p.DraftDue.YMD()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	e.SetProperty(ics.ComponentPropertyDtStart, day.Format(icsDate), ics.WithValue(string(ics.ValueDataTypeDate)))
	e.SetProperty(ics.ComponentPropertyDtEnd, day.AddDate(0, 0, 1).Format(icsDate), ics.WithValue(string(ics.ValueDataTypeDate)))
	// The post's channel, format and source, when it goes out and who
	// writes it.
	summary := iw.t.DraftTask + ": " + p.Channel.Name + " · " + p.Format.Name
	if p.Source == calendar.Borrowed {
		summary += " " + iw.t.BorrowedMark
	}
	summary += " · " + p.Start.In(iw.loc).Format("2006-01-02 15:04")
	if who := p.Writer; who != "" {
		summary += " · " + who
	} else if len(iw.plan.Writers) > 0 {
		summary += " · " + iw.t.Unassigned
	}
	e.SetSummary(icsText(summary))
	desc := export.Brief(iw.plan, p) + "\n" + p.Start.In(iw.loc).Format("2006-01-02 15:04") + " " + iw.plan.Timezone
	if p.Writer != "" {
		desc += "\n" + iw.t.Writer + ": " + p.Writer
	}
	e.SetDescription(icsText(desc))
	e.AddCategory(icsText(iw.t.DraftDue))
	e.AddCategory(icsText(p.Channel.Name))
	e.SetStatus(ics.ObjectStatusTentative)
	e.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	iw.writeEvent(e, uid)
}

// icsRefPlans are the plans both serializers must agree on: every example
// spec and the hostile one, and a plan around the DST changes of each zone
// of the interop test.
func icsRefPlans(t *testing.T) map[string]*calendar.Plan {
	t.Helper()
	plans := map[string]*calendar.Plan{}
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	for _, spec := range specs {
		src, err := os.ReadFile(spec)
		if err != nil {
			t.Fatal(err)
		}
		s, err := calspec.Parse(filepath.Base(spec), bytes.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		p, err := calendar.Build(s)
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		plans[filepath.Base(spec)] = p
	}
	for _, z := range dstZones {
		plans["dst-"+z.tz] = dstPlan(t, z.tz, z.year)
	}
	plans["small-berlin"] = icsSmallPlan(t, "Europe/Berlin")
	return plans
}

func TestICSMatchesGolangICal(t *testing.T) {
	t.Parallel()
	for name, plan := range icsRefPlans(t) {
		t.Run(name, func(t *testing.T) {
			opts := []Options{{Now: icsNow}, {Now: icsNow, Deadlines: true, Part: PostsOnly}}
			if len(plan.Channels) > 0 {
				opts = append(opts, Options{Now: icsNow, Channel: plan.Channels[len(plan.Channels)-1], Deadlines: true})
			}
			for _, opt := range opts {
				compareRef(t, plan, opt)
			}
		})
	}
}

func compareRef(t *testing.T, plan *calendar.Plan, opt Options) {
	t.Helper()
	var got, want bytes.Buffer
	if err := Write(&got, plan, opt); err != nil {
		t.Fatal(err)
	}
	if err := refWriteICS(&want, plan, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("differs from golang-ical's serialization:\n%s", golden.FirstDiff(want.Bytes(), got.Bytes()))
	}
}

// FuzzICSMatchesGolangICal: whatever text a spec holds (control
// characters, CR+LF at the seams, invalid UTF-8, escapes), the events are
// the bytes golang-ical writes.
func FuzzICSMatchesGolangICal(f *testing.F) {
	f.Add("Instagram", "reel", "Behind the scenes", "title", "Олег", "Anna", "p1")
	f.Add("ВКонтакте", "текст", "Обжарка", "a\r\nb;c,d\\e\r", "\rw", "o\n", "id,1;\\")
	f.Add("\x00\xff", "\r", "\n", strings.Repeat("Ж", 100), "\xe2\x82", "\x7f", "\xff")
	f.Fuzz(func(t *testing.T, ch, format, pillar, title, writer, owner, id string) {
		if ch == "" || format == "" {
			return
		}
		plan := icsPlan(t, "Europe/Berlin", "2027-01-01", "2027-03-31", []string{ch}, nil)
		plan.Channels[0].Owner = owner
		plan.Timezone = "Europe/Berlin"
		p := calendar.Post{
			ID: id, Channel: plan.Channels[0], Title: title, Writer: writer, Source: calendar.Borrowed,
			Format:   &calendar.Format{FormatSpec: calendar.FormatSpec{Name: format, Duration: time.Hour}},
			Pillar:   &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: pillar}},
			Campaign: title,
			Start:    time.Date(2027, 1, 4, 9, 0, 0, 0, plan.Location),
			DraftDue: icsMustDate(t, "2027-01-01"),
		}
		p.End = p.Start.Add(time.Hour)
		q := p
		q.Source, q.Pillar, q.Title = calendar.Own, nil, ""
		plan.SetPosts(func(yield func(calendar.Post) bool) { _ = yield(p) && yield(q) })
		compareRef(t, plan, Options{Now: icsNow, Deadlines: true})
	})
}

// TestICSParsesBack: golang-ical's own parser reads every generated file,
// and finds each post with its UID, DTSTART and SUMMARY.
func TestICSParsesBack(t *testing.T) {
	t.Parallel()
	for name, plan := range icsRefPlans(t) {
		t.Run(name, func(t *testing.T) {
			data := writeICS(t, plan, Options{})
			cal, err := ics.ParseCalendar(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("golang-ical cannot parse the file: %v", err)
			}
			events := map[string]*ics.VEvent{}
			for _, e := range cal.Events() {
				uid := e.GetProperty(ics.ComponentPropertyUniqueId)
				if uid == nil {
					t.Fatal("an event without UID")
				}
				events[ics.FromText(uid.Value)] = e
			}
			iw := newICSWriter(io.Discard, plan, Options{})
			n := 0
			for p := range plan.Posts() {
				n++
				uid := icsText(p.ID) + uidDomain
				e := events[uid]
				if e == nil {
					t.Fatalf("post %s: no event with UID %q", p.ID, uid)
				}
				start, err := e.GetStartAt()
				if err != nil {
					t.Fatalf("post %s: DTSTART: %v", p.ID, err)
				}
				if !start.Equal(p.Start) {
					t.Errorf("post %s: DTSTART reads %v, want %v", p.ID, start, p.Start)
				}
				summary := e.GetProperty(ics.ComponentPropertySummary)
				if want := icsText(iw.summary(&p)); summary == nil || ics.FromText(summary.Value) != want {
					t.Errorf("post %s: SUMMARY %v, want %q", p.ID, summary, want)
				}
			}
			if want := n + len(plan.Reviews) + len(plan.Occasions); len(events) != want {
				t.Errorf("%d events, want %d (posts, reviews and occasions)", len(events), want)
			}
		})
	}
}

func BenchmarkWriteICSRef(b *testing.B) {
	plan := icsStreamPlan(b, 100_000, nil)
	b.ReportAllocs()
	for b.Loop() {
		if err := refWriteICS(io.Discard, plan, Options{Now: icsNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestICSUnclearShortcut: the shortcut of unclear (no zone lookup far from
// a change of offset) answers as the full check does, every quarter hour
// of each interop zone's year and the margins around it, in order as the
// posts come and out of order.
func TestICSUnclearShortcut(t *testing.T) {
	t.Parallel()
	for _, z := range dstZones {
		loc, err := time.LoadLocation(z.tz)
		if err != nil {
			t.Fatal(err)
		}
		plan := &calendar.Plan{Location: loc, Timezone: z.tz,
			Start: calendar.MakeDate(z.year, 1, 1), End: calendar.MakeDate(z.year, 12, 31)}
		iw := newICSWriter(io.Discard, plan, Options{Now: icsNow})
		full := func(t time.Time) bool {
			return t.Before(iw.from) || !t.Before(iw.to) || calendar.Ambiguous(t.In(loc))
		}
		from := time.Date(z.year-2, 12, 1, 0, 0, 0, 0, loc)
		to := time.Date(z.year+2, 2, 1, 0, 0, 0, 0, loc)
		n := 0
		for at := from; at.Before(to); at = at.Add(15 * time.Minute) {
			if got, want := iw.unclear(at), full(at); got != want {
				t.Fatalf("%s: unclear(%v) = %v, want %v", z.tz, at, got, want)
			}
			if want := full(at); want {
				n++
			}
			// Out of order: a time a season back.
			back := at.Add(-2400 * time.Hour)
			if got, want := iw.unclear(back), full(back); got != want {
				t.Fatalf("%s: unclear(%v) after %v = %v, want %v", z.tz, back, at, got, want)
			}
		}
		if n == 0 {
			t.Errorf("%s: no unclear time at all", z.tz)
		}
	}
}
