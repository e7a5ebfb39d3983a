package cli

import (
	"bytes"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

func TestProgressLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		frac    float64
		what    string
		elapsed time.Duration
		want    string
	}{
		{0, "2 files", 0, "writing 2 files [..............................]   0%  0s"},
		{0.5, "1 file", 1500 * time.Millisecond, "writing 1 file [###############...............]  50%  1s"},
		{1, "2 files", 12 * time.Second, "writing 2 files [#############################.]  99%  12s"},
		{0.456, "200 specs", time.Minute, "writing 200 specs [#############.................]  45%  1m0s"},
		{-1, "1 file", 0, "writing 1 file [..............................]   0%  0s"},
	} {
		if got := progressLine(tc.frac, tc.what, tc.elapsed); got != tc.want {
			t.Errorf("progressLine(%v, %q) = %q, want %q", tc.frac, tc.what, got, tc.want)
		}
	}
}

// TestProgressDecision: a bar only on a terminal that can draw one, and
// only for work worth watching.
func TestProgressDecision(t *testing.T) {
	t.Parallel()
	yes := func(io.Writer) bool { return true }
	no := func(io.Writer) bool { return false }
	for _, tc := range []struct {
		name     string
		terminal func(io.Writer) bool
		term     string
		total    int64
		want     bool
	}{
		{"terminal, big run", yes, "xterm-256color", progressMin, true},
		{"terminal, small run", yes, "xterm", progressMin - 1, false},
		{"pipe or file", no, "xterm", 10 * progressMin, false},
		{"dumb terminal", yes, "dumb", 10 * progressMin, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := &generateOptions{terminal: tc.terminal, env: &Env{
				ErrOut: io.Discard, Getenv: func(k string) string { return map[string]string{"TERM": tc.term}[k] },
			}}
			if got := newProgress(io.Discard, o.showProgress(), tc.total) != nil; got != tc.want {
				t.Errorf("bar drawn: %v, want %v", got, tc.want)
			}
		})
	}
	// The real check: a buffer, a pipe or /dev/null is not a terminal.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, out := range []io.Writer{&bytes.Buffer{}, w, io.Discard} {
		if isTerminal(out) {
			t.Errorf("%T is taken for a terminal", out)
		}
	}
}

// TestProgressCounts: the counter sees every post each writer reads, from
// several goroutines, and a nil bar leaves the plan as it is.
func TestProgressCounts(t *testing.T) {
	t.Parallel()
	plan := &calendar.Plan{Total: 5000}
	plan.SetPosts(iter.Seq[calendar.Post](func(yield func(calendar.Post) bool) {
		for range 5000 {
			if !yield(calendar.Post{}) {
				return
			}
		}
	}))
	var nilBar *progress
	nilPart := nilBar.add(5000)
	if nilPart.counted(plan) != plan {
		t.Error("a nil bar wraps the plan")
	}
	nilPart.expect(10)
	nilPart.finish()
	nilBar.run("1 file")
	nilBar.done()

	var out bytes.Buffer
	bar := &progress{w: &out}
	part := bar.add(5000)
	part.expect(3 * 5000)
	counted := part.counted(plan)
	done := make(chan bool)
	for range 2 {
		go func() {
			for range counted.Posts() {
			}
			done <- true
		}()
	}
	<-done
	<-done
	for p := range counted.Posts() { // stopping early counts what was read
		if p.ID == "" {
			break
		}
	}
	if got := part.read.Load(); got != 2*5000+1 {
		t.Errorf("counted %d posts, want %d", got, 2*5000+1)
	}
	bar.run("2 files")
	time.Sleep(3 * progressEvery / 2)
	bar.done()
	if s := out.String(); !strings.Contains(s, "\rwriting 2 files [####################..........]  66%") || !strings.HasSuffix(s, "\r\x1b[K") {
		t.Errorf("bar drew %q", s)
	}
}

// TestProgressParts: with several specs, each is a part of the bar weighed
// by its posts; a part is done when its files are, or when it failed, and
// one whose files are not known yet counts as not begun.
func TestProgressParts(t *testing.T) {
	t.Parallel()
	bar := &progress{}
	big, small, failed, later := bar.add(3000), bar.add(500), bar.add(500), bar.add(1000)
	big.expect(6000)
	big.read.Store(3000) // half its reads: 1500 of the 5000 posts
	small.expect(500)
	small.read.Store(900) // read more than expected: counts as its 500
	failed.finish()
	later.read.Store(10) // its files not known: nothing yet
	if got, want := bar.fraction(), (1500.0+500+500)/5000; got != want {
		t.Errorf("fraction %v, want %v", got, want)
	}
	big.finish()
	later.finish()
	if got := bar.fraction(); got != 1 {
		t.Errorf("every part finished: fraction %v, want 1", got)
	}
	if got := (&progress{}).fraction(); got != 0 {
		t.Errorf("no parts: fraction %v", got)
	}
}

// TestGenerateProgress: generate draws on a terminal and clears the line
// when done; anywhere else stderr holds only the spec's warnings.
func TestGenerateProgress(t *testing.T) {
	defer func(n int64) { progressMin = n }(progressMin)
	progressMin = 0
	for _, terminal := range []bool{false, true} {
		dir := t.TempDir()
		var out, errOut bytes.Buffer
		o := &generateOptions{
			env: &Env{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" },
				Now: func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }},
			spec: example("coffee.toml"), dir: dir, formats: []string{"ics", "xlsx"},
			terminal: func(io.Writer) bool { return terminal },
		}
		if err := runGenerate(o); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), filepath.Join(dir, "coffee.xlsx")) {
			t.Errorf("stdout %q", out.String())
		}
		switch {
		case !terminal && strings.ContainsAny(errOut.String(), "\r\x1b"):
			t.Errorf("not a terminal, but stderr holds %q", errOut.String())
		case terminal && !strings.HasSuffix(errOut.String(), "\r\x1b[K"):
			t.Errorf("on a terminal, stderr %q does not end by clearing the bar", errOut.String())
		}
	}
}

// TestProgressTotal: the bar expects what the formats' outputs read, a
// workbook the plan twice, a calendar with review meetings twice, a
// calendar of one channel the whole plan once, the rest once.
func TestProgressTotal(t *testing.T) {
	t.Parallel()
	channels := []*calendar.Channel{{Name: "VK"}, {Name: "Telegram"}, {Name: "X"}}
	plan := &calendar.Plan{Total: 10, Channels: channels, Writers: make([]calendar.WriterSpec, 2)}
	withReviews := *plan
	withReviews.Reviews = make([]calendar.Review, 1)
	for _, tc := range []struct {
		plan    *calendar.Plan
		formats []string
		split   string
		want    int64
	}{
		{plan, []string{"ics", "xlsx"}, "", 10 + 20},
		{&withReviews, []string{"ics", "xlsx"}, "", 20 + 20},
		{&withReviews, []string{"ics"}, "channel", 3*10 + 10},
		{plan, []string{"xlsx", "csv", "json"}, "writer", 3*20 + 10 + 10}, // two writers and the unassigned
	} {
		o := &generateOptions{env: &Env{Getenv: func(string) string { return "" }, Now: time.Now},
			spec: "plan.toml", dir: t.TempDir(), formats: tc.formats, split: tc.split}
		chosen, opt, err := o.choices()
		if err != nil {
			t.Fatal(err)
		}
		files, err := o.outputs(tc.plan, chosen, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := progressTotal(tc.plan, files); got != tc.want {
			t.Errorf("progressTotal(%v, %q) = %d, want %d", tc.formats, tc.split, got, tc.want)
		}
	}
}
