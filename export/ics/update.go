package ics

import (
	"bytes"
	"math"
	"strconv"
	"time"
)

// How a calendar updates the one before it (docs/spec.md, "Re-runs"; RFC
// 5545 3.8.7.4 and RFC 5546 2.1.4): every event is built with SEQUENCE 0
// and this run's DTSTAMP, then compared, by UID, with the previous
// version's event. One whose content (its digest) is the same keeps the
// previous SEQUENCE and DTSTAMP, so a re-run that changes nothing writes
// the same bytes; one whose content changed gets SEQUENCE one above the
// previous, which calendar programs need to take it as the newer version;
// a new one keeps 0. After the plan's events, every event of the previous
// version that this run did not write is written again as cancelled.

// Changes counts what a write did to the events of the previous version.
type Changes struct {
	New       int // events the previous version did not have
	Changed   int // events whose content changed: SEQUENCE raised
	Unchanged int // events written as they were
	Cancelled int // events the plan no longer has, cancelled now
	// StillCancelled are events cancelled by an earlier run, kept so.
	StillCancelled int
}

// String is the report of a re-run: "12 new, 3 changed, 170 unchanged, 29
// cancelled", and ", 4 still cancelled" when there are such.
func (c Changes) String() string {
	s := strconv.Itoa(c.New) + " new, " + strconv.Itoa(c.Changed) + " changed, " +
		strconv.Itoa(c.Unchanged) + " unchanged, " + strconv.Itoa(c.Cancelled) + " cancelled"
	if c.StillCancelled > 0 {
		s += ", " + strconv.Itoa(c.StillCancelled) + " still cancelled"
	}
	return s
}

// emit writes one event, given unfolded with CRLF line ends and with the
// head that head() writes (DTSTAMP of this run, SEQUENCE 0); its UID is
// icsText(id)+suffix. With a previous version, the event's SEQUENCE and
// DTSTAMP are settled first.
func (iw *icsWriter) emit(ev []byte, id, suffix string) {
	if iw.prev == nil {
		iw.fold(ev)
		return
	}
	d := iw.digestOf(ev)
	i, ok := iw.prev.index[icsText(id)+suffix]
	if !ok {
		iw.changes.New++
		iw.fold(ev)
		return
	}
	if iw.seen[i] {
		// The plan wrote this UID twice (not something Build does): the
		// second is not another version of the previous event.
		iw.fold(ev)
		return
	}
	iw.seen[i] = true
	p := &iw.prev.events[i]
	if d == p.digest {
		iw.changes.Unchanged++
		iw.fold(iw.withHead(ev, p.seq, iw.stampOf(p)))
		return
	}
	iw.changes.Changed++
	iw.fold(iw.withHead(ev, next(p.seq), ""))
}

// next is the SEQUENCE after seq: one more, within RFC 5545's 32-bit
// INTEGER (a file at the maximum stays there).
func next(seq int32) int32 {
	if seq == math.MaxInt32 {
		return seq
	}
	return seq + 1
}

// fold writes the event's lines folded, or hands the event to Objects.
func (iw *icsWriter) fold(ev []byte) {
	switch {
	case iw.err != nil:
	case iw.opt.object != nil:
		iw.err = iw.opt.object(iw, ev)
	default:
		iw.err = foldICS(iw.bw, ev)
	}
}

// eachLine calls fn with each line of an unfolded event (without its CRLF),
// its property name and where the name ends.
func eachLine(ev []byte, fn func(line []byte, name string, nameEnd int)) {
	for len(ev) > 0 {
		i := bytes.Index(ev, []byte("\r\n"))
		if i < 0 {
			i = len(ev)
		}
		line := ev[:i]
		ev = ev[min(i+2, len(ev)):]
		end := bytes.IndexAny(line, ";:")
		if end < 0 {
			end = len(line)
		}
		fn(line, propName(line[:end]), end)
	}
}

// digestOf is the digest of an event as written: the same the reader
// computes for it when it is read back (this package writes property names
// in upper case, and unfolding undoes foldICS exactly).
func (iw *icsWriter) digestOf(ev []byte) digest {
	iw.dig.reset()
	eachLine(ev, func(line []byte, name string, nameEnd int) {
		iw.dig.line(name, nameEnd, line)
	})
	return iw.dig.digest()
}

// stampOf is the DTSTAMP of a previous event, as written. Most events of a
// file share one, so the last is remembered.
func (iw *icsWriter) stampOf(p *prevEvent) string {
	if p.stamp != iw.lastStamp || iw.lastStampText == "" {
		iw.lastStamp, iw.lastStampText = p.stamp, time.Unix(p.stamp, 0).UTC().Format(icsUTC)
	}
	return iw.lastStampText
}

// withHead is ev with its DTSTAMP and SEQUENCE (those of the VEVENT, not of
// a component inside it) set to stamp ("": this run's) and seq, in a reused
// buffer.
func (iw *icsWriter) withHead(ev []byte, seq int32, stamp string) []byte {
	st := stamp
	if st == "" {
		st = iw.stamp
	}
	if seq == 0 && st == iw.stamp {
		return ev
	}
	b := iw.out[:0]
	depth := 0
	eachLine(ev, func(line []byte, name string, _ int) {
		switch {
		case name == "BEGIN":
			depth++
		case name == "END":
			depth--
		case depth == 1 && name == "DTSTAMP":
			line = append([]byte("DTSTAMP:"), st...)
		case depth == 1 && name == "SEQUENCE":
			line = strconv.AppendInt([]byte("SEQUENCE:"), int64(seq), 10)
		}
		b = append(b, line...)
		b = append(b, "\r\n"...)
	})
	iw.out = b
	return b
}

// cancelAll writes, cancelled, every event of the previous version that
// this run did not write, in the previous file's order.
func (iw *icsWriter) cancelAll() {
	if iw.prev == nil {
		return
	}
	for i := range iw.prev.events {
		if iw.err != nil {
			return
		}
		if !iw.seen[i] {
			iw.cancel(&iw.prev.events[i])
		}
	}
}

// cancel writes a previous event again as cancelled (RFC 5546 3.2.5: the
// same UID, STATUS:CANCELLED, a higher SEQUENCE): its times and summary,
// re-validated when read, and nothing else of it. Times of day are written
// in UTC, which stays right whatever the plan's zone is now, and is the same
// in every later run, so that a cancelled event, once written, keeps its
// SEQUENCE and DTSTAMP.
func (iw *icsWriter) cancel(p *prevEvent) {
	b := append(iw.ev[:0], "BEGIN:VEVENT\r\nUID:"...)
	b = appendText(b, p.uid)
	b = append(b, "\r\nDTSTAMP:"...)
	b = append(b, iw.stamp...)
	b = append(b, "\r\nSEQUENCE:0\r\n"...)
	b = appendEvTime(b, "DTSTART", p.start)
	if p.end.set && p.end.unix > p.start.unix {
		b = appendEvTime(b, "DTEND", p.end)
	}
	b = append(b, "SUMMARY:"...)
	b = appendText(b, p.summary)
	b = append(b, "\r\nSTATUS:CANCELLED\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"...)
	iw.ev = b
	d := iw.digestOf(b)
	switch {
	case d == p.digest:
		iw.changes.StillCancelled++
		b = iw.withHead(b, p.seq, iw.stampOf(p))
	case p.cancelled:
		// Cancelled before, but written otherwise (by an older version):
		// still a new version of the event.
		iw.changes.StillCancelled++
		b = iw.withHead(b, next(p.seq), "")
	default:
		iw.changes.Cancelled++
		b = iw.withHead(b, next(p.seq), "")
	}
	iw.fold(b)
}

func appendEvTime(b []byte, name string, t evTime) []byte {
	b = append(b, name...)
	if t.date {
		b = append(b, ";VALUE=DATE:"...)
		b = time.Unix(t.unix, 0).UTC().AppendFormat(b, icsDate)
	} else {
		b = append(b, ':')
		b = time.Unix(t.unix, 0).UTC().AppendFormat(b, icsUTC)
	}
	return append(b, "\r\n"...)
}
