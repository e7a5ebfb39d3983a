package caldav

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The properties sync adds to each event it writes (RFC 5545 3.8.8.2
// allows any X- name; calendar programs keep what they do not know): the
// plan's id, which makes an event this plan's, and the digest of the event
// as sync wrote it, which tells an event edited on the server since.
const (
	propPlan = "X-CONTENTPLAN-PLAN"
	propHash = "X-CONTENTPLAN-HASH"
)

// event is what sync needs of an iCalendar object, ours or the server's.
type event struct {
	UID    string
	Plan   string // propPlan, "" when absent
	Hash   string // propHash, "" when absent
	Seq    int    // SEQUENCE, 0 when absent
	Digest string // digestOf its VEVENTs
	Label  string // when and what, for messages: "2027-01-05 10:00 Instagram · reel"
}

// maxObject bounds one object read from the server; one of ours is a few
// kilobytes (the event and a VTIMEZONE).
const maxObject = 1 << 20

// maxNesting bounds the nesting of components: VCALENDAR, VEVENT, VALARM
// is as deep as an event goes; VTIMEZONE's observances are as deep.
const maxNesting = 8

// readEvent reads an iCalendar object (RFC 5545) as a CalDAV server
// returns it: unfolded, LF or CRLF line ends (XML turns CRLF into LF). It
// is untrusted input: checked, within maxObject, never panicking.
//
// The digest is of the content, not the bytes: servers rewrite what they
// store (Radicale and Xandikos reorder properties and escape what RFC 5545
// lets stay plain), so each property is read into a canonical form first
// (name and parameter names in upper case, parameters sorted and
// unquoted, TEXT escapes undone), properties and sub-components sorted,
// and what says when or how often an event changed (DTSTAMP, SEQUENCE,
// LAST-MODIFIED, CREATED) and sync's own properties left out.
func readEvent(data []byte) (event, error) {
	if len(data) > maxObject {
		return event{}, fmt.Errorf("an object longer than %d bytes", maxObject)
	}
	if !utf8.Valid(data) {
		return event{}, errors.New("not valid UTF-8")
	}
	root, err := parseComponents(data)
	if err != nil {
		return event{}, err
	}
	if root.name != "VCALENDAR" {
		return event{}, fmt.Errorf("a %s, not a VCALENDAR", cut(root.name, 20))
	}
	var evs []*component
	for _, c := range root.children {
		if c.name == "VEVENT" {
			evs = append(evs, c)
		}
	}
	if len(evs) == 0 {
		return event{}, errors.New("no VEVENT")
	}
	ev := event{Digest: digestOf(evs)}
	first := evs[0]
	ev.UID = first.text("UID")
	if ev.UID == "" {
		return event{}, errors.New("a VEVENT without a UID")
	}
	ev.Plan, ev.Hash = first.text(propPlan), first.text(propHash)
	if s := first.text("SEQUENCE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return event{}, fmt.Errorf("SEQUENCE %q: want a whole number", cut(s, 20))
		}
		ev.Seq = n
	}
	ev.Label = label(first)
	return ev, nil
}

// component is an iCalendar component: its properties, canonical, and the
// components inside it.
type component struct {
	name     string
	props    []property
	children []*component
}

type property struct {
	name      string
	canonical string // NAME;PARAM=VALUE…:value, as digestOf hashes it
	value     string // the value, TEXT escapes undone
}

// text is the value of the first property name, or "".
func (c *component) text(name string) string {
	for _, p := range c.props {
		if p.name == name {
			return p.value
		}
	}
	return ""
}

// parseComponents reads the components of an object: exactly one at the
// top, BEGIN and END matched.
func parseComponents(data []byte) (*component, error) {
	var root *component
	var stack []*component
	n := 0
	for line := range unfold(data) {
		n++
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		name, params, value, err := splitLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		switch name {
		case "BEGIN":
			if root != nil && len(stack) == 0 {
				return nil, fmt.Errorf("line %d: more than one component at the top", n)
			}
			if len(stack) == maxNesting {
				return nil, fmt.Errorf("line %d: components nested deeper than %d", n, maxNesting)
			}
			c := &component{name: strings.ToUpper(value)}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, c)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != strings.ToUpper(value) {
				return nil, fmt.Errorf("line %d: END:%s does not close the open component", n, cut(value, 20))
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: a property outside any component", n)
			}
			top := stack[len(stack)-1]
			top.props = append(top.props, newProperty(name, params, value))
		}
	}
	if root == nil {
		return nil, errors.New("empty")
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("BEGIN:%s without its END", stack[len(stack)-1].name)
	}
	return root, nil
}

// unfold yields the logical lines of data (RFC 5545 3.1): a line that
// starts with a space or a tab continues the one before.
func unfold(data []byte) func(yield func([]byte) bool) {
	return func(yield func([]byte) bool) {
		var cur []byte
		started := false
		for len(data) > 0 {
			i := bytes.IndexByte(data, '\n')
			var phys []byte
			if i < 0 {
				phys, data = data, nil
			} else {
				phys, data = data[:i], data[i+1:]
			}
			phys = bytes.TrimSuffix(phys, []byte("\r"))
			if started && len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t') {
				cur = append(cur, phys[1:]...)
				continue
			}
			if started && !yield(cur) {
				return
			}
			cur, started = append([]byte(nil), phys...), true
		}
		if started {
			yield(cur)
		}
	}
}

// splitLine splits a content line into its name (upper case), its
// parameters (each NAME=value,… in canonical form) and its value.
func splitLine(line []byte) (string, []string, string, error) {
	i := 0
	for i < len(line) && isNameChar(line[i]) {
		i++
	}
	if i == 0 {
		return "", nil, "", errors.New("not a content line (NAME:VALUE)")
	}
	name := strings.ToUpper(string(line[:i]))
	var params []string
	for i < len(line) && line[i] == ';' {
		j := i + 1
		for j < len(line) && isNameChar(line[j]) {
			j++
		}
		if j == i+1 || j >= len(line) || line[j] != '=' {
			return "", nil, "", fmt.Errorf("%s: a malformed parameter", cut(name, 40))
		}
		pname := strings.ToUpper(string(line[i+1 : j]))
		var values []string
		var ok bool
		if values, i, ok = paramValues(line, j+1); !ok {
			return "", nil, "", fmt.Errorf("%s: a malformed parameter", cut(name, 40))
		}
		params = append(params, pname+"="+strings.Join(values, ","))
	}
	if i >= len(line) || line[i] != ':' {
		return "", nil, "", fmt.Errorf("%s: no \":\" before the value", cut(name, 40))
	}
	return name, params, string(line[i+1:]), nil
}

// paramValues reads a parameter's values from line[i:], unquoted.
func paramValues(line []byte, i int) ([]string, int, bool) {
	var values []string
	for {
		if i < len(line) && line[i] == '"' {
			end := bytes.IndexByte(line[i+1:], '"')
			if end < 0 {
				return nil, 0, false
			}
			values = append(values, string(line[i+1:i+1+end]))
			i += end + 2
		} else {
			k := i
			for k < len(line) && !strings.ContainsRune("\";:,", rune(line[k])) {
				k++
			}
			values = append(values, string(line[i:k]))
			i = k
		}
		if i >= len(line) || line[i] != ',' {
			return values, i, true
		}
		i++
	}
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

func newProperty(name string, params []string, raw string) property {
	slices.Sort(params)
	value := unescape(raw)
	var b strings.Builder
	b.WriteString(name)
	for _, p := range params {
		b.WriteString(";" + p)
	}
	b.WriteString(":")
	b.WriteString(strconv.Quote(value))
	return property{name: name, canonical: b.String(), value: value}
}

// unescape undoes the escapes of a TEXT value (RFC 5545 3.3.11): `\\`,
// `\;`, `\,`, `\n` and `\N`. Other values do not hold a backslash, so
// undoing them everywhere only makes the escaping servers choose not
// matter.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unhashed are the properties of an event the digest leaves out: when and
// how often it changed, not what it is, and sync's own marks.
var unhashed = map[string]bool{
	"DTSTAMP": true, "SEQUENCE": true, "LAST-MODIFIED": true, "CREATED": true,
	propPlan: true, propHash: true,
}

// digestOf is the hex SHA-256 of the events' canonical form.
func digestOf(evs []*component) string {
	parts := make([]string, len(evs))
	for i, e := range evs {
		parts[i] = canonical(e, true)
	}
	slices.Sort(parts)
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// canonical is c with its properties and sub-components sorted; top says
// it is an event, whose unhashed properties are left out.
func canonical(c *component, top bool) string {
	var lines []string
	for _, p := range c.props {
		if !(top && unhashed[p.name]) {
			lines = append(lines, p.canonical)
		}
	}
	slices.Sort(lines)
	var subs []string
	for _, s := range c.children {
		subs = append(subs, canonical(s, false))
	}
	slices.Sort(subs)
	var b strings.Builder
	b.WriteString("BEGIN:" + c.name + "\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	for _, s := range subs {
		b.WriteString(s)
	}
	b.WriteString("END:" + c.name + "\n")
	return b.String()
}

// label says when and what an event is, for messages: its start
// ("2027-01-05 10:00", "2027-01-05", "2027-01-05 07:00 UTC") and summary.
func label(ev *component) string {
	var parts []string
	if s := ev.text("DTSTART"); s != "" {
		parts = append(parts, when(s))
	}
	if s := ev.text("SUMMARY"); s != "" {
		parts = append(parts, cut(s, 80))
	}
	return strings.Join(parts, " ")
}

// when reads a DATE or DATE-TIME value as a person writes it; a value it
// cannot read is shown as it is.
func when(v string) string {
	switch {
	case len(v) == 8 && digits(v):
		return v[:4] + "-" + v[4:6] + "-" + v[6:8]
	case len(v) >= 15 && v[8] == 'T' && digits(v[:8]) && digits(v[9:15]):
		s := v[:4] + "-" + v[4:6] + "-" + v[6:8] + " " + v[9:11] + ":" + v[11:13]
		if v[15:] == "Z" {
			s += " UTC"
		}
		return s
	}
	return cut(v, 30)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cut shortens s to at most n bytes, at a character boundary, with "…",
// and replaces control characters (a server's text goes to a terminal).
func cut(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
