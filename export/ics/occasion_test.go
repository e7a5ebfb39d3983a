package ics

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// TestOccasionEvents: each holiday and [[date]] is an all-day event on its
// date, taking no time, with its kind as its category, in the plan's
// language.
func TestOccasionEvents(t *testing.T) {
	t.Parallel()
	plan := icsRussianPlan(t, "Europe/Moscow")
	data := writeICS(t, plan, Options{Part: OccasionsOnly})
	events := strings.Split(string(data), "BEGIN:VEVENT\r\n")[1:]
	if len(events) != len(plan.Occasions) {
		t.Fatalf("%d events, want %d", len(events), len(plan.Occasions))
	}
	for i, o := range plan.Occasions {
		ev := icsUnfold([]byte("BEGIN:VEVENT\r\n" + events[i]))
		kind := "Важная дата"
		if o.Holiday {
			kind = "Праздник"
		}
		y, m, d := o.Date.YMD()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		for _, want := range []string{
			"UID:" + occasionUID(plan, o),
			"DTSTART;VALUE=DATE:" + day.Format("20060102"),
			"DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"),
			"SUMMARY:" + o.Name,
			"DESCRIPTION:" + kind + `\nПекарня «Колосок»\, II квартал 2027`,
			"CATEGORIES:" + kind,
			"STATUS:CONFIRMED",
			"TRANSP:TRANSPARENT",
		} {
			if !slices.Contains(ev, want) {
				t.Errorf("%s %s: no line %q in\n%s", o.Date, o.Name, want, strings.Join(ev, "\n"))
			}
		}
	}
	if got := icsProps(data, "X-WR-CALNAME"); len(got) != 1 || got[0] != `Пекарня «Колосок»\, II квартал 2027 — Праздники и важные даты` {
		t.Errorf("calendar name %q", got)
	}
}

// TestOccasionUIDs: an occasion's event is the plan's own, known by its
// kind, date and key: the same when the plan's language renames a holiday
// or a [[date]]'s name is retyped in another case, different for another
// day, name, kind or plan.
func TestOccasionUIDs(t *testing.T) {
	t.Parallel()
	d := calendar.MakeDate(2027, 5, 9)
	a := &calendar.Plan{Name: "Client A", ID: "client-a"}
	victory := calendar.Occasion{Date: d, Name: "День Победы", Holiday: true, Key: "Victory Day"}
	uid := occasionUID(a, victory)
	if !strings.HasPrefix(uid, "holiday-client-a-2027-05-09-") || !strings.HasSuffix(uid, "@contentplan") || len(uid) > 80 {
		t.Errorf("UID %q", uid)
	}
	same := []calendar.Occasion{
		{Date: d, Name: "Victory Day", Holiday: true, Key: "Victory Day"},
		{Date: d, Name: "Ден на победата", Holiday: true, Key: "Victory Day"},
		{Date: d, Name: "x", Holiday: true, Key: " victory  DAY "},
	}
	for _, o := range same {
		if got := occasionUID(a, o); got != uid {
			t.Errorf("%+v: UID %q, want %q", o, got, uid)
		}
	}
	other := map[string]string{
		"another day":  occasionUID(a, calendar.Occasion{Date: d + 1, Holiday: true, Key: "Victory Day"}),
		"another name": occasionUID(a, calendar.Occasion{Date: d, Holiday: true, Key: "Russia Day"}),
		"a [[date]]":   occasionUID(a, calendar.Occasion{Date: d, Key: "Victory Day"}),
		"another plan": occasionUID(&calendar.Plan{Name: "Client A", ID: "client-b"}, victory),
		"a review":     reviewUID(a, d),
	}
	for what, u := range other {
		if u == uid {
			t.Errorf("%s has the same UID %q", what, u)
		}
	}
	// Renaming a plan with an id keeps them.
	if occasionUID(&calendar.Plan{Name: "Client A, renamed", ID: "client-a"}, victory) != uid {
		t.Error("renaming the plan changed the UID")
	}
}

// TestOccasionReruns: occasions keep their SEQUENCE through re-runs, like
// posts and review meetings; a [[date]] taken out of the spec is
// cancelled, and stays so; a holiday renamed by a change of the plan's
// language is the same event, changed.
func TestOccasionReruns(t *testing.T) {
	t.Parallel()
	plan := icsRussianPlan(t, "Europe/Moscow")
	first := writeICS(t, plan, Options{})
	const birthday = "День рождения пекарни «Колосок»"

	// Without the bakery's birthday.
	less := *plan
	less.Occasions = slices.DeleteFunc(slices.Clone(plan.Occasions), func(o calendar.Occasion) bool { return o.Key == birthday })
	var ch Changes
	second := writeICS(t, &less, Options{Previous: mustReadPrev(t, first), Changes: &ch, Now: icsNow.Add(time.Hour)})
	byUID := icsEvents(second)
	for _, o := range plan.Occasions {
		ev := byUID[occasionUID(plan, o)]
		switch {
		case ev == nil:
			t.Errorf("%s: no event", o.Name)
		case o.Key == birthday:
			if !slices.Contains(ev, "STATUS:CANCELLED") || !slices.Contains(ev, "SEQUENCE:1") {
				t.Errorf("the date taken out is not cancelled:\n%s", strings.Join(ev, "\n"))
			}
		case !slices.Contains(ev, "SEQUENCE:0") || !slices.Contains(ev, "DTSTAMP:20270101T000000Z"):
			t.Errorf("%s: an unchanged occasion changed:\n%s", o.Name, strings.Join(ev, "\n"))
		}
	}
	if ch.Cancelled != 1 || ch.Changed != 0 || ch.New != 0 {
		t.Errorf("changes %v: want the one date cancelled", ch)
	}
	// Once more, unchanged: the same bytes, the date still cancelled.
	var again Changes
	third := writeICS(t, &less, Options{Previous: mustReadPrev(t, second), Changes: &again, Now: icsNow.Add(2 * time.Hour)})
	if string(third) != string(second) || again.StillCancelled != 1 || again.Changed != 0 {
		t.Errorf("a re-run without changes: %v", again)
	}

	// In Bulgarian: the holidays renamed are the same events, changed.
	bg := less
	bg.Language = "bg"
	bg.Occasions = slices.Clone(less.Occasions)
	for i, o := range bg.Occasions {
		if o.Key == "Victory Day" {
			bg.Occasions[i].Name = "Ден на победата"
		}
	}
	var renamed Changes
	fourth := writeICS(t, &bg, Options{Previous: mustReadPrev(t, third), Changes: &renamed, Now: icsNow.Add(3 * time.Hour)})
	ev := icsEvents(fourth)[occasionUID(plan, plan.Occasions[1])]
	if !slices.Contains(ev, "SUMMARY:Ден на победата") || !slices.Contains(ev, "SEQUENCE:1") || !slices.Contains(ev, "CATEGORIES:Празник") {
		t.Errorf("the renamed holiday:\n%s", strings.Join(ev, "\n"))
	}
	if renamed.New != 0 {
		t.Errorf("changes %v: a change of language made new events", renamed)
	}
}

// icsEvents is a calendar's events, unfolded, by UID.
func icsEvents(data []byte) map[string][]string {
	out := map[string][]string{}
	var ev []string
	for _, l := range icsUnfold(data) {
		switch {
		case l == "BEGIN:VEVENT":
			ev = []string{l}
		case l == "END:VEVENT":
			for _, p := range ev {
				if u, ok := strings.CutPrefix(p, "UID:"); ok {
					out[u] = ev
				}
			}
			ev = nil
		case ev != nil:
			ev = append(ev, l)
		}
	}
	return out
}
