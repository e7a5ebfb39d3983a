package html

import (
	"fmt"
	"html/template"
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// page is what the template shows. Its strings are text: the template
// escapes them. Style and Script are ours, made of numbers and fixed text
// only, never of a name from the spec.
type page struct {
	T                 *i18n.Texts
	Title             string
	Period, Zone      string
	CSP               string
	Style             template.CSS
	Script            template.JS
	Channels          []mixRow
	Total             mixRow
	Writers, Pillars  []option
	Sources           []option
	Campaigns         []campaignRow
	MonthLinks        []option
	Empty, HasWriters bool

	b *builder
}

// mixRow is a channel's line of the mix, or the plan's total.
type mixRow struct {
	Class, Name                 string
	Posts, Own, Borrowed, Share string
	Cap, Fill, Verdict, Title   string
	Over, Capped                bool
}

// option is a choice of a filter (Value is the class of the posts it
// keeps), or a link to a month.
type option struct{ Value, Label string }

type campaignRow struct{ Class, Name, Dates, Channels string }

func newPage(plan *calendar.Plan, s *surveyed) *page {
	t := i18n.For(plan.Language)
	b := newBuilder(plan, s, t)
	p := &page{T: t, Title: plan.Name, b: b, Empty: !s.hasPosts}
	p.Period = b.from.String() + " – " + b.to.String()
	if b.to < b.from {
		p.Period = ""
	}
	p.Zone = fmt.Sprintf(t.TimesIn, zoneLabel(plan, b))
	total := s.tally.Total()
	fills := map[int]bool{}
	for i, c := range s.tally.Channels() {
		p.Channels = append(p.Channels, b.mixRow(chanClass(i), channelName(c), s.tally.Channel(c), channelCap(c), fills))
	}
	p.Total = b.mixRow("", t.Total, total, int(plan.Cap), fills)
	p.Writers, p.Pillars = b.writerOptions(), b.pillarOptions()
	p.HasWriters = len(p.Writers) > 0
	p.Sources = []option{{"o", upperFirst(t.OwnPosts)}, {"b", upperFirst(t.BorrowedPosts)}}
	for i, c := range plan.Campaigns {
		row := campaignRow{Class: campClass(i), Name: c.Name, Dates: c.Start.String() + " – " + c.End.String()}
		row.Channels = strings.Join(c.Channels, ", ")
		p.Campaigns = append(p.Campaigns, row)
	}
	for m := range b.months() {
		p.MonthLinks = append(p.MonthLinks, option{monthID(m), t.MonthName(m.Month()) + " " + strconv.Itoa(m.Year())})
	}
	css := baseCSS + b.rules(fills)
	p.Style, p.Script = template.CSS(css), template.JS(script)
	p.CSP = csp(css, script)
	return p
}

// Months yields the months of the plan, each with its days, as the
// template writes them.
func (p *page) Months() iter.Seq[*month] {
	return func(yield func(*month) bool) {
		for first := range p.b.months() {
			m := &month{ID: monthID(first), Title: p.T.MonthName(first.Month()) + " " + strconv.Itoa(first.Year()),
				first: first, b: p.b}
			if !yield(m) {
				return
			}
		}
	}
}

type month struct {
	ID, Title string
	first     calendar.Date
	b         *builder
}

// Days yields the days of the month's grid, Monday first: the days before
// the 1st and after the last of the month are padding.
func (m *month) Days() iter.Seq[*day] {
	return func(yield func(*day) bool) {
		end := m.first + calendar.Date(m.first.DaysInMonth())
		for d := m.first.Monday(); d < end || d.ISOWeekday() != 0; d++ {
			if !yield(m.b.day(d, d >= m.first && d < end)) {
				return
			}
		}
	}
}

func monthID(first calendar.Date) string {
	return "m" + first.String()[:7]
}

// mixRow counts c against the cap cp (basis points; -1 for none) and
// notes the width of its bar in fills.
func (b *builder) mixRow(class, name string, c calendar.Counts, cp int, fills map[int]bool) mixRow {
	t := b.t
	r := mixRow{Class: class, Name: name, Posts: b.count(c.Posts), Own: b.count(c.Own), Borrowed: b.count(c.Borrowed),
		Share: "–", Cap: "–"}
	if c.Posts > 0 {
		r.Share = percent(share(c), t.Decimal)
	}
	if cp < 0 {
		return r
	}
	r.Cap, r.Capped = percent(cp, t.Decimal), true
	// Over the cap in integers, as rule 3 counts: borrowed > cap·posts.
	r.Over = int64(c.Borrowed)*10000 > int64(cp)*int64(c.Posts)
	used := 100
	if cp > 0 {
		used = min(100, int(int64(c.Borrowed)*1000000/(int64(cp)*int64(max(c.Posts, 1)))))
	} else if c.Borrowed == 0 {
		used = 0
	}
	r.Fill = "f" + strconv.Itoa(used)
	fills[used] = true
	r.Verdict, r.Title = "✓", t.WithinCap // the words only where they matter
	if r.Over {
		r.Verdict, r.Title = "⚠ "+t.OverCap, t.OverCap
	}
	return r
}

// share is the borrowed share of c in basis points, rounded half up.
func share(c calendar.Counts) int {
	if c.Posts == 0 {
		return 0
	}
	return int((int64(c.Borrowed)*20000/int64(c.Posts) + 1) / 2)
}

// percent writes basis points as a percentage with at most one decimal,
// e.g. 2580 → "25.8%"; dec is the language's decimal separator.
func percent(bp int, dec string) string {
	tenths := (max(bp, 0) + 5) / 10
	s := strconv.Itoa(tenths / 10)
	if f := tenths % 10; f != 0 {
		s += dec + strconv.Itoa(f)
	}
	return s + "%"
}

// count writes n with the language's thousands separator: 29565 →
// "29,565" in English.
func (b *builder) count(n int) string {
	s := strconv.Itoa(n)
	if n < 10000 && n > -10000 { // 4-digit numbers stay whole, as style guides have it
		return s
	}
	var out strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out.WriteString(b.t.Thousands)
		}
		out.WriteRune(r)
	}
	return out.String()
}

// upperFirst capitalises the first letter of s: "свои" → "Свои".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func channelName(c *calendar.Channel) string {
	if c == nil {
		return ""
	}
	return c.Name
}

// channelCap is c's cap in basis points, or -1 for a post without a
// channel.
func channelCap(c *calendar.Channel) int {
	if c == nil {
		return -1
	}
	return int(c.Cap)
}

func chanClass(i int) string { return "c" + strconv.Itoa(i) }

// zoneLabel names the plan's zone and the UTC offsets it takes over the
// page's dates: "Europe/Berlin (UTC+01:00, UTC+02:00)".
func zoneLabel(plan *calendar.Plan, b *builder) string {
	name := plan.Timezone
	if name == "" {
		name = b.loc.String()
	}
	var offs []string
	seen := map[string]bool{}
	add := func(o string) {
		if !seen[o] {
			seen[o] = true
			offs = append(offs, o)
		}
	}
	if b.to >= b.from {
		add(utcOffset(b.from.Time(b.loc)))
		for d := b.from; d <= b.to; d++ {
			if _, after, ok := b.clockChange(d); ok {
				add(after)
			}
		}
	}
	if len(offs) == 0 {
		return name
	}
	return name + " (" + strings.Join(offs, ", ") + ")"
}

// campClass is the class of the i-th campaign's band: four tints, in
// turn.
func campClass(i int) string { return "camp k" + strconv.Itoa(i%4) }
