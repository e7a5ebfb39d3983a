package export

import (
	"bytes"
	"flag"
	"fmt"
	"iter"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// update rewrites the package's golden files (csv, json, ics, xlsx dumps).
var update = flag.Bool("update", false, "rewrite golden files")

func updating() bool { return *update }

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenFile(t, filepath.Join("testdata", name), got)
}

// goldenFile compares got with the file at path, or rewrites it under
// -update; a difference is shown as its first differing line.
func goldenFile(t *testing.T, path string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./export -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./export -update rewrites it if intended):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff describes the first line where want and got differ.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, w, g)
		}
	}
	return ""
}

// recordPlan is a hand-made plan whose posts exercise every field and the
// awkward values: quotes, commas, line breaks, formula-like names, non-ASCII,
// invalid UTF-8 and a post with no channel, format or pillar at all.
func recordPlan() *calendar.Plan {
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
	plan := &calendar.Plan{Name: "test", Timezone: "Europe/Moscow", Location: loc}
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range posts {
			if !yield(p) {
				return
			}
		}
	})
	return plan
}

func emptyPlan() *calendar.Plan {
	return &calendar.Plan{Name: "empty", Timezone: "UTC", Location: time.UTC}
}

func TestFormatCost(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1500, "1500"},
		{12.5, "12.5"},
		{1e7, "10000000"},
		{1.0 / 3, "0.3333333333333333"},
		{math.NaN(), "0"},
		{math.Inf(1), "0"},
	} {
		if got := formatCost(tc.in); got != tc.want {
			t.Errorf("formatCost(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// failWriter fails after n bytes, like a full disk.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, os.ErrClosed
	}
	w.n -= len(p)
	return len(p), nil
}

// manyPosts is a plan of n identical posts, produced lazily, counting how
// many the writer pulled.
func manyPosts(n int, pulled *int) *calendar.Plan {
	ch := &calendar.Channel{Name: "Telegram"}
	f := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "text"}}
	plan := emptyPlan()
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

// TestWritersStopOnError checks that a failing destination stops the run
// early instead of producing (and discarding) the whole schedule.
func TestWritersStopOnError(t *testing.T) {
	for name, write := range map[string]func(*failWriter, *calendar.Plan) error{
		"csv":  func(w *failWriter, p *calendar.Plan) error { return WriteCSV(w, p) },
		"json": func(w *failWriter, p *calendar.Plan) error { return WriteJSON(w, p) },
	} {
		t.Run(name, func(t *testing.T) {
			pulled := 0
			err := write(&failWriter{n: 1000}, manyPosts(1_000_000, &pulled))
			if err == nil {
				t.Fatal("no error from a failing writer")
			}
			if pulled > 10_000 {
				t.Errorf("pulled %d posts after the writer failed", pulled)
			}
		})
	}
}
