package i18n

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestBook: every language has every word of the workbook, the same
// columns explained and the same placeholders in each text, so that no
// sheet shows a blank or a stray "%s" in one language.
func TestBook(t *testing.T) {
	t.Parallel()
	verbs := regexp.MustCompile(`%[a-z]|\{[a-z ]+\}|&[PN]`)
	marks := func(s string) string { return strings.Join(verbs.FindAllString(s, -1), " ") }
	en := For("en").Book()
	for _, lang := range Languages() {
		b := For(lang).Book()
		v, ve := reflect.ValueOf(*b), reflect.ValueOf(*en)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			switch f := v.Field(i); f.Kind() {
			case reflect.String:
				if f.String() == "" {
					t.Errorf("%s: %s is empty", lang, name)
				}
				if marks(f.String()) != marks(ve.Field(i).String()) {
					t.Errorf("%s: %s %q has placeholders %q, English %q", lang, name, f.String(), marks(f.String()), marks(ve.Field(i).String()))
				}
			case reflect.Slice, reflect.Array:
				if f.Len() != ve.Field(i).Len() {
					t.Errorf("%s: %s has %d items, English %d", lang, name, f.Len(), ve.Field(i).Len())
				}
				for j := range f.Len() {
					if s := f.Index(j).String(); s == "" || marks(s) != marks(ve.Field(i).Index(j).String()) {
						t.Errorf("%s: %s[%d] = %q", lang, name, j, s)
					}
				}
			}
		}
		var keys, enKeys []string
		for k, g := range b.Columns {
			keys = append(keys, k)
			if g.Who == "" || g.What == "" || marks(g.What) != marks(en.Columns[k].What) {
				t.Errorf("%s: column %q: %+v", lang, k, g)
			}
		}
		for k := range en.Columns {
			enKeys = append(enKeys, k)
		}
		slices.Sort(keys)
		slices.Sort(enKeys)
		if !slices.Equal(keys, enKeys) {
			t.Errorf("%s explains the columns %q, English %q", lang, keys, enKeys)
		}
		if n := len(For(lang).Statuses); n != len(b.StatusNotes) {
			t.Errorf("%s: %d statuses, %d notes on them", lang, n, len(b.StatusNotes))
		}
	}
}
