package table

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// recordBenchPlan builds an agency-like plan of about n posts through
// calendar.Build: channels posting 3/day for a year in Europe/Berlin (DST
// changes included), three formats, four pillars. The writers are measured
// with the real post stream, as the CLI runs them; calendar's BenchmarkBuild
// measures the stream alone.
func recordBenchPlan(tb testing.TB, n int) *calendar.Plan {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		tb.Skip(err)
	}
	start := calendar.MakeDate(2027, 1, 1)
	days := 365
	channels := max(1, n/(3*days))
	if n < 3*days {
		days = max(1, n/3)
	}
	s := &calendar.Spec{
		File: "bench.toml",
		Plan: calendar.PlanSpec{Name: "bench", Start: start, End: start + calendar.Date(days-1), Location: loc,
			Timezone: "Europe/Berlin", Borrowed: 3000, Review: "monthly", Language: "en", Holidays: "DE"},
		Formats: []calendar.FormatSpec{
			{Name: "text", Duration: 30 * time.Minute, Lead: 2, Borrowable: true},
			{Name: "photo", Duration: 30 * time.Minute, Lead: 3, Cost: 1500, Borrowable: true},
			{Name: "reel", Duration: time.Hour, Lead: 5, Cost: 12.5},
		},
		Pillars: []calendar.PillarSpec{{Name: "product", Weight: 3, Objective: "reach"}, {Name: "team", Weight: 1},
			{Name: "tips, tricks", Weight: 2}, {Name: "news", Weight: 1}},
	}
	for i := range channels {
		s.Channels = append(s.Channels, calendar.ChannelSpec{
			Name: fmt.Sprintf("brand%03d", i), Frequency: calendar.Frequency{N: 3, Per: calendar.PerDay},
			Times:    []calendar.Clock{9 * 60, 13 * 60, 19 * 60},
			Formats:  []calendar.Weighted{{Name: "text", Weight: 3}, {Name: "photo", Weight: 2}, {Name: "reel", Weight: 1}},
			Borrowed: 3000, Owner: "Anna",
		})
	}
	plan, err := calendar.Build(s)
	if err != nil {
		tb.Fatal(err)
	}
	return plan
}

// benchWriter runs write over plans of 1k, 100k and 1M posts (1M skipped
// under -short), reporting allocations and the bytes written per second.
func benchWriter(b *testing.B, write func(io.Writer, *calendar.Plan) error) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M posts under -short")
			}
			plan := recordBenchPlan(b, n)
			var cw byteCounter
			if err := write(&cw, plan); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := write(io.Discard, plan); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(plan.Total), "posts")
		})
	}
}

type byteCounter struct{ n int64 }

func (w *byteCounter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
