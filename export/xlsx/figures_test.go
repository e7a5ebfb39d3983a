package xlsx

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/table"
	"github.com/contentplan/contentplan/i18n"
)

// The figures of the Mix, Writers and Budget, as every reader must show
// them: counted here from the plan's csv (not from calendar.Tally, which
// the workbook counts with), cell by cell, where the workbook as written
// puts its labels. Each reader's cells (excelize's raw values, openpyxl,
// pandas, LibreOffice and Gnumeric after recalculating) are then compared
// with these.

// postRec is a post as the csv has it.
type postRec struct {
	id, channel, format, source, pillar, writer string
	date, due                                   calendar.Date
	cost                                        float64
}

// csvPosts reads plan's csv into records, the posts of the workbook of
// opt (a writer's, the unassigned) only, with edits applied: flip makes a
// post borrowed, reassign gives posts other writers, both by id.
func csvPosts(t *testing.T, plan *calendar.Plan, opt Options, flip string, reassign map[string]string) []postRec {
	t.Helper()
	writers := map[string]bool{}
	for _, w := range plan.Writers {
		writers[w.Name] = true
	}
	var out []postRec
	for _, r := range csvRecords(t, plan) {
		// id,date,time,timezone,channel,format,source,pillar,objective,campaign,title,writer,draft_due,status,cost
		p := postRec{id: r[0], channel: r[4], format: r[5], source: r[6], pillar: r[7], writer: r[11]}
		var err error
		if p.date, err = calendar.ParseDate(r[1]); err != nil {
			t.Fatalf("csv date %q: %v", r[1], err)
		}
		if p.due, err = calendar.ParseDate(r[12]); err != nil {
			t.Fatalf("csv draft due %q: %v", r[12], err)
		}
		if r[14] != "" {
			if p.cost, err = strconv.ParseFloat(r[14], 64); err != nil || math.IsNaN(p.cost) || math.IsInf(p.cost, 0) {
				p.cost = 0
			}
		}
		switch {
		case opt.Writer != "" && p.writer != opt.Writer:
			continue
		case opt.Unassigned && writers[p.writer]:
			continue
		}
		if p.id == flip {
			p.source = "borrowed"
		}
		if w, ok := reassign[p.id]; ok {
			p.writer = w
		}
		out = append(out, p)
	}
	return out
}

// figure is a cell of the Mix, Writers or Budget, and the value it must
// hold.
type figure struct {
	sheet, ref string
	want       float64
	kind       figureKind
}

type figureKind int

const (
	countFig figureKind = iota // compared exactly
	ratio                      // a share: to 1e-9
	money                      // a cost: in whole cents
)

// figures reads the labels of the Mix, Writers and Budget of f (the
// workbook as written) and says what each figure beside them must be,
// counted from posts.
func figures(t *testing.T, f *excelize.File, plan *calendar.Plan, posts []postRec) []figure {
	t.Helper()
	tx := i18n.For(plan.Language)
	out := mixFigures(t, f, tx, posts)
	sheets := f.GetSheetList()
	if slices.Contains(sheets, tx.SheetWriters) {
		out = append(out, writerFigures(t, f, tx, posts)...)
	}
	if slices.Contains(sheets, tx.SheetBudget) {
		out = append(out, budgetFigures(t, f, tx, posts)...)
	}
	return out
}

// rawRows are a sheet's cells as written: numbers and dates as numbers.
func rawRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// at is the cell in column c (from 1) of a row, "" past its end.
func at(row []string, c int) string {
	if c-1 < len(row) {
		return row[c-1]
	}
	return ""
}

// serialDate reads a date cell's serial number.
func serialDate(t *testing.T, s string) calendar.Date {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a date serial", s)
	}
	return calendar.MakeDate(1899, 12, 30).AddDays(int(v))
}

func ratioOf(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// countPosts counts the posts that match.
func countPosts(posts []postRec, match func(*postRec) bool) (n, own, borrowed int) {
	for i := range posts {
		if p := &posts[i]; match(p) {
			n++
			switch p.source {
			case "own":
				own++
			case "borrowed":
				borrowed++
			}
		}
	}
	return n, own, borrowed
}

func inMonthOf(d, first calendar.Date) bool {
	return d >= first && d < first.AddDays(first.DaysInMonth())
}

// mixFigures: per channel and month, each channel's and the whole plan's
// posts, own, borrowed and share; the formats' and pillars' posts and
// shares; the months on the right.
func mixFigures(t *testing.T, f *excelize.File, tx *i18n.Texts, posts []postRec) []figure {
	t.Helper()
	book := tx.Book()
	rows := rawRows(t, f, tx.SheetMix)
	var out []figure
	add := func(c, r int, v float64, k figureKind) {
		out = append(out, figure{tx.SheetMix, cellRef(c, r), v, k})
	}
	counts := func(r int, n, own, borrowed int) {
		add(mixPosts, r, float64(n), countFig)
		add(mixOwn, r, float64(own), countFig)
		add(mixBorrowed, r, float64(borrowed), countFig)
		add(mixShare, r, ratioOf(borrowed, n), ratio)
	}
	r := 2
	chanPosts := map[string]int{}
	ids := 0
	for _, p := range posts {
		if p.id != "" {
			ids++
		}
	}
	for ; r <= len(rows) && at(rows[r-1], mixChannel) != ""; r++ {
		row := rows[r-1]
		ch, month := at(row, mixChannel), at(row, mixMonth)
		last := r == len(rows) || at(rows[r], mixChannel) == ""
		switch {
		case last: // the whole plan: every post with an id, by COUNTA
			if ch != book.AllChannels || month != tx.Total {
				t.Fatalf("Mix row %d: %q %q, want the whole plan's", r, ch, month)
			}
			_, own, borrowed := countPosts(posts, func(*postRec) bool { return true })
			counts(r, ids, own, borrowed)
		case month == tx.Total:
			n, own, borrowed := countPosts(posts, func(p *postRec) bool { return p.channel == ch })
			chanPosts[ch] = n
			counts(r, n, own, borrowed)
		default:
			first := serialDate(t, month)
			n, own, borrowed := countPosts(posts, func(p *postRec) bool { return p.channel == ch && inMonthOf(p.date, first) })
			counts(r, n, own, borrowed)
		}
	}
	// The formats, then the pillars, each under its header row.
	for r++; r <= len(rows); r++ {
		row := rows[r-1]
		name := at(row, shareName)
		switch {
		case name == "":
		case name == tx.Channel && at(row, shareFormat) == tx.Columns[colFormat-1], name == tx.Pillar && at(row, shareFormat) == "":
		case at(row, shareFormat) != "": // a channel's format
			format := at(row, shareFormat)
			n, _, _ := countPosts(posts, func(p *postRec) bool { return p.channel == name && p.format == format })
			add(sharePosts, r, float64(n), countFig)
			add(shareShare, r, ratioOf(n, chanPosts[name]), ratio)
		default: // a pillar
			n, _, _ := countPosts(posts, func(p *postRec) bool { return p.pillar == name })
			add(sharePosts, r, float64(n), countFig)
			add(shareShare, r, ratioOf(n, ids), ratio)
		}
	}
	// All channels by month, the months named.
	for r := 2; r <= len(rows); r++ {
		label := at(rows[r-1], mixByMonth)
		if label == "" {
			continue
		}
		first := monthOfLabel(t, tx, label)
		n, own, borrowed := countPosts(posts, func(p *postRec) bool { return inMonthOf(p.date, first) })
		add(mixByPosts, r, float64(n), countFig)
		add(mixByOwn, r, float64(own), countFig)
		add(mixByBorrowed, r, float64(borrowed), countFig)
	}
	return out
}

// monthOfLabel reads "May 2027" in the plan's language.
func monthOfLabel(t *testing.T, tx *i18n.Texts, label string) calendar.Date {
	t.Helper()
	name, year, _ := strings.Cut(label, " ")
	y, err := strconv.Atoi(year)
	for m := range 12 {
		if err == nil && tx.Months[m] == name {
			return calendar.MakeDate(y, time.Month(m+1), 1)
		}
	}
	t.Fatalf("Mix: %q is no month", label)
	return 0
}

// writerFigures: each writer's posts due per week and in all, the
// unassigned's, and the totals.
func writerFigures(t *testing.T, f *excelize.File, tx *i18n.Texts, posts []postRec) []figure {
	t.Helper()
	rows := rawRows(t, f, tx.SheetWriters)
	totalCol := 0
	for c := wrFirstWeek; c <= len(rows[0]); c++ {
		if at(rows[0], c) == tx.Total {
			totalCol = c
			break
		}
	}
	if totalCol == 0 {
		t.Fatalf("Writers: no %q column in %q", tx.Total, rows[0])
	}
	var out []figure
	sums := make([]float64, totalCol+1)
	for r := 3; r <= len(rows); r++ {
		name := at(rows[r-1], wrName)
		if name == tx.Total {
			for c := wrFirstWeek; c <= totalCol; c++ {
				out = append(out, figure{tx.SheetWriters, cellRef(c, r), sums[c], countFig})
			}
			break
		}
		if name == tx.Unassigned {
			name = ""
		}
		for c := wrFirstWeek; c <= totalCol; c++ {
			match := func(p *postRec) bool { return p.writer == name }
			if c < totalCol {
				monday := serialDate(t, at(rows[1], c))
				match = func(p *postRec) bool { return p.writer == name && p.due >= monday && p.due <= monday+6 }
			}
			n, _, _ := countPosts(posts, match)
			sums[c] += float64(n)
			out = append(out, figure{tx.SheetWriters, cellRef(c, r), float64(n), countFig})
		}
	}
	return out
}

// budgetFigures: each channel's costs per month and in all, and the
// totals.
func budgetFigures(t *testing.T, f *excelize.File, tx *i18n.Texts, posts []postRec) []figure {
	t.Helper()
	rows := rawRows(t, f, tx.SheetBudget)
	totalCol := 0
	for c := 2; c <= len(rows[0]); c++ {
		if at(rows[0], c) == tx.Total {
			totalCol = c
			break
		}
	}
	var out []figure
	sums := make([]float64, totalCol+1)
	for r := 2; r <= len(rows); r++ {
		ch := at(rows[r-1], 1)
		if ch == tx.Total {
			for c := 2; c <= totalCol; c++ {
				out = append(out, figure{tx.SheetBudget, cellRef(c, r), sums[c], money})
			}
			break
		}
		rowSum := 0.0
		for c := 2; c <= totalCol; c++ {
			v := 0.0
			for _, p := range posts {
				if p.channel == ch && (c == totalCol || inMonthOf(p.date, serialDate(t, at(rows[0], c)))) {
					v += p.cost
				}
			}
			if c < totalCol {
				rowSum += v
			} else if totalCol > 2 {
				v = rowSum
			}
			sums[c] += v
			out = append(out, figure{tx.SheetBudget, cellRef(c, r), v, money})
		}
	}
	return out
}

// readerCells are the cells of sheets as one reader shows them, by sheet
// and A1 reference, as text.
type readerCells map[string]map[string]string

// compareFigures checks that a reader shows every figure: a number (not
// an error, not the formula's text, not blank) equal to the one wanted. It
// reports the first few differences.
func compareFigures(t *testing.T, reader string, figs []figure, got readerCells) {
	t.Helper()
	if len(figs) == 0 {
		t.Errorf("%s: no figures to compare", reader)
	}
	bad := 0
	for _, fg := range figs {
		s := strings.TrimSpace(got[fg.sheet][fg.ref])
		v, err := readNumber(s)
		ok := err == nil
		switch fg.kind {
		case countFig:
			ok = ok && v == fg.want
		case ratio:
			ok = ok && math.Abs(v-fg.want) < 1e-9
		case money:
			ok = ok && math.Round(v*100) == math.Round(fg.want*100)
		}
		if !ok {
			if bad++; bad <= 8 {
				t.Errorf("%s: %s!%s shows %q, want %v", reader, fg.sheet, fg.ref, s, fg.want)
			}
		}
	}
	if bad > 8 {
		t.Errorf("%s: … %d figures differ in all", reader, bad)
	}
}

// readNumber reads a figure as a reader shows it: a number, or a share
// with a percent sign (LibreOffice's csv).
func readNumber(s string) (float64, error) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(p, 64)
		return v / 100, err
	}
	return strconv.ParseFloat(s, 64)
}

// writtenCells are the values the workbook carries, as excelize reads them
// raw: what a reader that does not recalculate shows.
func writtenCells(t *testing.T, f *excelize.File, figs []figure) readerCells {
	t.Helper()
	got := readerCells{}
	for _, fg := range figs {
		v, err := f.GetCellValue(fg.sheet, fg.ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got[fg.sheet] == nil {
			got[fg.sheet] = map[string]string{}
		}
		got[fg.sheet][fg.ref] = v
	}
	return got
}

// figureSheets are the sheets whose figures the readers are asked for: the
// Mix, Writers and Budget. The KPI sheet's figures count statuses, which
// the csv does not have; TestKPISheet and the review's interop test check
// them.
func figureSheets(f *excelize.File, tx *i18n.Texts) []string {
	var out []string
	for _, s := range f.GetSheetList() {
		if s != tx.Review().Sheet && slices.Contains(formulaSheets(tx), s) {
			out = append(out, s)
		}
	}
	return out
}

// mustFormulas checks that every formula of the Mix, Writers and Budget
// is a figure the readers are compared on, so that none goes unchecked;
// a static workbook has none.
func mustFormulas(t *testing.T, f *excelize.File, tx *i18n.Texts, figs []figure) {
	t.Helper()
	want := map[string]bool{}
	for _, fg := range figs {
		want[fg.sheet+"!"+fg.ref] = true
	}
	for _, sheet := range figureSheets(f, tx) {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				ref := cellRef(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" && !want[sheet+"!"+ref] {
					t.Errorf("%s!%s = %s is no figure the test knows", sheet, ref, fm)
				}
			}
		}
	}
}

// csvRecords are the rows of plan's csv under its header, the csv's
// formula guard (a leading apostrophe) undone.
func csvRecords(t *testing.T, plan *calendar.Plan) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := table.WriteCSV(&buf, plan); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		for i, v := range r {
			if strings.HasPrefix(v, "'") && table.DefuseCell(v[1:]) == v {
				r[i] = v[1:]
			}
		}
	}
	return recs[1:]
}

// String names a figure for failure messages.
func (fg figure) String() string { return fmt.Sprintf("%s!%s=%v", fg.sheet, fg.ref, fg.want) }

// TestWriteXLSXFigures: every formula of the Mix, Writers and Budget of
// every example (and of the quarter's workbooks of --split writer) carries
// the value it computes, which is the figure the csv gives, so that a
// reader that does not recalculate shows it; and each formula is one of
// those figures.
func TestWriteXLSXFigures(t *testing.T) {
	t.Parallel()
	plans := xlsxExamples(t)
	type tc struct {
		name string
		opt  Options
	}
	var cases []tc
	for _, name := range slices.Sorted(maps.Keys(plans)) {
		cases = append(cases, tc{name, Options{}})
	}
	cases = append(cases, tc{"quarter", Options{Writer: "Ilya"}}, tc{"quarter", Options{Writer: "Olga"}},
		tc{"quarter", Options{Unassigned: true}}, tc{"agency", Options{Writer: "Ana"}}, tc{"ru_bakery", Options{Unassigned: true}})
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%s/%v", c.name, c.opt.Writer, c.opt.Unassigned), func(t *testing.T) {
			t.Parallel()
			plan := plans[c.name]
			_, f := writeXLSX(t, plan, c.opt)
			figs := figures(t, f, plan, csvPosts(t, plan, c.opt, "", nil))
			compareFigures(t, "as written", figs, writtenCells(t, f, figs))
			mustFormulas(t, f, i18n.For(plan.Language), figs)
		})
	}
}
