package ics

import (
	"bufio"
	"bytes"
	"io"
	"strconv"

	ics "github.com/arran4/golang-ical"

	"github.com/contentplan/contentplan/calendar"
)

// A CalDAV server keeps a calendar as calendar object resources, each one
// iCalendar object with one event (its UID), the VTIMEZONE components its
// times refer to, and no METHOD (RFC 4791 4.1). Objects cuts what Write
// writes into such objects, so that what a server holds is what the .ics
// file holds, event for event: posts, deadlines, review meetings, and any
// other event Write comes to write.

// Object is one event of a plan as a calendar object resource of its own.
type Object struct {
	// UID is the event's UID, unescaped.
	UID    string
	header []byte // folded: VCALENDAR's properties and the VTIMEZONE, if the event needs it
	event  []byte // the VEVENT, unfolded, with CRLF line ends
}

// Property is a property that Encode adds to an object's event.
type Property struct {
	// Name is an extension property's name ("X-…", RFC 5545 3.8.8.2);
	// Encode writes it in upper case, with any character other than
	// letters, digits and "-" dropped.
	Name string
	// Value is written as TEXT, escaped.
	Value string
}

// Objects calls fn with each event that Write writes for plan with opt,
// in Write's order, as an object of its own. opt.Previous and opt.Changes
// are not used: a server's events are compared by the caller. Every
// event's SEQUENCE is 0 and its DTSTAMP opt.Now until Encode says
// otherwise. An error from fn stops the run and is returned.
func Objects(plan *calendar.Plan, opt Options, fn func(*Object) error) error {
	opt.Previous, opt.Changes = nil, nil
	var plain, zoned []byte // the two headers, made for the first event
	opt.object = func(iw *icsWriter, ev []byte) error {
		if plain == nil {
			var err error
			if plain, zoned, err = objectHeaders(iw); err != nil {
				return err
			}
		}
		o := &Object{UID: eventUID(ev), header: plain, event: bytes.Clone(ev)}
		if iw.tzid != "" && bytes.Contains(ev, []byte(";TZID=")) {
			o.header = zoned
		}
		return fn(o)
	}
	return Write(io.Discard, plan, opt)
}

// objectHeaders are what starts an object: VERSION, PRODID and CALSCALE
// (the calendar's name, METHOD and refresh interval belong to a calendar
// file, not to one of a collection's objects), and the same with the
// plan's VTIMEZONE for the events whose times name it.
func objectHeaders(iw *icsWriter) (plain, zoned []byte, err error) {
	cal := ics.NewCalendarFor("contentplan")
	cal.SetProductId("-//contentplan//contentplan//EN")
	cal.SetCalscale("GREGORIAN")
	var unfolded bytes.Buffer
	unfolded.WriteString("BEGIN:VCALENDAR\r\n")
	for _, p := range cal.CalendarProperties {
		if err := p.SerializeTo(&unfolded, icsConfig); err != nil {
			return nil, nil, err
		}
	}
	if plain, err = folded(unfolded.Bytes()); err != nil {
		return nil, nil, err
	}
	if iw.tzid == "" {
		return plain, plain, nil
	}
	if err := buildVTimezone(iw.loc, iw.tzid, iw.from, iw.to).SerializeTo(&unfolded, icsConfig); err != nil {
		return nil, nil, err
	}
	zoned, err = folded(unfolded.Bytes())
	return plain, zoned, err
}

func folded(unfolded []byte) ([]byte, error) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	if err := foldICS(w, unfolded); err != nil {
		return nil, err
	}
	err := w.Flush()
	return out.Bytes(), err
}

// eventUID is the unescaped UID of an event as this package writes it.
func eventUID(ev []byte) string {
	uid := ""
	eachLine(ev, func(line []byte, name string, nameEnd int) {
		if name == "UID" && uid == "" && nameEnd < len(line) && line[nameEnd] == ':' {
			uid, _ = unescapeText(line[nameEnd+1:])
		}
	})
	return uid
}

// Encode writes the object: folded, CRLF line ends, its event with
// SEQUENCE seq (RFC 5545 3.8.7.4) and the properties extra added last.
func (o *Object) Encode(seq int, extra ...Property) []byte {
	ev := make([]byte, 0, len(o.event)+64*len(extra))
	depth := 0
	eachLine(o.event, func(line []byte, name string, _ int) {
		switch {
		case name == "BEGIN":
			depth++
		case name == "END":
			depth--
			if depth == 0 {
				for _, p := range extra {
					if n := propertyName(p.Name); n != "" {
						ev = appendTextLine(ev, n+":", p.Value)
					}
				}
			}
		case depth == 1 && name == "SEQUENCE":
			line = strconv.AppendInt([]byte("SEQUENCE:"), int64(max(seq, 0)), 10)
		}
		ev = append(ev, line...)
		ev = append(ev, "\r\n"...)
	})
	out := bytes.NewBuffer(make([]byte, 0, len(o.header)+len(ev)+len(ev)/64*3+16))
	out.Write(o.header)
	w := bufio.NewWriter(out)
	foldICS(w, ev) // writes to memory: no error
	w.WriteString("END:VCALENDAR\r\n")
	w.Flush()
	return out.Bytes()
}

// propertyName is name in upper case without the characters a property
// name may not hold, or "" when nothing is left.
func propertyName(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if isNameChar(c) {
			b = append(b, c)
		}
	}
	return string(b)
}
