package calendar

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func clocks(t testing.TB, ss ...string) []Clock {
	t.Helper()
	var out []Clock
	for _, s := range ss {
		c, err := ParseClock(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// oneChannel is a spec with one channel in UTC; the test adjusts it.
func oneChannel(t testing.TB, start, end string, f Frequency, times ...string) *Spec {
	return &Spec{
		File: "test.toml",
		Plan: PlanSpec{Name: "test", Start: mustDate(t, start), End: mustDate(t, end), Location: time.UTC,
			Timezone: "UTC", Borrowed: 2000, Review: "none", Language: "en"},
		Channels: []ChannelSpec{{Name: "Telegram", Frequency: f, Times: clocks(t, times...),
			Formats: []Weighted{{Name: "text", Weight: 1}}, Borrowed: 2000}},
		Formats: []FormatSpec{{Name: "text", Duration: 30 * time.Minute, Lead: 3, Borrowable: true}},
	}
}

// slotsOf lists a plan's posts as "Mon 2027-01-04 09:00".
func slotsOf(t testing.TB, s *Spec) []string {
	t.Helper()
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for post := range p.Posts() {
		out = append(out, post.Date.Weekday().String()[:3]+" "+post.Date.String()+" "+post.Time.String())
	}
	return out
}

func TestSlotRules(t *testing.T) {
	t.Parallel()
	week := func(n int) Frequency { return Frequency{N: n, Per: PerWeek} }
	month := func(n int) Frequency { return Frequency{N: n, Per: PerMonth} }
	day := func(n int) Frequency { return Frequency{N: n, Per: PerDay} }
	tests := []struct {
		name       string
		start, end string
		freq       Frequency
		days       []time.Weekday
		times      []string
		skip       []string
		want       []string
	}{
		{name: "3/week spreads to mon wed fri", start: "2027-01-04", end: "2027-01-10", freq: week(3), times: []string{"09:00"},
			want: []string{"Mon 2027-01-04 09:00", "Wed 2027-01-06 09:00", "Fri 2027-01-08 09:00"}},
		{name: "2/week on given days", start: "2027-01-04", end: "2027-01-10", freq: week(2), days: []time.Weekday{time.Saturday, time.Monday}, times: []string{"10:00"},
			want: []string{"Mon 2027-01-04 10:00", "Sat 2027-01-09 10:00"}},
		{name: "weekly times rotate", start: "2027-01-04", end: "2027-01-11", freq: week(3), times: []string{"09:00", "12:00"},
			want: []string{"Mon 2027-01-04 09:00", "Wed 2027-01-06 12:00", "Fri 2027-01-08 09:00", "Mon 2027-01-11 12:00"}},
		{name: "weekdays", start: "2027-01-08", end: "2027-01-12", freq: Frequency{N: 1, Per: PerDay, Weekdays: true}, times: []string{"09:00"},
			want: []string{"Fri 2027-01-08 09:00", "Mon 2027-01-11 09:00", "Tue 2027-01-12 09:00"}},
		{name: "2/day rotates three times, sorted per day", start: "2027-01-04", end: "2027-01-06", freq: day(2), times: []string{"09:00", "18:00", "21:00"},
			want: []string{"Mon 2027-01-04 09:00", "Mon 2027-01-04 18:00", "Tue 2027-01-05 09:00", "Tue 2027-01-05 21:00",
				"Wed 2027-01-06 18:00", "Wed 2027-01-06 21:00"}},
		{name: "4/month in february", start: "2027-02-01", end: "2027-02-28", freq: month(4), times: []string{"12:00"},
			want: []string{"Mon 2027-02-01 12:00", "Mon 2027-02-08 12:00", "Mon 2027-02-15 12:00", "Mon 2027-02-22 12:00"}},
		{name: "3/month in a 31-day month", start: "2027-01-01", end: "2027-01-31", freq: month(3), times: []string{"12:00"},
			want: []string{"Fri 2027-01-01 12:00", "Mon 2027-01-11 12:00", "Thu 2027-01-21 12:00"}},
		{name: "partial week at the start keeps what falls inside", start: "2027-01-06", end: "2027-01-10", freq: week(3), times: []string{"09:00"},
			want: []string{"Wed 2027-01-06 09:00", "Fri 2027-01-08 09:00"}},
		{name: "skipped wednesday moves to thursday", start: "2027-01-04", end: "2027-01-10", freq: week(3), times: []string{"09:00"}, skip: []string{"2027-01-06"},
			want: []string{"Mon 2027-01-04 09:00", "Thu 2027-01-07 09:00", "Fri 2027-01-08 09:00"}},
		{name: "skip moves past an occupied day", start: "2027-01-04", end: "2027-01-10", freq: week(3), times: []string{"09:00"}, skip: []string{"2027-01-06", "2027-01-07"},
			want: []string{"Mon 2027-01-04 09:00", "Fri 2027-01-08 09:00", "Sat 2027-01-09 09:00"}},
		{name: "skipped sunday is dropped, not moved into next week", start: "2027-01-04", end: "2027-01-17", freq: week(1), days: []time.Weekday{time.Sunday}, times: []string{"09:00"}, skip: []string{"2027-01-10"},
			want: []string{"Sun 2027-01-17 09:00"}},
		{name: "skip cannot move past the plan's end", start: "2027-01-04", end: "2027-01-06", freq: week(3), times: []string{"09:00"}, skip: []string{"2027-01-06"},
			want: []string{"Mon 2027-01-04 09:00"}},
		{name: "daily skip drops the day", start: "2027-01-04", end: "2027-01-06", freq: day(1), times: []string{"09:00"}, skip: []string{"2027-01-05"},
			want: []string{"Mon 2027-01-04 09:00", "Wed 2027-01-06 09:00"}},
		{name: "monthly skip moves within the month", start: "2027-01-01", end: "2027-02-28", freq: month(1), times: []string{"09:00"}, skip: []string{"2027-02-01"},
			want: []string{"Fri 2027-01-01 09:00", "Tue 2027-02-02 09:00"}},
		{name: "moved post keeps its time", start: "2027-01-04", end: "2027-01-10", freq: week(2), times: []string{"09:00", "17:00"}, skip: []string{"2027-01-04"},
			want: []string{"Tue 2027-01-05 09:00", "Thu 2027-01-07 17:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := oneChannel(t, tt.start, tt.end, tt.freq, tt.times...)
			s.Channels[0].Days = tt.days
			for _, d := range tt.skip {
				s.Plan.Skip = append(s.Plan.Skip, mustDate(t, d))
			}
			got := slotsOf(t, s)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestBuildDST(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	s := oneChannel(t, "2027-03-27", "2027-03-28", Frequency{N: 3, Per: PerDay}, "02:30", "03:30", "12:00")
	s.Plan.Location, s.Plan.Timezone = loc, "Europe/Berlin"
	got := slotsOf(t, s)
	// On the 28th 02:30 becomes 03:30 and meets the 03:30 post: dropped.
	want := []string{"Sat 2027-03-27 02:30", "Sat 2027-03-27 03:30", "Sat 2027-03-27 12:00",
		"Sun 2027-03-28 03:30", "Sun 2027-03-28 12:00"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	p, _ := Build(s)
	if p.Channels[0].Dropped != 1 || p.Total != 5 {
		t.Errorf("dropped %d, total %d; want 1, 5", p.Channels[0].Dropped, p.Total)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Msg, "1 post dropped") {
		t.Errorf("warnings %v", p.Warnings)
	}
	// The dropped 02:30 keeps its place: the day's others are still its
	// second and third, as in a plan where nothing was dropped.
	var ids []string
	for post := range p.Posts() {
		if post.Date == mustDate(t, "2027-03-28") {
			ids = append(ids, post.ID)
		}
	}
	sun := mustDate(t, "2027-03-28")
	if want := []string{PostID("test", "Telegram", sun, 2), PostID("test", "Telegram", sun, 3)}; !slices.Equal(ids, want) {
		t.Errorf("ids on the 28th %v, want %v", ids, want)
	}

	// Without the clash, the moved post stays, warned, at 03:30.
	s.Channels[0].Times = clocks(t, "02:30", "12:00")
	s.Channels[0].Frequency.N = 2
	p, err = Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var gap *Post
	for post := range p.Posts() {
		if post.DST == DSTGap {
			gap = &post
		}
	}
	if gap == nil || gap.Time.String() != "03:30" || gap.Start.UTC().Format("15:04") != "01:30" {
		t.Fatalf("gap post %+v", gap)
	}
	if gap.ID != PostID("test", "Telegram", gap.Date, 1) {
		t.Errorf("the id must be of the nominal date and the place of 02:30, the day's first")
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Msg, "moved forward (first: 2027-03-28 02:30 is 03:30)") {
		t.Errorf("warnings %v", p.Warnings)
	}
}

// TestBuildLimit: a hand-made spec past MaxPosts is refused at once with a
// plain error (the spec's checker gives users their message), and absurd
// frequencies neither overflow nor hang.
func TestBuildLimit(t *testing.T) {
	t.Parallel()
	s := oneChannel(t, "2027-01-01", "2036-12-31", Frequency{N: 2000, Per: PerDay}, "09:00")
	start := time.Now()
	_, err := Build(s)
	var se *SpecError
	if err == nil || errors.As(err, &se) {
		t.Fatalf("err = %v, want a plain error", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "7306000 posts") || !strings.Contains(msg, "5000000") {
		t.Errorf("message %q should name the count and the limit", msg)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v: it must fail before generating", d)
	}
	s.Channels[0].Frequency = Frequency{N: 1 << 30, Per: PerMonth}
	if _, err := Build(s); err == nil {
		t.Fatal("1<<30/month: want an error")
	}
	if n := NominalPosts(s); n != 120<<30 {
		t.Errorf("NominalPosts = %d, want 120 months of 1<<30", n)
	}
	s.Channels = append(s.Channels, s.Channels[0], s.Channels[0])
	s.Channels[0].Frequency = Frequency{N: 1 << 40, Per: PerDay}
	if n := NominalPosts(s); n != 1<<50 {
		t.Errorf("NominalPosts = %d, want the saturated 1<<50", n)
	}
}

func TestReviews(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	s := oneChannel(t, "2027-01-01", "2027-05-01", Frequency{N: 1, Per: PerWeek}, "09:00")
	s.Plan.Location, s.Plan.Review = loc, "monthly"
	s.Plan.Skip = []Date{mustDate(t, "2027-03-31")}
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Reviews {
		got = append(got, r.Date.String()+" "+r.Start.Format("15:04 MST")+"-"+r.End.Format("15:04")+" "+r.Title)
	}
	want := []string{
		"2027-01-29 16:00 CET-17:00 Monthly review: January 2027",
		"2027-02-26 16:00 CET-17:00 Monthly review: February 2027",
		"2027-03-30 16:00 CEST-17:00 Monthly review: March 2027", // the 31st is skipped
		"2027-04-30 16:00 CEST-17:00 Monthly review: April 2027",
		// May has only Saturday the 1st in the plan: no working day, no review.
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	s.Plan.Review = "none"
	if p, _ := Build(s); len(p.Reviews) != 0 {
		t.Errorf("review = none gave %d reviews", len(p.Reviews))
	}
}

func TestPostID(t *testing.T) {
	t.Parallel()
	d := MakeDate(2027, 1, 4)
	id := PostID("northwind", "Telegram", d, 1)
	if len(id) != 16 || strings.ToLower(id) != id || strings.Contains(id, "=") {
		t.Errorf("id %q: want 16 lowercase base32 characters", id)
	}
	for _, other := range []string{
		PostID("northwind-2", "Telegram", d, 1), PostID("northwind", "VK", d, 1),
		PostID("northwind", "Telegram", d+1, 1), PostID("northwind", "Telegram", d, 2),
		// Fields are length-prefixed: moving a character from one field to
		// the next is another id.
		PostID("northwin", "dTelegram", d, 1), PostID("", "northwindTelegram", d, 1),
	} {
		if other == id {
			t.Errorf("ids collide: %s", id)
		}
	}
	// Channel ids are unique without regard to case, so case does not count.
	if PostID("northwind", " TELEGRAM ", d, 1) != id {
		t.Error("the channel id's case or spaces changed the id")
	}
	// Pinned: ids are promised stable across versions.
	if want := "7njue3cwcmngnz26"; id != want {
		t.Errorf("PostID = %q, want %q: ids must not change between versions", id, want)
	}
}

func TestBuildNoPanics(t *testing.T) {
	t.Parallel()
	if _, err := Build(nil); err == nil {
		t.Error("nil spec: want an error")
	}
	s := oneChannel(t, "2027-01-01", "2027-01-31", Frequency{N: 3, Per: PerDay}, "09:00")
	s.Channels[0].Times = nil // more posts than times: dropped, not duplicated
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 31 || p.Channels[0].Dropped != 62 {
		t.Errorf("total %d dropped %d, want 31 and 62", p.Total, p.Channels[0].Dropped)
	}
	s.Channels[0].Formats = nil
	if _, err := Build(s); err == nil {
		t.Error("no formats: want an error")
	}
	s = oneChannel(t, "2027-01-31", "2027-01-01", Frequency{N: 1, Per: PerDay}, "09:00")
	if _, err := Build(s); err == nil {
		t.Error("end before start: want an error")
	}
}

// FuzzBuild throws odd frequencies, days, times, caps, skips and zones at
// Build: it must never panic, and what it streams must stay inside the plan
// and off skipped dates.
func FuzzBuild(f *testing.F) {
	f.Add(uint8(3), uint8(1), uint8(0b0010101), uint16(150), uint16(1290), int16(400), uint16(60), uint16(3000), uint8(2), uint64(7))
	f.Add(uint8(40), uint8(2), uint8(0), uint16(0), uint16(1439), int16(0), uint16(1), uint16(0), uint8(1), uint64(1))
	f.Add(uint8(2), uint8(0), uint8(0), uint16(120), uint16(120), int16(-3), uint16(30), uint16(5000), uint8(5), uint64(99))
	f.Add(uint8(1), uint8(1), uint8(0), uint16(3), uint16(1200), int16(10), uint16(90), uint16(3000), uint8(1), uint64(3<<62|0x1234))
	f.Add(uint8(2), uint8(0), uint8(0), uint16(5), uint16(600), int16(80), uint16(200), uint16(2000), uint8(4), uint64(3<<62|0x77))
	zones := []string{"UTC", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham"}
	f.Fuzz(func(t *testing.T, n, per, days uint8, t1, t2 uint16, startOff int16, length, capBP uint16, zone uint8, skipSeed uint64) {
		loc, err := time.LoadLocation(zones[int(zone)%len(zones)])
		if err != nil {
			t.Skip(err)
		}
		start := MakeDate(2027, 1, 1) + Date(startOff)
		s := oneChannel(t, "2027-01-01", "2027-01-02", Frequency{N: int(n) % 50, Per: Period(per % 3), Weekdays: per%7 == 6}, "09:00")
		s.Plan.Start, s.Plan.End = start, start+Date(length%800)
		s.Plan.Location = loc
		s.Plan.Review = "monthly"
		s.Channels[0].Times = []Clock{Clock(t1 % 1440), Clock(t2 % 1440)}
		s.Channels[0].Borrowed = Cap(capBP % 10001)
		for i := range 7 {
			if days&(1<<i) != 0 {
				s.Channels[0].Days = append(s.Channels[0].Days, time.Weekday(i))
			}
		}
		for x := skipSeed; x != 0; x >>= 7 {
			s.Plan.Skip = append(s.Plan.Skip, start+Date(x%64))
		}
		// The top bits of the skip seed add writers and a campaign with
		// extras (the checks below hold for them too).
		if skipSeed>>63 != 0 {
			s.Writers = []WriterSpec{{Name: "a", Capacity: int(t2 % 7)}, {Name: "b", Channels: []string{"Telegram"}, Capacity: int(t1 % 5)}}
		}
		if skipSeed>>62&1 != 0 {
			cs := start + Date(t1%40)
			s.Campaigns = []CampaignSpec{{Name: "c", Start: cs, End: cs + Date(t2%30), Extra: Frequency{N: int(n) % 9, Per: Period(per % 2)}}}
		}
		p, err := Build(s)
		if err != nil {
			return
		}
		skipped := map[Date]bool{}
		for _, d := range s.Plan.Skip {
			skipped[d] = true
		}
		unassigned := 0
		for post := range p.Posts() {
			if post.Date < s.Plan.Start || post.Date > s.Plan.End || skipped[post.Date] {
				t.Fatalf("post on %s (plan %s..%s)", post.Date, s.Plan.Start, s.Plan.End)
			}
			if post.Writer == "" && len(s.Writers) > 0 {
				unassigned++
			}
		}
		if unassigned != p.Unassigned {
			t.Fatalf("%d posts without a writer, Plan.Unassigned %d", unassigned, p.Unassigned)
		}
	})
}
