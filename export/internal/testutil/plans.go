package testutil

import (
	"bytes"
	"iter"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	calspec "github.com/contentplan/contentplan/calendar/spec"
)

// BuildExample parses and builds the spec at path, failing t on any error.
func BuildExample(t testing.TB, path string) *calendar.Plan {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := calspec.Parse(filepath.Base(path), bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	plan, err := calendar.Build(spec)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return plan
}

// RecordPlan is a hand-made plan whose posts exercise every field and the
// awkward values: quotes, commas, line breaks, formula-like names, non-ASCII,
// invalid UTF-8 and a post with no channel, format or pillar at all. The
// first day has two occasions, one of them formula-like.
func RecordPlan() *calendar.Plan {
	loc, _ := time.LoadLocation("Europe/Moscow")
	ig := &calendar.Channel{Name: "Instagram"}
	evil := &calendar.Channel{Name: "=HYPERLINK(\"http://x\")"}
	photo := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "photo", Cost: 1500}}
	reel := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "reel", Cost: 12.5}}
	menu := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "menu, \"seasonal\"", Objective: "reach"}}
	bar := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: "-behind the bar"}}
	d := calendar.MakeDate(2027, 1, 4)
	posts := []calendar.Post{
		{ID: "instagram-20270104-1200", Date: d, Time: 12 * 60, Channel: ig, Format: photo,
			Source: calendar.Own, Pillar: menu, Title: "Кофе дня\nс корицей", Writer: "Катя",
			DraftDue: d - 3, Status: "planned", Cost: 1500},
		{ID: "x-20270104-1830", Date: d, Time: 18*60 + 30, Channel: evil, Format: reel,
			Source: calendar.Borrowed, Pillar: bar, Campaign: "@winter", Title: "tab\there \u2028 and \x01 and \xff",
			Writer: "+Ilya", DraftDue: d - 5, Cost: 12.5},
		{ID: "bare", Date: d + 1, Time: 0, Cost: math.NaN()},
	}
	plan := &calendar.Plan{Name: "test", Timezone: "Europe/Moscow", Location: loc, Occasions: []calendar.Occasion{
		{Date: d, Name: "Новогодние каникулы", Holiday: true, Key: "New Year holidays"},
		{Date: d, Name: "=Launch, \"day\"", Key: "=Launch, \"day\""},
	}}
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range posts {
			if !yield(p) {
				return
			}
		}
	})
	return plan
}

// FailWriter fails after n bytes, like a full disk.
type FailWriter struct{ N int }

func (w *FailWriter) Write(p []byte) (int, error) {
	if len(p) > w.N {
		k := w.N
		w.N = 0
		return k, os.ErrClosed
	}
	w.N -= len(p)
	return len(p), nil
}

// ManyPosts is a plan of n identical posts, produced lazily, counting how
// many the writer pulled.
func ManyPosts(n int, pulled *int) *calendar.Plan {
	ch := &calendar.Channel{Name: "Telegram"}
	f := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "text"}}
	plan := EmptyPlan()
	plan.SetPosts(iter.Seq[calendar.Post](func(yield func(calendar.Post) bool) {
		for i := 0; i < n; i++ {
			*pulled++
			if !yield(calendar.Post{ID: "p", Channel: ch, Format: f, Source: calendar.Own}) {
				return
			}
		}
	}))
	return plan
}

// EmptyPlan is a plan with no posts.
func EmptyPlan() *calendar.Plan {
	return &calendar.Plan{Name: "empty", Timezone: "UTC", Location: time.UTC}
}
