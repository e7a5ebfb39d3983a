package calendar

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// TestDateAppendTo checks the integer formatting of dates against
// time.Format: every day of 1900..2200, a sample of days over years 0..9999
// with the era and century edges, and the extremes of a Date, which fall back
// to time's own formatting.
func TestDateAppendTo(t *testing.T) {
	t.Parallel()
	check := func(d Date) {
		t.Helper()
		want := time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
		if got := string(d.AppendTo(nil)); got != want {
			t.Fatalf("Date(%d).AppendTo = %q, want %q", d, got, want)
		}
		if got := d.String(); got != want {
			t.Fatalf("Date(%d).String = %q, want %q", d, got, want)
		}
	}
	for d := MakeDate(1900, 1, 1); d <= MakeDate(2200, 12, 31); d++ {
		check(d)
	}
	for d := MakeDate(-2, 1, 1); d <= MakeDate(10001, 12, 31); d += 13 {
		check(d)
	}
	for _, y := range []int{-1, 0, 1, 100, 400, 1600, 1970, 2000, 2100, 9999, 10000} {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {2, 29}, {3, 1}, {12, 31}} {
			d := MakeDate(y, time.Month(md[0]), md[1])
			check(d - 1)
			check(d)
			check(d + 1)
		}
	}
	check(math.MinInt32)
	check(math.MaxInt32)
}

func TestClockAppendTo(t *testing.T) {
	t.Parallel()
	for c := Clock(-100); c < 24*60+100; c++ {
		want := fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute())
		if got := string(c.AppendTo(nil)); got != want {
			t.Fatalf("Clock(%d).AppendTo = %q, want %q", c, got, want)
		}
		if got := c.String(); got != want {
			t.Fatalf("Clock(%d).String = %q, want %q", c, got, want)
		}
	}
}

func BenchmarkDateString(b *testing.B) {
	b.ReportAllocs()
	var buf [16]byte
	d := MakeDate(2027, 3, 14)
	for b.Loop() {
		_ = d.AppendTo(buf[:0])
	}
}

// TestISOWeekday holds the integer weekday to time's, across the epoch and
// far from it, and the weekday function to the same numbering.
func TestISOWeekday(t *testing.T) {
	t.Parallel()
	check := func(d Date) {
		t.Helper()
		want := (int(d.Weekday()) + 6) % 7
		if got := d.ISOWeekday(); got != want {
			t.Fatalf("%s: ISOWeekday %d, want %d", d, got, want)
		}
		if got := ISOWeekday(d.Weekday()); got != want {
			t.Fatalf("%s: ISOWeekday(%s) %d, want %d", d, d.Weekday(), got, want)
		}
		if d.Weekend() != (want >= 5) || d.Monday().ISOWeekday() != 0 || d-d.Monday() > 6 {
			t.Fatalf("%s: Weekend %t, Monday %s", d, d.Weekend(), d.Monday())
		}
	}
	for d := MakeDate(1960, 1, 1); d <= MakeDate(1980, 1, 1); d++ {
		check(d)
	}
	for _, d := range []Date{math.MinInt32 + 7, math.MinInt32 + 8, -1, 0, 1, math.MaxInt32 - 7} {
		check(d)
	}
	for w, want := range map[time.Weekday]int{-1: 5, 7: 6, 8: 0, 13: 5} {
		if got := ISOWeekday(w); got != want {
			t.Errorf("ISOWeekday(%d) = %d, want %d", w, got, want)
		}
	}
}

func TestFrequencyPerDay(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		f            Frequency
		most, weekly int
	}{
		{Frequency{N: 3, Per: PerDay}, 3, 21},
		{Frequency{N: 1, Per: PerDay, Weekdays: true}, 1, 5},
		{Frequency{N: 7, Per: PerWeek}, 1, 7},
		{Frequency{N: 8, Per: PerWeek}, 2, 8},
		{Frequency{N: 28, Per: PerMonth}, 1, 7},
		{Frequency{N: 29, Per: PerMonth}, 2, 7},
		{Frequency{N: 2, Per: PerMonth}, 1, 1},
		{Frequency{N: 0, Per: PerWeek}, 0, 0},
	} {
		if got := tt.f.MostPerDay(); got != tt.most {
			t.Errorf("%v: MostPerDay %d, want %d", tt.f, got, tt.most)
		}
		if got := tt.f.Weekly(); got != tt.weekly {
			t.Errorf("%v: Weekly %d, want %d", tt.f, got, tt.weekly)
		}
	}
	if got := (Frequency{N: 4, Per: PerWeek}).MostPerDayOver(3); got != 2 {
		t.Errorf("4/week over 3 days: %d, want 2", got)
	}
	if got := (Frequency{N: 30, Per: PerMonth}).MostPerDayOver(31); got != 1 {
		t.Errorf("30/month over 31 days: %d, want 1", got)
	}
}

func TestParseClock(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Clock{"00:00": 0, "09:30": 570, "23:59": 1439} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"24:00", "9:30", "09:60", "0930", "noon", "", "09:30:00", "-1:00"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:00", "23:59", "00:00", "24:00", "9:00", "12:60", "+1:00", "1\u00a0:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		if err != nil {
			return
		}
		if c < 0 || c >= 1440 {
			t.Fatalf("ParseClock(%q) = %d", s, c)
		}
		if c.String() != s {
			t.Fatalf("ParseClock(%q) = %s: accepted a non-canonical time", s, c)
		}
	})
}
