package xlsx

import (
	"slices"
	"strings"
	"unicode"

	"github.com/contentplan/contentplan/i18n"
)

// The Plan sheet's columns, in i18n.Texts.Columns order (docs/spec.md, "The
// workbook"): what the plan decides (the day's holidays and [[date]]s
// beside its date), then what the writers fill in, then the plan's
// context, and last the hidden record of the values contentplan wrote.
const (
	colID = iota + 1
	colDate
	colTime
	colWeekday
	colOccasion
	colChannel
	colFormat
	colSource
	colWriter
	colDraftDue
	colStatus
	colBrief
	colTitle
	colCopy
	colLength
	colLimit
	colHashtags
	colMedia
	colSourceLink
	colPublished
	colNotes
	colPillar
	colObjective
	colCampaign
	colCost
	colGenerated
	numCols = colGenerated
)

// planWidths are the Plan column widths in characters, at the least: a
// column grows to its header (headerWidth), the name columns to their
// longest value (measure). The writers' text columns are wide and wrap;
// printed, every column fits the page's width, so they are no wider than a
// screen needs.
var planWidths = [numCols]float64{
	18, 11, 8, 6, 12, 14, 11, 10, 14, 11, 15, // ID … Status
	44, 26, 50, 6, 6, 20, 18, 18, 18, 24, // Brief … Notes
	16, 11, 16, 12, 12, // Pillar … As generated
}

// columnKeys name each Plan column for the Instructions sheet, whose
// texts (i18n.Guide) say who fills a column and what it holds; they do not
// change with the column's place or language.
var columnKeys = [numCols + 1]string{
	colID: "id", colDate: "date", colTime: "time", colWeekday: "weekday", colOccasion: "occasion", colChannel: "channel",
	colFormat: "format", colSource: "source", colWriter: "writer", colDraftDue: "draft due", colStatus: "status",
	colBrief: "brief", colTitle: "title", colCopy: "copy", colLength: "length", colLimit: "limit",
	colHashtags: "hashtags", colMedia: "media link", colSourceLink: "source link", colPublished: "published link",
	colNotes: "notes", colPillar: "pillar", colObjective: "objective", colCampaign: "campaign", colCost: "cost",
	colGenerated: "as generated",
}

// layout is where the Plan's columns are on a workbook's Plan and Removed
// sheets. The workbooks of --split writer leave the Cost column out: the
// writers do not see the agency's costs (docs/spec.md, "The workbook").
type layout struct {
	pos  [numCols + 1]int // the sheet column of each Plan column, 0 when left out
	cols int              // how many columns the sheet has
	full bool             // every column, each in its own place
}

// newLayout places every Plan column but those left out, in order.
func newLayout(leftOut ...int) layout {
	var l layout
	for c := 1; c <= numCols; c++ {
		if !slices.Contains(leftOut, c) {
			l.cols++
			l.pos[c] = l.cols
		}
	}
	l.full = l.cols == numCols
	return l
}

// at is the sheet column of Plan column c, 0 when the workbook leaves it
// out.
func (l *layout) at(c int) int { return l.pos[c] }

// has reports whether the workbook has Plan column c.
func (l *layout) has(c int) bool { return l.pos[c] > 0 }

// letter is the letter of Plan column c on the sheet ("E").
func (l *layout) letter(c int) string { return colName(l.pos[c]) }

// place puts the cells of row, indexed by Plan column (c-1), into out in
// their sheet columns; with every column in place it returns row itself.
func (l *layout) place(row, out []any) []any {
	if l.full {
		return row
	}
	for c := 1; c <= numCols; c++ {
		if p := l.pos[c]; p > 0 {
			out[p-1] = row[c-1]
		}
	}
	return out[:l.cols]
}

// wrapCols are the columns that wrap: the day's occasions, the brief, and
// those writers type text into, where what is typed into an empty cell
// stays text.
var wrapCols = []int{colOccasion, colBrief, colTitle, colCopy, colHashtags, colMedia, colSourceLink, colPublished, colNotes}

// Statuses are the keys of the seven statuses of a post, in workflow order
// (docs/spec.md, "The workbook"), as a Row's Status holds them; the Status
// column shows them in the plan's language (i18n.Texts.Statuses, in the
// same order). A new post is "planned".
var Statuses = []string{"planned", "drafting", "in review", "needs changes", "approved", "scheduled", "published"}

// headerKey is how a header is matched: lower case, spaces collapsed, and
// a trailing part in parentheses left out, so that "Time (Europe/Moscow)"
// is the Time column and a header retyped as "copy " still reads.
func headerKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i > 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// headerAliases are other spellings of headers that writers retype: the
// two Russian spellings of "hashtag", Latin "id".
var headerAliases = map[string]int{"хэштеги": colHashtags, "id": colID, "ид": colID}

// columnsByHeader maps the header key of every Plan column, in every
// language and as earlier versions wrote it (i18n.FormerOf), to its
// column; built once.
var columnsByHeader = func() map[string]int {
	m := make(map[string]int)
	for _, lang := range i18n.Languages() {
		for i, h := range i18n.For(lang).Columns {
			m[headerKey(h)] = i + 1
		}
		for i, hs := range i18n.FormerOf(lang).Columns {
			for _, h := range hs {
				m[headerKey(h)] = i + 1
			}
		}
	}
	for h, c := range headerAliases {
		m[h] = c
	}
	return m
}()

// columnOf returns the Plan column a header names, in any language, or 0.
func columnOf(header string) int { return columnsByHeader[headerKey(header)] }

// labelKeys maps a label of every language, its former spellings
// (i18n.FormerOf) and the key itself, folded to lower case, to its key:
// statuses and sources read back whatever the workbook's language and
// whichever version wrote it.
func labelKeys(keys []string, labels func(*i18n.Texts) []string, former func(i18n.Former) map[int][]string) map[string]string {
	m := make(map[string]string)
	for _, lang := range i18n.Languages() {
		for i, l := range labels(i18n.For(lang)) {
			if i < len(keys) {
				m[strings.ToLower(l)] = keys[i]
			}
		}
		for i, ls := range former(i18n.FormerOf(lang)) {
			for _, l := range ls {
				if i < len(keys) {
					m[strings.ToLower(l)] = keys[i]
				}
			}
		}
	}
	for _, k := range keys {
		m[k] = k
	}
	return m
}

var (
	statusKeys = labelKeys(Statuses, func(t *i18n.Texts) []string { return t.Statuses },
		func(f i18n.Former) map[int][]string { return f.Statuses })
	sourceKeys = labelKeys([]string{"own", "borrowed"}, func(t *i18n.Texts) []string { return []string{t.Own, t.Borrowed} },
		func(f i18n.Former) map[int][]string { return map[int][]string{0: f.Own, 1: f.Borrowed} })
)

// statusKey is the key of a Status cell in any language, or "".
func statusKey(s string) string { return statusKeys[strings.ToLower(strings.TrimSpace(s))] }

// statusLabel is the label of a status key in the language of t; a status
// that is no key (a writer's own word) stays as it is, and none is
// "planned".
func statusLabel(t *i18n.Texts, s string) string {
	if s == "" {
		return t.Statuses[0]
	}
	for i, k := range Statuses {
		if k == s {
			return t.Statuses[i]
		}
	}
	return s
}

// CopyLength is the length of a post's copy as the workbook's Length
// column shows it, and as a channel's limit is checked against
// (docs/spec.md, "The workbook"): LEN's count in Excel and LibreOffice, in
// UTF-16 code units, so that an emoji outside the Basic Multilingual Plane
// counts 2.
func CopyLength(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
