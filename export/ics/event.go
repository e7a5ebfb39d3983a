package ics

import (
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// The events of posts are the bulk of a calendar (a million of them at
// agency scale), so they are serialized here, line by line, into one reused
// buffer, rather than built as golang-ical components: a VEvent costs about
// a hundred allocations (a property map per property, a strings.Builder per
// line), which made golang-ical most of the time of a big export. The
// output is the same bytes golang-ical writes for the same event (property
// order, TEXT escaping, parameter escaping); ics_ref_test.go keeps the
// golang-ical version and compares the two, and a test reads every
// generated file back with golang-ical's parser. The calendar header, the
// VTIMEZONE and the review meetings (a dozen components per file) are
// still built with golang-ical.

// postParts is what every post of one channel, format, pillar, campaign and
// source shares: computed once, as escaped TEXT, and reused.
type postParts struct {
	summary     []byte // escaped SUMMARY value
	brief       []byte // escaped Brief, the start of DESCRIPTION
	categories  []byte // the CATEGORIES lines, CRLF-terminated
	alarm       []byte // escaped DESCRIPTION of the alarm
	dueSummary  []byte // escaped start of the deadline event's SUMMARY
	dueBrief    []byte // escaped Brief, the start of the deadline's DESCRIPTION
	dueCategory []byte // the deadline's CATEGORIES lines
}

type partsKey struct {
	channel  *calendar.Channel
	format   *calendar.Format
	pillar   *calendar.Pillar
	campaign string
	source   calendar.Source
}

// maxParts bounds the cache: the combinations come from the spec, so a real
// plan has a few thousand at most, but hand-made plans could vary freely.
const maxParts = 1 << 16

func (iw *icsWriter) parts(p *calendar.Post) *postParts {
	k := partsKey{p.Channel, p.Format, p.Pillar, p.Campaign, p.Source}
	if pp, ok := iw.cache[k]; ok {
		return pp
	}
	summary := iw.summary(p)
	brief := export.Brief(iw.plan, p)
	pp := &postParts{
		summary:    appendText(nil, summary),
		brief:      appendText(nil, brief),
		alarm:      appendText(nil, iw.t.DraftTask+": "+summary),
		dueSummary: appendText(nil, iw.t.DraftTask+": "+iw.dueSummary(p)),
		dueBrief:   appendText(nil, brief),
	}
	src := iw.t.Own
	if p.Source == calendar.Borrowed {
		src = iw.t.Borrowed
	}
	// One CATEGORIES property per value: a value's commas are escaped, so a
	// channel named "Q&A, live" stays one category.
	cats := []string{p.Channel.Name, p.Format.Name}
	if p.Pillar != nil {
		cats = append(cats, p.Pillar.Name)
	}
	for _, c := range append(cats, src) {
		pp.categories = appendTextLine(pp.categories, "CATEGORIES:", c)
	}
	pp.dueCategory = appendTextLine(pp.dueCategory, "CATEGORIES:", iw.t.DraftDue)
	pp.dueCategory = appendTextLine(pp.dueCategory, "CATEGORIES:", p.Channel.Name)
	if iw.cache == nil {
		iw.cache = map[partsKey]*postParts{}
	}
	if len(iw.cache) < maxParts {
		iw.cache[k] = pp
	}
	return pp
}

func (iw *icsWriter) post(p *calendar.Post) {
	if p.Channel == nil || p.Format == nil {
		// A post without a channel or format is not something Build makes;
		// skipping it beats a panic in the middle of a file.
		return
	}
	pp := iw.parts(p)
	b := iw.head(p.ID, "")
	b = iw.appendTimes(b, p.Start, p.End, p.DST == calendar.DSTAmbiguous)
	b = append(b, "SUMMARY:"...)
	b = append(b, pp.summary...)
	b = append(b, "\r\nDESCRIPTION:"...)
	b = append(b, pp.brief...)

	// The rest of the description is escaped as one piece, as it was
	// written as one: icsText folds a CR+LF pair into one line break, which
	// a title ending in CR followed by "\nWriter" must keep doing.
	t := iw.tail[:0]
	if p.Title != "" {
		t = append(t, '\n')
		t = append(t, p.Title...)
	}
	if p.Writer != "" {
		t = append(t, '\n')
		t = append(t, iw.t.Writer...)
		t = append(t, ": "...)
		t = append(t, p.Writer...)
	}
	if p.Channel.Owner != "" {
		t = append(t, '\n')
		t = append(t, iw.t.Owner...)
		t = append(t, ": "...)
		t = append(t, p.Channel.Owner...)
	}
	t = append(t, '\n')
	t = append(t, iw.t.DraftDue...)
	t = append(t, ": "...)
	t = appendDate(t, p.DraftDue)
	iw.tail = t
	b = appendTextBytes(b, t)
	b = append(b, "\r\n"...)

	b = append(b, pp.categories...)
	b = append(b, "STATUS:TENTATIVE\r\nTRANSP:TRANSPARENT\r\n"...)

	// The reminder fires at 09:00 local on the day the draft is due; as an
	// absolute trigger it must be UTC (RFC 5545 3.8.6.3).
	b = append(b, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:"...)
	b = append(b, pp.alarm...)
	b = append(b, "\r\nTRIGGER;VALUE=DATE-TIME:"...)
	b = iw.nineOn(p.DraftDue).UTC().AppendFormat(b, icsUTC)
	b = append(b, "\r\nEND:VALARM\r\nEND:VEVENT\r\n"...)
	iw.ev = b
	iw.emit(b, p.ID, uidDomain)
}

// deadline is the all-day "draft due" event of a post: DTEND is the next
// day, since an all-day DTEND is exclusive.
func (iw *icsWriter) deadline(p *calendar.Post) {
	if p.Channel == nil || p.Format == nil {
		return
	}
	pp := iw.parts(p)
	b := iw.head(p.ID, "-draft")
	y, m, d := p.DraftDue.YMD()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	b = append(b, "DTSTART;VALUE=DATE:"...)
	b = day.AppendFormat(b, icsDate)
	b = append(b, "\r\nDTEND;VALUE=DATE:"...)
	b = day.AddDate(0, 0, 1).AppendFormat(b, icsDate)
	b = append(b, "\r\nSUMMARY:"...)
	b = append(b, pp.dueSummary...)
	b = iw.appendDue(b, p)
	b = append(b, "\r\nDESCRIPTION:"...)
	b = append(b, pp.dueBrief...)
	t := append(iw.tail[:0], '\n')
	t = p.Start.In(iw.loc).AppendFormat(t, "2006-01-02 15:04")
	t = append(t, ' ')
	t = append(t, iw.plan.Timezone...)
	if p.Writer != "" {
		t = append(t, '\n')
		t = append(t, iw.t.Writer...)
		t = append(t, ": "...)
		t = append(t, p.Writer...)
	}
	iw.tail = t
	b = appendTextBytes(b, t)
	b = append(b, "\r\n"...)
	b = append(b, pp.dueCategory...)
	b = append(b, "STATUS:TENTATIVE\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"...)
	iw.ev = b
	iw.emit(b, p.ID, "-draft"+uidDomain)
}

// dueSummary is what a deadline's SUMMARY says of the post's kind: its
// channel and format, and whether it is borrowed.
func (iw *icsWriter) dueSummary(p *calendar.Post) string {
	s := p.Channel.Name + " · " + p.Format.Name
	if p.Source == calendar.Borrowed {
		s += " " + iw.t.BorrowedMark
	}
	return s
}

// appendDue ends a deadline's SUMMARY with what tells it from the other
// deadlines of its day: when the post goes out, in the plan's zone, and
// who writes it (or that nobody does, in a plan with writers). The
// calendar shows all of a day's deadlines at once, so the summary, not
// the description, must name them.
func (iw *icsWriter) appendDue(b []byte, p *calendar.Post) []byte {
	b = append(b, " · "...)
	b = p.Start.In(iw.loc).AppendFormat(b, "2006-01-02 15:04")
	who := p.Writer
	if who == "" && len(iw.plan.Writers) > 0 {
		who = iw.t.Unassigned
	}
	if who != "" {
		b = append(b, " · "...)
		b = appendText(b, who)
	}
	return b
}

// head starts an event in the reused buffer: BEGIN, UID, DTSTAMP and
// SEQUENCE, those of a new event (emit settles them).
func (iw *icsWriter) head(id, suffix string) []byte {
	b := append(iw.ev[:0], "BEGIN:VEVENT\r\nUID:"...)
	// The UID was written by golang-ical as icsText(id+suffix+uidDomain),
	// escaped; the suffix and domain are plain ASCII, so the id can be
	// cleaned on its own.
	b = appendText(b, id)
	b = append(b, suffix...)
	b = append(b, uidDomain...)
	b = append(b, "\r\nDTSTAMP:"...)
	b = append(b, iw.stamp...)
	return append(b, "\r\nSEQUENCE:0\r\n"...)
}

// appendTimes writes DTSTART and DTEND under the rules of setTimes (which
// the review meetings use): local times with TZID unless a local time
// would be open to interpretation, then UTC instants.
func (iw *icsWriter) appendTimes(b []byte, start, end time.Time, forceUTC bool) []byte {
	hasEnd := end.After(start)
	utc := iw.tzid == "" || forceUTC || iw.unclear(start) || (hasEnd && iw.unclear(end))
	put := func(b []byte, name string, t time.Time) []byte {
		b = append(b, name...)
		if utc {
			b = append(b, ':')
			b = t.UTC().AppendFormat(b, icsUTC)
		} else {
			b = append(b, ";TZID="...)
			b = append(b, iw.tzidParam...)
			b = append(b, ':')
			b = t.In(iw.loc).AppendFormat(b, icsLocal)
		}
		return append(b, "\r\n"...)
	}
	b = put(b, "DTSTART", start)
	if hasEnd {
		b = put(b, "DTEND", end)
	}
	return b
}

// nineOn is 09:00 local on day d. Posts come in date order and their draft
// days repeat (one per lead time), so the last few are remembered:
// calendar.ReadWall looks the zone's transitions up to read a wall time the
// RFC 5545 way, and is the costliest step of an event otherwise.
func (iw *icsWriter) nineOn(d calendar.Date) time.Time {
	for i := range iw.nine {
		if iw.nine[i].ok && iw.nine[i].day == d {
			return iw.nine[i].at
		}
	}
	at, _ := calendar.ReadWall(iw.loc, d, 9*60)
	iw.nine[iw.nineNext] = nineMemo{day: d, at: at, ok: true}
	iw.nineNext = (iw.nineNext + 1) % len(iw.nine)
	return at
}

type nineMemo struct {
	day calendar.Date
	at  time.Time
	ok  bool
}

// appendDate writes d as YYYY-MM-DD, as calendar.Date.String does.
func appendDate(b []byte, d calendar.Date) []byte {
	y, m, dd := d.YMD()
	if y < 0 || y > 9999 {
		return append(b, d.String()...)
	}
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+dd/10), byte('0'+dd%10))
}

// appendTextLine writes "NAME:value" with value cleaned and escaped as TEXT,
// and CRLF.
func appendTextLine(b []byte, name, value string) []byte {
	b = append(b, name...)
	b = appendText(b, value)
	return append(b, "\r\n"...)
}

// appendText writes s as a TEXT value, byte for byte as golang-ical writes
// icsText(s): cleaned by icsText, then `\`, `;`, `,` and LF escaped.
func appendText(b []byte, s string) []byte {
	return appendEscaped(b, icsText(s))
}

// appendEscaped escapes `\`, `;`, `,` and LF of text that is clean already.
func appendEscaped[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendTextBytes is appendText for a byte slice, without copying it into a
// string when it is clean already (the usual case).
func appendTextBytes(b, s []byte) []byte {
	for _, c := range s {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 {
			return appendText(b, string(s))
		}
	}
	return appendEscaped(b, s)
}
