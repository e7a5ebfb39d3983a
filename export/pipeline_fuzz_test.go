package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/i18n"
)

// csvFields is the number of columns of the csv (DESIGN.md section 5).
const csvFields = 15

// maxFuzzPosts keeps one input's pipeline in the milliseconds: the writers
// are linear in the posts, so a bigger plan finds nothing a smaller one
// would not, only slower.
const maxFuzzPosts = 3000

// FuzzPipeline is issue 6's promise: any spec that validates must generate,
// and its outputs must pass our own checks. Each input that Parse and Build
// accept is written as csv, json, ics and xlsx, and each output is read
// back: the csv with encoding/csv (a header and one record of 15 fields a
// post), the json with encoding/json, the ics with LintICS, the xlsx with
// excelize (a header and one row a post on the Plan sheet).
//
// Seeds are every example spec and every case of the bad-spec corpus, so the
// fuzzer starts both from specs that work and from the edges of the ones
// that do not.
func FuzzPipeline(f *testing.F) {
	for _, pat := range []string{"../testdata/*.toml", "../testdata/bad/*.toml"} {
		files, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := calendar.Parse("fuzz.toml", bytes.NewReader(data))
		if err != nil {
			return
		}
		plan, err := calendar.Build(spec)
		if err != nil || plan.Total > maxFuzzPosts {
			return
		}

		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, plan); err != nil {
			t.Fatalf("csv: %v", err)
		}
		records, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("csv does not read back: %v", err)
		}
		if len(records) != plan.Total+1 {
			t.Errorf("csv: %d records, want %d posts and a header", len(records), plan.Total)
		}
		for i, r := range records {
			if len(r) != csvFields {
				t.Fatalf("csv record %d: %d fields, want %d", i, len(r), csvFields)
			}
		}

		buf.Reset()
		if err := export.WriteJSON(&buf, plan); err != nil {
			t.Fatalf("json: %v", err)
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatalf("json does not decode: %v", err)
		}

		buf.Reset()
		if err := export.WriteICS(&buf, plan, export.ICSOptions{Now: now, Deadlines: true}); err != nil {
			t.Fatalf("ics: %v", err)
		}
		if errs := export.LintICS(buf.Bytes()); len(errs) > 0 {
			t.Fatalf("ics fails lint: %v (first of %d)", errs[0], len(errs))
		}

		buf.Reset()
		if err := export.WriteXLSX(&buf, plan, export.XLSXOptions{Now: now}); err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("xlsx does not open: %v", err)
		}
		defer x.Close()
		sheet := i18n.For(plan.Language).SheetPlan
		rows, err := x.Rows(sheet)
		if err != nil {
			t.Fatalf("xlsx sheet %q: %v", sheet, err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if n != plan.Total+1 {
			t.Errorf("xlsx sheet %q: %d rows, want %d posts and a header", sheet, n, plan.Total)
		}
	})
}
