package xlsx

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// The marker: a hidden sheet of key and value rows that says the workbook
// is contentplan's, which version of the layout it has, and what the plan
// was (docs/spec.md, "The workbook"). A hidden sheet survives a round trip
// through Excel, LibreOffice and Google Sheets, where custom document
// properties may not. Its name and keys are ASCII and the same in every
// language.
const (
	markerSheet = "contentplan"
	// markerFormat is the value of the "format" key.
	markerFormat = "contentplan workbook"
	// markerUnassigned is the value of the "part" key in the workbook of
	// the posts no writer could take (--split writer).
	markerUnassigned = "unassigned"
	// FormatVersion is the version of the workbook's layout this package
	// writes and reads; a reader refuses a higher one.
	FormatVersion = 1
	// maxMarkerRows bounds the marker's rows read: a channel a row, and a
	// spec has at most a few thousand channels.
	maxMarkerRows = 100_000
)

// writeMarker writes the marker sheet, last and very hidden: writers do not
// see it in the sheet tabs, and no one unhides it by accident.
func (x *xlsxWriter) writeMarker() error {
	f := x.f
	if _, err := f.NewSheet(markerSheet); err != nil {
		return err
	}
	s := x.sheet(markerSheet)
	r := 0
	pair := func(key string, vals ...string) {
		r++
		s.str(1, r, key)
		for i, v := range vals {
			s.str(i+2, r, v)
		}
	}
	pair("format", markerFormat)
	pair("version", strconv.Itoa(FormatVersion))
	pair("note", "contentplan reads this workbook back by what this sheet says: do not edit it")
	pair("plan", x.plan.Name)
	pair("plan id", x.plan.ID)
	pair("language", x.t.Lang)
	pair("time zone", x.timezone())
	pair("cap", capValue(x.plan.Cap))
	if x.opt.Writer != "" {
		pair("writer", x.opt.Writer)
	}
	if x.opt.Unassigned {
		pair("part", markerUnassigned)
	}
	pair("plan sheet", x.t.SheetPlan)
	if x.hasRemoved() {
		pair("removed sheet", x.t.SheetRemoved)
	}
	if x.hasKPISheet() {
		pair("kpi sheet", x.t.Review().Sheet)
	}
	for _, c := range x.plan.Channels {
		limit := ""
		if c.Limit > 0 {
			limit = strconv.Itoa(c.Limit)
		}
		pair("channel", c.Name, c.ID, capValue(c.Cap), limit)
	}
	s.width(1, 1, 14)
	s.width(2, 2, 30)
	if err := s.close(); err != nil {
		return err
	}
	// What SetSheetVisible does, without its reading every worksheet back
	// (which decodes each streamed sheet's XML still in memory: most of
	// the time of a small workbook): the marker is never the active sheet.
	for i := range f.WorkBook.Sheets.Sheet {
		if f.WorkBook.Sheets.Sheet[i].Name == markerSheet {
			f.WorkBook.Sheets.Sheet[i].State = "veryHidden"
		}
	}
	return nil
}

// capValue is a cap as the marker writes it: a fraction, "0.3".
func capValue(c calendar.Cap) string { return strconv.FormatFloat(float64(c)/10000, 'f', -1, 64) }

// readCap reads a cap the marker wrote; ok is false for anything else.
func readCap(s string) (calendar.Cap, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(v >= 0 && v <= 1) {
		return 0, false
	}
	return calendar.Cap(math.Round(v * 10000)), true
}

// timezone is the plan's zone as the workbook states it.
func (x *xlsxWriter) timezone() string {
	if x.plan.Timezone != "" {
		return x.plan.Timezone
	}
	if x.plan.Location != nil {
		return x.plan.Location.String()
	}
	return "UTC"
}

// Channel is a channel as the workbook's marker records it.
type Channel struct {
	Name string
	ID   string
	// Cap is the channel's cap on borrowed posts.
	Cap calendar.Cap
	// Limit is the most characters of a post's copy (as CopyLength counts
	// them), 0 when unknown.
	Limit int
}

// readMarker reads the marker sheet into b, or says the workbook is not
// contentplan's.
func readMarker(f *excelize.File, b *Workbook) error {
	sheet := ""
	for _, name := range f.GetSheetList() {
		if strings.EqualFold(name, markerSheet) {
			sheet = name
		}
	}
	if sheet == "" {
		return errorf(notOursHints, "%s: not a contentplan workbook: it has no %q sheet", b.File, markerSheet)
	}
	kv := map[string]string{}
	err := eachRow(f, sheet, maxMarkerRows, func(_ int, cells []string) error {
		if len(cells) < 2 {
			return nil
		}
		key := strings.ToLower(strings.TrimSpace(cells[0]))
		if key == "channel" {
			b.Channels = append(b.Channels, markerChannel(cells[1:]))
		} else if _, seen := kv[key]; !seen {
			kv[key] = strings.TrimSpace(cells[1])
		}
		return nil
	})
	if err != nil {
		return damaged(b.File, err)
	}
	if kv["format"] != markerFormat {
		return errorf(notOursHints, "%s: not a contentplan workbook: its %q sheet does not say so", b.File, markerSheet)
	}
	v, err := strconv.Atoi(kv["version"])
	if err != nil || v < 1 {
		return errorf(notOursHints, "%s: not a contentplan workbook: version %q in its %q sheet", b.File, kv["version"], markerSheet)
	}
	if v > FormatVersion {
		return errorf([]string{"upgrade contentplan to read it"},
			"%s: written by a newer contentplan (workbook version %d; this one reads %d)", b.File, v, FormatVersion)
	}
	b.Version, b.Plan, b.PlanID = v, kv["plan"], kv["plan id"]
	b.Language, b.Timezone, b.Writer = kv["language"], kv["time zone"], kv["writer"]
	b.Unassigned = kv["part"] == markerUnassigned
	b.Cap, _ = readCap(kv["cap"])
	b.planSheet, b.removedSheet, b.kpiSheet = kv["plan sheet"], kv["removed sheet"], kv["kpi sheet"]
	return nil
}

// markerChannel reads a channel row: name, id, cap as a fraction, limit.
// A value that does not read is left zero: the marker is ours, and a
// person who edits it gets what they wrote.
func markerChannel(cells []string) Channel {
	cell := func(i int) string {
		if i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
	c := Channel{Name: cell(0), ID: cell(1)}
	c.Cap, _ = readCap(cell(2))
	if n, err := strconv.Atoi(cell(3)); err == nil && n > 0 {
		c.Limit = n
	}
	return c
}
