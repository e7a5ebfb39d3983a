package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/contentplan/contentplan/calendar"

	// Zones must load on machines without a zoneinfo database (Windows,
	// scratch containers); the embedded copy costs about 450 KB.
	_ "time/tzdata"
)

// maxSpecSize bounds what Parse reads. A spec is a page of TOML; anything
// this large is the wrong file, and decoding it would only waste memory.
const maxSpecSize = 1 << 20

// Parse reads a spec, fills in every default and validates it, so that
// calendar.Build can schedule what it returns. On failure the error is a
// *calendar.SpecError holding every problem found, sorted by position
// (problems without one come last); once every value is valid, the rules
// on the spec as a whole (campaign extras that cannot fit, the limit on
// posts) are checked too. Warnings go to Spec.Warnings. An error that is
// not a *calendar.SpecError is an I/O failure reading r.
func Parse(file string, r io.Reader) (*calendar.Spec, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSpecSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	if d, bad := checkBytes(file, data); bad {
		return nil, &calendar.SpecError{Diags: []calendar.Diagnostic{d}}
	}
	src := strings.TrimPrefix(string(data), "\ufeff")

	var root map[string]any
	if _, err := toml.Decode(src, &root); err != nil {
		return nil, &calendar.SpecError{Diags: []calendar.Diagnostic{syntaxDiag(file, src, err)}}
	}
	c := &checker{file: file, loc: locate(src)}
	spec := c.spec(root)
	sortDiags(c.errs)
	sortDiags(c.warns)
	if len(c.errs) == 0 {
		c.schedulable(spec)
	}
	if len(c.errs) > 0 {
		return nil, &calendar.SpecError{Diags: c.errs}
	}
	spec.Warnings = c.warns
	spec.Tables = c.loc.tables
	return spec, nil
}

// checkBytes rejects input that is not a text file before toml sees it, so
// the user hears "binary" or "not UTF-8" with a position instead of a
// puzzling syntax error.
func checkBytes(file string, data []byte) (calendar.Diagnostic, bool) {
	d := calendar.Diagnostic{File: file}
	switch {
	case len(data) > maxSpecSize:
		d.Msg = "spec is larger than 1 MiB"
		d.Hints = []string{"a spec is a short TOML file; check that this is the right file"}
		return d, true
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		d.Line, d.Col = 1, 1
		d.Msg = "file is UTF-16, not UTF-8"
		d.Hints = []string{"save the file as UTF-8"}
		return d, true
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		d.Line, d.Col = lineCol(data, i)
		d.Msg = "binary file (a NUL byte), not a TOML spec"
		d.Hints = []string{"give the path of the .toml spec; contentplan init writes a starter one"}
		return d, true
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		d.Line, d.Col = lineCol(data, i)
		if i < len(data) {
			d.Msg = fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", data[i])
		} else {
			d.Msg = "invalid UTF-8"
		}
		d.Hints = []string{"save the file as UTF-8"}
		return d, true
	}
	return d, false
}

// lineCol returns the 1-based line and character column of byte offset i.
func lineCol(data []byte, i int) (int, int) {
	i = min(max(i, 0), len(data))
	before := data[:i]
	line := bytes.Count(before, []byte{'\n'}) + 1
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		before = before[nl+1:]
	}
	return line, utf8.RuneCount(before) + 1
}

// syntaxDiag turns a toml error into one clean line. toml's messages are
// technical ("expected a top-level item to end with a newline, comment, or
// EOF, but got 'x' instead"); the common ones get plainer words and a hint.
func syntaxDiag(file, src string, err error) calendar.Diagnostic {
	d := calendar.Diagnostic{File: file}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		d.Msg = "invalid TOML: " + cleanMsg(err.Error())
		return d
	}
	d.Line, d.Col = pe.Position.Line, pe.Position.Col
	if d.Line > 0 && d.Col <= 0 {
		d.Col = 1
	}
	msg := cleanMsg(pe.Message)
	lower := strings.ToLower(msg)
	switch {
	case strings.Contains(lower, "has already been defined"):
		// toml's column here is past the key; point at the line's start.
		d.Col = indentCol(src, d.Line)
		if k := quotedIn(msg, '\''); k != "" {
			d.Msg = fmt.Sprintf("%s: defined twice", k)
		} else {
			d.Msg = "duplicate key: " + msg
		}
		d.Hints = []string{"a key may appear once per table: remove one, or start a new [[table]] for another item"}
	case strings.Contains(lower, "expected value but found '\\n'") || strings.Contains(lower, "expected value but found eof"):
		d.Msg = "missing value after ="
		d.Hints = []string{`give the key a value, e.g. borrowed = "30%", or remove the line`}
	case strings.Contains(lower, "expected '.' or '='"):
		d.Msg = "invalid TOML: a key must be followed by = and a value"
		d.Hints = []string{`write key = value, e.g. name = "Telegram"; "contentplan init" writes a starter spec`}
	case strings.Contains(lower, "table name") || strings.Contains(lower, "array name"):
		d.Msg = "invalid table header: " + msg
		if strings.Contains(msg, `'\n'`) || strings.Contains(lower, "eof") {
			d.Msg = "unclosed table header"
		}
		d.Hints = []string{"close the header on its line: [plan] or [[channel]]"}
	case strings.Contains(lower, "invalid datetime") || strings.Contains(lower, "invalid date"):
		d.Msg = "invalid date: " + msg
		d.Hints = []string{"write dates as YYYY-MM-DD, e.g. 2027-01-31"}
	case strings.Contains(lower, "newline") && strings.Contains(lower, "string"):
		d.Msg = "unterminated string"
		d.Hints = []string{`close the string with " on the same line, or use """ for several lines`}
	case strings.Contains(lower, "expected value but found") || strings.Contains(lower, "bare keys cannot contain"):
		d.Msg = "invalid TOML: " + msg
		d.Hints = []string{`quote text values: name = "Telegram"`}
	default:
		d.Msg = "invalid TOML: " + msg
		if pe.Usage != "" {
			if u := firstSentence(pe.Usage); u != "" {
				d.Hints = []string{u}
			}
		}
	}
	return d
}

// cleanMsg makes a toml message fit the CLI's style: one line, lowercase
// start, no final period.
func cleanMsg(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, ".")
	if s != "" {
		r, n := utf8.DecodeRuneInString(s)
		s = strings.ToLower(string(r)) + s[n:]
	}
	return s
}

func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	return cleanMsg(s)
}

// sortDiags orders diagnostics by position; those with only a key path go
// after, in the order they were found.
func sortDiags(ds []calendar.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if (a.Line > 0) != (b.Line > 0) {
			return a.Line > 0
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// indentCol returns the column of the first non-blank character of line.
func indentCol(src string, line int) int {
	lines := strings.SplitN(src, "\n", line+1)
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	return utf8.RuneCountInString(l[:len(l)-len(strings.TrimLeft(l, " \t"))]) + 1
}

// quotedIn returns the first substring of s quoted with q, or "".
func quotedIn(s string, q byte) string {
	i := strings.IndexByte(s, q)
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i+1:], q)
	if j < 0 {
		return ""
	}
	return s[i+1 : i+1+j]
}
