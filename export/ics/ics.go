// Package ics writes a calendar.Plan as an iCalendar file (RFC 5545): one
// VEVENT per post, the review meetings, a VTIMEZONE for the plan's zone. It
// is the one importer of golang-ical, which writes the calendar's header
// and time zone; the events themselves are serialized here, byte for byte
// as golang-ical would (held to it by ref_test.go).
//
// A re-run updates the calendar it replaces (docs/spec.md, "Re-runs"):
// ReadPrevious reads that file, as untrusted input, and Write gives each
// event the SEQUENCE and DTSTAMP the update calls for and cancels the
// events the plan no longer has (update.go).
package ics

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// Options are the choices of an iCalendar export.
type Options struct {
	// Now is the DTSTAMP of every new or changed event. The CLI sets it
	// from SOURCE_DATE_EPOCH when that is set (so reruns are
	// byte-identical), else from time.Now; the zero time means time.Now.
	Now time.Time
	// Previous, when not nil, is the previous version of this calendar
	// (ReadPrevious): events keep or raise its SEQUENCE, and its events
	// the plan no longer has are written cancelled (docs/spec.md,
	// "Re-runs"). Without it every event is new, with SEQUENCE 0.
	Previous *Previous
	// Changes, when not nil, receives what the write did to the events of
	// Previous.
	Changes *Changes
	// Deadlines adds an all-day "draft due" event per post (--deadlines).
	Deadlines bool
	// Channel, when set, keeps only this channel's posts. It does not
	// touch the review meetings: they cover every channel, and keep their
	// UIDs in every file, so importing several files into one calendar does
	// not repeat them.
	Channel *calendar.Channel
	// Part is what the calendar holds: posts, review meetings and
	// occasions (the zero value), only posts (with their deadlines), only
	// the review meetings, or only the occasions (then Channel is ignored,
	// and the calendar is named after what it holds). --split channel
	// writes one PostsOnly file per channel, one ReviewsOnly file and one
	// OccasionsOnly file, so each colour in a calendar program means one
	// thing.
	Part Part

	// object, when set, takes each event instead of the file (Objects).
	object func(iw *icsWriter, ev []byte) error
}

// Part is what an iCalendar export holds.
type Part int

const (
	All           Part = iota // posts, their deadlines, the review meetings and the occasions
	PostsOnly                 // posts and their deadlines only
	ReviewsOnly               // review meetings only
	OccasionsOnly             // the holidays and [[date]]s only, as all-day events
)

const (
	icsLocal = "20060102T150405"
	icsUTC   = "20060102T150405Z"
	icsDate  = "20060102"

	// uidDomain makes UIDs globally unique in the way RFC 5545 suggests.
	uidDomain = "@contentplan"
)

// golang-ical serializes each component unfolded (CRLF, as RFC 5545
// wants; its default is LF), and foldICS folds the lines. golang-ical's own
// folding keeps UTF-8 intact but prefers to break before a space, which
// puts a meaningful space right after the fold, where readers that strip
// all leading whitespace when unfolding lose it; it may also split an
// escape such as \n across lines. Folding ourselves avoids both.
var icsConfig = &ics.SerializationConfiguration{
	MaxLength:         1 << 30,
	PropertyMaxLength: 1 << 30,
	NewLine:           string(ics.WithNewLineWindows),
}

// Write writes plan as an iCalendar (RFC 5545) file: the calendar's
// properties, a VTIMEZONE for the plan's zone, the review meetings, the
// occasions (holidays and [[date]]s) as all-day events, then one VEVENT
// per post (and per draft deadline with opt.Deadlines), or the part of
// these opt.Part names; then, with opt.Previous, the events of the
// previous version that the plan no longer has, cancelled. Events are
// built and written one at a time, so memory does not grow with the plan;
// when there are review meetings to write, one more pass over the posts
// counts their months' figures first.
func Write(w io.Writer, plan *calendar.Plan, opt Options) error {
	iw := newICSWriter(w, plan, opt)
	var figures *monthFigures
	if (opt.Part == All || opt.Part == ReviewsOnly) && len(plan.Reviews) > 0 {
		// Counted before anything is written, so that a review meeting
		// (written before the posts) can list its month's figures.
		figures = countMonths(plan)
	}
	iw.header()
	if opt.Part == All || opt.Part == ReviewsOnly {
		for _, r := range plan.Reviews {
			iw.review(r, figures)
		}
	}
	if opt.Part == All || opt.Part == OccasionsOnly {
		for _, o := range plan.Occasions {
			iw.occasion(o)
		}
	}
	if opt.Part == All || opt.Part == PostsOnly {
		for p := range plan.Posts() {
			if iw.err != nil {
				break
			}
			if opt.Channel != nil && !sameChannel(p.Channel, opt.Channel) {
				continue
			}
			iw.post(&p)
			if opt.Deadlines {
				iw.deadline(&p)
			}
		}
	}
	if iw.err == nil {
		iw.cancelAll()
	}
	iw.raw("END:VCALENDAR")
	if opt.Changes != nil {
		*opt.Changes = iw.changes
	}
	if err := iw.bw.Flush(); err != nil && iw.err == nil {
		iw.err = err
	}
	return iw.err
}

func sameChannel(a, b *calendar.Channel) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || a.Name == b.Name
}

type icsWriter struct {
	bw    *bufio.Writer
	buf   bytes.Buffer // one component, unfolded
	err   error
	plan  *calendar.Plan
	opt   Options
	t     *i18n.Texts
	loc   *time.Location
	tzid  string // "" when times are written in UTC
	stamp string // DTSTAMP of new and changed events

	// A re-run's state (update.go): the previous version, which of its
	// events this run wrote, the counts, and buffers.
	prev    *Previous
	seen    []bool
	changes Changes
	dig     *digester
	out     []byte
	// The DTSTAMP last written from a previous event, and its text.
	lastStamp     int64
	lastStampText string
	// [from, to) is the span the VTIMEZONE describes exactly; a local time
	// outside it is written in UTC rather than left to a guess.
	from, to time.Time

	// What the events of posts reuse (ics_event.go).
	tzidParam string // tzid escaped as a parameter value
	ev, tail  []byte // the event being written, and its description's tail
	cache     map[partsKey]*postParts
	nine      [8]nineMemo
	nineNext  int
	// [plainFrom, plainTo) is a stretch of one zone period, clear of its
	// changes of offset, where no wall time is ambiguous (see unclear).
	plainFrom, plainTo time.Time
}

func newICSWriter(w io.Writer, plan *calendar.Plan, opt Options) *icsWriter {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	iw := &icsWriter{
		bw:    bufio.NewWriterSize(w, 64<<10),
		plan:  plan,
		opt:   opt,
		t:     i18n.For(plan.Language),
		loc:   plan.Location,
		stamp: now.UTC().Format(icsUTC),
		prev:  opt.Previous,
	}
	if iw.prev != nil {
		iw.seen = make([]bool, len(iw.prev.events))
		iw.dig = newDigester()
	}
	if iw.loc == nil {
		iw.loc = time.UTC
	}
	if !isUTCZone(iw.loc, plan.Timezone) {
		iw.tzid = tzidOf(plan.Timezone, iw.loc)
		iw.tzidParam = escapeParam(iw.tzid)
		// The plan with a year's margin either side, so that an event moved
		// a little by a calendar program, and the alarms before the first
		// post, still fall inside.
		iw.from = plan.Start.AddDays(-366).Time(iw.loc)
		iw.to = plan.End.AddDays(367).Time(iw.loc)
	}
	return iw
}

// isUTCZone tells the plans whose times are written in UTC with Z and no
// VTIMEZONE: plan.timezone "UTC" (the default).
func isUTCZone(loc *time.Location, name string) bool {
	switch name {
	case "", "UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu":
		return true
	}
	return loc == time.UTC
}

// tzidOf is the TZID for the zone: its IANA name. A parameter value may not
// hold `";:,` unquoted, and golang-ical escapes with backslashes instead of
// quoting, so any such character (no IANA name has one) is replaced.
func tzidOf(name string, loc *time.Location) string {
	if name == "" {
		name = loc.String()
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune("\";:,", r) {
			return '-'
		}
		return r
	}, name)
}

// raw writes one line that needs neither folding nor escaping.
func (iw *icsWriter) raw(line string) {
	if iw.err != nil {
		return
	}
	_, iw.err = iw.bw.WriteString(line + "\r\n")
}

func (iw *icsWriter) header() {
	cal := ics.NewCalendarFor("contentplan")
	cal.SetProductId("-//contentplan//contentplan//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	name := iw.plan.Name
	switch {
	case iw.opt.Part == ReviewsOnly:
		name += " — " + iw.t.Reviews
	case iw.opt.Part == OccasionsOnly:
		name += " — " + iw.t.Occasions
	case iw.opt.Channel != nil:
		name += " — " + iw.opt.Channel.Name
	}
	cal.SetName(icsText(name)) // NAME (RFC 7986) and X-WR-CALNAME
	tzname := iw.tzid
	if tzname == "" {
		tzname = "UTC"
	}
	cal.SetXWRTimezone(tzname)
	// A subscribed copy (a calendar program that reads the file from a URL)
	// looks for changes this often: RFC 7986 5.7, and the property Outlook
	// and Google read instead.
	cal.SetRefreshInterval("PT12H")
	cal.SetXPublishedTTL("PT12H")

	iw.raw("BEGIN:VCALENDAR")
	for _, p := range cal.CalendarProperties {
		iw.component(p.SerializeTo)
	}
	if iw.tzid != "" {
		iw.component(buildVTimezone(iw.loc, iw.tzid, iw.from, iw.to).SerializeTo)
	}
}

// component serializes a property or component unfolded into the buffer,
// then writes it folded.
func (iw *icsWriter) component(serialize func(io.Writer, *ics.SerializationConfiguration) error) {
	if iw.err != nil {
		return
	}
	iw.buf.Reset()
	if iw.err = serialize(&iw.buf, icsConfig); iw.err == nil {
		iw.err = foldICS(iw.bw, iw.buf.Bytes())
	}
}

// foldICS writes CRLF-terminated lines folded at 75 octets (RFC 5545
// 3.1): never inside a UTF-8 character, and where the line allows it, not
// between a backslash and the character it escapes nor before a space, so
// that no reader loses a character by unfolding carelessly.
func foldICS(w *bufio.Writer, data []byte) error {
	for len(data) > 0 {
		i := bytes.Index(data, []byte("\r\n"))
		if i < 0 {
			i = len(data)
		}
		line := data[:i]
		data = data[min(i+2, len(data)):]
		limit := 75
		for len(line) > limit {
			cut := foldCut(line, limit)
			w.Write(line[:cut])
			w.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the leading space of a continuation counts
		}
		w.Write(line)
		if _, err := w.WriteString("\r\n"); err != nil {
			return err
		}
	}
	return nil
}

// foldCut is where to fold line, at most limit octets in: a UTF-8
// character boundary, preferably (within 16 octets) one that is neither a
// space nor right after an escaping backslash.
func foldCut(line []byte, limit int) int {
	cut := limit
	for cut > 1 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	for c := cut; c > 1 && cut-c < 16; c-- {
		if utf8.RuneStart(line[c]) && line[c] != ' ' && !escapeStart(line[:c]) {
			return c
		}
	}
	if cut > 1 && escapeStart(line[:cut]) {
		cut-- // the backslash is one octet, so this is a boundary too
	}
	return cut
}

// escapeStart reports whether s ends in the backslash of an escape: an odd
// run of backslashes.
func escapeStart(s []byte) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// setTimes sets DTSTART and DTEND. They are local times with TZID, except
// where a local time would be open to interpretation (docs/spec.md, rule 8): a
// wall clock that occurs twice (fall back), a post the build marked
// ambiguous, or a time outside the span the VTIMEZONE describes. Then both
// are written as UTC instants, which every program reads alike. A DTEND not
// after DTSTART is left out (the event then ends as it starts).
func (iw *icsWriter) setTimes(e *ics.VEvent, start, end time.Time, forceUTC bool) {
	hasEnd := end.After(start)
	utc := iw.tzid == "" || forceUTC || iw.unclear(start) || (hasEnd && iw.unclear(end))
	set := func(p ics.ComponentProperty, t time.Time) {
		if utc {
			e.SetProperty(p, t.UTC().Format(icsUTC))
		} else {
			e.SetProperty(p, t.In(iw.loc).Format(icsLocal), ics.WithTZID(iw.tzid))
		}
	}
	set(ics.ComponentPropertyDtStart, start)
	if hasEnd {
		set(ics.ComponentPropertyDtEnd, end)
	}
}

func (iw *icsWriter) unclear(t time.Time) bool {
	if t.Before(iw.from) || !t.Before(iw.to) {
		return true
	}
	// A wall time can only be ambiguous near a change of offset. Posts come
	// in order, so most fall in the same stretch as the one before, well
	// inside one zone period: that is known without calendar.Ambiguous,
	// which looks the zone up.
	if !t.Before(iw.plainFrom) && t.Before(iw.plainTo) {
		return false
	}
	lt := t.In(iw.loc)
	start, end := lt.ZoneBounds()
	// No offset change is more than a day; two days keep clear of any.
	const margin = 48 * time.Hour
	if !start.IsZero() {
		start = start.Add(margin)
	} else {
		start = iw.from
	}
	if !end.IsZero() {
		end = end.Add(-margin)
	} else {
		end = iw.to
	}
	iw.plainFrom, iw.plainTo = start, end
	if !t.Before(start) && t.Before(end) {
		return false
	}
	return calendar.Ambiguous(lt)
}

func (iw *icsWriter) event(uid string) *ics.VEvent {
	e := ics.NewEvent(icsText(uid))
	e.SetProperty(ics.ComponentPropertyDtstamp, iw.stamp)
	e.SetSequence(0) // settled by emit
	return e
}

// writeEvent writes an event built with golang-ical, whose UID is
// icsText(uid), through emit.
func (iw *icsWriter) writeEvent(e *ics.VEvent, uid string) {
	if iw.err != nil {
		return
	}
	iw.buf.Reset()
	if iw.err = e.SerializeTo(&iw.buf, icsConfig); iw.err == nil {
		iw.emit(iw.buf.Bytes(), uid, "")
	}
}

// escapeParam escapes a parameter value as golang-ical does: a backslash
// before each of `,";:\'`.
func escapeParam(v string) string {
	var b strings.Builder
	for _, r := range v {
		if strings.ContainsRune(",\";:\\'", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// summary is "Instagram · reel · Behind the scenes", plus " (borrowed)".
func (iw *icsWriter) summary(p *calendar.Post) string {
	var b strings.Builder
	b.WriteString(p.Channel.Name)
	if p.Format != nil {
		b.WriteString(" · " + p.Format.Name)
	}
	if p.Pillar != nil {
		b.WriteString(" · " + p.Pillar.Name)
	}
	if p.Source == calendar.Borrowed {
		b.WriteString(" " + iw.t.BorrowedMark)
	}
	return b.String()
}

// icsText makes s fit for a TEXT value before golang-ical escapes it (it
// escapes `\ ; ,` and LF, but nothing else): invalid UTF-8 is replaced,
// CRLF and lone CR become LF (a CR would otherwise end the line early in
// some readers), and other control characters, which RFC 5545 does not
// allow in TEXT, become spaces. Tabs are allowed and kept.
func icsText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return ' '
		}
		return r
	}, s)
}
