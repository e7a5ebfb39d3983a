package calendar

import (
	"fmt"
	"testing"
	"time"
)

// benchSpec is an agency-like plan: channels posting 3/day for a year in
// Europe/Berlin (DST changes included), three formats, four pillars, a few
// skipped dates, sized to about posts posts.
func benchSpec(tb testing.TB, posts int) *Spec {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		tb.Skip(err)
	}
	start := MakeDate(2027, 1, 1)
	days := 365
	channels := max(1, posts/(3*days))
	if posts < 3*days {
		days = posts / 3
	}
	s := &Spec{
		File: "bench.toml",
		Plan: PlanSpec{Name: "bench", Start: start, End: start + Date(days-1), Location: loc, Timezone: "Europe/Berlin",
			Borrowed: 3000, Review: "monthly", Language: "en",
			Skip: []Date{MakeDate(2027, 1, 1), MakeDate(2027, 5, 1), MakeDate(2027, 12, 25)}},
		Formats: []FormatSpec{
			{Name: "text", Duration: 30 * time.Minute, Lead: 2, Borrowable: true},
			{Name: "photo", Duration: 30 * time.Minute, Lead: 3, Borrowable: true},
			{Name: "reel", Duration: time.Hour, Lead: 5, Borrowable: false},
		},
		Pillars: []PillarSpec{{Name: "product", Weight: 3}, {Name: "team", Weight: 1}, {Name: "tips", Weight: 2}, {Name: "news", Weight: 1}},
	}
	for i := range channels {
		s.Channels = append(s.Channels, ChannelSpec{
			Name: fmt.Sprintf("brand%03d", i), Frequency: Frequency{N: 3, Per: PerDay},
			Times:    []Clock{9 * 60, 13 * 60, 19 * 60},
			Formats:  []Weighted{{Name: "text", Weight: 3}, {Name: "photo", Weight: 2}, {Name: "reel", Weight: 1}},
			Borrowed: Cap(2000 + 1000*(i%2)),
		})
	}
	return s
}

// BenchmarkBuild builds a plan and streams all its posts, the way every
// writer consumes it.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M posts: skipped under -short")
			}
			s := benchSpec(b, n)
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				p, err := Build(s)
				if err != nil {
					b.Fatal(err)
				}
				total = 0
				for range p.Posts() {
					total++
				}
			}
			b.ReportMetric(float64(total), "posts")
		})
	}
	// Writers and campaign extras must not add allocations per post: the
	// assignment keeps counts per writer and week, and Build's counting
	// pass streams light posts.
	b.Run("posts=100000,team", func(b *testing.B) {
		s := benchSpec(b, 100_000)
		s.Writers = []WriterSpec{{Name: "ann"}, {Name: "bob", Capacity: 200}, {Name: "cy", Channels: []string{"brand000"}, Capacity: 20}}
		s.Campaigns = []CampaignSpec{{Name: "spring", Start: s.Plan.Start + 60, End: s.Plan.Start + 120, Extra: Frequency{N: 3, Per: PerWeek}}}
		for i := range s.Channels {
			s.Channels[i].Times = append(s.Channels[i].Times, 16*60)
		}
		b.ReportAllocs()
		total := 0
		for b.Loop() {
			p, err := Build(s)
			if err != nil {
				b.Fatal(err)
			}
			total = 0
			for range p.Posts() {
				total++
			}
		}
		b.ReportMetric(float64(total), "posts")
	})
}
