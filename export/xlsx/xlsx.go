// Package xlsx writes a calendar.Plan as an Excel workbook for the
// writers, and reads it back after them (docs/spec.md, "The workbook"): the
// Plan sheet, where the writers fill in titles, copy, links and statuses,
// the Instructions, the Mix, month grids, Strategy, KPI, Writers and
// Budget, and a hidden marker.
// ReadWorkbook and ReadFile read an edited workbook as untrusted input; a
// Keep carries its work over, by post id, into the next workbook of the
// plan, and the posts the plan no longer has onto a Removed sheet. It is
// the one importer of excelize.
package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// Options tunes Write.
type Options struct {
	// Now stamps the workbook (document properties and zip entries). The CLI
	// takes it from SOURCE_DATE_EPOCH when set. The zero time writes fixed
	// 1980-01-01 stamps, so the output is reproducible either way.
	Now time.Time
	// Writer, when not empty, keeps only that writer's posts (--split writer):
	// the Plan, the Mix and the month grids then show nothing of the rest.
	Writer string
	// Unassigned keeps only the posts no writer of the spec has (--split
	// writer): those left without a writer, and those of a channel's owner
	// who is no writer. With the writers' workbooks, every post is in one.
	// A workbook of the split, this one or a writer's, has no Cost column
	// and no Budget sheet: the writers do not see the agency's costs.
	Unassigned bool
	// Posts, when not nil, is set to how many posts the workbook holds.
	Posts *int

	// Keep, when not nil, is the work of earlier workbooks of the plan,
	// carried over by post id (docs/spec.md, rule 9).
	Keep *Keep
	// Report, when not nil, is filled with what Write did with Keep.
	Report *KeepReport

	// liveLimit, when positive, replaces maxLivePosts: tests lower it to
	// see the static summaries of a small plan.
	liveLimit int
	// libraryRows writes the Plan's rows through excelize's SetRow rather
	// than rowEncoder: rowxml_test.go compares the two.
	libraryRows bool
}

// maxPlanPosts is how many posts fit the Plan sheet: a sheet has 1,048,576
// rows and the header takes one.
//
// A bigger plan is refused rather than spread over "Plan", "Plan 2", …: a
// million-row table is past what Excel or LibreOffice can filter usefully,
// every Mix formula would have to add up COUNTIFS over several tables, and
// excelize writes several streamed sheets in map order, which would cost the
// byte-identical output. The error names --split writer, which gives each
// writer a workbook of their own.
const maxPlanPosts = excelize.TotalRows - 1

// tableName names the Plan table in Mix formulas. It is ASCII and fixed in
// every language: table names are identifiers, and the formulas stay the same
// whatever the sheet is called.
const tableName = "Posts"

// planStyle is the Excel table style: Excel's default for "Format as Table",
// header row and banded rows, which every spreadsheet user recognises.
const planStyle = "TableStyleMedium2"

// Channel colours: a pale fill for the Plan's Channel column and a dark text
// colour of the same hue for the month grid, cycled when there are more
// channels than colours. Pastels keep a printed page calm.
var (
	channelFill = []string{"DDEBF7", "E2EFDA", "FCE4D6", "EDE4F5", "FFF2CC", "D9F2F2", "F8DDE6", "E7E6E6"}
	channelInk  = []string{"2F5597", "38761D", "C55A11", "7030A0", "9C7A00", "1B7F7F", "A5165B", "595959"}
)

const (
	borrowedFill = "FFF6E5" // borrowed rows: a warm tint, and italics
	borrowedInk  = "7A5200"
	overCapFill  = "F4CCCC" // Mix: a channel-month over its cap
	overCapInk   = "990000"
)

// Write writes plan as an Excel workbook for the writers: a "Plan" sheet
// (one row per post, as a filterable table, written with excelize's
// StreamWriter so that memory does not grow with the posts), an
// "Instructions" sheet, a "Mix" sheet of COUNTIFS formulas over the Plan's
// rows, a "Strategy" sheet (goals, objectives, KPIs, pillars, reviews), a
// "Writers" sheet of weekly loads against capacity (when the spec has
// writers) and a "Budget" sheet of costs per channel and month, both
// formulas over the Plan too, each formula with the value it computes, and
// a month-grid sheet per month.
// Labels come from the plan's language (package i18n).
//
// The output is byte-identical for the same plan and options.
func Write(w io.Writer, plan *calendar.Plan, opt Options) (err error) {
	if plan == nil {
		return errors.New("workbook: no plan")
	}
	x := &xlsxWriter{plan: plan, opt: opt, t: i18n.For(plan.Language)}
	x.book = x.t.Book()
	x.lay = newLayout()
	if x.split() {
		x.lay = newLayout(colCost)
	}
	// The first pass counts the posts (the sheet dimension and the table range
	// must be known before streaming) and gathers what the Mix and the month
	// grids need, all of it bounded by channels × months and days, not posts.
	if err := x.survey(); err != nil {
		return err
	}
	if x.count > maxPlanPosts {
		return fmt.Errorf("workbook: %d posts do not fit one sheet, which holds %d; use --split writer, or plan a shorter period",
			x.count, maxPlanPosts)
	}

	f := excelize.NewFile()
	// Close removes the stream writer's temporary files; it must run on every
	// path, and its error matters only when nothing else failed.
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("workbook: %w", cerr)
		}
	}()
	x.f = f
	if err := x.build(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	defer func() {
		if x.encoded == nil {
			return
		}
		if cerr := x.encoded.close(); err == nil && cerr != nil {
			err = fmt.Errorf("workbook: %w", cerr)
		}
	}()
	// WriteTo would assemble the whole zip in a bytes.Buffer first; handing
	// excelize a zip writer on w streams it out instead (the buffer excelize
	// passes stays empty). The wrapper also stamps every entry with opt.Now,
	// and newZipWriter deflates with a faster encoder (zip.go).
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		z := &stampedZip{Writer: newZipWriter(w), mod: x.stamp(), streamed: make(map[string]bool), rows: x.encoded}
		for _, name := range x.streamed {
			z.streamed[name] = true
		}
		for _, name := range x.held {
			z.held = append(z.held, heldPart{name: name})
		}
		return z
	})
	if _, err := f.WriteToBuffer(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if opt.Report != nil && opt.Keep != nil {
		*opt.Report = x.rep
	}
	if opt.Posts != nil {
		*opt.Posts = x.count
	}
	return nil
}

// stampedZip is the zip writer excelize saves through. It stamps every
// entry with a fixed modification time (archive/zip's Create leaves it zero,
// which readers show as 1980 or 1979), and it keeps the entries in an order
// that does not vary from run to run, where excelize's does:
//   - it puts the Default elements of [Content_Types].xml in order: excelize
//     adds the image types that come with a chart's drawing by ranging over
//     a map;
//   - excelize saves streamed sheets first, ranging over a map of them. The
//     Plan, which may be hundreds of megabytes, goes straight through; the
//     month grids, a few kilobytes each, are held back and written in the
//     order of the sheets once the last streamed sheet is in, that is when
//     the first entry that is no streamed sheet starts.
type stampedZip struct {
	*zip.Writer
	mod     time.Time
	pending *bytes.Buffer // [Content_Types].xml, held back to be sorted
	to      io.Writer

	streamed map[string]bool // the parts of every streamed sheet
	held     []heldPart      // the grids, in sheet order

	rows    *rowBuf     // the Plan's rows, put into its part (rowbuf.go)
	splicer *spliceRows // the part they are going into
}

// heldPart is a streamed sheet held back until the streams are all in.
type heldPart struct {
	name string
	buf  *bytes.Buffer // nil until excelize writes it
}

const contentTypesPart = "[Content_Types].xml"

func (z *stampedZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	if err := z.spliced(); err != nil {
		return nil, err
	}
	for i := range z.held {
		if z.held[i].name == name {
			z.held[i].buf = new(bytes.Buffer)
			return z.held[i].buf, nil
		}
	}
	if !z.streamed[name] {
		if err := z.release(); err != nil {
			return nil, err
		}
	}
	w, err := z.create(name)
	if err == nil && z.rows != nil && name == z.rows.part {
		z.splicer = &spliceRows{w: w, rows: z.rows}
		return z.splicer, nil
	}
	if err != nil || name != contentTypesPart {
		return w, err
	}
	z.pending, z.to = new(bytes.Buffer), w
	return z.pending, nil
}

func (z *stampedZip) create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mod})
}

func (z *stampedZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	if err := z.spliced(); err != nil {
		return err
	}
	if err := z.release(); err != nil {
		return err
	}
	return z.Writer.Close()
}

// spliced checks, once the Plan's part is written, that its rows went in.
func (z *stampedZip) spliced() error {
	s := z.splicer
	z.splicer = nil
	if s == nil {
		return nil
	}
	return s.finish()
}

// release writes out the held sheets, in order; a sheet excelize did not
// write (none, unless it changes) is left out rather than made up.
func (z *stampedZip) release() error {
	held := z.held
	z.held = nil
	for _, h := range held {
		if h.buf == nil {
			continue
		}
		w, err := z.create(h.name)
		if err != nil {
			return err
		}
		if _, err := h.buf.WriteTo(w); err != nil {
			return err
		}
	}
	return nil
}

// flush writes out a held-back [Content_Types].xml; it must run before the
// next entry starts, which closes the previous one.
func (z *stampedZip) flush() error {
	if z.pending == nil {
		return nil
	}
	b := sortDefaults(z.pending.Bytes())
	z.pending = nil
	_, err := z.to.Write(b)
	return err
}

var defaultElem = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// sortDefaults sorts the <Default …> elements of a content types part in
// place; their order carries no meaning.
func sortDefaults(b []byte) []byte {
	locs := defaultElem.FindAllIndex(b, -1)
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(elems)
	out := make([]byte, 0, len(b))
	prev := 0
	for i, l := range locs {
		out = append(out, b[prev:l[0]]...)
		out = append(out, elems[i]...)
		prev = l[1]
	}
	return append(out, b[prev:]...)
}

// xlsxWriter holds one workbook in the making.
type xlsxWriter struct {
	plan *calendar.Plan
	opt  Options
	t    *i18n.Texts
	book *i18n.Book
	f    *excelize.File
	lay  layout // where the Plan's columns are

	count    int                 // posts in this workbook
	ids      int                 // of them, those with an id (which COUNTA counts)
	lastRow  int                 // the Plan table's last row
	channels []*calendar.Channel // Mix rows and colours, in spec order
	first    calendar.Date       // first and last day of the grids
	last     calendar.Date
	days     map[calendar.Date]*gridDay
	colors   map[*calendar.Channel]int // colour index by place in the spec
	widths   [numCols]float64          // Plan column widths, grown to fit

	// What the Writers and Budget sheets need, gathered by survey.
	writers        []string        // Writers rows: the spec's, then others posts name
	writerSet      map[string]bool // the spec's writers (isWriter)
	minDue, maxDue calendar.Date
	hasDue         bool
	cents          bool // some cost has a fraction: show two decimals
	// tally counts the posts for the summaries of a static workbook, and
	// names the channels and writers the posts carry.
	tally *calendar.Tally

	// The zip parts of the streamed sheets (Plan and grids) and of those
	// the zip holds back (the grids), in the order of the sheets.
	streamed, held []string
	// The Plan's rows, when rowEncoder writes them (rowxml.go).
	encoded *rowBuf

	// Plan cell styles.
	sText, sDate, sTime, sCost, sWrap, sCount int

	// What the workbook does with opt.Keep: the kept rows the plan has a
	// post of (by keptRow.n), the rows of the Removed sheet, the report.
	found   []bool
	removed []*keptRow
	rep     KeepReport

	ranges [numCols + 1]string // the Plan's column ranges, made once (planRange)

	// The published posts per channel and month, for the KPI sheet.
	published map[channelMonth]calendar.Counts

	// What planRow reuses from row to row.
	cells      [numCols]excelize.Cell
	placed     []any  // a row in its sheet columns (layout.place)
	genBuf     []byte // the hidden column's value
	weekdays   [7]any // the weekday names, boxed
	planned    any    // the status of a new post
	rowVals    map[rowKey]*rowVals
	dates      map[calendar.Date]any
	times      map[calendar.Clock]any
	lastWriter string
	writerCell any
	lastCost   float64
	costBoxed  any
	// The day's occasions: their text, and the cell of the last date,
	// boxed once a date (posts come in date order).
	occasions *calendar.OccasionText
	occDay    calendar.Date
	occCell   any
	occLines  int
	occSet    bool
}

// stamp is the workbook's timestamp: opt.Now in UTC, or the zip epoch.
func (x *xlsxWriter) stamp() time.Time {
	if x.opt.Now.IsZero() || x.opt.Now.Year() < 1980 || x.opt.Now.Year() > 2107 {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return x.opt.Now.UTC().Truncate(time.Second)
}

// measure widens the Plan's name columns to the longest value seen, up to
// a limit past which a column would push the rest off the screen.
func (x *xlsxWriter) measure(p *calendar.Post) {
	x.grow(colID, p.ID)
	if p.Channel != nil {
		x.grow(colChannel, p.Channel.Name)
	}
	if p.Format != nil {
		x.grow(colFormat, p.Format.Name)
	}
	if p.Pillar != nil {
		x.grow(colPillar, p.Pillar.Name)
		x.grow(colObjective, p.Pillar.Objective)
	}
	x.grow(colCampaign, p.Campaign)
	x.grow(colWriter, p.Writer)
}

// grow widens Plan column col to show s (nameWidth). It runs for every
// post, so s is measured only when it might be wider than the column: no
// letter is wider than 1.6 digits.
func (x *xlsxWriter) grow(col int, s string) {
	if float64(len(s))*1.6+cellPad+0.5 <= x.widths[col-1] {
		return
	}
	x.widths[col-1] = max(x.widths[col-1], nameWidth(s))
}

// keep reports whether a post belongs in this workbook.
func (x *xlsxWriter) keep(p *calendar.Post) bool {
	switch {
	case x.opt.Writer != "":
		return p.Writer == x.opt.Writer
	case x.opt.Unassigned:
		return !x.isWriter(p.Writer)
	}
	return true
}

// isWriter reports whether name is a writer of the spec.
func (x *xlsxWriter) isWriter(name string) bool {
	if x.writerSet == nil {
		x.writerSet = make(map[string]bool, len(x.plan.Writers))
		for _, w := range x.plan.Writers {
			x.writerSet[w.Name] = true
		}
	}
	return name != "" && x.writerSet[name]
}

// split reports whether the workbook is one of --split writer's.
func (x *xlsxWriter) split() bool { return x.opt.Writer != "" || x.opt.Unassigned }

// survey runs the schedule once without writing anything.
func (x *xlsxWriter) survey() error {
	x.widths = planWidths
	// The Occasion column fits the longest name of an occasion, within
	// reason; a day of several wraps.
	for _, o := range x.plan.Occasions {
		if w := min(float64(utf8.RuneCountInString(o.Name)+2), 30); w > x.widths[colOccasion-1] {
			x.widths[colOccasion-1] = w
		}
	}
	// No header is clipped or broken inside a word: each column is as
	// wide as its header needs on two lines (the Time column's states the
	// zone, "(Europe/Moscow)", on a line of its own).
	for c := 1; c <= numCols; c++ {
		x.widths[c-1] = max(x.widths[c-1], min(headerWidth(x.header(c)), 40))
	}
	// And as wide as the words the plan puts in a column: the sources,
	// statuses and weekdays.
	for _, s := range []string{x.t.Own, x.t.Borrowed} {
		x.grow(colSource, s)
	}
	for _, s := range x.t.Statuses {
		x.grow(colStatus, s)
	}
	for _, s := range x.t.Weekdays {
		x.grow(colWeekday, s)
	}

	x.colors = make(map[*calendar.Channel]int)
	for i, c := range x.plan.Channels {
		x.colors[c] = i
	}
	x.days = make(map[calendar.Date]*gridDay)
	x.tally = calendar.NewTally(x.plan)
	if x.opt.Keep != nil {
		x.found = make([]bool, len(x.opt.Keep.rows))
	}
	minD, maxD := calendar.Date(0), calendar.Date(0)
	for p := range x.plan.Posts() {
		kr, orig := x.opt.Keep.apply(&p)
		if kr != nil {
			x.found[kr.n] = true
		}
		if !x.keep(&p) {
			continue
		}
		if kr != nil {
			x.noteKept(kr, orig)
		}
		if x.tally.Total().Posts == 0 {
			minD, maxD = p.Date, p.Date
		}
		minD, maxD = min(minD, p.Date), max(maxD, p.Date)
		x.tally.Add(&p)
		if p.ID != "" {
			x.ids++
		}
		x.measure(&p)
		x.addToGrid(&p)
		x.surveyExtras(&p)
		x.kpiCount(&p)
	}
	x.count = x.tally.Total().Posts
	x.lastRow = max(x.count+1, 2) // a table needs a row under its header
	x.listRemoved()
	x.listWriters()
	for _, c := range x.tally.Channels() {
		// A post without a channel counts in its month's total only; a
		// writer's workbook shows only the channels they write for.
		if c != nil && (x.opt.Writer == "" || x.tally.Channel(c).Posts > 0) {
			x.channels = append(x.channels, c)
		}
	}
	// The grids span the plan's dates, widened to any post outside them; a
	// hand-made plan without dates spans its posts, or nothing.
	switch hasRange := x.plan.End >= x.plan.Start && (x.plan.Start != 0 || x.plan.End != 0); {
	case hasRange && x.count > 0:
		x.first, x.last = min(x.plan.Start, minD), max(x.plan.End, maxD)
	case hasRange:
		x.first, x.last = x.plan.Start, x.plan.End
	case x.count > 0:
		x.first, x.last = minD, maxD
	default:
		x.first, x.last = 1, 0 // no months
	}
	return nil
}

// build lays out every sheet of the workbook.
func (x *xlsxWriter) build() error {
	f, t := x.f, x.t
	if err := f.SetSheetName("Sheet1", t.SheetPlan); err != nil {
		return err
	}
	// Sheets are numbered, and listed, in the order they are made.
	for _, name := range x.extraSheets() {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	writes := []func() error{x.writePlan, x.writeInstructions}
	if x.hasRemoved() {
		writes = append(writes, x.writeRemoved)
	}
	writes = append(writes, x.writeMix, x.writeStrategy)
	if x.hasKPISheet() {
		writes = append(writes, x.writeKPI)
	}
	if x.hasWritersSheet() {
		writes = append(writes, x.writeWriters)
	}
	if x.hasBudget() {
		writes = append(writes, x.writeBudget)
	}
	for _, write := range append(writes, x.writeGrids, x.writeMarker) {
		if err := write(); err != nil {
			return err
		}
	}
	stamp := x.stamp().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          x.title(),
		Creator:        "contentplan",
		LastModifiedBy: "contentplan",
		Created:        stamp,
		Modified:       stamp,
		Language:       t.Lang,
	}); err != nil {
		return err
	}
	// No full calculation on load: every formula carries the value it
	// computes, which a reader that does not calculate (a preview, pandas,
	// Excel's Protected View) shows, and which Excel and LibreOffice
	// recalculate as the writers edit the Plan.
	return nil
}

// title is the workbook's title: the plan's name, and whose part of it a
// workbook of --split writer holds.
func (x *xlsxWriter) title() string {
	switch {
	case x.opt.Writer != "":
		return x.plan.Name + " · " + x.opt.Writer
	case x.opt.Unassigned:
		return x.plan.Name + " · " + x.t.Unassigned
	}
	return x.plan.Name
}

// dateValue is a Date as a time.Time at midnight UTC: excelize writes a
// time.Time as the wall clock of its own zone, which UTC keeps exact.
func dateValue(d calendar.Date) time.Time {
	y, m, dd := d.YMD()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// formulaString quotes s as a formula string literal; ok is false when s is
// longer than the 255 characters Excel allows in one.
func formulaString(s string) (lit string, ok bool) {
	if len([]rune(s)) > 255 {
		return "", false
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`, true
}

// criterion is a COUNTIFS criterion that matches s exactly. COUNTIFS reads
// a leading = < > as a comparison and * ? ~ as wildcards, so a channel named
// "=x" or "TV*" would count the wrong rows. A leading "=" makes the rest
// literal text, which Gnumeric then compares as it is, wildcards and all,
// while Excel and LibreOffice still match wildcards; so a name with
// wildcards is written "~" escaped and without the "=", which all three
// read as that name, unless it starts with = < >, where only the "=" can
// keep it from being a comparison (Excel and LibreOffice count it right,
// Gnumeric, recalculating, counts 0). Matching stays case-insensitive, as
// COUNTIFS always is.
func criterion(s string) (string, bool) {
	if !strings.ContainsAny(s, "*?~") {
		return formulaString("=" + s)
	}
	if s != "" && strings.ContainsRune("=<>", rune(s[0])) {
		return formulaString("=" + criterionEscaper.Replace(s))
	}
	return formulaString(criterionEscaper.Replace(s))
}

// planRange is the plain A1 range of Plan column c's cells under the
// header, as every formula over the Plan counts them: 'Plan'!$E$2:$E$186.
// Structured references (Posts[Channel]) would follow rows added to the
// table, but Gnumeric cannot read them (docs/spec.md, "The workbook").
func (x *xlsxWriter) planRange(c int) string {
	if x.ranges[c] == "" {
		l := x.lay.letter(c)
		x.ranges[c] = fmt.Sprintf("%s!$%s$2:$%s$%d", quoteSheet(x.t.SheetPlan), l, l, x.lastRow)
	}
	return x.ranges[c]
}

// criterionEscaper escapes COUNTIFS wildcards; built once (see columnEscaper).
var criterionEscaper = strings.NewReplacer("~", "~~", "*", "~*", "?", "~?")

// headStyle is the style of every header row: white on slate.
func headStyle() *excelize.Style {
	return &excelize.Style{
		Font:      &excelize.Font{Family: fontFamily, Bold: true, Color: "FFFFFF"},
		Fill:      solid("44546A"),
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}
}

// overCapStyle is the conditional style of a figure over its limit: a
// borrowed share over the cap, a writer's load over capacity, a post
// without a writer.
func overCapStyle() *excelize.Style {
	return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Color: overCapInk}, Fill: solid(overCapFill)}
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

func cellRef(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func rangeRef(c1, r1, c2, r2 int) string { return cellRef(c1, r1) + ":" + cellRef(c2, r2) }
