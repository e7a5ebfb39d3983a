package spec

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
)

// checker walks the decoded TOML, filling a Spec with defaults and
// collecting every problem instead of stopping at the first.
type checker struct {
	file  string
	loc   *locator
	errs  []calendar.Diagnostic
	warns []calendar.Diagnostic
}

// subject names what a message is about: `plan`, `channel "Instagram"`, or
// `channel[2]` when the channel has no usable name.
type subject struct {
	text  string
	named bool // the text holds a quoted name: keys follow ": ", not "."
}

// on prefixes a detail that starts with a key: plan.start: …,
// channel "Instagram": frequency …
func (s subject) on(detail string) string {
	if s.text == "" {
		return detail
	}
	if s.named {
		return s.text + ": " + detail
	}
	return s.text + "." + detail
}

// about prefixes a detail about the whole subject: plan: unknown key …
func (s subject) about(detail string) string {
	if s.text == "" {
		return detail
	}
	return s.text + ": " + detail
}

func named(kind, name, path string) subject {
	if name == "" {
		return subject{text: path}
	}
	return subject{text: fmt.Sprintf("%s %q", kind, name), named: true}
}

// diag builds a diagnostic for the thing at path, positioned at its value,
// its key, or the nearest enclosing table that the source shows.
func (c *checker) diag(sev calendar.Severity, path, msg string, hints []string) calendar.Diagnostic {
	d := calendar.Diagnostic{Severity: sev, File: c.file, Path: path, Msg: msg, Hints: hints}
	if p, ok := c.position(path); ok {
		d.Line, d.Col = p.Line, p.Col
	}
	return d
}

func (c *checker) position(path string) (srcPos, bool) {
	for p := path; p != ""; p = parentPath(p) {
		if pos, ok := c.loc.val(p); ok {
			return pos, true
		}
		if pos, ok := c.loc.key(p); ok {
			return pos, true
		}
	}
	return srcPos{}, false
}

// parentPath drops the last key or index of a path.
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	// the last unquoted dot; quoted keys hold no path structure we need
	inQuote := false
	last := -1
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '"':
			inQuote = !inQuote
		case '.':
			if !inQuote {
				last = i
			}
		}
	}
	if last < 0 {
		return ""
	}
	return p[:last]
}

func (c *checker) errorAt(path, msg string, hints ...string) {
	c.errs = append(c.errs, c.diag(calendar.Error, path, msg, hints))
}

func (c *checker) warnAt(path, msg string, hints ...string) {
	c.warns = append(c.warns, c.diag(calendar.Warning, path, msg, hints))
}

// errorOn reports an error of the rules that judge the spec as a whole
// once it is built (schedulable): their values come from several places,
// or from defaults no line holds, so the error points at the key it is
// named by (a campaign's extra, the first [[channel]]).
func (c *checker) errorOn(path, msg string, hints ...string) {
	c.errs = append(c.errs, c.diag(calendar.Error, path, msg, hints))
}

// unique records names that must be unique, case not counting: add
// returns the name first recorded under the same key, when there is one.
type unique map[string]string

func (u unique) add(name, as string) (first string, dup bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	if first, dup := u[key]; dup {
		return first, true
	}
	u[key] = as
	return "", false
}

// table is one TOML table under check.
type table struct {
	c    *checker
	m    map[string]any
	path string
	subj subject
}

func (t table) keyPath(key string) string { return joinPath(t.path, key) }

func (t table) has(key string) bool { _, ok := t.m[key]; return ok }

// known reports every key not in keys, suggesting the closest known one.
func (t table) known(keys ...string) {
	for _, k := range sortedKeys(t.m, t.c.loc, t.path) {
		if slices.Contains(keys, k) {
			continue
		}
		hints := t.misplaced(k)
		if hints == nil {
			if g := suggest(k, keys); g != "" {
				hints = []string{fmt.Sprintf("did you mean %q?", g)}
			} else {
				hints = []string{"known keys: " + strings.Join(keys, ", ")}
			}
		}
		p := t.keyPath(k)
		d := t.c.diag(calendar.Error, p, t.subj.about(fmt.Sprintf("unknown key %q", k)), hints)
		if pos, ok := t.c.loc.key(p); ok {
			d.Line, d.Col = pos.Line, pos.Col
		}
		t.c.errs = append(t.c.errs, d)
	}
}

// wrongType reports that key holds v where want was expected.
func (t table) wrongType(path, key string, v any, want string, hints ...string) {
	t.c.errorAt(path, t.subj.on(fmt.Sprintf("%s: want %s, got %s", key, want, describe(v))), hints...)
}

func (t table) missing(key, hint string) {
	// A misspelt key ("frequncy") is reported as unknown with "did you
	// mean"; saying the real key is missing as well would be noise.
	for k := range t.m {
		if k != key && suggest(k, []string{key}) == key {
			return
		}
	}
	var hints []string
	if hint != "" {
		hints = []string{hint}
	}
	t.c.errorAt(t.keyPath(key), t.subj.about(key+" is required"), hints...)
}

// str returns the string at key; ok is false when absent or not a string
// (which is reported).
func (t table) str(key string) (string, bool) {
	v, ok := t.m[key]
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(t.keyPath(key), key, v, "a string", fmt.Sprintf(`write %s = "…"`, key))
		return "", false
	}
	return s, true
}

func (t table) boolean(key string, def bool) bool {
	v, ok := t.m[key]
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(t.keyPath(key), key, v, "true or false")
		return def
	}
	return b
}

// number returns a finite number at key; ok is false when absent or wrong.
func (t table) number(key string) (float64, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	f, ok := toNumber(v)
	if !ok {
		t.wrongType(t.keyPath(key), key, v, "a number")
		return 0, false
	}
	return f, true
}

func toNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		return x, true
	}
	return 0, false
}

// strs returns the strings of the array at key, reporting each element
// that is not a string; ok is false when absent or not an array.
func (t table) strs(key string) ([]string, []string, bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, nil, false
	}
	arr, ok := v.([]any)
	if !ok {
		t.wrongType(t.keyPath(key), key, v, "an array of strings", fmt.Sprintf(`write %s = ["…", "…"]`, key))
		return nil, nil, false
	}
	var out, paths []string
	for i, e := range arr {
		p := calendar.IndexPath(t.keyPath(key), i+1)
		s, ok := e.(string)
		if !ok {
			t.wrongType(p, fmt.Sprintf("%s[%d]", key, i+1), e, "a string")
			continue
		}
		out = append(out, s)
		paths = append(paths, p)
	}
	return out, paths, true
}

// date reads a TOML local date or a "YYYY-MM-DD" string at path.
func (t table) dateValue(path, key string, v any) (calendar.Date, bool) {
	const want = "a date like 2027-01-01"
	switch x := v.(type) {
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return calendar.MakeDate(x.Date()), true
		case "time-local":
			t.wrongType(path, key, v, want)
			return 0, false
		default:
			t.wrongType(path, key, v, want, "drop the time of day: "+x.Format("2006-01-02"))
			return 0, false
		}
	case string:
		if d, err := calendar.ParseDate(strings.TrimSpace(x)); err == nil {
			return d, true
		}
	}
	t.wrongType(path, key, v, want)
	return 0, false
}

func (t table) date(key string) (calendar.Date, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	return t.dateValue(t.keyPath(key), key, v)
}

// describe names a TOML value's type and shows it, for "got …".
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if utf8.RuneCountInString(x) > 40 {
			x = string([]rune(x)[:40]) + "…"
		}
		return fmt.Sprintf("string %q", x)
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return "float " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "date " + x.Format("2006-01-02")
		case "time-local":
			return "time " + x.Format("15:04:05")
		case "datetime-local":
			return "date-time " + x.Format("2006-01-02T15:04:05")
		}
		return "date-time " + x.Format(time.RFC3339)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// sortedKeys returns m's keys in source order (so messages and formats
// follow the file), falling back to name order for keys the locator missed.
func sortedKeys(m map[string]any, loc *locator, path string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	at := func(k string) (srcPos, bool) { return loc.key(joinPath(path, k)) }
	sort.Slice(keys, func(i, j int) bool {
		pi, oki := at(keys[i])
		pj, okj := at(keys[j])
		if oki != okj {
			return oki
		}
		if oki && pi != pj {
			if pi.Line != pj.Line {
				return pi.Line < pj.Line
			}
			return pi.Col < pj.Col
		}
		return keys[i] < keys[j]
	})
	return keys
}

// tables returns the tables of an array of tables at key of root. It
// accepts [[key]] and key = [{…}], and reports anything else.
func (c *checker) tables(root map[string]any, key string) ([]table, bool) {
	v, ok := root[key]
	if !ok {
		return nil, false
	}
	out, isArray := c.tableArray(v, key, func(i int, e any) {
		c.errorAt(calendar.IndexPath(key, i+1), fmt.Sprintf("%s[%d]: want a table, got %s", key, i+1, describe(e)),
			fmt.Sprintf("write each %s as a [[%s]] table", key, key))
	})
	switch {
	case isArray:
	case isTable(v):
		c.errorAt(key, fmt.Sprintf("%s: want [[%s]] tables, got [%s]", key, key, key),
			fmt.Sprintf("write [[%s]], with two brackets: a spec may have several", key))
	default:
		c.errorAt(key, fmt.Sprintf("%s: want [[%s]] tables, got %s", key, key, describe(v)))
	}
	return out, true
}

// tableArray turns an array of tables at path into tables, calling bad for
// each element that is not a table. It reports false, and no tables, when v
// is not an array at all: the caller says what it wanted there.
func (c *checker) tableArray(v any, path string, bad func(i int, e any)) ([]table, bool) {
	var ms []map[string]any
	switch x := v.(type) {
	case []map[string]any:
		ms = x
	case []any:
		for i, e := range x {
			if m, ok := e.(map[string]any); ok {
				ms = append(ms, m)
			} else {
				bad(i, e)
			}
		}
	default:
		return nil, false
	}
	out := make([]table, len(ms))
	for i, m := range ms {
		p := calendar.IndexPath(path, i+1)
		out[i] = table{c: c, m: m, path: p, subj: subject{text: p}}
	}
	return out, true
}

func isTable(v any) bool { _, ok := v.(map[string]any); return ok }

// name reads the required, non-empty name of a table and renames its
// subject after it.
func (t *table) name(key, kind string) string {
	if !t.has(key) {
		t.missing(key, fmt.Sprintf(`add %s = "…" to this [[%s]]`, key, kind))
		return ""
	}
	return t.optName(key, kind)
}

// optName is name for tables where it may be left out (goal and objective
// ids: only what a pillar refers to needs one).
func (t *table) optName(key, kind string) string {
	s, ok := t.str(key)
	if !ok {
		return ""
	}
	if strings.TrimSpace(s) == "" {
		t.c.errorAt(t.keyPath(key), t.subj.on(key+": must not be empty"))
		return ""
	}
	t.subj = named(kind, s, t.path)
	return s
}

var (
	topKeys      = []string{"plan", "channel", "format", "pillar", "goal", "writer", "campaign", "date"}
	planKeys     = []string{"name", "id", "start", "end", "quarter", "timezone", "borrowed", "holidays", "skip_holidays", "skip", "review", "currency", "language"}
	channelKeys  = []string{"name", "id", "frequency", "days", "times", "formats", "borrowed", "owner", "limit"}
	formatKeys   = []string{"name", "duration", "lead", "cost", "borrowable"}
	pillarKeys   = []string{"name", "weight", "objective"}
	goalKeys     = []string{"id", "why", "owner", "objective"}
	objKeys      = []string{"id", "what", "kpi", "target", "unit", "targets", "actions", "metrics"}
	writerKeys   = []string{"name", "channels", "capacity"}
	campaignKeys = []string{"name", "start", "end", "channels", "pillar", "extra"}
)

// spec checks the whole document.
func (c *checker) spec(root map[string]any) *calendar.Spec {
	s := &calendar.Spec{File: c.file}
	for _, k := range sortedKeys(root, c.loc, "") {
		if slices.Contains(topKeys, k) {
			continue
		}
		kind := fmt.Sprintf("unknown key %q", k)
		switch root[k].(type) {
		case map[string]any:
			kind = fmt.Sprintf("unknown table [%s]", k)
		case []map[string]any:
			kind = fmt.Sprintf("unknown table [[%s]]", k)
		}
		var hints []string
		if g := suggest(k, topKeys); g != "" {
			hints = append(hints, fmt.Sprintf("did you mean %q?", g))
		} else if slices.Contains(planKeys, k) {
			hints = append(hints, fmt.Sprintf("%s belongs in [plan]: move it below the [plan] line", k))
		} else {
			hints = append(hints, "known tables: [plan], [[channel]], [[format]], [[pillar]], [[goal]], [[writer]], [[campaign]], [[date]]")
		}
		d := c.diag(calendar.Error, k, kind, hints)
		if p, ok := c.loc.key(k); ok {
			d.Line, d.Col = p.Line, p.Col
		}
		c.errs = append(c.errs, d)
	}

	planOK := c.plan(root, s)
	c.formats(root, s)
	c.channels(root, s, planOK)
	c.goals(root, s, planOK)
	c.pillars(root, s)
	c.writers(root, s)
	c.campaigns(root, s, planOK)
	c.dates(root, s, planOK)
	c.method(s)
	return s
}

// schedulable checks what only the whole spec shows, once every value in
// it is valid: that each campaign's extras fit their channels' times, then
// that the plan keeps to the limit on posts.
func (c *checker) schedulable(s *calendar.Spec) {
	c.campaignsFit(s)
	if len(c.errs) == 0 {
		c.postLimit(s)
	}
}

// postLimit refuses a plan of more than calendar.MaxPosts posts before any
// post is made (docs/spec.md, Limits).
func (c *checker) postLimit(s *calendar.Spec) {
	if n := calendar.NominalPosts(s); n > calendar.MaxPosts {
		c.errorOn("channel", fmt.Sprintf("the channels' frequencies give %d posts over the plan, more than the limit of %d", n, calendar.MaxPosts),
			"shorten the plan, lower the frequencies or split the channels over several specs")
	}
}
