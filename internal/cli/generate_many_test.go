package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/internal/perf"
)

// clientSpecs writes n of the agency's client specs into dir and returns
// their paths.
func clientSpecs(t testing.TB, dir string, n int) []string {
	t.Helper()
	var paths []string
	for i := 1; i <= n; i++ {
		var b bytes.Buffer
		if err := perf.QuarterSpec(&b, i); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("client-%03d.toml", i))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// stampedEnv is an Env whose timestamps come from SOURCE_DATE_EPOCH.
func stampedEnv(out, errOut io.Writer) *Env {
	return &Env{Out: out, ErrOut: errOut, In: strings.NewReader(""),
		Getenv: func(k string) string { return map[string]string{"SOURCE_DATE_EPOCH": "1798761600"}[k] },
		Now:    time.Now}
}

// TestGenerateManyAsAlone: a dozen clients generated in one run, three at
// a time, in every format, write the bytes each writes alone, and the
// "wrote" lines in the order of the specs.
func TestGenerateManyAsAlone(t *testing.T) {
	t.Parallel()
	specs := clientSpecs(t, t.TempDir(), 12)
	formats := []string{"ics", "xlsx", "csv", "json", "html"}
	many, alone := t.TempDir(), t.TempDir()
	var out, errOut bytes.Buffer
	o := &generateOptions{env: stampedEnv(&out, &errOut), specs: specs, dir: many, formats: formats, parallel: 3}
	if err := runGenerateMany(o); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	var want strings.Builder
	for _, spec := range specs {
		var aloneOut bytes.Buffer
		o := &generateOptions{env: stampedEnv(&aloneOut, io.Discard), spec: spec, dir: alone, formats: formats}
		if err := runGenerate(o); err != nil {
			t.Fatal(err)
		}
		want.WriteString(strings.ReplaceAll(aloneOut.String(), alone, many))
	}
	if out.String() != want.String() {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want.String())
	}
	ents, err := os.ReadDir(alone)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(specs)*len(formats) {
		t.Fatalf("%d files written alone, want %d", len(ents), len(specs)*len(formats))
	}
	for _, e := range ents {
		a, err1 := os.ReadFile(filepath.Join(alone, e.Name()))
		m, err2 := os.ReadFile(filepath.Join(many, e.Name()))
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, m) {
			t.Errorf("%s: %d bytes in the run of many, %d alone", e.Name(), len(m), len(a))
		}
	}
}

// TestSlots: the files of several specs written at once take no more
// slots than there are, and do use them all.
func TestSlots(t *testing.T) {
	t.Parallel()
	const n = 2
	limit := newSlots(n)
	var active, most atomic.Int32
	both := make(chan struct{})
	var once sync.Once
	write := func(w io.Writer, plan *calendar.Plan) error {
		now := active.Add(1)
		defer active.Add(-1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		if now == n {
			once.Do(func() { close(both) })
		}
		select { // hold the slot until another file holds one too
		case <-both:
		case <-time.After(5 * time.Second):
		}
		_, err := io.WriteString(w, "x")
		return err
	}
	dir := t.TempDir()
	var wg sync.WaitGroup
	for s := range 4 {
		var files []file
		for f := range 3 {
			files = append(files, file{filepath.Join(dir, fmt.Sprintf("s%d-%d.txt", s, f)), export.Output{Write: write, Passes: 1}})
		}
		wg.Go(func() {
			if err := writeSpec(t.Context(), &calendar.Plan{}, files, nil, limit); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := most.Load(); got != n {
		t.Errorf("at most %d files written at once, want %d", got, n)
	}

	// A writer waiting for a slot stops when the run is interrupted.
	full := newSlots(1)
	if err := full.take(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := full.take(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("take on a full, cancelled run: %v", err)
	}
	var none slots
	if err := none.take(ctx); err != nil {
		t.Errorf("nil slots: %v", err)
	}
	none.give()
}

// TestReportSpec: each failure of a spec is printed as the command would
// print it for that spec alone, named by the spec where its message does
// not name it already, with its exit code.
func TestReportSpec(t *testing.T) {
	t.Parallel()
	specErr := &calendar.SpecError{Diags: []calendar.Diagnostic{{File: "a.toml", Line: 3, Col: 1, Msg: "bad", Hints: []string{"fix it"}}}}
	for _, tc := range []struct {
		name string
		path string
		err  error
		want string
		code int
	}{
		{"spec", "a.toml", specErr, "a.toml:3:1: bad\nhint: fix it\n", exitUsage},
		{"usage", "a.toml", calendar.Errorf([]string{"use -o"}, "out/a.csv would overwrite the spec b.toml"),
			"error: a.toml: out/a.csv would overwrite the spec b.toml\nhint: use -o\n", exitUsage},
		{"usage naming it", "a.toml", calendar.Errorf(nil, "a.toml: 2000000 posts do not fit"), "error: a.toml: 2000000 posts do not fit\n", exitUsage},
		{"missing", "a.toml", &fs.PathError{Op: "open", Path: "a.toml", Err: fs.ErrNotExist}, "error: a.toml: file does not exist\n", exitRuntime},
		{"write", "a.toml", errors.New("write out/a.ics: no space left on device"), "error: a.toml: write out/a.ics: no space left on device\n", exitRuntime},
		{"stdin", "-", errors.New("read: broken"), "error: <stdin>: read: broken\n", exitRuntime},
	} {
		var b bytes.Buffer
		if code := reportSpec(&b, tc.path, tc.err); code != tc.code || b.String() != tc.want {
			t.Errorf("%s: printed %q, exit %d; want %q, exit %d", tc.name, b.String(), code, tc.want, tc.code)
		}
	}
	if got := listSome([]string{"a", "b", "c", "d"}, 3); got != "a, b, c and 1 more" {
		t.Errorf("listSome: %q", got)
	}
}

// TestGenerateManyProgress: on a terminal, several specs draw one bar,
// cleared before the warnings and "wrote" lines, which come in the order
// of the specs.
func TestGenerateManyProgress(t *testing.T) {
	defer func(n int64) { progressMin = n }(progressMin)
	progressMin = 0
	var out, errOut bytes.Buffer
	o := &generateOptions{env: stampedEnv(&out, &errOut), specs: []string{example("coffee.toml"), example("agency.toml")},
		dir: t.TempDir(), formats: []string{"ics", "xlsx"}, terminal: func(io.Writer) bool { return true }}
	if err := runGenerateMany(o); err != nil {
		t.Fatal(err)
	}
	s := errOut.String()
	clear := strings.LastIndex(s, "\r\x1b[K")
	if clear < 0 || strings.Contains(s[clear+1:], "\r") {
		t.Fatalf("stderr %q does not clear the bar once, before the rest", s)
	}
	rest := s[clear+len("\r\x1b[K"):]
	if c, a := strings.Index(rest, "coffee.toml"), strings.Index(rest, "agency.toml"); c < 0 || a < c {
		t.Errorf("warnings after the bar not in the order of the specs:\n%s", rest)
	}
	if !strings.HasPrefix(out.String(), "wrote "+filepath.Join(o.dir, "coffee.ics")) {
		t.Errorf("stdout %q", out.String())
	}
}

// BenchmarkGenerateMany is the agency's clients generated in one run, as
// `generate clients/*.toml` (ics and xlsx, each run into a new folder), for
// the profile of what one spec costs beside the others:
//
//	go test ./internal/cli -run '^$' -bench GenerateMany -benchtime 3x -cpuprofile cpu.prof
func BenchmarkGenerateMany(b *testing.B) {
	specs := clientSpecs(b, b.TempDir(), 40)
	for b.Loop() {
		o := &generateOptions{env: stampedEnv(io.Discard, io.Discard), specs: specs, dir: b.TempDir(), formats: []string{"ics", "xlsx"}}
		if err := runGenerateMany(o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(specs)), "specs")
}
