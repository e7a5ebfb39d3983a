package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
)

// awkwardPlan carries, in every kind of Plan cell, what the cell encoder
// must write as excelize does: XML's special characters, control
// characters, emoji, excelize's "_xHHHH_" escapes, white space to
// preserve, texts over a cell's 32767 characters (cut in the middle of an
// emoji's surrogate pair), and dates before and around Excel's 1900 leap
// day bug.
func awkwardPlan() *calendar.Plan {
	texts := awkwardTexts()
	long := texts[6]
	ch := &calendar.Channel{Name: "A&B <ch>", Limit: 100}
	f := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "_x0042_ fmt", Cost: 1e21}}
	p := &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: " pillar\t", Objective: long}}
	var posts []calendar.Post
	days := []calendar.Date{calendar.MakeDate(1899, 12, 30), calendar.MakeDate(1899, 12, 31), calendar.MakeDate(1900, 1, 1),
		calendar.MakeDate(1900, 2, 28), calendar.MakeDate(1900, 3, 1), calendar.MakeDate(1900, 3, 2)}
	for i, s := range texts {
		d := days[i%len(days)]
		posts = append(posts, calendar.Post{ID: s, Date: d, Time: calendar.Clock(i * 97 % 1440), Channel: ch, Format: f,
			Source: calendar.Borrowed, Pillar: p, Campaign: s, Title: s, Writer: s, DraftDue: d - 1, Status: s,
			Cost: []float64{0.1 + 0.2, -1, math.Inf(1), 123456789.123456789}[i%4]})
	}
	plan := &calendar.Plan{Name: texts[0], Timezone: "UTC", Location: time.UTC, Currency: "EUR"}
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range posts {
			if !yield(p) {
				return
			}
		}
	})
	return plan
}

// awkwardTexts are the texts of awkwardPlan.
func awkwardTexts() []string {
	long := strings.Repeat("a", excelize.TotalCellChars-1) + "😀 tail"
	return []string{
		`<b class="x">Tom & Jerry's</b>`, "ctl \x01\x08\x1f and \x7f", "emoji 😀🇩🇪 and \u2028\ufffe",
		"_x0041_ _x005F_x0041_ _x005f_ _xZZZZ_", " padded ", "\nbroken\r\nlines\t", long,
		strings.Repeat("é", 20000), "\xff\xfe bad utf-8", "]]> &amp;",
	}
}

// TestRowEncoderMatchesSetRow holds the Plan's hand-written rows to
// excelize: every workbook written with them is byte for byte the one
// SetRow writes.
func TestRowEncoderMatchesSetRow(t *testing.T) {
	t.Parallel()
	type example struct {
		name string
		plan func() *calendar.Plan
		opt  Options
	}
	examples := []example{
		{"quarter", xlsxPlan, Options{}},
		{"quarter for one writer", xlsxPlan, Options{Writer: "Ilya"}},
		{"record", testutil.RecordPlan, Options{}},
		{"awkward", awkwardPlan, Options{}},
		{"empty", testutil.EmptyPlan, Options{}},
		{"many", func() *calendar.Plan { return benchPlan(3000) }, Options{}},
	}
	specs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	for _, path := range specs {
		examples = append(examples, example{filepath.Base(path), func() *calendar.Plan { return testutil.BuildExample(t, path) }, Options{}})
	}
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			plan := ex.plan()
			ex.opt.Now = testNow
			lib := ex.opt
			lib.libraryRows = true
			want, _ := writeXLSX(t, plan, lib)
			got, _ := writeXLSX(t, plan, ex.opt)
			if !bytes.Equal(got, want) {
				diffParts(t, got, want)
			}
			// A workbook carrying kept work: the copy, notes and the Length
			// formula over them, from a workbook read back.
			kept := readBytes(t, want)
			for i := range kept.Rows {
				texts := awkwardTexts()
				kept.Rows[i].Copy, kept.Rows[i].Notes = texts[i%len(texts)], texts[(i+3)%len(texts)]
			}
			ex.opt.Keep, lib.Keep = NewKeep(kept), NewKeep(kept)
			want, _ = writeXLSX(t, plan, lib)
			got, _ = writeXLSX(t, plan, ex.opt)
			if !bytes.Equal(got, want) {
				diffParts(t, got, want)
			}
		})
	}
}

// diffParts fails t with the first part where two workbooks differ, and
// where in it.
func diffParts(t *testing.T, got, want []byte) {
	t.Helper()
	g, w := zipParts(t, got), zipParts(t, want)
	for name, wb := range w {
		gb := g[name]
		if bytes.Equal(gb, wb) {
			continue
		}
		i := 0
		for i < len(gb) && i < len(wb) && gb[i] == wb[i] {
			i++
		}
		from := max(0, i-200)
		t.Fatalf("%s differs at byte %d:\n got …%s\nwant …%s", name, i, gb[from:min(len(gb), i+200)], wb[from:min(len(wb), i+200)])
	}
	t.Fatalf("the workbooks differ, their parts do not (%d and %d bytes)", len(got), len(want))
}

func zipParts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := make(map[string][]byte)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// setRowXML is what excelize's StreamWriter writes for row 2 of cells,
// with colStyle the style of column 2, and SetRow's error.
func setRowXML(t *testing.T, cells []any, height float64) (xml []byte, colStyle int, err error) {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetColStyle(2, 2, style); err != nil {
		t.Fatal(err)
	}
	opts := []excelize.RowOpts{}
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	if err := sw.SetRow("A2", cells, opts...); err != nil {
		return nil, style, err
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	sheet := zipParts(t, buf.Bytes())["xl/worksheets/sheet1.xml"]
	start, end := bytes.Index(sheet, []byte(`<row r="2"`)), bytes.Index(sheet, sheetDataEnd)
	if start < 0 || end < start {
		t.Fatalf("no row 2 in %s", sheet)
	}
	return sheet[start:end], style, nil
}

// FuzzRowEncoder compares the encoder's row with SetRow's for a text, a
// number, an integer and a date in every way the Plan gives a value: in a
// styled *Cell, in a Cell whose column has a style, bare, and as the
// cached value of a formula.
func FuzzRowEncoder(f *testing.F) {
	for _, s := range []string{"", "plain", " lead", "tab\t", "<&>\"'", "\x00\x01\ufffe", "_x0041_", "_x005F_x0041_",
		"Кофе дня\nс корицей", "😀", "=HYPERLINK(\"http://x\")", "\xff"} {
		f.Add(s, 0.1, 42, int64(46388), 15.0)
	}
	f.Add(strings.Repeat("😀", excelize.TotalCellChars/2+1), math.Inf(-1), -1, int64(-700000), 409.5)
	f.Add("x", 1e300, math.MaxInt, int64(2958465), 410.0)
	f.Add("x", math.NaN(), math.MinInt, int64(59), 0.0)
	f.Fuzz(func(t *testing.T, s string, fl float64, n int, days int64, height float64) {
		day := time.Unix((days%4_000_000-25569)*86400, 0).UTC()
		cells := []any{
			&excelize.Cell{StyleID: 7, Value: s}, excelize.Cell{Value: s}, s, nil, fl, n,
			&excelize.Cell{StyleID: 3, Formula: "LEN(A2)", Value: n}, excelize.Cell{Formula: `A1&"<x>"`, Value: s},
			excelize.Cell{StyleID: 4, Formula: "1/3", Value: fl}, &excelize.Cell{StyleID: 5, Value: day},
			&excelize.Cell{StyleID: 6, Formula: "TRUE()", Value: n > 0}, excelize.Cell{Formula: "NA()"},
		}
		want, style, werr := setRowXML(t, cells, height)
		enc := rowEncoder{colStyles: map[int]int{2: style}}
		got, err := enc.appendRow(nil, 2, cells, height)
		if (err != nil) != (werr != nil) {
			t.Fatalf("error %v, SetRow's %v", err, werr)
		}
		if err == nil && !bytes.Equal(got, want) {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// BenchmarkPlanRows writes a workbook of n posts with the Plan's rows
// through the encoder and through SetRow.
func BenchmarkPlanRows(b *testing.B) {
	plan := benchPlan(100_000)
	for _, lib := range []bool{false, true} {
		name := "encoder"
		if lib {
			name = "SetRow"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var cw countWriter
				if err := Write(&cw, plan, Options{libraryRows: lib}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
