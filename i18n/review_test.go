package i18n

import (
	"reflect"
	"regexp"
	"testing"
)

// TestReviewTexts: every word of the monthly review is there in every
// language, with the same formatting verbs as the English.
func TestReviewTexts(t *testing.T) {
	t.Parallel()
	verbs := regexp.MustCompile(`%[a-z]`)
	en := reflect.ValueOf(*For("en").Review())
	for _, lang := range Languages() {
		v := reflect.ValueOf(*For(lang).Review())
		for i := range v.NumField() {
			name, s := v.Type().Field(i).Name, v.Field(i).String()
			if s == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
			if got, want := verbs.FindAllString(s, -1), verbs.FindAllString(en.Field(i).String(), -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s %q has the verbs %q, the English %q", lang, name, s, got, want)
			}
		}
	}
	if For("xx").Review() != For("en").Review() || For("ru").Review().Actual != "Факт" {
		t.Error("Review of a language")
	}
}
