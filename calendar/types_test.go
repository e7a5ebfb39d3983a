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
