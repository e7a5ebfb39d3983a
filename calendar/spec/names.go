package spec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// The traps of a spec typed from memory: a country or language written as
// its name or another code, a day in Russian or Bulgarian, a time without
// its leading zero. What the checker cannot take it still reads, to say
// what to write instead (docs/spec.md: every error is followed by hint
// lines where a fix is known).

// country is a country of plan.holidays with the other ways people write
// it: ISO 3166 alpha-3, the Olympic (IOC) code where it differs, and its
// names in English, Russian and Bulgarian.
type country struct {
	code, name string
	other      []string
}

var countries = []country{
	{"AR", "Argentina", []string{"ARG", "Аргентина"}},
	{"AT", "Austria", []string{"AUT", "Австрия"}},
	{"AU", "Australia", []string{"AUS", "Австралия"}},
	{"BE", "Belgium", []string{"BEL", "Бельгия", "Белгия"}},
	{"BG", "Bulgaria", []string{"BGR", "BUL", "Болгария", "България"}},
	{"BR", "Brazil", []string{"BRA", "Бразилия"}},
	{"CA", "Canada", []string{"CAN", "Канада"}},
	{"CH", "Switzerland", []string{"CHE", "SUI", "Швейцария"}},
	{"CZ", "Czechia", []string{"CZE", "Czech Republic", "Чехия"}},
	{"DE", "Germany", []string{"DEU", "GER", "Германия"}},
	{"DK", "Denmark", []string{"DNK", "DEN", "Дания"}},
	{"ES", "Spain", []string{"ESP", "Испания"}},
	{"FR", "France", []string{"FRA", "Франция"}},
	{"GB", "United Kingdom", []string{"GBR", "UK", "Great Britain", "Britain", "England", "Великобритания", "Англия", "Обединеното кралство"}},
	{"GR", "Greece", []string{"GRC", "GRE", "Греция", "Гърция"}},
	{"HR", "Croatia", []string{"HRV", "CRO", "Хорватия", "Хърватия"}},
	{"IE", "Ireland", []string{"IRL", "Ирландия"}},
	{"IT", "Italy", []string{"ITA", "Италия"}},
	{"JP", "Japan", []string{"JPN", "Япония"}},
	{"LT", "Lithuania", []string{"LTU", "Литва"}},
	{"LV", "Latvia", []string{"LVA", "LAT", "Латвия"}},
	{"MW", "Malawi", []string{"MWI", "MAW", "Малави"}},
	{"NC", "New Caledonia", []string{"NCL", "Новая Каледония", "Нова Каледония"}},
	{"NL", "Netherlands", []string{"NLD", "NED", "Holland", "Нидерланды", "Голландия", "Нидерландия"}},
	{"NO", "Norway", []string{"NOR", "Норвегия"}},
	{"NZ", "New Zealand", []string{"NZL", "Новая Зеландия", "Нова Зеландия"}},
	{"PL", "Poland", []string{"POL", "Польша", "Полша"}},
	{"RO", "Romania", []string{"ROU", "Румыния", "Румъния"}},
	{"RU", "Russia", []string{"RUS", "Russian Federation", "Россия", "РФ", "Русия"}},
	{"SE", "Sweden", []string{"SWE", "Швеция"}},
	{"SI", "Slovenia", []string{"SVN", "SLO", "Словения"}},
	{"SK", "Slovakia", []string{"SVK", "Словакия"}},
	{"UA", "Ukraine", []string{"UKR", "Украина", "Украйна"}},
	{"US", "United States", []string{"USA", "United States of America", "America", "США", "САЩ"}},
	{"ZA", "South Africa", []string{"ZAF", "RSA", "ЮАР", "Южна Африка"}},
}

// nameKey folds a name for lookup: case, dots and spaces do not count, so
// "U.S.A." and "usa" are one.
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// guessCountry returns the supported country that s names by another code
// or by its name ("BUL", "Bulgaria", "Болгария", a near spelling of a
// name), or ok false.
func guessCountry(s string) (c country, ok bool) {
	key := nameKey(s)
	known := calendar.Countries()
	byKey := map[string]country{}
	var names []string
	for _, c := range countries {
		if !slices.Contains(known, c.code) {
			continue
		}
		for _, n := range append([]string{c.name}, c.other...) {
			byKey[nameKey(n)] = c
			if len([]rune(n)) > 3 {
				names = append(names, nameKey(n))
			}
		}
	}
	if c, ok := byKey[key]; ok {
		return c, true
	}
	if len([]rune(key)) > 3 {
		if g := suggest(key, names); g != "" {
			return byKey[g], true
		}
	}
	return country{}, false
}

// languages are the names people give plan.language instead of its code.
var languages = map[string][]string{
	"en": {"english", "eng", "en-us", "en-gb", "английский", "английски", "англ"},
	"ru": {"russian", "rus", "ru-ru", "русский", "руски", "рус", "ру"},
	"bg": {"bulgarian", "bul", "bg-bg", "болгарский", "български", "бълг", "бг"},
}

// guessLanguage returns the language code s names ("bulgarian", "русский",
// a near spelling of them), or "".
func guessLanguage(s string) string {
	key := strings.ToLower(strings.TrimSpace(s))
	var names []string
	for code, ns := range languages {
		if slices.Contains(ns, key) {
			return code
		}
		names = append(names, ns...)
	}
	slices.Sort(names)
	if len([]rune(key)) > 3 {
		if g := suggest(key, names); g != "" {
			for code, ns := range languages {
				if slices.Contains(ns, g) {
					return code
				}
			}
		}
	}
	return ""
}

// guessClock reads a time written another way than HH:MM, and returns it
// as HH:MM, or "": "8:00" (no leading zero), "8.30" or "08.30" (a dot, as
// Russian and Bulgarian write times), "8:30 PM", "8pm".
func guessClock(s string) string {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	suffix := ""
	if strings.HasSuffix(t, "am") || strings.HasSuffix(t, "pm") {
		t, suffix = t[:len(t)-2], t[len(t)-2:]
	}
	h, m, colon := strings.Cut(strings.ReplaceAll(t, ".", ":"), ":")
	if !colon {
		if suffix == "" {
			return "" // a bare "8" may be a count, not a time
		}
		m = "00"
	}
	if !digits(h, 1, 2) || !digits(m, 2, 2) {
		return ""
	}
	hh, mm := atoi(h), atoi(m)
	switch {
	case mm > 59:
		return ""
	case suffix == "" && hh > 23:
		return ""
	case suffix != "" && (hh < 1 || hh > 12):
		return ""
	case suffix != "":
		hh %= 12
		if suffix == "pm" {
			hh += 12
		}
	}
	return fmt.Sprintf("%02d:%02d", hh, mm)
}

// digits reports whether s is from min to max ASCII digits.
func digits(s string, min, max int) bool {
	return len(s) >= min && len(s) <= max && strings.Trim(s, "0123456789") == ""
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// misplaced says where a key of [[format]] written on a [[channel]] belongs
// (borrowable, lead, duration, cost are set per format), naming the
// channel's first format and the value as written; nil for any other key.
func (t table) misplaced(key string) []string {
	if kind, _, _ := strings.Cut(t.path, "["); kind != "channel" || key == "name" || !slices.Contains(formatKeys, key) {
		return nil
	}
	format := "text"
	if names := t.formatNames(); len(names) > 0 {
		format = names[0]
	}
	value := "…"
	switch v := t.m[key].(type) {
	case bool:
		value = strconv.FormatBool(v)
	case string:
		value = strconv.Quote(v)
	case int64, float64:
		value = fmt.Sprint(v)
	}
	hints := []string{fmt.Sprintf("%s is set per format, not per channel: write it in a [[format]] table, e.g. name = %q, %s = %s",
		key, format, key, value)}
	if key == "borrowable" {
		hints = append(hints, `to keep borrowed posts off this channel, write borrowed = "0%" on it`)
	}
	return hints
}

// formatNames are the format names a channel table lists, in source order.
func (t table) formatNames() []string {
	switch x := t.m["formats"].(type) {
	case map[string]any:
		return sortedKeys(x, t.c.loc, t.keyPath("formats"))
	case []any:
		var out []string
		for _, e := range x {
			if n, ok := e.(string); ok {
				out = append(out, n)
			}
		}
		return out
	}
	return nil
}

// quotedOr joins names as "a", "a" or "b", "a", "b" or "c".
func quotedOr(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
