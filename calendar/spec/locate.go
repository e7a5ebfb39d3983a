package spec

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
)

// BurntSushi/toml reports positions only for syntax errors, so the
// validator finds where a key or value sits by scanning the source itself.
// The scanner runs only on text that toml has already accepted, which keeps
// it small; it is still written never to loop or panic on anything.

// srcPos is a 1-based line and column (counted in characters).
type srcPos struct{ Line, Col int }

// locator records where each key and value of a spec is, by key path:
// "plan.start", "channel[2].formats.text", "channel[1].times[3]" (array
// indexes 1-based, as in diagnostics). Table headers are recorded as keys
// of their table's path ("channel[2]").
type locator struct {
	src       string
	i         int
	line, col int
	keys      map[string]srcPos
	vals      map[string]srcPos
	counts    map[string]int          // elements so far of each array of tables
	tables    map[string]calendar.Pos // where each [table] and [[table]] starts: calendar.Spec.Tables
}

// maxDepth bounds nesting of arrays and inline tables; specs never need
// more than two or three levels.
const maxDepth = 32

func locate(src string) *locator {
	l := &locator{src: src, line: 1, col: 1,
		keys: map[string]srcPos{}, vals: map[string]srcPos{}, counts: map[string]int{}, tables: map[string]calendar.Pos{}}
	table := ""
	for {
		l.skipSpace(true)
		if l.eof() {
			break
		}
		start := l.i
		if l.peek() == '[' {
			table = l.header()
		} else {
			l.keyval(table, 0)
		}
		l.skipLine()
		if l.i == start {
			l.next() // no progress: step over whatever is here
		}
	}
	return l
}

// key returns where the key at path is written, or ok false.
func (l *locator) key(path string) (srcPos, bool) { p, ok := l.keys[path]; return p, ok }

// val returns where the value at path is written, or ok false.
func (l *locator) val(path string) (srcPos, bool) { p, ok := l.vals[path]; return p, ok }

func (l *locator) eof() bool { return l.i >= len(l.src) }

func (l *locator) peek() byte {
	if l.eof() {
		return 0
	}
	return l.src[l.i]
}

func (l *locator) pos() srcPos { return srcPos{l.line, l.col} }

func (l *locator) next() {
	if l.eof() {
		return
	}
	r, n := utf8.DecodeRuneInString(l.src[l.i:])
	l.i += n
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
}

func (l *locator) hasPrefix(s string) bool { return strings.HasPrefix(l.src[l.i:], s) }

// skipSpace skips blanks and comments, and newlines when nl is set.
func (l *locator) skipSpace(nl bool) {
	for !l.eof() {
		switch c := l.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			l.next()
		case c == '\n' && nl:
			l.next()
		case c == '#':
			for !l.eof() && l.peek() != '\n' {
				l.next()
			}
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (l *locator) skipLine() {
	for !l.eof() && l.peek() != '\n' {
		l.next()
	}
	l.next()
}

// header reads [a.b] or [[a.b]] and returns the table's path.
func (l *locator) header() string {
	at := l.pos()
	l.next()
	array := false
	if l.peek() == '[' {
		array = true
		l.next()
	}
	segs, _ := l.dottedKey()
	if len(segs) == 0 {
		return ""
	}
	path := ""
	for _, s := range segs[:len(segs)-1] {
		path = l.element(joinPath(path, s))
	}
	path = joinPath(path, segs[len(segs)-1])
	if array {
		l.record(l.keys, path, at)
		l.counts[path]++
		path = calendar.IndexPath(path, l.counts[path])
	} else {
		path = l.element(path)
	}
	l.record(l.keys, path, at)
	if _, ok := l.tables[path]; !ok {
		l.tables[path] = calendar.Pos{Line: at.Line, Col: at.Col}
	}
	return path
}

// element resolves a path that names an array of tables to its latest
// element, as TOML does for [a.b] after [[a]].
func (l *locator) element(path string) string {
	if n := l.counts[path]; n > 0 {
		return calendar.IndexPath(path, n)
	}
	return path
}

func (l *locator) record(m map[string]srcPos, path string, p srcPos) {
	if _, ok := m[path]; !ok {
		m[path] = p
	}
}

// dottedKey reads a key like a, a.b, "a b".c and returns its segments.
func (l *locator) dottedKey() ([]string, srcPos) {
	var segs []string
	l.skipSpace(false)
	at := l.pos()
	for !l.eof() {
		l.skipSpace(false)
		switch c := l.peek(); {
		case c == '"' || c == '\'':
			start := l.i
			l.str()
			raw := l.src[start:l.i]
			s := ""
			if c == '"' {
				if u, err := strconv.Unquote(raw); err == nil {
					s = u
				} else {
					s = strings.Trim(raw, `"`)
				}
			} else {
				s = strings.Trim(raw, `'`)
			}
			segs = append(segs, s)
		case isBare(c):
			start := l.i
			for !l.eof() && isBare(l.peek()) {
				l.next()
			}
			segs = append(segs, l.src[start:l.i])
		default:
			return segs, at
		}
		l.skipSpace(false)
		if l.peek() != '.' {
			return segs, at
		}
		l.next()
	}
	return segs, at
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// keyval reads key = value under the table at base.
func (l *locator) keyval(base string, depth int) {
	segs, at := l.dottedKey()
	if len(segs) == 0 {
		return
	}
	path := base
	for i, s := range segs {
		path = joinPath(path, s)
		if i < len(segs)-1 {
			l.record(l.keys, path, at)
		}
	}
	l.record(l.keys, path, at)
	l.skipSpace(false)
	if l.peek() != '=' {
		return
	}
	l.next()
	l.skipSpace(false)
	l.value(path, depth)
}

// value reads one value and records where it (and its parts) start.
func (l *locator) value(path string, depth int) {
	l.record(l.vals, path, l.pos())
	if depth > maxDepth {
		return
	}
	switch l.peek() {
	case '"', '\'':
		l.str()
	case '[':
		l.next()
		for n := 1; !l.eof(); n++ {
			l.skipSpace(true)
			if l.peek() == ']' {
				l.next()
				return
			}
			start := l.i
			l.value(calendar.IndexPath(path, n), depth+1)
			l.skipSpace(true)
			if l.peek() == ',' {
				l.next()
			} else if l.peek() != ']' && l.i == start {
				return
			}
		}
	case '{':
		l.next()
		for !l.eof() {
			l.skipSpace(true)
			if l.peek() == '}' {
				l.next()
				return
			}
			start := l.i
			l.keyval(path, depth+1)
			l.skipSpace(true)
			if l.peek() == ',' {
				l.next()
			} else if l.peek() != '}' && l.i == start {
				return
			}
		}
	default:
		for !l.eof() && !strings.ContainsRune(",]}#\n", rune(l.peek())) {
			l.next()
		}
	}
}

// str reads a basic, literal or multi-line string.
func (l *locator) str() {
	q := l.peek()
	if l.hasPrefix(strings.Repeat(string(q), 3)) {
		end := strings.Repeat(string(q), 3)
		l.next()
		l.next()
		l.next()
		for !l.eof() {
			if q == '"' && l.peek() == '\\' {
				l.next()
				l.next()
				continue
			}
			if l.hasPrefix(end) {
				l.next()
				l.next()
				l.next()
				// up to two more quotes may belong to the string
				for k := 0; k < 2 && l.peek() == q; k++ {
					l.next()
				}
				return
			}
			l.next()
		}
		return
	}
	l.next()
	for !l.eof() && l.peek() != '\n' {
		c := l.peek()
		if q == '"' && c == '\\' {
			l.next()
			l.next()
			continue
		}
		l.next()
		if c == q {
			return
		}
	}
}

// joinPath appends a key to a path, quoting keys that are not bare.
func joinPath(path, key string) string {
	k := key
	if k == "" || strings.IndexFunc(k, func(r rune) bool { return r > 127 || !isBare(byte(r)) }) >= 0 {
		k = strconv.Quote(k)
	}
	if path == "" {
		return k
	}
	return path + "." + k
}
