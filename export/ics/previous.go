package ics

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"
)

// A re-run reads the calendar it replaces (or the one --previous names), so
// that an event keeps its SEQUENCE while it does not change and gets a
// higher one when it does, and a post the plan no longer has is cancelled
// rather than left in every calendar that imported it (docs/spec.md,
// "Re-runs"). That file is untrusted input: it may have been edited,
// truncated, replaced by another program's calendar, or made to hurt. So it
// is read as a stream, within limits, and only what is checked is kept:
// nothing of it is copied into the new file but values re-validated and
// written again by this package.

// Limits bound what ReadPrevious accepts. A zero field takes the default.
type Limits struct {
	Size   int64 // octets of the file (default 4 GiB)
	Line   int   // octets of an unfolded content line (default 1 MiB)
	Events int   // VEVENTs (default 10,000,000)
}

// DefaultLimits hold a calendar of the largest plan (docs/spec.md, Limits:
// 5,000,000 posts, each with a draft deadline) with room for cancelled
// events, while refusing files meant to exhaust memory.
var DefaultLimits = Limits{Size: 4 << 30, Line: 1 << 20, Events: 10_000_000}

func (l Limits) orDefault() Limits {
	if l.Size <= 0 {
		l.Size = DefaultLimits.Size
	}
	if l.Line <= 0 {
		l.Line = DefaultLimits.Line
	}
	if l.Events <= 0 {
		l.Events = DefaultLimits.Events
	}
	return l
}

// What is kept of a field of an event, at most: a longer UID makes the file
// damaged, a longer SUMMARY is cut (it is only shown on a cancelled event).
const (
	maxUID     = 1024
	maxSummary = 1024
)

// ProdIDPrefix starts the PRODID of every calendar this package writes;
// ReadPrevious takes no other file for a previous version.
const ProdIDPrefix = "-//contentplan//"

// Previous is what a re-run needs of the previous version of a calendar:
// for each event, by UID, its SEQUENCE, STATUS, DTSTAMP, a digest of its
// content, and what it takes to write it again cancelled. It is not
// changed by Write, so one Previous may serve several writes.
type Previous struct {
	// File names the file it was read from, for messages.
	File   string
	events []prevEvent
	index  map[string]int32 // UID → events[i]
}

// Len is the number of events.
func (p *Previous) Len() int { return len(p.events) }

// prevEvent is one VEVENT of a previous calendar, checked.
type prevEvent struct {
	uid       string // unescaped
	seq       int32
	cancelled bool  // STATUS:CANCELLED
	stamp     int64 // DTSTAMP, Unix seconds
	digest    digest
	// What a cancelled event is written with: its times and summary.
	start, end evTime
	summary    string
}

// evTime is a DTSTART or DTEND: an instant, or a date for an all-day event.
type evTime struct {
	set  bool
	date bool  // VALUE=DATE: unix is midnight UTC of the date
	unix int64 // seconds
}

// digest identifies an event's content: SHA-256 over its unfolded lines,
// each with its property name in upper case and ended by CRLF, leaving out
// the VEVENT's own DTSTAMP and SEQUENCE (they say when and how often it
// changed, not what it is). Half of it is kept: 128 bits are plenty to tell
// one version of an event from another.
type digest [16]byte

// digester computes a digest line by line, skipping DTSTAMP and SEQUENCE at
// the VEVENT's own level (depth 1; a VALARM inside is depth 2).
type digester struct {
	h     hash.Hash
	depth int
	sum   [sha256.Size]byte
	buf   []byte
}

func newDigester() *digester { return &digester{h: sha256.New()} }

func (d *digester) reset() { d.h.Reset(); d.depth = 0 }

// line adds one unfolded line without its line end; name is its property
// name in upper case, nameEnd where the name ends in line.
func (d *digester) line(name string, nameEnd int, line []byte) {
	switch name {
	case "BEGIN":
		d.depth++
	case "END":
		d.depth--
	case "DTSTAMP", "SEQUENCE":
		if d.depth == 1 {
			return
		}
	}
	if string(line[:nameEnd]) == name { // already in upper case
		d.h.Write(line)
	} else {
		d.buf = append(append(d.buf[:0], name...), line[nameEnd:]...)
		d.h.Write(d.buf)
	}
	d.h.Write(crlf)
}

var crlf = []byte("\r\n")

func (d *digester) digest() digest {
	var out digest
	copy(out[:], d.h.Sum(d.sum[:0]))
	return out
}

// PreviousError says why a file cannot serve as the previous version of a
// calendar: "old.ics:12: SEQUENCE \"x\": want a whole number".
type PreviousError struct {
	File string
	Line int // 0 when it is about the file as a whole
	// NotOurs is set when the file is not a calendar this package wrote
	// (another program's, or not iCalendar at all), rather than a damaged one.
	NotOurs bool
	Msg     string
}

func (e *PreviousError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// OpenPrevious reads the file at path with ReadPrevious and DefaultLimits,
// refusing a file over the size limit before reading it.
func OpenPrevious(path string) (*Previous, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > DefaultLimits.Size {
		return nil, &PreviousError{File: path, Msg: fmt.Sprintf("larger than %d bytes", DefaultLimits.Size)}
	}
	return ReadPrevious(f, path, DefaultLimits)
}

// ReadPrevious reads a calendar written by this package (its PRODID starts
// with ProdIDPrefix) from r, as untrusted input: streaming, within lim, and
// checking every value it keeps. file names r in errors. A file that is not
// ours, or is damaged, gives a *PreviousError naming the file and, where it
// can, the line; an I/O error is returned as it is.
func ReadPrevious(r io.Reader, file string, lim Limits) (*Previous, error) {
	pr := &prevReader{
		lr:   newLineReader(r, file, lim.orDefault()),
		prev: &Previous{File: file, index: map[string]int32{}},
		dig:  newDigester(),
	}
	if err := pr.run(); err != nil {
		return nil, err
	}
	return pr.prev, nil
}

// quote shows a value from the file in a message: quoted, escaped, and cut
// to a length a terminal line holds.
func quote(b []byte) string {
	s := string(b)
	if len(s) > 60 {
		s = strings.ToValidUTF8(s[:60], "") + "…"
	}
	return fmt.Sprintf("%q", s)
}
