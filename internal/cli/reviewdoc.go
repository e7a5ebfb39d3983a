package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/i18n"
)

// reviewDoc is a month's review (docs/spec.md, "The monthly review"),
// laid out by text for the terminal or by markdown.
type reviewDoc struct {
	title, subtitle string
	sections        []reviewSection
}

// reviewSection is a heading over a table (head and rows) or a list (rows
// of one cell, head nil); none is said when there are no rows.
type reviewSection struct {
	heading string
	head    []string
	numeric []bool // the table's columns of figures, right-aligned in Markdown
	whole   []bool // the table's columns never cut on the terminal
	rows    [][]string
	none    string
}

// maxOverdue is how many overdue drafts the review lists, the rest being
// counted: a plan gone badly wrong still gives a review that reads.
const maxOverdue = 30

// buildReview gathers the review of the month starting on month from the
// workbook, with drafts overdue as of today, in the workbook's language.
func buildReview(b *xlsx.Workbook, month, today calendar.Date) *reviewDoc {
	t := i18n.For(b.Language)
	rt := t.Review()
	y, m, _ := month.YMD()
	var kpis []*xlsx.KPIRow
	for i := range b.KPIs {
		if k := &b.KPIs[i]; !k.Apart && k.Key != "" && k.Month == month {
			kpis = append(kpis, k)
		}
	}
	doc := &reviewDoc{title: b.Plan, subtitle: fmt.Sprintf(rt.Title, t.MonthInPhrase(m), y)}
	doc.sections = append(doc.sections,
		kpiSection(t, kpis, len(b.KPIs) == 0),
		postsSection(t, b, month),
		overdueSection(t, b, today),
		unservedSection(t, b, kpis, month),
		decisionsSection(t, kpis))
	return doc
}

// kpiSection is each objective's KPI, target, actual and share reached.
func kpiSection(t *i18n.Texts, kpis []*xlsx.KPIRow, noSheet bool) reviewSection {
	rt := t.Review()
	s := reviewSection{heading: rt.KPIs, head: []string{t.Objective, t.KPI, t.Target, rt.Actual, rt.Reached},
		numeric: []bool{false, false, true, true, true}, whole: []bool{false, false, true, true, true}, none: rt.None}
	if noSheet {
		s.none = rt.NoObjectives
	}
	for _, k := range kpis {
		actual, reached := "—", ""
		if strings.TrimSpace(k.Actual) != "" {
			actual = calendar.ShowActual(k.Actual, k.Value, k.HasValue, k.Target, k.Unit, t.Decimal, t.Thousands)
			if v, ok := calendar.Reached(k.Target, k.Value); ok && k.HasValue {
				reached = calendar.ShowShare(v, t.Decimal)
			}
		}
		s.rows = append(s.rows, []string{k.Label, k.KPI, k.Target.Show(k.Unit, t.Decimal, t.Thousands), actual, reached})
	}
	return s
}

// postCount is a channel's month: posts planned, published, and
// borrowed among the published.
type postCount struct{ planned, published, borrowed int }

// postsSection is, per channel and in all, the month's posts planned
// against those published, and the borrowed share of the published
// against the cap, counted from the Plan sheet's rows.
func postsSection(t *i18n.Texts, b *xlsx.Workbook, month calendar.Date) reviewSection {
	rt := t.Review()
	s := reviewSection{heading: rt.Posts, head: []string{t.Channel, rt.Planned, rt.Published, rt.BorrowedPublished, rt.PubShare, t.Cap},
		numeric: []bool{false, true, true, true, true, true}, whole: []bool{true, true, true, true, true, true}, none: rt.None}
	var names []string
	for _, c := range b.Channels {
		names = append(names, c.Name)
	}
	counts := map[string]*postCount{}
	for i := range b.Rows {
		r := &b.Rows[i]
		if d, ok := rowDate(r); !ok || d.FirstOfMonth() != month {
			continue
		}
		if counts[r.Channel] == nil {
			counts[r.Channel] = &postCount{}
			if !slices.Contains(names, r.Channel) {
				names = append(names, r.Channel)
			}
		}
		c := counts[r.Channel]
		c.planned++
		if r.Status == "published" {
			c.published++
			if r.Source == calendar.Borrowed {
				c.borrowed++
			}
		}
	}
	var total postCount
	for _, name := range names {
		c := cmp.Or(counts[name], &postCount{})
		total.planned, total.published, total.borrowed = total.planned+c.planned, total.published+c.published, total.borrowed+c.borrowed
		cp := ""
		if ch := b.Channel(name); ch != nil {
			cp = capText(ch.Cap, t.Decimal)
		}
		s.rows = append(s.rows, postRow(t, name, c, cp))
	}
	if len(names) > 1 {
		s.rows = append(s.rows, postRow(t, t.Total, &total, capText(b.Cap, t.Decimal)))
	}
	return s
}

func postRow(t *i18n.Texts, name string, c *postCount, cp string) []string {
	share := 0.0
	if c.published > 0 {
		share = float64(c.borrowed) / float64(c.published)
	}
	return []string{name, strconv.Itoa(c.planned), strconv.Itoa(c.published), strconv.Itoa(c.borrowed),
		calendar.ShowShare(share, t.Decimal), cp}
}

// capText is a cap in the language's decimals.
func capText(c calendar.Cap, dec string) string { return strings.Replace(c.String(), ".", dec, 1) }

// overdueSection lists the drafts due before today that are not written
// yet (Planned, or blank, or Drafting), earliest first.
func overdueSection(t *i18n.Texts, b *xlsx.Workbook, today calendar.Date) reviewSection {
	rt := t.Review()
	s := reviewSection{heading: fmt.Sprintf(rt.Overdue, today), none: rt.None}
	var late []*xlsx.Row
	for i := range b.Rows {
		r := &b.Rows[i]
		unwritten := r.Status == "planned" || r.Status == "drafting" || r.Status == "" && strings.TrimSpace(r.StatusText) == ""
		if r.HasDraftDue && r.DraftDue < today && unwritten {
			late = append(late, r)
		}
	}
	slices.SortStableFunc(late, func(x, y *xlsx.Row) int {
		return cmp.Or(cmp.Compare(x.DraftDue, y.DraftDue), cmp.Compare(x.Line, y.Line))
	})
	for i, r := range late {
		if i == maxOverdue {
			s.rows = append(s.rows, []string{fmt.Sprintf(t.MorePosts, len(late)-i)})
			break
		}
		s.rows = append(s.rows, []string{overdueLine(t, r, today)})
	}
	return s
}

// overdueLine says a late draft: "2027-04-26 LinkedIn: Draft due
// 2027-04-23, 3 days late; status Drafting; writer Dana; "Title"".
func overdueLine(t *i18n.Texts, r *xlsx.Row, today calendar.Date) string {
	rt := t.Review()
	when := ""
	if d, ok := rowDate(r); ok {
		when = d.String() + " "
	}
	status := t.Statuses[0]
	if i := slices.Index(xlsx.Statuses, r.Status); i >= 0 && i < len(t.Statuses) {
		status = t.Statuses[i]
	}
	late := fmt.Sprintf(rt.Late, t.Count(int(today-r.DraftDue), rt.DayNoun))
	parts := []string{fmt.Sprintf("%s%s: %s %s, %s", when, r.Channel, t.DraftDue, r.DraftDue, late),
		fmt.Sprintf(rt.StatusIs, status)}
	if r.Writer != "" {
		parts = append(parts, fmt.Sprintf(rt.WriterIs, r.Writer))
	}
	if title := strings.TrimSpace(r.Title); title != "" {
		parts = append(parts, fmt.Sprintf(rt.Quoted, calendar.ShortText(title, 60)))
	}
	return strings.Join(parts, "; ")
}

// unservedSection lists the month's objectives that no post of the month
// serves: no Plan row of the month names the objective (by its id; an
// objective without one no pillar can serve).
func unservedSection(t *i18n.Texts, b *xlsx.Workbook, kpis []*xlsx.KPIRow, month calendar.Date) reviewSection {
	rt := t.Review()
	s := reviewSection{heading: rt.Unserved, none: rt.None}
	served := map[string]bool{}
	for i := range b.Rows {
		if d, ok := rowDate(&b.Rows[i]); ok && d.FirstOfMonth() == month {
			served[strings.ToLower(strings.TrimSpace(b.Rows[i].Objective))] = true
		}
	}
	for _, k := range kpis {
		if !served[strings.ToLower(k.Key)] {
			s.rows = append(s.rows, []string{k.Label})
		}
	}
	return s
}

// decisionsSection lists the decisions entered for the month.
func decisionsSection(t *i18n.Texts, kpis []*xlsx.KPIRow) reviewSection {
	rt := t.Review()
	s := reviewSection{heading: rt.Decisions, none: rt.None}
	for _, k := range kpis {
		if d := strings.TrimSpace(k.Decision); d != "" {
			s.rows = append(s.rows, []string{k.Label + ": " + d})
		}
	}
	return s
}

// text writes the review for the terminal: the tables laid out in
// lineWidth columns.
func (d *reviewDoc) text(w io.Writer) error {
	lines := []string{term(d.title), d.subtitle}
	for _, s := range d.sections {
		lines = append(lines, "", s.heading)
		switch {
		case len(s.rows) == 0:
			lines = append(lines, "  "+s.none)
		case s.head == nil:
			for _, r := range s.rows {
				lines = append(lines, fill("  ", "    ", strings.Fields(mdText(r[0])), lineWidth)...)
			}
		default:
			tb := table{head: s.head, whole: s.whole}
			for _, r := range s.rows {
				tb.rows = append(tb.rows, termCells(r))
			}
			for _, l := range tb.lines(lineWidth - 2) {
				lines = append(lines, "  "+l)
			}
		}
	}
	return printLines(w, lines)
}

// markdown writes the review as Markdown: a heading, then each part's
// heading over a table or a list.
func (d *reviewDoc) markdown(w io.Writer) error {
	lines := []string{"# " + mdText(d.title) + " — " + mdText(d.subtitle)}
	for _, s := range d.sections {
		lines = append(lines, "", "## "+mdText(s.heading), "")
		switch {
		case len(s.rows) == 0:
			lines = append(lines, mdText(s.none))
		case s.head == nil:
			for _, r := range s.rows {
				lines = append(lines, "- "+mdText(r[0]))
			}
		default:
			lines = append(lines, mdRow(s.head))
			rule := make([]string, len(s.head))
			for i := range rule {
				rule[i] = "---"
				if i < len(s.numeric) && s.numeric[i] {
					rule[i] = "---:"
				}
			}
			lines = append(lines, "|"+strings.Join(rule, "|")+"|")
			for _, r := range s.rows {
				lines = append(lines, mdRow(r))
			}
		}
	}
	return printLines(w, lines)
}

func termCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = term(c)
	}
	return out
}

// mdRow is a Markdown table row.
func mdRow(cells []string) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.ReplaceAll(mdText(c), "|", `\|`)
	}
	return "| " + strings.Join(out, " | ") + " |"
}

// mdText is text on one line, of Markdown or of the terminal: line
// breaks become spaces, and control characters are shown escaped (term).
func mdText(s string) string {
	return term(strings.Join(strings.Fields(s), " "))
}
