package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// readBytes reads a workbook from memory, failing t on an error.
func readBytes(t testing.TB, data []byte) *Workbook {
	t.Helper()
	b, err := ReadWorkbook(bytes.NewReader(data), int64(len(data)), "plan.xlsx")
	if err != nil {
		t.Fatalf("%v\nhints: %q", err, calendar.HintsOf(err))
	}
	return b
}

// TestReadWorkbookRoundTrip reads back what Write wrote, in each language:
// a row per post with every field the plan put there, the marker's plan,
// zone and channels.
func TestReadWorkbookRoundTrip(t *testing.T) {
	t.Parallel()
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			plan := xlsxPlan()
			plan.Language, plan.ID = lang, "northwind"
			data, _ := writeXLSX(t, plan, Options{Now: testNow})
			b := readBytes(t, data)
			if b.Version != FormatVersion || b.Plan != plan.Name || b.PlanID != "northwind" || b.Language != lang ||
				b.Timezone != "Europe/Moscow" || b.Writer != "" || len(b.Removed) != 0 || b.Cap != 3000 {
				t.Errorf("workbook %+v", b)
			}
			if ig := b.Channel("Instagram"); ig == nil || ig.ID != "ig" || ig.Cap != 2000 || ig.Limit != 2200 {
				t.Errorf("Instagram in the marker: %+v", ig)
			}
			if vk := b.Channel("VK*"); vk == nil || vk.Cap != 2500 || vk.Limit != 0 {
				t.Errorf("VK* in the marker: %+v", vk)
			}
			var i int
			occasions := calendar.NewOccasionText(plan)
			for p := range plan.Posts() {
				if i >= len(b.Rows) {
					t.Fatalf("%d rows, want %d", len(b.Rows), plan.Total)
				}
				r := b.Rows[i]
				i++
				want := Row{Sheet: i18n.For(lang).SheetPlan, Line: i + 1, ID: p.ID, Date: p.Date, Time: p.Time, DraftDue: p.DraftDue,
					HasDate: true, HasTime: true, HasDraftDue: true, Channel: p.Channel.Name, Format: p.Format.Name,
					Source: p.Source, Writer: p.Writer, Status: "planned", Limit: p.Channel.Limit, Cost: p.Cost,
					Occasion: occasions.On(p.Date)}
				got := r
				got.SourceText, got.StatusText, got.Brief, got.Pillar, got.Objective, got.Campaign, got.Generated = "", "", "", "", "", "", nil
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("row %d:\n got %+v\nwant %+v", r.Line, got, want)
				}
				g := Generated{Date: p.Date, Time: p.Time, Channel: p.Channel.Name, Format: p.Format.Name, Source: p.Source, Writer: p.Writer}
				if r.Generated == nil || *r.Generated != g || r.Campaign != p.Campaign || r.Pillar != p.Pillar.Name || len(r.Problems) > 0 {
					t.Fatalf("row %d: generated %+v, campaign %q, pillar %q, problems %q", r.Line, r.Generated, r.Campaign, r.Pillar, r.Problems)
				}
			}
			if i != len(b.Rows) {
				t.Errorf("%d rows, want %d", len(b.Rows), i)
			}
		})
	}
}

// sheetSpec is a hand-made workbook for the reader: a marker, and a Plan
// sheet of rows (the header among them).
type sheetSpec struct {
	marker [][]string // nil: none
	sheet  string     // the Plan sheet's name
	rows   [][]any
}

// ourMarker is a marker as Write makes it.
var ourMarker = [][]string{{"format", markerFormat}, {"version", "1"}, {"plan", "P"}, {"time zone", "UTC"},
	{"channel", "Telegram", "tg", "0.3", "4096"}}

// handMade writes the workbook s describes.
func handMade(t testing.TB, s sheetSpec) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if s.sheet == "" {
		s.sheet = "Plan"
	}
	if err := f.SetSheetName("Sheet1", s.sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range s.rows {
		if err := f.SetSheetRow(s.sheet, cellRef(1, r+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	if s.marker != nil {
		f.NewSheet(markerSheet)
		for r, row := range s.marker {
			if err := f.SetSheetRow(markerSheet, cellRef(1, r+1), &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadWorkbookColumns reads hand-made Plan sheets: headers in each
// language and in any order, with columns the writers added, without the
// columns of earlier or later versions (Occasion), a title row over the
// header, rows without an id, and dates and times as LibreOffice and
// Google Sheets may give them back.
func TestReadWorkbookColumns(t *testing.T) {
	t.Parallel()
	en, ru, bg := i18n.For("en").Columns, i18n.For("ru").Columns, i18n.For("bg").Columns
	want := Row{Sheet: "Plan", ID: "p1", Date: calendar.MakeDate(2027, 1, 5), HasDate: true, Time: 8*60 + 30, HasTime: true,
		Channel: "Telegram", Source: calendar.Borrowed, Status: "needs changes", Title: "Кофе", Copy: "Текст\nпоста", Notes: "n"}
	for _, tc := range []struct {
		name   string
		header []any
		row    []any
		line   int
	}{
		{"en", []any{en[colID-1], en[colDate-1], "Time (UTC)", en[colChannel-1], en[colSource-1], en[colStatus-1], en[colTitle-1], en[colCopy-1], en[colNotes-1]},
			[]any{"p1", 46392, 0.3541666666666667, "Telegram", "Borrowed", "Needs changes", "Кофе", "Текст\nпоста", "n"}, 2},
		{"ru reordered, an extra column", []any{ru[colCopy-1], "Комментарий редактора", ru[colStatus-1], ru[colID-1], ru[colNotes-1], ru[colTitle-1], ru[colSource-1], ru[colChannel-1], "Время (Europe/Moscow)", ru[colDate-1]},
			[]any{"Текст\nпоста", "лишнее", "На доработке", "p1", "n", "Кофе", "Заимствованный", "Telegram", "08:30", "05.01.2027"}, 2},
		{"bg, text dates", []any{bg[colID-1], bg[colDate-1], bg[colTime-1], bg[colChannel-1], bg[colSource-1], bg[colStatus-1], bg[colTitle-1], bg[colCopy-1], bg[colNotes-1]},
			[]any{"p1", "2027-01-05", "8:30 AM", "Telegram", "Заимстван", "За корекции", "Кофе", "Текст\nпоста", "n"}, 2},
		{"mixed languages, keys, retyped headers", []any{" id ", "DATE", "время", "Канал", "source", "Status", "ЗАГЛАВИЕ", "copy (chars)", "notes"},
			[]any{"p1", "2027-01-05 00:00:00", 0.3541666666666667, "Telegram", "borrowed", "needs changes", "Кофе", "Текст\nпоста", "n"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			noID := make([]any, len(tc.header))
			for i, h := range tc.header {
				if columnOf(h.(string)) != colID {
					noID[i] = "a row without an id"
				}
			}
			rows := [][]any{tc.header, tc.row, noID}
			b := readBytes(t, handMade(t, sheetSpec{marker: ourMarker, rows: rows}))
			if len(b.Rows) != 1 {
				t.Fatalf("%d rows: %+v", len(b.Rows), b.Rows)
			}
			got := b.Rows[0]
			got.SourceText, got.StatusText = "", ""
			w := want
			w.Line = tc.line
			if fmt.Sprint(got) != fmt.Sprint(w) {
				t.Errorf("\n got %+v\nwant %+v", got, w)
			}
		})
	}
	// The Occasion column, in Russian: read like the other names.
	rows := [][]any{{ru[colID-1], ru[colOccasion-1]}, {"p1", "День Победы; 10 лет пекарне"}}
	if b := readBytes(t, handMade(t, sheetSpec{marker: ourMarker, rows: rows})); len(b.Rows) != 1 || b.Rows[0].Occasion != "День Победы; 10 лет пекарне" {
		t.Errorf("rows %+v", b.Rows)
	}

	// A title row over the header, and cells that do not read.
	rows = [][]any{{"Northwind, Q1"}, {}, {"ID", "Date", "Time", "Status", "Cost"}, {"p1", "tomorrow", "noon", "done", "cheap"}}
	b := readBytes(t, handMade(t, sheetSpec{marker: ourMarker, rows: rows}))
	if len(b.Rows) != 1 || b.Rows[0].Line != 4 || b.Rows[0].HasDate || b.Rows[0].HasTime || b.Rows[0].Status != "" || b.Rows[0].StatusText != "done" {
		t.Fatalf("rows %+v", b.Rows)
	}
	wantProblems := []string{`date "tomorrow": not a date`, `time "noon": not a time of day`, `cost "cheap": not a number`}
	if !slices.Equal(b.Rows[0].Problems, wantProblems) {
		t.Errorf("problems %q, want %q", b.Rows[0].Problems, wantProblems)
	}
	if got := b.Where(&b.Rows[0]); got != `plan.xlsx: sheet "Plan" row 4` {
		t.Errorf("Where = %q", got)
	}
}

// TestReadWorkbookRefuses: every kind of file that is not a readable
// contentplan workbook gets its own error, with hints, and no panic.
func TestReadWorkbookRefuses(t *testing.T) {
	t.Parallel()
	header := []any{"ID", "Date"}
	good := handMade(t, sheetSpec{marker: ourMarker, rows: [][]any{header, {"p1", 46392}}})
	for _, tc := range []struct {
		name string
		data []byte
		size int64 // 0: len(data)
		want string
	}{
		{"empty file", nil, 0, "plan.xlsx: not an .xlsx workbook (not a zip archive)"},
		{"csv", []byte("id,date\np1,2027-01-05\n"), 0, "plan.xlsx: not an .xlsx workbook (not a zip archive)"},
		{"encrypted or xls", append(slices.Clone(oleMagic), make([]byte, 600)...), 0, "plan.xlsx: encrypted, or an old .xls workbook: contentplan reads .xlsx files without a password"},
		{"truncated", good[:len(good)/2], 0, "plan.xlsx: damaged: not a complete zip archive"},
		{"over the size limit", nil, MaxWorkbookSize + 1, "plan.xlsx: too big to read as a workbook: 256.0 MiB, over the limit of 256.0 MiB"},
		{"zip bomb: ratio", zipOf(t, zipEntry{name: "xl/worksheets/sheet1.xml", data: make([]byte, 50<<20)}), 0,
			`plan.xlsx: refused as a zip bomb: "xl/worksheets/sheet1.xml" unpacks to 50.0 MiB from`},
		{"zip bomb: entries", zipOf(t, manyEntries(maxZipEntries+1)...), 0, "plan.xlsx: refused as a zip bomb: 10001 files in the archive, over the limit of 10000"},
		{"zip bomb: declared sizes", zipOf(t, lyingEntries(50, 100<<20)...), 0, "plan.xlsx: refused as a zip bomb: the files unpack to more than 4.0 GiB"},
		{"zip bomb: one part", zipOf(t, lyingEntries(1, 3<<30)...), 0, `plan.xlsx: refused as a zip bomb: "xl/worksheets/sheet0.xml" unpacks to 3.0 GiB, over the limit of 2.0 GiB`},
		{"zip bomb: styles", zipOf(t, zipEntry{name: "xl/styles.xml", raw: true, size: 200 << 20, packed: 4 << 20}), 0, `plan.xlsx: refused as a zip bomb: "xl/styles.xml" unpacks to 200.0 MiB, over the limit of 128.0 MiB`},
		{"ods", zipOf(t, zipEntry{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet")}), 0, "plan.xlsx: an OpenDocument spreadsheet (.ods), not an .xlsx workbook"},
		{"docx", zipOf(t, zipEntry{name: "word/document.xml", data: []byte("<w/>")}), 0, "plan.xlsx: a zip archive, but not an .xlsx workbook"},
		{"broken workbook part", zipOf(t, zipEntry{name: "xl/workbook.xml", data: []byte("<workbook")}), 0, "plan.xlsx: "},
		{"no marker", handMade(t, sheetSpec{rows: [][]any{header, {"p1", 46392}}}), 0, `plan.xlsx: not a contentplan workbook: it has no "contentplan" sheet`},
		{"another marker", handMade(t, sheetSpec{marker: [][]string{{"format", "something"}}, rows: [][]any{header}}), 0, `plan.xlsx: not a contentplan workbook: its "contentplan" sheet does not say so`},
		{"newer", handMade(t, sheetSpec{marker: [][]string{{"format", markerFormat}, {"version", "2"}}, rows: [][]any{header}}), 0, "plan.xlsx: written by a newer contentplan (workbook version 2; this one reads 1)"},
		{"no Plan sheet", handMade(t, sheetSpec{marker: ourMarker, sheet: "Sheet 1", rows: [][]any{header}}), 0, `plan.xlsx: not a contentplan workbook: no "Plan" sheet`},
		{"no ID column", handMade(t, sheetSpec{marker: ourMarker, rows: [][]any{{"Date", "Title"}, {46392, "x"}}}), 0, `plan.xlsx: sheet "Plan" row 1: no ID column`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			size := tc.size
			if size == 0 {
				size = int64(len(tc.data))
			}
			_, err := ReadWorkbook(bytes.NewReader(tc.data), size, "plan.xlsx")
			var he *calendar.HintError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v (%T), want a *calendar.HintError", err, err)
			}
			if !strings.HasPrefix(he.Msg, tc.want) || len(he.Hints) == 0 {
				t.Errorf("err = %q, hints %q\nwant %q…", he.Msg, he.Hints, tc.want)
			}
			if he.Msg != strings.ToLower(he.Msg[:1])+he.Msg[1:] || strings.HasSuffix(he.Msg, ".") {
				t.Errorf("err %q: want lower case, no final period", he.Msg)
			}
		})
	}
}

// zipEntry is a file of a hand-made zip: data deflated, or with raw a
// header that says size bytes packed into packed, over a few real bytes.
type zipEntry struct {
	name         string
	data         []byte
	raw          bool
	size, packed uint64
}

func zipOf(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		var w interface{ Write([]byte) (int, error) }
		var err error
		if e.raw {
			w, err = zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, UncompressedSize64: e.size, CompressedSize64: e.packed})
		} else {
			w, err = zw.Create(e.name)
		}
		if err != nil {
			t.Fatal(err)
		}
		if e.raw {
			e.data = []byte{3, 0}
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyEntries are n tiny files.
func manyEntries(n int) []zipEntry {
	out := make([]zipEntry, n)
	for i := range out {
		out[i] = zipEntry{name: fmt.Sprintf("xl/media/%d.txt", i), data: []byte("x")}
	}
	return out
}

// lyingEntries are n worksheets whose headers each say they unpack to size
// bytes at 50:1, a ratio that passes.
func lyingEntries(n int, size uint64) []zipEntry {
	out := make([]zipEntry, n)
	for i := range out {
		out[i] = zipEntry{name: fmt.Sprintf("xl/worksheets/sheet%d.xml", i), raw: true, size: size, packed: size / 50}
	}
	return out
}

// TestReadFile reads a workbook from disk, and says what is wrong with a
// path that is no file.
func TestReadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	path := filepath.Join(dir, "plan.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadFile(path)
	if err != nil || b.File != path || len(b.Rows) != xlsxPlan().Total {
		t.Fatalf("ReadFile: %v, %+v", err, b)
	}
	if _, err := ReadFile(dir); err == nil || !strings.Contains(err.Error(), "not a file") {
		t.Errorf("a folder: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.xlsx")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestParseCells pins the texts a date or time cell may come back as.
func TestParseCells(t *testing.T) {
	t.Parallel()
	d := calendar.MakeDate(2027, 1, 5)
	for in, want := range map[string]calendar.Date{"46392": d, "46392.75": d, "2027-01-05": d, "05.01.2027": d, "5.1.2027": d,
		"2027/01/05": d, "2027-01-05T00:00:00": d, " 2027-01-05 ": d} {
		if got, ok := parseDate(in); !ok || got != want {
			t.Errorf("parseDate(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "0", "-1", "1e300", "NaN", "Inf", "01/05/2027", "2027-13-01", "tomorrow"} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want none", in, got)
		}
	}
	for in, want := range map[string]calendar.Clock{"0.3541666666666667": 510, "46392.354166667": 510, "08:30": 510, "8:30": 510,
		"08:30:00": 510, "8:30 AM": 510, "8:30 pm": 1230, "0.99999": 0, "0": 0} {
		if got, ok := parseTime(in); !ok || got != want {
			t.Errorf("parseTime(%q) = %v, %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-0.5", "25:00", "noon", "NaN"} {
		if got, ok := parseTime(in); ok {
			t.Errorf("parseTime(%q) = %v, want none", in, got)
		}
	}
	g := Generated{Date: d, Time: 510, Channel: "=Tele\"gram\\\n\x01", Format: "фото", Source: calendar.Own, Writer: "\xff"}
	back := parseGenerated(string(appendGenerated(nil, &g)))
	g.Writer = "\uFFFD"
	if back == nil || *back != g {
		t.Errorf("generated %+v, read back %+v", g, back)
	}
	for _, bad := range []string{"", "[]", `["2027-01-05","08:30","a","b","own"]`, `["x","08:30","a","b","own","w"]`, `{"a":1}`} {
		if parseGenerated(bad) != nil {
			t.Errorf("parseGenerated(%q) read", bad)
		}
	}
}

// TestHeaders: no header means two columns in two languages, and every
// language's headers read back as their columns.
func TestHeaders(t *testing.T) {
	t.Parallel()
	seen := map[string]int{}
	for _, lang := range i18n.Languages() {
		tx := i18n.For(lang)
		if len(tx.Columns) != numCols || len(tx.Statuses) != len(Statuses) {
			t.Fatalf("%s: %d columns, %d statuses", lang, len(tx.Columns), len(tx.Statuses))
		}
		for i, h := range tx.Columns {
			if c, ok := seen[headerKey(h)]; ok && c != i+1 {
				t.Errorf("%s: %q names column %d and %d", lang, h, c, i+1)
			}
			seen[headerKey(h)] = i + 1
			if columnOf(h) != i+1 {
				t.Errorf("%s: %q reads as column %d, want %d", lang, h, columnOf(h), i+1)
			}
		}
		if c := columnOf(fmt.Sprintf(tx.TimeIn, "America/Argentina/Buenos_Aires")); c != colTime {
			t.Errorf("%s: the Time header with a zone reads as column %d", lang, c)
		}
		for i, s := range tx.Statuses {
			if statusKey(s) != Statuses[i] || statusKey(strings.ToUpper(s)) != Statuses[i] {
				t.Errorf("%s: status %q reads as %q", lang, s, statusKey(s))
			}
		}
	}
}

func TestCopyLength(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]int{"": 0, "abc": 3, "Кофе": 4, "☕": 1, "😀": 2, "a\nb": 3} {
		if got := CopyLength(s); got != want {
			t.Errorf("CopyLength(%q) = %d, want %d", s, got, want)
		}
	}
}
