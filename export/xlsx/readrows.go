package xlsx

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
)

// Row is a post's row of the Plan or Removed sheet as the workbook has it:
// what the plan decided, what the writers filled in, and what contentplan
// wrote in the plan's fields when it made the row (Generated), so that an
// edit can be told from a change of the spec.
type Row struct {
	Sheet string // the sheet's name
	Line  int    // the row's number on the sheet, the header being row 1
	ID    string

	// Date, Time and DraftDue are valid when HasDate, HasTime and
	// HasDraftDue: the cell held a date or time, as a real date cell or as
	// text (ISO 8601, or day.month.year).
	Date, DraftDue                calendar.Date
	Time                          calendar.Clock
	HasDate, HasTime, HasDraftDue bool

	Channel, Format, Writer string
	// Source is Own or Borrowed, whichever language the cell says it in;
	// "" when it says neither (SourceText has what it says).
	Source     calendar.Source
	SourceText string
	// Status is one of Statuses, whichever language the cell says it in;
	// "" when it says none of them (StatusText has what it says).
	Status     string
	StatusText string

	// What the writers fill in.
	Title, Copy, Hashtags, MediaLink, SourceLink, PublishedLink, Notes string

	// The plan's context: Occasion is the day's holidays and [[date]]s, ""
	// in a workbook without the column.
	Occasion, Brief, Pillar, Objective, Campaign string
	Limit                                        int // the channel's copy limit shown beside the copy, 0 when blank
	Cost                                         float64

	// Generated is what contentplan wrote in the plan's fields of the row,
	// from the hidden column; nil when that column is gone.
	Generated *Generated

	// Problems are cells that did not read as their column wants, one a
	// line: `date "tomorrow": not a date`.
	Problems []string

	badDate, badTime string // the text of a date or time cell that is none
}

// Generated is what contentplan wrote in the plan's fields of a row.
type Generated struct {
	Date    calendar.Date
	Time    calendar.Clock
	Channel string
	Format  string
	Source  calendar.Source
	Writer  string
}

// headerRows is how far down a sheet the header row is looked for: a
// manager may put a title row or two above the table.
const headerRows = 10

// readSheet reads the rows with an id of a Plan or Removed sheet. The
// Plan sheet must have an ID column; a Removed sheet without one has no
// rows.
func readSheet(f *excelize.File, sheet, name string, required bool) ([]Row, error) {
	var (
		rows   []Row
		at     []int // the column of each cell, 0 for a column not ours
		header int
		in     = newInterner()
	)
	err := eachRow(f, sheet, excelize.TotalRows, func(line int, cells []string) error {
		if at == nil {
			if line > headerRows {
				return errNoID
			}
			if at = columnsOf(cells); at != nil {
				header = line
			}
			return nil
		}
		if r, ok := readRow(cells, at, in); ok {
			r.Sheet, r.Line = sheet, line
			rows = append(rows, r)
		}
		return nil
	})
	switch {
	case err == errNoID || err == nil && at == nil:
		if !required {
			return nil, nil
		}
		return nil, errorf([]string{"the header row names the columns, and the ID column tells the posts apart: put it back (undo, or copy it from the workbook as generated)"},
			"%s: sheet %q row %d: no ID column", name, sheet, max(header, 1))
	case err != nil:
		return nil, damaged(name, err)
	}
	return rows, nil
}

var errNoID = fmt.Errorf("no ID column")

// columnsOf maps a header row's cells to the Plan columns they name, or
// returns nil when none names the ID column. A column named twice is read
// from its first place.
func columnsOf(cells []string) []int {
	at := make([]int, len(cells))
	seen := make(map[int]bool)
	for i, h := range cells {
		if c := columnOf(h); c != 0 && !seen[c] {
			at[i], seen[c] = c, true
		}
	}
	if !seen[colID] {
		return nil
	}
	return at
}

// readRow reads a row's cells; ok is false for a row without an id.
func readRow(cells []string, at []int, in *interner) (r Row, ok bool) {
	for i, v := range cells {
		if i >= len(at) || at[i] == 0 {
			continue
		}
		if at[i] == colID {
			r.ID = strings.TrimSpace(v)
		} else if v != "" {
			r.set(at[i], v, in)
		}
	}
	return r, r.ID != ""
}

// set reads the cell of column c.
func (r *Row) set(c int, v string, in *interner) {
	switch c {
	case colDate:
		if r.Date, r.HasDate = parseDate(v); !r.HasDate {
			r.badDate = v
			r.problem("date %q: not a date", v)
		}
	case colTime:
		if r.Time, r.HasTime = parseTime(v); !r.HasTime {
			r.badTime = v
			r.problem("time %q: not a time of day", v)
		}
	case colDraftDue:
		if r.DraftDue, r.HasDraftDue = parseDate(v); !r.HasDraftDue {
			r.problem("draft due %q: not a date", v)
		}
	case colSource:
		r.SourceText = in.get(v)
		r.Source = calendar.Source(sourceKeys[strings.ToLower(strings.TrimSpace(v))])
	case colStatus:
		r.StatusText, r.Status = in.get(v), statusKey(v)
	case colLimit:
		if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && n > 0 && n < 1e9 {
			r.Limit = int(n)
		}
	case colCost:
		if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && !math.IsInf(n, 0) {
			r.Cost = n
		} else {
			r.problem("cost %q: not a number", v)
		}
	case colGenerated:
		if r.Generated = parseGenerated(v); r.Generated == nil {
			r.problem("the hidden column of generated values is damaged")
		}
	default:
		r.setText(c, v, in)
	}
}

// setText reads a text column. The short ones repeat from row to row and
// are interned; the writers' texts are kept as typed.
func (r *Row) setText(c int, v string, in *interner) {
	p, short := r.text(c)
	switch {
	case p == nil:
	case short:
		*p = in.get(strings.TrimSpace(v))
	default:
		*p = v
	}
}

// text is the field of a text column, and whether it is a short one (a
// name) rather than a text a writer types; nil for a column that is no
// text.
func (r *Row) text(c int) (p *string, short bool) {
	switch c {
	case colChannel:
		return &r.Channel, true
	case colFormat:
		return &r.Format, true
	case colWriter:
		return &r.Writer, true
	case colOccasion:
		return &r.Occasion, true
	case colBrief:
		return &r.Brief, true
	case colPillar:
		return &r.Pillar, true
	case colObjective:
		return &r.Objective, true
	case colCampaign:
		return &r.Campaign, true
	case colTitle:
		return &r.Title, false
	case colCopy:
		return &r.Copy, false
	case colHashtags:
		return &r.Hashtags, false
	case colMedia:
		return &r.MediaLink, false
	case colSourceLink:
		return &r.SourceLink, false
	case colPublished:
		return &r.PublishedLink, false
	case colNotes:
		return &r.Notes, false
	}
	return nil, false
}

func (r *Row) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// The last serial dates a cell may hold: 1900-01-01 and 9999-12-31.
const minSerial, maxSerial = 1, 2958465

// dateLayouts are the texts a date cell may come back as: ISO 8601, with
// or without a time, and the day.month.year of the plan's other languages.
var dateLayouts = []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05",
	"2006/01/02", "02.01.2006", "2.1.2006"}

// parseDate reads a date cell: a serial number (days since 1899-12-30),
// or text.
func parseDate(s string) (calendar.Date, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if !(v >= minSerial && v < maxSerial+1) {
			return 0, false
		}
		return calendar.Date(int64(math.Floor(v)) - unixEpochSerial), true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return calendar.DateOf(t), true
		}
	}
	return 0, false
}

// timeLayouts are the texts a time cell may come back as.
var timeLayouts = []string{"15:04", "15:04:05", "3:04 PM", "3:04PM", "3:04 pm", "3:04pm"}

// parseTime reads a time cell: a fraction of a day (the fraction of a
// date and time), or text.
func parseTime(s string) (calendar.Clock, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if !(v >= 0 && v < maxSerial+1) {
			return 0, false
		}
		m := int(math.Round((v - math.Floor(v)) * 1440))
		return calendar.Clock(m % 1440), true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return calendar.Clock(t.Hour()*60 + t.Minute()), true
		}
	}
	return 0, false
}

// appendGenerated appends the hidden column's value for a post: a JSON
// array of its date, time, channel, format, source and writer as written.
func appendGenerated(b []byte, g *Generated) []byte {
	b = append(b, `["`...)
	b = g.Date.AppendTo(b)
	b = append(b, `","`...)
	b = g.Time.AppendTo(b)
	b = append(b, '"')
	for _, s := range [...]string{g.Channel, g.Format, string(g.Source), g.Writer} {
		b = appendJSON(append(b, ','), s)
	}
	return append(b, ']')
}

// appendJSON appends s as a JSON string (RFC 8259), an invalid byte as
// U+FFFD as encoding/json writes it, without encoding/json's allocations:
// the workbook writes a few of these per post.
func appendJSON(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&15])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// parseGenerated reads the hidden column's value, or returns nil.
func parseGenerated(s string) *Generated {
	var v []string
	if json.Unmarshal([]byte(s), &v) != nil || len(v) < 6 {
		return nil
	}
	d, err := calendar.ParseDate(v[0])
	if err != nil {
		return nil
	}
	c, err := calendar.ParseClock(v[1])
	if err != nil {
		return nil
	}
	return &Generated{Date: d, Time: c, Channel: v[2], Format: v[3], Source: calendar.Source(v[4]), Writer: v[5]}
}

// interner shares the strings that repeat from row to row (a channel's
// name, a brief), so that a big workbook read back holds each once. It
// stops adding new strings past a bound, as a hostile file could make
// every one of them unique.
type interner struct{ m map[string]string }

const maxInterned = 1 << 14

func newInterner() *interner { return &interner{m: make(map[string]string)} }

func (in *interner) get(s string) string {
	if v, ok := in.m[s]; ok {
		return v
	}
	if len(in.m) < maxInterned {
		in.m[s] = s
	}
	return s
}
