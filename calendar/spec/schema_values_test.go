package spec

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/contentplan/contentplan/calendar"
)

// fullSpec uses every key of the spec but quarter (which excludes start and
// end), each with a value that the checker and the schema accept.
const fullSpec = `
[plan]
name          = "Northwind Coffee, Q1 2027"
id            = "northwind-q1"
start         = 2027-01-01
end           = 2027-03-31
timezone      = "Europe/Berlin"
borrowed      = "30%"
holidays      = "DE"
skip_holidays = true
skip          = [2027-01-06]
review        = "monthly"
currency      = "EUR"
language      = "en"

[[channel]]
name      = "Instagram"
id        = "ig"
frequency = "3/week"
days      = ["mon", "wed", "fri"]
times     = ["09:00", "18:00"]
formats   = { photo = 2, reel = 1 }
borrowed  = "10%"
owner     = "Ann"
limit     = 2200

[[format]]
name       = "reel"
duration   = "45m"
lead       = "2d"
cost       = 10.5
borrowable = false

[[pillar]]
name      = "Tips"
weight    = 2
objective = "orders"

[[goal]]
id    = "growth"
why   = "More regulars"
owner = "Olga"

  [[goal.objective]]
  id      = "orders"
  what    = "Take-away orders through social media"
  kpi     = "orders a month"
  target  = 300
  unit    = "orders"
  targets = [250, 300, "350"]
  actions = ["menu of the day posts"]
  metrics = ["link clicks", "promo code orders"]

[[writer]]
name     = "Mila"
channels = ["Instagram"]
capacity = "5/week"

[[campaign]]
name     = "Launch"
start    = 2027-02-01
end      = 2027-02-14
channels = ["Instagram"]
pillar   = "Tips"
extra    = "1/week"

[[date]]
name    = "Open day"
date    = 2027-03-12
skip    = true
day_off = true
`

// keyRef is where a key sits in fullSpec: its table's path, then the key.
type keyRef struct{ table, key string }

func (r keyRef) String() string { return strings.TrimPrefix(r.table+"."+r.key, ".") }

// diagPath is the key path the checker reports a problem of r at.
func (r keyRef) diagPath() string {
	p, table := "", ""
	for seg := range strings.SplitSeq(r.table, ".") {
		if seg == "" {
			continue
		}
		table = strings.TrimPrefix(table+"."+seg, ".")
		p = joinPath(p, seg)
		if slices.ContainsFunc(schemaKeys, func(k keyDoc) bool { return k.tables == table && k.many }) {
			p = calendar.IndexPath(p, 1)
		}
	}
	return joinPath(p, r.key)
}

// fullDoc decodes fullSpec afresh (tests change it).
func fullDoc(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if _, err := toml.Decode(fullSpec, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// tableIn returns the table at path in doc, the first of an array of
// tables.
func tableIn(doc map[string]any, path string) map[string]any {
	m := doc
	for seg := range strings.SplitSeq(path, ".") {
		if seg == "" {
			continue
		}
		switch x := m[seg].(type) {
		case map[string]any:
			m = x
		case []map[string]any:
			m = x[0]
		}
	}
	return m
}

// checkerDiags parses doc as TOML through the checker, leaving out the
// pending keys it does not know yet, and returns its errors.
func checkerDiags(t *testing.T, doc map[string]any) []calendar.Diagnostic {
	t.Helper()
	known := Keys()
	for key := range pendingKeys {
		i := strings.LastIndexByte(key, '.')
		if !slices.Contains(known[key[:i]], key[i+1:]) {
			delete(tableIn(doc, key[:i]), key[i+1:])
		}
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(doc); err != nil {
		t.Fatal(err)
	}
	_, err := Parse("full.toml", &b)
	var se *calendar.SpecError
	if err != nil && !errors.As(err, &se) {
		t.Fatal(err)
	}
	if se == nil {
		return nil
	}
	return se.Diags
}

// at returns the diagnostics about path or what is inside it.
func at(diags []calendar.Diagnostic, path string) []calendar.Diagnostic {
	var out []calendar.Diagnostic
	for _, d := range diags {
		if d.Path == path || strings.HasPrefix(d.Path, path+".") || strings.HasPrefix(d.Path, path+"[") {
			out = append(out, d)
		}
	}
	return out
}

// TestSchemaFullSpec checks that fullSpec uses every key and that both the
// checker and the schema accept it.
func TestSchemaFullSpec(t *testing.T) {
	t.Parallel()
	doc := fullDoc(t)
	for _, k := range schemaKeys {
		if _, ok := tableIn(doc, k.table)[k.key]; !ok && k.key != "quarter" {
			t.Errorf("fullSpec does not use %s", keyRef{k.table, k.key})
		}
	}
	if err := validateSchema(t, doc); err != nil {
		t.Errorf("schema: %v", err)
	}
	if diags := checkerDiags(t, fullDoc(t)); diags != nil {
		t.Errorf("checker: %v", diags)
	}
}

// wrongValue is a value of a type the key's schema does not take.
func wrongValue(s jsonObj) any {
	if accepts(s, "boolean") {
		return "yes"
	}
	return true
}

// accepts reports whether schema s takes values of JSON type typ, here or
// in one of its anyOf branches.
func accepts(s jsonObj, typ string) bool {
	switch x := s["type"].(type) {
	case string:
		return x == typ
	case []string:
		return slices.Contains(x, typ)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		return slices.ContainsFunc(alts, func(a any) bool { return accepts(a.(jsonObj), typ) })
	}
	return false
}

// TestSchemaTypesAreTheCheckers gives each key of fullSpec a value of a
// type its schema does not take, and each table a key it does not know:
// the checker and the schema must both refuse it.
func TestSchemaTypesAreTheCheckers(t *testing.T) {
	t.Parallel()
	known := Keys()
	for _, k := range schemaKeys {
		ref := keyRef{k.table, k.key}
		if pendingKeys[ref.String()] && !slices.Contains(known[k.table], k.key) {
			continue
		}
		t.Run(ref.String(), func(t *testing.T) {
			t.Parallel()
			wrong := wrongValue(k.schema())
			expectRefused(t, ref, wrong, true)
		})
	}
	for table := range maps.Keys(schemaTables()) {
		t.Run("unknown key in "+table, func(t *testing.T) {
			t.Parallel()
			expectRefused(t, keyRef{table, "colour"}, "blue", true)
		})
	}
}

// expectRefused sets ref to v in fullSpec and checks what the schema and
// the checker say of it: both refuse it when bad, both take it when not.
func expectRefused(t *testing.T, ref keyRef, v any, bad bool) {
	t.Helper()
	doc := fullDoc(t)
	tableIn(doc, ref.table)[ref.key] = v
	if ref.key == "quarter" {
		delete(doc["plan"].(map[string]any), "start")
		delete(doc["plan"].(map[string]any), "end")
	}
	schemaErr := validateSchema(t, doc)
	switch {
	case bad && schemaErr == nil:
		t.Errorf("%s = %#v: the schema takes it", ref, v)
	case !bad && schemaErr != nil:
		t.Errorf("%s = %#v: the schema refuses it: %v", ref, v, schemaErr)
	}
	if pendingKeys[ref.String()] && !slices.Contains(Keys()[ref.table], ref.key) {
		return
	}
	diags := at(checkerDiags(t, doc), ref.diagPath())
	switch {
	case bad && len(diags) == 0:
		t.Errorf("%s = %#v: the checker takes it", ref, v)
	case !bad && len(diags) > 0:
		t.Errorf("%s = %#v: the checker refuses it: %v", ref, v, diags)
	}
}

// valueCase is a value of a key, and whether the schema and the checker
// take it.
type valueCase struct {
	key  string // "plan.borrowed", "goal.objective.target"
	good []any  // both take these
	bad  []any  // both refuse these
}

// valueCases hold the patterns to the checker's readers, at their edges.
var valueCases = []valueCase{
	{"plan.name", []any{"x", " Пекарня "}, []any{"", "  ", int64(5)}},
	{"plan.id", []any{"northwind-q1", "a", strings.Repeat("a", 40)}, []any{"", "Northwind", "a_b", strings.Repeat("a", 41)}},
	{"plan.start", []any{"2027-01-01"}, []any{"2027-13-01", "2027-02-30", "2027-1-1", "01.01.2027", int64(5)}},
	{"plan.quarter", []any{"2027-Q1", "2027-q4", " 2027-Q2 "}, []any{"2027-Q5", "2027-Q0", "27-Q1", "2027Q1", "Q1-2027"}},
	{"plan.borrowed", []any{"20%", "30%", "50%", " 29.5 % ", "29.55%", "050.00%", "30.%", "0.3", ".25", "0.2", "0.5", "0.2999", "0.50000", 0.3, 0.2, 0.5},
		[]any{"19.99%", "50.01%", "51%", "29.555%", "30%%", "%", "-30%", "", "abc", "0.19", "0.5001", "0.29999", "1", ".", 0.6, 0.1, int64(30), int64(0), int64(1)}},
	{"plan.holidays", []any{"DE", "ru", " Us ", ""}, []any{"XX", "Germany", "D"}},
	{"plan.skip", []any{[]any{}, []any{"2027-01-06"}}, []any{"2027-01-06", []any{"2027-13-01"}, []any{int64(5)}}},
	{"plan.review", []any{"monthly", "Monthly", " none "}, []any{"weekly", ""}},
	{"plan.language", []any{"en", "RU", " bg "}, []any{"de", "english", ""}},
	{"plan.timezone", []any{"UTC", "Europe/Moscow"}, []any{"", "  "}},
	{"channel.name", []any{"VK"}, []any{"", " "}},
	{"channel.frequency", []any{"daily", "Daily", " weekdays ", "3/week", "3 / Week", "1/day", "40320/month", "007/week", "1/MONTH"},
		[]any{"3/wek", "0/day", "0/week", "1441/day", "10081/week", "40321/month", "-1/day", "3/", "/week", "3/fortnight", "three/week", "", "weekly"}},
	{"channel.days", []any{[]any{"Mon", "wed", "FRIDAY"}, []any{"пн", "Ср", "пт"}, []any{"Понедельник", "сряда", "НЕДЕЛЯ"}}, []any{[]any{"mon", "mon", "fri"}, []any{"mun", "wed", "fri"}, []any{"субота"}, []any{}, "mon"}},
	{"channel.times", []any{[]any{"09:00"}, []any{" 23:59 ", "00:00"}}, []any{[]any{"24:00"}, []any{"9:00"}, []any{"09:60"}, []any{"09:00", "09:00"}, []any{}, "09:00"}},
	{"channel.formats", []any{[]any{"Photo"}, map[string]any{"photo": 0.5}, map[string]any{"текст": int64(3)}},
		[]any{map[string]any{}, []any{}, map[string]any{"photo": int64(0)}, map[string]any{"photo": int64(-1)}, map[string]any{"photo": "much"}, []any{"photo", "photo"}, []any{""}, "photo"}},
	{"channel.borrowed", []any{"0%", "0", "0.", ".0", int64(0), 0.0, "10%", ".5%", "0.1", "0.05", "30%", 0.3}, []any{"51%", "50.5%", "0.5001", 0.6, "-1%", "", int64(1)}},
	{"channel.limit", []any{int64(1), int64(280), int64(4096)}, []any{int64(0), int64(-5), 2.5, "280"}},
	{"format.duration", []any{"30m", "1h", "1h30m", "90M", " 2H "}, []any{"90s", "m", "1m1h", "1.5h", "", "30"}},
	{"format.lead", []any{"0d", "3d", "365d", " 7D "}, []any{"366d", "3", "-1d", "d", "3 d", int64(3)}},
	{"format.cost", []any{int64(0), 9.99}, []any{int64(-5), -0.5, "5"}},
	{"pillar.weight", []any{0.5, int64(1), 1e9}, []any{int64(0), int64(-2), 2e9, "2"}},
	{"goal.id", []any{"growth"}, []any{"", " "}},
	{"goal.objective.id", []any{"orders"}, []any{""}},
	{"goal.objective.target", []any{"300", int64(300), 2.5}, []any{true}},
	{"goal.objective.unit", []any{"orders", ""}, []any{int64(5)}},
	{"goal.objective.targets", []any{[]any{int64(1), 2.5, "3 000"}, []any{"1,500", " 1 200 ", "-4"}},
		[]any{[]any{"lots", int64(1), int64(2)}, "300", []any{true, int64(1), int64(2)}, []any{}, []any{"1e5", int64(1), int64(2)}}},
	{"writer.channels", []any{[]any{"Instagram"}}, []any{[]any{}, "Instagram"}},
	{"writer.capacity", []any{"5/week", "10080/week", " 1 / Week "}, []any{"5/day", "5/month", "weekdays", "daily", "0/week", "10081/week", ""}},
	{"campaign.extra", []any{"1/day", "2/week", "daily"}, []any{"1/month", "weekdays", "0/day", ""}},
}

// TestSchemaValuesAreTheCheckers checks each valueCase through both.
func TestSchemaValuesAreTheCheckers(t *testing.T) {
	t.Parallel()
	for _, c := range valueCases {
		i := strings.LastIndexByte(c.key, '.')
		ref := keyRef{c.key[:i], c.key[i+1:]}
		for n, v := range append(slices.Clone(c.good), c.bad...) {
			t.Run(fmt.Sprintf("%s/%d", c.key, n), func(t *testing.T) {
				t.Parallel()
				expectRefused(t, ref, v, n >= len(c.good))
			})
		}
	}
}

// TestUpTo checks the number patterns against the numbers themselves.
func TestUpTo(t *testing.T) {
	t.Parallel()
	for _, max := range []int{1, 7, 9, 10, 19, 365, 1440, 10080, 40320} {
		re := regexp.MustCompile(jsPattern(reUpTo(max))["pattern"].(string))
		for n := 0; n <= max+max/2+10; n++ {
			ok := re.MatchString(strconv.Itoa(n))
			if want := n >= 1 && n <= max; ok != want {
				t.Errorf("reUpTo(%d) on %d: %t, want %t", max, n, ok, want)
			}
		}
	}
}
