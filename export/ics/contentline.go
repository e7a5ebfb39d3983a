package ics

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// lineReader reads the content lines of an iCalendar file one at a time,
// unfolded as RFC 5545 section 3.1 says: a physical line that begins with a
// space or a tab continues the one before, without that first character.
// Lines may end in CRLF or LF alone (files that went through other tools).
// It holds one logical line and one physical line of lookahead, each
// bounded by lim.Line, and stops once lim.Size octets have been read.
type lineReader struct {
	br   *bufio.Reader
	file string
	lim  Limits

	read int64 // octets read so far
	phys int   // number of the last physical line read

	// ahead is the physical line read but not yet used (the one after a
	// logical line ends), numbered aheadN; ok says there is one.
	ahead   []byte
	aheadN  int
	aheadOK bool
	eof     bool

	line  []byte // the current logical line
	lineN int    // its first physical line
	long  []byte // a physical line longer than the reader's buffer
}

func newLineReader(r io.Reader, file string, lim Limits) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), file: file, lim: lim}
}

// errf is an error at physical line n of the file (n = 0: the file as a
// whole).
func (lr *lineReader) errf(n int, format string, args ...any) *PreviousError {
	return &PreviousError{File: lr.file, Line: n, Msg: fmt.Sprintf(format, args...)}
}

// physical reads the next physical line, without its line end; io.EOF at
// the end of the file. The line is valid until the next call: it is the
// reader's buffer, or lr.long for a line longer than that.
func (lr *lineReader) physical() ([]byte, error) {
	out := lr.long[:0]
	for {
		chunk, err := lr.br.ReadSlice('\n')
		lr.read += int64(len(chunk))
		if lr.read > lr.lim.Size {
			return nil, lr.errf(0, "larger than %d bytes", lr.lim.Size)
		}
		if len(out)+len(chunk) > lr.lim.Line+2 {
			return nil, lr.errf(lr.phys+1, "line longer than %d bytes", lr.lim.Line)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			out = append(out, chunk...)
			lr.long = out
			continue
		}
		if len(out) == 0 {
			out = chunk // the whole line is in the reader's buffer
		} else {
			out = append(out, chunk...)
			lr.long = out
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if len(out) == 0 {
			return nil, io.EOF
		}
		lr.phys++
		out = bytes.TrimSuffix(out, []byte("\n"))
		out = bytes.TrimSuffix(out, []byte("\r"))
		if lr.phys == 1 {
			out = bytes.TrimPrefix(out, []byte("\ufeff")) // a byte-order mark some editors add
		}
		return out, nil
	}
}

// next reads the next logical line into lr.line; false at the end of the
// file. Empty lines are skipped.
func (lr *lineReader) next() (bool, error) {
	lr.line = lr.line[:0]
	lr.lineN = 0
	for {
		if !lr.aheadOK && !lr.eof {
			p, err := lr.physical()
			if err == io.EOF {
				lr.eof = true
			} else if err != nil {
				return false, err
			} else {
				lr.ahead, lr.aheadN, lr.aheadOK = p, lr.phys, true
			}
		}
		if !lr.aheadOK {
			return lr.lineN > 0, nil
		}
		p := lr.ahead
		switch {
		case len(p) == 0 && lr.lineN == 0:
			lr.aheadOK = false // an empty line between content lines
			continue
		case len(p) > 0 && (p[0] == ' ' || p[0] == '\t') && lr.lineN > 0:
			if len(lr.line)+len(p)-1 > lr.lim.Line {
				return false, lr.errf(lr.lineN, "line longer than %d bytes", lr.lim.Line)
			}
			lr.line = append(lr.line, p[1:]...)
			lr.aheadOK = false
			continue
		case lr.lineN > 0:
			return true, nil // p starts the next logical line
		case p[0] == ' ' || p[0] == '\t':
			return false, lr.errf(lr.aheadN, "a continuation line with no line before it")
		}
		lr.line = append(lr.line, p...)
		lr.lineN = lr.aheadN
		lr.aheadOK = false
	}
}

// contentLine is a parsed logical line: NAME;PARAM=VALUE,...:VALUE.
type contentLine struct {
	name  string // upper case
	tzid  []byte // the TZID parameter, nil when absent
	value string // the VALUE parameter ("DATE", "DATE-TIME"), upper case
	text  []byte // the property's value, as written
	// nameEnd is where the name ends in the line, for the digest.
	nameEnd int
}

// parseContentLine splits a logical line (RFC 5545 section 3.1). It checks
// the syntax only, and that the line is UTF-8 with no control character but
// the tab.
func parseContentLine(line []byte) (contentLine, string) {
	var cl contentLine
	if !utf8.Valid(line) {
		return cl, "not valid UTF-8"
	}
	for _, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return cl, "a control character"
		}
	}
	i := 0
	for i < len(line) && isNameChar(line[i]) {
		i++
	}
	if i == 0 {
		return cl, "not a content line (NAME:VALUE)"
	}
	cl.name = propName(line[:i])
	cl.nameEnd = i
	for i < len(line) && line[i] == ';' {
		var pname, pvalue []byte
		var ok bool
		if pname, pvalue, i, ok = parseParam(line, i+1); !ok {
			return cl, "a malformed parameter"
		}
		switch {
		case bytes.EqualFold(pname, []byte("TZID")):
			cl.tzid = pvalue
		case bytes.EqualFold(pname, []byte("VALUE")):
			cl.value = valueType(pvalue)
		}
	}
	if i >= len(line) || line[i] != ':' {
		return cl, "not a content line (NAME:VALUE)"
	}
	cl.text = line[i+1:]
	return cl, ""
}

// parseParam reads NAME=VALUE[,VALUE...] from line[i:], returning the
// name, the first value unquoted, and where it ends.
func parseParam(line []byte, i int) ([]byte, []byte, int, bool) {
	j := i
	for j < len(line) && isNameChar(line[j]) {
		j++
	}
	if j == i || j >= len(line) || line[j] != '=' {
		return nil, nil, 0, false
	}
	name := line[i:j]
	j++
	var first []byte
	for n := 0; ; n++ {
		var v []byte
		if j < len(line) && line[j] == '"' {
			end := bytes.IndexByte(line[j+1:], '"')
			if end < 0 {
				return nil, nil, 0, false
			}
			v = line[j+1 : j+1+end]
			j += end + 2
		} else {
			k := j
			for k < len(line) && line[k] != '"' && line[k] != ';' && line[k] != ':' && line[k] != ',' {
				k++
			}
			v = line[j:k]
			j = k
		}
		if n == 0 {
			first = v
		}
		if j >= len(line) || line[j] != ',' {
			return name, first, j, true
		}
		j++
	}
}

// propName is a property or component name in upper case; the names this
// package writes come without an allocation.
func propName(b []byte) string {
	switch string(b) {
	case "BEGIN":
		return "BEGIN"
	case "END":
		return "END"
	case "UID":
		return "UID"
	case "DTSTAMP":
		return "DTSTAMP"
	case "SEQUENCE":
		return "SEQUENCE"
	case "DTSTART":
		return "DTSTART"
	case "DTEND":
		return "DTEND"
	case "SUMMARY":
		return "SUMMARY"
	case "DESCRIPTION":
		return "DESCRIPTION"
	case "CATEGORIES":
		return "CATEGORIES"
	case "STATUS":
		return "STATUS"
	case "TRANSP":
		return "TRANSP"
	case "ACTION":
		return "ACTION"
	case "TRIGGER":
		return "TRIGGER"
	}
	return strings.ToUpper(string(b))
}

// valueType is a VALUE parameter in upper case.
func valueType(b []byte) string {
	switch {
	case bytes.EqualFold(b, []byte("DATE")):
		return "DATE"
	case bytes.EqualFold(b, []byte("DATE-TIME")):
		return "DATE-TIME"
	}
	return strings.ToUpper(string(b))
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// unescapeText reads a TEXT value (RFC 5545 section 3.3.11): `\\`, `\;`,
// `\,` and `\n` or `\N` are the only escapes; a bare `;` or `,` is the end
// of a value in a list, which the properties kept here never hold.
func unescapeText(s []byte) (string, bool) {
	if bytes.IndexAny(s, `\;,`) < 0 {
		return string(s), true // the usual case: nothing to undo
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ';', ',':
			return "", false
		case '\\':
			if i+1 >= len(s) {
				return "", false
			}
			i++
			switch s[i] {
			case '\\', ';', ',':
				out = append(out, s[i])
			case 'n', 'N':
				out = append(out, '\n')
			default:
				return "", false
			}
		default:
			out = append(out, c)
		}
	}
	return string(out), true
}
