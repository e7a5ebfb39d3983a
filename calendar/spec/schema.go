package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The JSON Schema of a spec, for the TOML editors that read one (Taplo and
// Even Better TOML follow a "#:schema ./contentplan.schema.json" line).
// Those support only JSON Schema draft 4, so the schema keeps to its
// keywords: type, properties, required, additionalProperties, enum, pattern,
// format, minimum and maximum (with draft 4's boolean exclusiveMinimum),
// minItems, maxItems, uniqueItems, minProperties, items, anyOf, oneOf,
// title, description and default; no $ref, const, not or if/then.
//
// A TOML date reaches a schema as a string ("2027-01-01"), which is why dates
// are strings with format "date" here, and why the date strings the checker
// also takes need nothing more.
//
// The schema says what it can of the checker's rules and never more: where
// the checker forgives (case, spaces, "Monday" for "mon", leading zeros), the
// patterns do too, so an editor does not mark a spec that validate accepts
// (bar spaces around a date written as a string: see jsDate).
// What needs the whole spec (days matching the frequency, names that refer
// to other tables, unique names, real zones) is left to validate.

// jsonObj is a JSON object of the schema.
type jsonObj = map[string]any

// Schema returns the JSON Schema (draft 4) of a spec, indented, ending in a
// newline: every key of docs/spec.md with its type, its constraints where a
// schema can state them, and its meaning as the description.
func Schema() []byte {
	root := jsonObj{
		"$schema":     "http://json-schema.org/draft-04/schema#",
		"title":       "contentplan spec",
		"description": topDoc,
	}
	for k, v := range tableSchema("") {
		root[k] = v
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // descriptions hold "→" and "<"; keep them readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic(fmt.Sprintf("spec: the schema does not encode: %v", err)) // only maps, strings and numbers
	}
	return b.Bytes()
}

// tableSchema is the schema of the table at path, from its keys in
// schemaKeys.
func tableSchema(path string) jsonObj {
	props := jsonObj{}
	var required []string
	for _, k := range schemaKeys {
		if k.table != path {
			continue
		}
		props[k.key] = k.schema()
		if k.required {
			required = append(required, k.key)
		}
	}
	s := jsonObj{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	for k, v := range tableRules[path] {
		s[k] = v
	}
	return s
}

// schema is the key's value schema with its description and default.
func (k keyDoc) schema() jsonObj {
	var s jsonObj
	switch {
	case k.tables != "" && k.many:
		s = jsonObj{"type": "array", "items": tableSchema(k.tables)}
		if k.required {
			s["minItems"] = 1
		}
	case k.tables != "":
		s = tableSchema(k.tables)
	default:
		s = cloneObj(k.value)
	}
	s["description"] = k.desc
	if k.def != nil {
		s["default"] = k.def
	}
	return s
}

// cloneObj copies a schema object, deeply enough that adding a description
// to the copy leaves the shared value alone.
func cloneObj(o jsonObj) jsonObj {
	c := make(jsonObj, len(o)+2)
	for k, v := range o {
		c[k] = v
	}
	return c
}

// Value schemas.

func jsString() jsonObj { return jsonObj{"type": "string"} }

// jsText is a string that must not be blank (names, ids).
func jsText() jsonObj { return jsonObj{"type": "string", "pattern": `\S`} }

// jsPattern is a string matching re in full, spaces around it forgiven (the
// checker trims them).
func jsPattern(re string) jsonObj {
	return jsonObj{"type": "string", "pattern": `^\s*(` + re + `)\s*$`}
}

func jsBool() jsonObj { return jsonObj{"type": "boolean"} }

// jsNumber is a number from lo up to hi; an exclusive lo leaves lo out.
func jsNumber(lo, hi float64, exclusive bool) jsonObj {
	s := jsonObj{"type": "number", "minimum": lo}
	if exclusive {
		s["exclusiveMinimum"] = true
	}
	if hi > 0 {
		s["maximum"] = hi
	}
	return s
}

// jsDate is a TOML local date, or the same as a string. Validators check the
// format "date" too (Taplo does), which leaves out the spaces around a date
// string that the checker forgives: the one place where the schema is
// stricter than validate.
func jsDate() jsonObj {
	return jsonObj{"type": "string", "format": "date",
		"pattern": `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`}
}

// jsArray is an array of item, of at least lo elements and at most hi (no
// limit when hi is 0); unique forbids repeating an element.
func jsArray(item jsonObj, lo, hi int, unique bool) jsonObj {
	s := jsonObj{"type": "array", "items": item}
	if lo > 0 {
		s["minItems"] = lo
	}
	if hi > 0 {
		s["maxItems"] = hi
	}
	if unique {
		s["uniqueItems"] = true
	}
	return s
}

// jsChoice is one of words, as the checker reads them: any case, spaces
// around forgiven. The enum of the words comes first so that editors offer
// them.
func jsChoice(words ...string) jsonObj {
	return jsonObj{"anyOf": []any{
		jsonObj{"type": "string", "enum": words},
		jsPattern(reAnyCaseAll(words)),
	}}
}

// reAnyCase is a pattern matching s in any case: "mon" → "[Mm][Oo][Nn]".
func reAnyCase(s string) string {
	var b strings.Builder
	for _, r := range s {
		lo, up := unicode.ToLower(r), unicode.ToUpper(r)
		if lo == up {
			b.WriteString(reQuote(r))
			continue
		}
		b.WriteString("[" + string(up) + string(lo) + "]")
	}
	return b.String()
}

func reQuote(r rune) string {
	if strings.ContainsRune(`\.+*?()|[]{}^$/-`, r) {
		return `\` + string(r)
	}
	return string(r)
}

// reUpTo is a pattern matching the whole numbers 1 to max, written without
// leading zeros.
func reUpTo(max int) string {
	m := strconv.Itoa(max)
	var alts []string
	if len(m) > 1 {
		alts = append(alts, fmt.Sprintf("[1-9][0-9]{0,%d}", len(m)-2))
	}
	// Numbers of max's length: max's first i digits, then a smaller digit,
	// then any digits.
	for i := range len(m) {
		lo, hi := byte('0'), m[i]-1
		if i == 0 {
			lo = '1'
		}
		if hi < lo {
			continue
		}
		class := string(lo)
		if hi > lo {
			class = "[" + string(lo) + "-" + string(hi) + "]"
		}
		rest := ""
		switch n := len(m) - i - 1; {
		case n == 1:
			rest = "[0-9]"
		case n > 1:
			rest = fmt.Sprintf("[0-9]{%d}", n)
		}
		alts = append(alts, m[:i]+class+rest)
	}
	alts = append(alts, m)
	return "(" + strings.Join(alts, "|") + ")"
}

// rePer is a pattern for "N/unit" with N from 1 to max, as parseFrequency
// reads it (leading zeros and spaces around the slash forgiven).
func rePer(max int, unit string) string {
	return `0*` + reUpTo(max) + `\s*/\s*` + reAnyCase(unit)
}

// jsFrequency is a pattern of the frequencies "N/unit" for each of units, and
// of words ("daily", "weekdays").
func jsFrequency(words []string, units ...string) jsonObj {
	limits := map[string]int{"day": maxPerDay, "week": maxPerWeek, "month": maxPerMonth}
	var alts []string
	for _, w := range words {
		alts = append(alts, reAnyCase(w))
	}
	for _, u := range units {
		alts = append(alts, rePer(limits[u], u))
	}
	return jsPattern(strings.Join(alts, "|"))
}

// jsShare is a cap on borrowed posts as ParseCap reads it ("30%", "0.3" or
// 0.3), from 0 or 20% (low) up to 50%, in whole basis points.
func jsShare(low bool) jsonObj {
	pct := `0*[1-4]?[0-9](\.[0-9]{0,2}0*)?|0*\.[0-9]{1,2}0*|0*50(\.0*)?`
	frac := `0+(\.0*)?|0*\.([0-4][0-9]{0,3}|50{0,3})0*`
	min := 0.0
	if low {
		pct = `0*[2-4][0-9](\.[0-9]{0,2}0*)?|0*50(\.0*)?`
		frac = `0*\.([2-4][0-9]{0,3}|50{0,3})0*`
		min = 0.2
	}
	return jsonObj{"anyOf": []any{
		jsPattern(`(` + pct + `)\s*%|` + frac),
		jsNumber(min, 0.5, false),
	}}
}

// jsWeekdays are the names channel.days takes, as the checker reads them.
func jsWeekdays() jsonObj {
	names := make([]string, 0, len(weekdayNames))
	for n := range weekdayNames {
		names = append(names, n)
	}
	slices.Sort(names)
	return jsonObj{"anyOf": []any{
		jsonObj{"type": "string", "enum": shortDays},
		jsPattern(reAnyCaseAll(names)),
	}}
}
