package perf

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/table"
	"github.com/contentplan/contentplan/export/xlsx"
)

// The benchmarks of the README's Performance section, at about 1k, 100k and 1M posts (1M skipped
// under -short). BenchmarkFloor and BenchmarkGenerate run in the same
// `go test -bench` so that their ratio is measured under the same load:
//
//	go test ./internal/perf -run '^$' -bench . -benchtime 1x -count 3
//
// The rest split Generate into its parts: Build, and each writer alone.

var now = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

func sizes(b *testing.B, run func(b *testing.B, spec []byte)) {
	for _, s := range Sizes {
		b.Run(s.Name, func(b *testing.B) {
			if s.Channels >= 900 && testing.Short() {
				b.Skip("1M posts under -short")
			}
			b.ReportAllocs()
			run(b, Spec(s.Channels))
		})
	}
}

func build(b *testing.B, src []byte) *calendar.Plan {
	s, err := spec.Parse("scale.toml", bytes.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	plan, err := calendar.Build(s)
	if err != nil {
		b.Fatal(err)
	}
	return plan
}

func BenchmarkFloor(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		rows := build(b, spec).Total
		b.ResetTimer()
		for b.Loop() {
			if err := Floor(io.Discard, io.Discard, rows); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(rows), "posts")
	})
}

func BenchmarkGenerate(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		var plan *calendar.Plan
		for b.Loop() {
			var err error
			if plan, err = Generate(bytes.NewReader(spec), io.Discard, io.Discard, now); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(plan.Total), "posts")
	})
}

// BenchmarkBuild reads every post of the plan once, as a writer does:
// Build itself only resolves the spec, and the posts are made as they are
// read.
func BenchmarkBuild(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		for b.Loop() {
			n := 0
			for range build(b, spec).Posts() {
				n++
			}
		}
	})
}

func BenchmarkWriteICS(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		plan := build(b, spec)
		b.ResetTimer()
		for b.Loop() {
			if err := ics.Write(io.Discard, plan, ics.Options{Now: now}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWriteXLSX(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		plan := build(b, spec)
		b.ResetTimer()
		for b.Loop() {
			if err := xlsx.Write(io.Discard, plan, xlsx.Options{Now: now}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWriteCSV(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		plan := build(b, spec)
		b.ResetTimer()
		for b.Loop() {
			if err := table.WriteCSV(io.Discard, plan); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWriteJSON(b *testing.B) {
	sizes(b, func(b *testing.B, spec []byte) {
		plan := build(b, spec)
		b.ResetTimer()
		for b.Loop() {
			if err := table.WriteJSON(io.Discard, plan); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestGenerate: the scale spec at 1k posts builds and writes; the sizes
// are what their names say.
func TestGenerate(t *testing.T) {
	var x, c bytes.Buffer
	plan, err := Generate(bytes.NewReader(Spec(1)), &x, &c, now)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Total != 1095 || x.Len() == 0 || !bytes.HasSuffix(c.Bytes(), []byte("END:VCALENDAR\r\n")) {
		t.Errorf("%d posts, %d bytes of workbook, calendar ends %q", plan.Total, x.Len(), c.Bytes()[max(0, c.Len()-20):])
	}
	var f, fc bytes.Buffer
	if err := Floor(&f, &fc, 100); err != nil || f.Len() == 0 || fc.Len() == 0 {
		t.Errorf("floor: %v", err)
	}
}

// BenchmarkQuarter is the realistic quarter (testdata/agency.toml) in
// process: Parse and Build, then each writer on its own. The whole process,
// start to exit, is measured with hyperfine (README, Performance).
func BenchmarkQuarter(b *testing.B) {
	spec, err := os.ReadFile(filepath.Join("..", "..", "testdata", "agency.toml"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for range build(b, spec).Posts() {
			}
		}
	})
	plan := build(b, spec)
	for _, w := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"ics", func(w io.Writer) error { return ics.Write(w, plan, ics.Options{Now: now}) }},
		{"xlsx", func(w io.Writer) error { return xlsx.Write(w, plan, xlsx.Options{Now: now}) }},
		{"csv", func(w io.Writer) error { return table.WriteCSV(w, plan) }},
		{"json", func(w io.Writer) error { return table.WriteJSON(w, plan) }},
	} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := w.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestQuarterSpec: the clients' specs are valid quarters without errors,
// each with its own plan id, on five channels.
func TestQuarterSpec(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{}
	for client := 1; client <= 8; client++ {
		var b bytes.Buffer
		if err := QuarterSpec(&b, client); err != nil {
			t.Fatal(err)
		}
		s, err := spec.Parse("client.toml", &b)
		if err != nil {
			t.Fatalf("client %d: %v", client, err)
		}
		plan, err := calendar.Build(s)
		if err != nil {
			t.Fatalf("client %d: %v", client, err)
		}
		if len(plan.Channels) != 5 || plan.Total < 200 || ids[plan.ID] {
			t.Errorf("client %d: %d channels, %d posts, id %q (seen: %v)", client, len(plan.Channels), plan.Total, plan.ID, ids[plan.ID])
		}
		ids[plan.ID] = true
	}
}
