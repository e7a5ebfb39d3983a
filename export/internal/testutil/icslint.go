// Package testutil holds what the tests of every export format share: an
// iCalendar linter for what the calendar promises (RFC 5545 and what real
// calendar programs need) and hand-made plans with awkward values. Only
// tests import it.
package testutil

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The forms of DATE-TIME and DATE values (RFC 5545 section 3.3.4, 3.3.5).
const (
	icsLocal = "20060102T150405"
	icsUTC   = "20060102T150405Z"
	icsDate  = "20060102"
)

// LintICS checks an iCalendar file against the rules our export promises
// (RFC 5545 and what real calendar programs need) and returns every
// problem found, each naming its line; nil means clean. It checks: CRLF line
// ends only; at most 75 octets per line; valid UTF-8 with no character
// split at a fold; no control characters; balanced BEGIN/END; VERSION and
// PRODID; UID and DTSTAMP in every VEVENT; a VTIMEZONE for every TZID; no
// UTC "Z" beside a TZID; DTEND after DTSTART; ACTION, TRIGGER and
// DESCRIPTION in every VALARM; valid escapes and no bare `;` or `,` in text
// values that hold one value; parameter values with `,;:` quoted.
//
// Other tests (the pipeline fuzzer) call it on whatever the CLI writes.
func LintICS(data []byte) []error {
	l := &linter{}
	l.run(data)
	return l.errs
}

type linter struct {
	errs []error
	locs map[string]*time.Location // loading a zone reads a file: once per TZID
}

func (l *linter) errorf(line int, format string, args ...any) {
	if len(l.errs) >= 100 {
		return // one broken rule can repeat a million times; the first hundred say enough
	}
	l.errs = append(l.errs, fmt.Errorf("line %d: "+format, append([]any{line}, args...)...))
}

// contentLine is an unfolded line: NAME;PARAM=V:VALUE.
type contentLine struct {
	line   int // physical line where it starts
	name   string
	params map[string][]string
	value  string
}

type lintComponent struct {
	name  string
	line  int
	props []contentLine
}

func (c *lintComponent) get(name string) (contentLine, int) {
	var first contentLine
	n := 0
	for _, p := range c.props {
		if p.name == name {
			if n == 0 {
				first = p
			}
			n++
		}
	}
	return first, n
}

func (l *linter) run(data []byte) {
	if len(data) == 0 {
		l.errorf(1, "empty file")
		return
	}
	if !utf8.Valid(data) {
		l.errorf(1, "not valid UTF-8")
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		l.errorf(bytes.Count(data, []byte("\n"))+1, "file does not end with CRLF")
	}
	// Physical lines, checked for line ends, length, UTF-8 and controls.
	var logical []contentLine
	var cur strings.Builder
	curLine := 0
	flush := func() {
		if curLine > 0 {
			if cl, ok := l.parse(curLine, cur.String()); ok {
				logical = append(logical, cl)
			}
		}
		cur.Reset()
		curLine = 0
	}
	rest := data
	for n := 1; len(rest) > 0; n++ {
		i := bytes.IndexByte(rest, '\n')
		var line []byte
		if i < 0 {
			line, rest = rest, nil
		} else {
			line, rest = rest[:i], rest[i+1:]
			if !bytes.HasSuffix(line, []byte("\r")) {
				l.errorf(n, "line ends with LF, not CRLF")
			} else {
				line = line[:len(line)-1]
			}
		}
		if bytes.IndexByte(line, '\r') >= 0 {
			l.errorf(n, "bare CR inside the line")
		}
		if len(line) > 75 {
			l.errorf(n, "line is %d octets, more than 75", len(line))
		}
		if !utf8.Valid(line) {
			l.errorf(n, "line is not valid UTF-8 on its own (a character split at a fold?)")
		}
		for _, c := range line {
			if c < 0x20 && c != '\t' && c != '\r' || c == 0x7f {
				l.errorf(n, "control character %#02x", c)
				break
			}
		}
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if curLine == 0 {
				l.errorf(n, "continuation line with nothing to continue")
				continue
			}
			cur.Write(line[1:])
			continue
		}
		flush()
		if len(line) == 0 {
			if len(rest) > 0 {
				l.errorf(n, "empty line")
			}
			continue
		}
		curLine = n
		cur.Write(line)
	}
	flush()
	l.structure(logical)
}

// parse splits an unfolded content line into name, parameters and value.
func (l *linter) parse(n int, s string) (contentLine, bool) {
	cl := contentLine{line: n, params: map[string][]string{}}
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		l.errorf(n, "not a content line: %.40q", s)
		return cl, false
	}
	cl.name = strings.ToUpper(s[:i])
	for _, r := range cl.name {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			l.errorf(n, "bad property name %q", cl.name)
			return cl, false
		}
	}
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			l.errorf(n, "%s: parameter without a value", cl.name)
			return cl, false
		}
		key := strings.ToUpper(s[:eq])
		s = s[eq+1:]
		for {
			var v string
			if strings.HasPrefix(s, `"`) {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					l.errorf(n, "%s: unterminated quoted parameter %s", cl.name, key)
					return cl, false
				}
				v, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, ",;:\"")
				if end < 0 {
					l.errorf(n, "%s: no value after the parameters", cl.name)
					return cl, false
				}
				if s[end] == '"' {
					l.errorf(n, "%s: quote inside the unquoted parameter %s", cl.name, key)
					return cl, false
				}
				v, s = s[:end], s[end:]
				if strings.Contains(v, `\`) {
					l.errorf(n, "%s: backslash in parameter %s (parameter values are quoted, not escaped)", cl.name, key)
				}
			}
			cl.params[key] = append(cl.params[key], v)
			if strings.HasPrefix(s, ",") {
				s = s[1:]
				continue
			}
			break
		}
	}
	if !strings.HasPrefix(s, ":") {
		l.errorf(n, "%s: no ':' before the value", cl.name)
		return cl, false
	}
	cl.value = s[1:]
	return cl, true
}

// singleText are the TEXT properties we write with one value, where a bare
// `;` or `,` would split the value.
var singleText = map[string]bool{
	"SUMMARY": true, "DESCRIPTION": true, "LOCATION": true, "COMMENT": true,
	"NAME": true, "X-WR-CALNAME": true, "X-WR-CALDESC": true, "UID": true,
	"CATEGORIES": true, "TZNAME": true,
}

// lintTree is what structure gathers from the content lines: the
// calendar, its events and alarms, the time zones defined and the lines
// that name one.
type lintTree struct {
	cal            *lintComponent
	events, alarms []*lintComponent
	tzids          map[string]bool
	used           []contentLine // lines with a TZID parameter
}

func (l *linter) structure(lines []contentLine) {
	t := l.tree(lines)
	if t.cal == nil {
		l.errorf(1, "no VCALENDAR")
		return
	}
	l.want(t.cal, "VCALENDAR", "VERSION", "PRODID")
	for _, cl := range t.used {
		for _, tz := range cl.params["TZID"] {
			if !t.tzids[tz] {
				l.errorf(cl.line, "%s: TZID=%s has no VTIMEZONE", cl.name, tz)
			}
		}
	}
	for _, e := range t.events {
		l.event(e)
	}
	for _, a := range t.alarms {
		l.want(a, "VALARM", "ACTION", "TRIGGER", "DESCRIPTION")
	}
}

// tree nests the content lines into components, checking BEGIN and END,
// and the lines themselves as they come.
func (l *linter) tree(lines []contentLine) lintTree {
	t := lintTree{tzids: map[string]bool{}}
	var stack []*lintComponent
	for i, cl := range lines {
		switch cl.name {
		case "BEGIN":
			c := &lintComponent{name: strings.ToUpper(cl.value), line: cl.line}
			if i == 0 && c.name != "VCALENDAR" {
				l.errorf(cl.line, "file does not begin with BEGIN:VCALENDAR")
			}
			if c.name == "VCALENDAR" && t.cal == nil {
				t.cal = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != strings.ToUpper(cl.value) {
				l.errorf(cl.line, "END:%s does not close the open component", cl.value)
				continue
			}
			l.closed(&t, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				l.errorf(cl.line, "%s outside any component", cl.name)
				continue
			}
			stack[len(stack)-1].props = append(stack[len(stack)-1].props, cl)
			l.property(&t, cl)
		}
	}
	if len(stack) > 0 {
		l.errorf(stack[len(stack)-1].line, "BEGIN:%s is never closed", stack[len(stack)-1].name)
	}
	return t
}

// closed files a component whose END was just read.
func (l *linter) closed(t *lintTree, c *lintComponent) {
	switch c.name {
	case "VEVENT":
		t.events = append(t.events, c)
	case "VALARM":
		t.alarms = append(t.alarms, c)
	case "VTIMEZONE":
		if p, n := c.get("TZID"); n == 1 {
			t.tzids[p.value] = true
		} else {
			l.errorf(c.line, "VTIMEZONE without exactly one TZID")
		}
	}
}

// property checks one property line of a component.
func (l *linter) property(t *lintTree, cl contentLine) {
	if tz, ok := cl.params["TZID"]; ok {
		t.used = append(t.used, cl)
		if strings.HasSuffix(cl.value, "Z") {
			l.errorf(cl.line, "%s: UTC time (Z) beside TZID=%s", cl.name, strings.Join(tz, ","))
		}
	}
	if singleText[cl.name] {
		l.text(cl)
	}
}

// want checks that c has exactly one of each of the properties names.
func (l *linter) want(c *lintComponent, kind string, names ...string) {
	for _, name := range names {
		if _, n := c.get(name); n != 1 {
			l.errorf(c.line, "%s has %d %s properties, want 1", kind, n, name)
		}
	}
}

// event checks a VEVENT: its one UID, DTSTAMP and DTSTART, a UTC DTSTAMP,
// and DTEND after DTSTART.
func (l *linter) event(e *lintComponent) {
	l.want(e, "VEVENT", "UID", "DTSTAMP", "DTSTART")
	if p, n := e.get("DTSTAMP"); n == 1 && !isUTCDateTime(p.value) {
		l.errorf(p.line, "DTSTAMP %q is not a UTC date-time", p.value)
	}
	start, ns := e.get("DTSTART")
	end, ne := e.get("DTEND")
	if ns == 1 && ne == 1 {
		l.order(start, end)
	}
}

// text checks the escapes of a one-valued TEXT property.
func (l *linter) text(cl contentLine) {
	v := cl.value
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if i+1 >= len(v) || !strings.ContainsRune(`\;,nN`, rune(v[i+1])) {
				l.errorf(cl.line, "%s: bad escape in %.40q", cl.name, v)
				return
			}
			i++
		case ';', ',':
			l.errorf(cl.line, "%s: unescaped %q splits the value", cl.name, v[i])
			return
		}
	}
}

func isUTCDateTime(v string) bool {
	_, err := time.Parse(icsUTC, v)
	return err == nil
}

// order checks DTEND after DTSTART. Local times are read in the named zone
// from Go's database (the VTIMEZONE itself is checked by the interop tests);
// DATE against DATE compares days.
func (l *linter) order(start, end contentLine) {
	s, sok := l.instant(start)
	e, eok := l.instant(end)
	if !sok || !eok {
		l.errorf(end.line, "cannot read DTSTART %q or DTEND %q", start.value, end.value)
		return
	}
	sDate := len(start.value) == 8
	eDate := len(end.value) == 8
	if sDate != eDate {
		l.errorf(end.line, "DTSTART and DTEND of different value types")
		return
	}
	if !e.After(s) {
		l.errorf(end.line, "DTEND %s is not after DTSTART %s", end.value, start.value)
	}
}

func (l *linter) instant(cl contentLine) (time.Time, bool) {
	v := cl.value
	if len(v) == 8 {
		t, err := time.Parse(icsDate, v)
		return t, err == nil
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse(icsUTC, v)
		return t, err == nil
	}
	loc := time.UTC
	if tz := cl.params["TZID"]; len(tz) == 1 {
		z, ok := l.locs[tz[0]]
		if !ok {
			z, _ = time.LoadLocation(tz[0])
			if l.locs == nil {
				l.locs = map[string]*time.Location{}
			}
			l.locs[tz[0]] = z
		}
		if z != nil {
			loc = z
		}
	}
	t, err := time.ParseInLocation(icsLocal, v, loc)
	return t, err == nil
}
