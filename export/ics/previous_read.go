package ics

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
)

// prevReader walks the content lines of a previous calendar: the
// components' nesting, the PRODID, and the properties of each VEVENT.
type prevReader struct {
	lr     *lineReader
	prev   *Previous
	dig    *digester
	prodID bool // a PRODID of ours was seen
	done   bool // END:VCALENDAR was seen
	stack  []openComponent
	inEv   bool        // inside a VEVENT
	ev     eventFields // the VEVENT being read, its buffers reused
	zones  map[string]*time.Location
	// summaries holds each summary once: a plan's posts share a few
	// hundred (channel, format, pillar), and the index holds a million.
	summaries map[string]string
}

// maxSummaries bounds the summaries shared; beyond, each event has its own.
const maxSummaries = 1 << 16

type openComponent struct {
	name string
	line int
}

// maxDepth bounds the nesting of components: ours go VCALENDAR, VEVENT,
// VALARM (or VTIMEZONE, STANDARD).
const maxDepth = 8

// field is a property of a VEVENT kept for checking when the event ends.
type field struct {
	set   bool
	line  int
	tzid  []byte
	value string
	text  []byte
}

// The properties of a VEVENT that ReadPrevious checks and keeps, as
// indexes into eventFields.props.
const (
	pUID = iota
	pDTSTAMP
	pSEQUENCE
	pSTATUS
	pDTSTART
	pDTEND
	pSUMMARY
	nKept
)

// keptIndex is the index of a kept property, or -1.
func keptIndex(name string) int {
	switch name {
	case "UID":
		return pUID
	case "DTSTAMP":
		return pDTSTAMP
	case "SEQUENCE":
		return pSEQUENCE
	case "STATUS":
		return pSTATUS
	case "DTSTART":
		return pDTSTART
	case "DTEND":
		return pDTEND
	case "SUMMARY":
		return pSUMMARY
	}
	return -1
}

// eventFields are the properties of a VEVENT that are kept, as written.
type eventFields struct {
	line  int
	props [nKept]field
}

// get is the kept property k, or nil when the event has none.
func (ev *eventFields) get(k int) *field {
	if !ev.props[k].set {
		return nil
	}
	return &ev.props[k]
}

func (pr *prevReader) errf(n int, format string, args ...any) *PreviousError {
	return pr.lr.errf(n, format, args...)
}

func (pr *prevReader) notOurs(n int, format string, args ...any) *PreviousError {
	e := pr.lr.errf(n, format, args...)
	e.NotOurs = true
	return e
}

func (pr *prevReader) run() error {
	first := true
	for {
		ok, err := pr.lr.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		n := pr.lr.lineN
		cl, bad := parseContentLine(pr.lr.line)
		if first {
			if bad != "" || cl.name != "BEGIN" || !strings.EqualFold(string(cl.text), "VCALENDAR") {
				return pr.notOurs(n, "not an iCalendar file (it starts with %s)", quote(pr.lr.line))
			}
			first = false
		}
		if pr.done {
			return pr.errf(n, "content after END:VCALENDAR")
		}
		if bad != "" {
			return pr.errf(n, "%s", bad)
		}
		if err := pr.handle(cl, n); err != nil {
			return err
		}
	}
	if first {
		return pr.notOurs(0, "empty: not an iCalendar file")
	}
	if !pr.done {
		top := pr.stack[len(pr.stack)-1]
		return pr.errf(pr.lr.phys, "the file ends inside %s (begun at line %d)", top.name, top.line)
	}
	return nil
}

// handle takes one content line: a component's start or end, the PRODID,
// or a property of the event being read.
func (pr *prevReader) handle(cl contentLine, n int) error {
	switch cl.name {
	case "BEGIN":
		return pr.begin(cl, n)
	case "END":
		return pr.end(cl, n)
	}
	if len(pr.stack) == 1 && cl.name == "PRODID" {
		if !bytes.HasPrefix(cl.text, []byte(ProdIDPrefix)) {
			return pr.notOurs(n, "not a calendar made by contentplan (PRODID %s)", quote(cl.text))
		}
		pr.prodID = true
	}
	if !pr.inEv {
		return nil
	}
	pr.dig.line(cl.name, cl.nameEnd, pr.lr.line)
	k := keptIndex(cl.name)
	if len(pr.stack) != 2 || k < 0 {
		return nil
	}
	f := &pr.ev.props[k]
	if f.set {
		return pr.errf(n, "a second %s in the event begun at line %d", cl.name, pr.ev.line)
	}
	f.set, f.line, f.value = true, n, cl.value
	f.tzid = append(f.tzid[:0], cl.tzid...)
	f.text = append(f.text[:0], cl.text...)
	return nil
}

func (pr *prevReader) begin(cl contentLine, n int) error {
	name := strings.ToUpper(string(cl.text))
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return r >= utf8.RuneSelf || !isNameChar(byte(r)) }) >= 0 {
		return pr.errf(n, "BEGIN:%s: not a component name", quote(cl.text))
	}
	if len(pr.stack) >= maxDepth {
		return pr.errf(n, "components nested more than %d deep", maxDepth)
	}
	if len(pr.stack) == 1 && !pr.prodID {
		return pr.notOurs(n, "not a calendar made by contentplan (no PRODID before the first component)")
	}
	if name == "VEVENT" {
		if len(pr.stack) != 1 {
			return pr.errf(n, "VEVENT inside %s", pr.stack[len(pr.stack)-1].name)
		}
		pr.inEv = true
		pr.ev.line = n
		for i := range pr.ev.props {
			pr.ev.props[i].set = false
		}
		pr.dig.reset()
	}
	if name == "VCALENDAR" && len(pr.stack) > 0 {
		return pr.errf(n, "VCALENDAR inside %s", pr.stack[len(pr.stack)-1].name)
	}
	if pr.inEv {
		pr.dig.line(cl.name, cl.nameEnd, pr.lr.line)
	}
	pr.stack = append(pr.stack, openComponent{name, n})
	return nil
}

func (pr *prevReader) end(cl contentLine, n int) error {
	name := strings.ToUpper(string(cl.text))
	if len(pr.stack) == 0 {
		return pr.errf(n, "END:%s with nothing open", quote(cl.text))
	}
	top := pr.stack[len(pr.stack)-1]
	if name != top.name {
		return pr.errf(n, "END:%s does not close BEGIN:%s (line %d)", quote(cl.text), top.name, top.line)
	}
	pr.stack = pr.stack[:len(pr.stack)-1]
	if pr.inEv {
		pr.dig.line(cl.name, cl.nameEnd, pr.lr.line)
	}
	switch {
	case name == "VEVENT":
		pr.inEv = false
		return pr.keep()
	case name == "VCALENDAR":
		pr.done = true
	}
	return nil
}

// keep checks the VEVENT just read and adds it to the index.
func (pr *prevReader) keep() error {
	ev := &pr.ev
	if len(pr.prev.events) >= pr.lr.lim.Events {
		return pr.errf(ev.line, "more than %d events", pr.lr.lim.Events)
	}
	e := prevEvent{digest: pr.dig.digest()}
	var err error
	if e.uid, err = pr.uid(ev.get(pUID), ev.line); err != nil {
		return err
	}
	if _, dup := pr.prev.index[e.uid]; dup {
		return pr.errf(ev.get(pUID).line, "UID %s appears twice", quote([]byte(e.uid)))
	}
	if e.stamp, err = pr.stamp(ev.get(pDTSTAMP), ev.line); err != nil {
		return err
	}
	if e.seq, err = pr.sequence(ev.get(pSEQUENCE)); err != nil {
		return err
	}
	if e.cancelled, err = pr.status(ev.get(pSTATUS)); err != nil {
		return err
	}
	if ev.get(pDTSTART) == nil {
		return pr.errf(ev.line, "an event without DTSTART")
	}
	if e.start, err = pr.time(ev.get(pDTSTART), "DTSTART"); err != nil {
		return err
	}
	if e.end, err = pr.time(ev.get(pDTEND), "DTEND"); err != nil {
		return err
	}
	if e.end.set && e.end.date != e.start.date {
		return pr.errf(ev.get(pDTEND).line, "DTEND is a date and DTSTART a date-time, or the other way round")
	}
	if e.summary, err = pr.summary(ev.get(pSUMMARY)); err != nil {
		return err
	}
	pr.prev.index[e.uid] = int32(len(pr.prev.events))
	pr.prev.events = append(pr.prev.events, e)
	return nil
}

func (pr *prevReader) uid(f *field, evLine int) (string, error) {
	if f == nil {
		return "", pr.errf(evLine, "an event without UID")
	}
	uid, ok := unescapeText(f.text)
	switch {
	case !ok:
		return "", pr.errf(f.line, "UID %s: a bad escape", quote(f.text))
	case uid == "":
		return "", pr.errf(f.line, "an empty UID")
	case len(uid) > maxUID:
		return "", pr.errf(f.line, "UID longer than %d bytes", maxUID)
	}
	return uid, nil
}

func (pr *prevReader) stamp(f *field, evLine int) (int64, error) {
	if f == nil {
		return 0, pr.errf(evLine, "an event without DTSTAMP")
	}
	t, err := time.Parse(icsUTC, string(f.text))
	if err != nil || len(f.text) != len(icsUTC) || len(f.tzid) > 0 {
		return 0, pr.errf(f.line, "DTSTAMP %s: want a UTC time, YYYYMMDDTHHMMSSZ", quote(f.text))
	}
	return t.Unix(), nil
}

func (pr *prevReader) sequence(f *field) (int32, error) {
	if f == nil {
		return 0, nil // RFC 5545 3.8.7.4: absent means 0
	}
	n, err := strconv.ParseUint(string(f.text), 10, 31)
	if err != nil || len(f.text) == 0 || f.text[0] == '+' {
		return 0, pr.errf(f.line, "SEQUENCE %s: want a whole number from 0 to %d", quote(f.text), math.MaxInt32)
	}
	return int32(n), nil
}

func (pr *prevReader) status(f *field) (bool, error) {
	if f == nil {
		return false, nil
	}
	switch s := strings.ToUpper(string(f.text)); s {
	case "TENTATIVE", "CONFIRMED":
		return false, nil
	case "CANCELLED":
		return true, nil
	}
	return false, pr.errf(f.line, "STATUS %s: want TENTATIVE, CONFIRMED or CANCELLED", quote(f.text))
}

func (pr *prevReader) summary(f *field) (string, error) {
	if f == nil {
		return "", nil
	}
	if s, ok := pr.summaries[string(f.text)]; ok {
		return s, nil
	}
	s, ok := unescapeText(f.text)
	if !ok {
		return "", pr.errf(f.line, "SUMMARY: a bad escape or a bare ; or ,")
	}
	if len(s) > maxSummary {
		cut := maxSummary
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if pr.summaries == nil {
		pr.summaries = map[string]string{}
	}
	if len(pr.summaries) < maxSummaries {
		pr.summaries[string(f.text)] = s
	}
	return s, nil
}

// time reads a DTSTART or DTEND in the three forms this package writes: a
// date (VALUE=DATE), a UTC time, or a local time with the TZID of an IANA
// zone, read as RFC 5545 reads local times (calendar.ReadWall).
func (pr *prevReader) time(f *field, name string) (evTime, error) {
	if f == nil {
		return evTime{}, nil
	}
	bad := func(want string) (evTime, error) {
		return evTime{}, pr.errf(f.line, "%s %s: want %s", name, quote(f.text), want)
	}
	s := string(f.text)
	switch {
	case f.value == "DATE":
		t, err := time.Parse(icsDate, s)
		if err != nil || len(s) != len(icsDate) || len(f.tzid) > 0 {
			return bad("a date, YYYYMMDD")
		}
		return evTime{set: true, date: true, unix: t.Unix()}, nil
	case f.value != "" && f.value != "DATE-TIME":
		return bad("a date or a date-time")
	case len(f.tzid) == 0:
		t, err := time.Parse(icsUTC, s)
		if err != nil || len(s) != len(icsUTC) {
			return bad("a UTC time (YYYYMMDDTHHMMSSZ) or a local time with TZID")
		}
		return evTime{set: true, unix: t.Unix()}, nil
	}
	t, err := time.Parse(icsLocal, s)
	if err != nil || len(s) != len(icsLocal) {
		return bad("a local time, YYYYMMDDTHHMMSS, after a TZID")
	}
	loc, perr := pr.zone(f.tzid, f.line)
	if perr != nil {
		return evTime{}, perr
	}
	at, _ := calendar.ReadWall(loc, calendar.MakeDate(t.Date()), calendar.Clock(t.Hour()*60+t.Minute()))
	return evTime{set: true, unix: at.Unix() + int64(t.Second())}, nil
}

// zone loads the zone a TZID names. Ours are IANA names; anything else
// (a path, "Local", a name with odd characters) is refused before it
// reaches time.LoadLocation.
func (pr *prevReader) zone(b []byte, n int) (*time.Location, *PreviousError) {
	if loc, ok := pr.zones[string(b)]; ok {
		return loc, nil
	}
	tzid := string(b)
	ok := len(tzid) > 0 && len(tzid) <= 64 && tzid != "Local" && tzid[0] != '/' && !strings.Contains(tzid, "..")
	for i := 0; ok && i < len(tzid); i++ {
		c := tzid[i]
		ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("/_+-", c) >= 0
	}
	var loc *time.Location
	if ok {
		var err error
		loc, err = time.LoadLocation(tzid)
		ok = err == nil
	}
	if !ok {
		return nil, pr.errf(n, "TZID %s: not a time zone this machine knows", quote([]byte(tzid)))
	}
	if pr.zones == nil {
		pr.zones = map[string]*time.Location{}
	}
	pr.zones[tzid] = loc
	return loc, nil
}

// String describes p for tests and messages.
func (p *Previous) String() string {
	return fmt.Sprintf("%s: %d events", p.File, len(p.events))
}
