package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	calspec "github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/export/table"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/i18n"
)

// csvFields is the number of columns of the csv (docs/spec.md, CSV and JSON
// fields).
const csvFields = 16

// maxFuzzPosts keeps one input's pipeline in the milliseconds: the writers
// are linear in the posts, so a bigger plan finds nothing a smaller one
// would not, only slower.
const maxFuzzPosts = 3000

// FuzzPipeline holds that any spec that validates must generate, and that
// its outputs must pass our own checks. Each input that Parse and Build
// accept is written as csv, json, ics and xlsx, and each output is read
// back: the csv with encoding/csv (a header and one record of 16 fields a
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
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := calspec.Parse("fuzz.toml", bytes.NewReader(data))
		if err != nil {
			return
		}
		plan, err := calendar.Build(spec)
		if err != nil || plan.Total > maxFuzzPosts {
			return
		}

		checkPipeline(t, plan)
	})
}

// checkPipeline writes plan in the four formats and reads each back.
func checkPipeline(t *testing.T, plan *calendar.Plan) {
	t.Helper()
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := table.WriteCSV(&buf, plan); err != nil {
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
	if err := table.WriteJSON(&buf, plan); err != nil {
		t.Fatalf("json: %v", err)
	}
	var v any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatalf("json does not decode: %v", err)
	}

	buf.Reset()
	if err := ics.Write(&buf, plan, ics.Options{Now: now, Deadlines: true}); err != nil {
		t.Fatalf("ics: %v", err)
	}
	if errs := testutil.LintICS(buf.Bytes()); len(errs) > 0 {
		t.Fatalf("ics fails lint: %v (first of %d)", errs[0], len(errs))
	}

	buf.Reset()
	if err := xlsx.Write(&buf, plan, xlsx.Options{Now: now}); err != nil {
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

	// The splits: one channel's calendar, one writer's workbook.
	if len(plan.Channels) > 0 {
		buf.Reset()
		if err := ics.Write(&buf, plan, ics.Options{Now: now, Channel: plan.Channels[0]}); err != nil {
			t.Fatalf("ics of channel %q: %v", plan.Channels[0].Name, err)
		}
		if errs := testutil.LintICS(buf.Bytes()); len(errs) > 0 {
			t.Fatalf("ics of channel %q fails lint: %v", plan.Channels[0].Name, errs[0])
		}
	}
	if len(plan.Writers) > 0 {
		buf.Reset()
		if err := xlsx.Write(&buf, plan, xlsx.Options{Now: now, Writer: plan.Writers[0].Name}); err != nil {
			t.Fatalf("xlsx of writer %q: %v", plan.Writers[0].Name, err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("xlsx of writer %q does not open: %v", plan.Writers[0].Name, err)
		}
		x.Close()
	}
}

// FuzzPipelineNames complements FuzzPipeline, whose byte mutations almost
// never keep a spec valid (a 60 s run: 15 of 295,000 inputs reached the
// writers, the seeds). Here the fuzzer picks the names, the frequency, the
// zone and the dates of a spec that is otherwise valid, so nearly every
// input runs the writers: names with quotes, separators, control
// characters, formulas, any script; dates across every DST change.
func FuzzPipelineNames(f *testing.F) {
	f.Add("Northwind Coffee, Q1", "Instagram", "reel", "menu", "Katya", "3/week", uint8(1), uint16(59), uint8(13))
	f.Add("=cmd|' /C calc'!A0\nx", `=HYPERLINK("http://x","y")`, "+1", "-cmd", "@SUM(A1)", "2/day", uint8(2), uint16(86), uint8(31))
	f.Add("Кофейня «Утро»", `a,b;c\d`, "видео", "Новости 📰", "Ёжик", "weekdays", uint8(3), uint16(300), uint8(7))
	f.Add("\x00\t\r", "CON", "..", "\u200b", "../../etc/passwd", "daily", uint8(4), uint16(88), uint8(3))
	zones := []string{"UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago"}
	f.Fuzz(func(t *testing.T, plan, channel, format, pillar, writer, freq string, zone uint8, start uint16, length uint8) {
		first := calendar.MakeDate(2027, 1, 1) + calendar.Date(start%800)
		spec := fmt.Sprintf(`[plan]
name = %s
start = %s
end = %s
timezone = %q
borrowed = "30%%"
holidays = "RU"

[[channel]]
name = %s
frequency = %s
formats = [%s, "text"]

[[channel]]
name = "Other"
frequency = "daily"
times = ["23:30"]
formats = ["photo"]

[[pillar]]
name = %s

[[pillar]]
name = "Tips"
weight = 2

[[writer]]
name = %s
channels = [%s]

[[date]]
name = %s
date = %s
skip = %t
`, tomlString(plan), first, first+calendar.Date(length%62), zones[int(zone)%len(zones)],
			tomlString(channel), tomlString(freq), tomlString(format), tomlString(pillar),
			tomlString(writer), tomlString(channel), tomlString(pillar), first+calendar.Date(length%5), zone%2 == 0)
		s, err := calspec.Parse("names.toml", strings.NewReader(spec))
		if err != nil {
			return
		}
		p, err := calendar.Build(s)
		if err != nil || p.Total > maxFuzzPosts {
			return
		}
		checkPipeline(t, p)
	})
}

// tomlString quotes s as a TOML basic string: TOML has no \x or \a, so
// control characters go as \uXXXX; invalid UTF-8, which TOML cannot carry,
// becomes U+FFFD.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
