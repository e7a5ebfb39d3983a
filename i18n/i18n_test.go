package i18n

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestVocabularyComplete walks every field of Texts, by reflection so that
// a field added later is covered too: in every language each text, each
// element of a list and each form of a noun is there, a list is as long as
// English's, and a text takes the same format arguments as English's
// (the same verbs for the same arguments, in any order), so that no
// output prints "%!s(MISSING)" or a blank cell in one language only.
func TestVocabularyComplete(t *testing.T) {
	t.Parallel()
	want := reflect.ValueOf(*For("en"))
	for _, lang := range Languages() {
		tx := For(lang)
		if tx.Lang != lang {
			t.Errorf("For(%q).Lang = %q", lang, tx.Lang)
		}
		got := reflect.ValueOf(*tx)
		for i := range got.NumField() {
			name := want.Type().Field(i).Name
			compareField(t, lang+"."+name, got.Field(i), want.Field(i))
		}
	}
}

func compareField(t *testing.T, name string, got, want reflect.Value) {
	t.Helper()
	switch got.Kind() {
	case reflect.String:
		if got.String() == "" {
			t.Errorf("%s is empty", name)
		}
		if g, w := verbs(got.String()), verbs(want.String()); !slices.Equal(g, w) {
			t.Errorf("%s = %q takes %v, English %q takes %v", name, got.String(), g, want.String(), w)
		}
	case reflect.Slice, reflect.Array:
		if got.Len() != want.Len() {
			t.Errorf("%s has %d entries, English %d", name, got.Len(), want.Len())
			return
		}
		for j := range got.Len() {
			compareField(t, name+"["+strconv.Itoa(j)+"]", got.Index(j), want.Index(j))
		}
	case reflect.Struct:
		for j := range got.NumField() {
			compareField(t, name+"."+got.Type().Field(j).Name, got.Field(j), want.Field(j))
		}
	default:
		t.Errorf("%s: a %s; teach this test its kind", name, got.Kind())
	}
}

var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?([a-zA-Z%])`)

// verbs lists a format's verbs by the argument they take: "%s %d" gives
// [1:s 2:d], and so does "%[2]d %[1]s".
func verbs(format string) []string {
	var out []string
	arg := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			arg, _ = strconv.Atoi(m[1])
		}
		out = append(out, fmt.Sprintf("%d:%s", arg, m[2]))
		arg++
	}
	slices.Sort(out)
	return out
}

func TestVerbs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"plain", nil},
		{"100%% sure", nil},
		{"%s %d", []string{"1:s", "2:d"}},
		{"%[2]d then %[1]s", []string{"1:s", "2:d"}},
		{"«%s»", []string{"1:s"}},
		{"%q", []string{"1:q"}},
		{"%5.1f", []string{"1:f"}},
	} {
		if got := verbs(tc.format); !slices.Equal(got, tc.want) {
			t.Errorf("verbs(%q) = %v, want %v", tc.format, got, tc.want)
		}
	}
}

// TestMonthsInPhrase: a month inside a phrase is lower case in Russian and
// Bulgarian, as those languages write it, and standing alone it starts
// with a capital; English capitalises both.
func TestMonthsInPhrase(t *testing.T) {
	t.Parallel()
	for _, lang := range Languages() {
		tx := For(lang)
		for m := time.January; m <= time.December; m++ {
			alone, in := tx.MonthName(m), tx.MonthInPhrase(m)
			want := strings.ToLower(alone)
			if lang == "en" {
				want = alone
			}
			if in != want {
				t.Errorf("%s: %s in a phrase is %q, want %q", lang, alone, in, want)
			}
			if r := []rune(alone)[0]; strings.ToUpper(string(r)) != string(r) {
				t.Errorf("%s: %q standing alone does not start with a capital", lang, alone)
			}
		}
	}
	for _, tc := range []struct{ lang, review, planned string }{
		{"en", "Monthly review: April 2027", "Planned for April 2027"},
		{"ru", "Ежемесячный разбор: апрель 2027", "План на апрель 2027"},
		{"bg", "Месечен преглед: април 2027", "План за април 2027"},
	} {
		tx := For(tc.lang)
		if got := tx.ReviewFor(2027, time.April); got != tc.review {
			t.Errorf("%s: ReviewFor = %q, want %q", tc.lang, got, tc.review)
		}
		if got := tx.PlannedFor(2027, time.April); got != tc.planned {
			t.Errorf("%s: PlannedFor = %q, want %q", tc.lang, got, tc.planned)
		}
	}
}

func TestPlural(t *testing.T) {
	t.Parallel()
	post := Noun{"пост", "поста", "постов"}
	for _, tc := range []struct {
		lang string
		n    int
		noun Noun
		want string
	}{
		{"ru", 0, post, "0 постов"},
		{"ru", 1, post, "1 пост"},
		{"ru", 2, post, "2 поста"},
		{"ru", 4, post, "4 поста"},
		{"ru", 5, post, "5 постов"},
		{"ru", 11, post, "11 постов"},
		{"ru", 12, post, "12 постов"},
		{"ru", 14, post, "14 постов"},
		{"ru", 21, post, "21 пост"},
		{"ru", 22, post, "22 поста"},
		{"ru", 25, post, "25 постов"},
		{"ru", 101, post, "101 пост"},
		{"ru", 111, post, "111 постов"},
		{"ru", 112, post, "112 постов"},
		{"ru", 1000, post, "1000 постов"},
		{"ru", -2, post, "-2 поста"},
		{"bg", 1, For("bg").PostNoun, "1 публикация"},
		{"bg", 2, For("bg").PostNoun, "2 публикации"},
		{"bg", 0, For("bg").PostNoun, "0 публикации"},
		{"bg", 21, For("bg").PostNoun, "21 публикации"},
		{"en", 1, N("day"), "1 day"},
		{"en", 2, N("day"), "2 days"},
		{"en", 0, N("day"), "0 days"},
		{"en", 21, N("day"), "21 days"},
		{"en", 3, N("reply", "replies"), "3 replies"},
		{"xx", 1, N("post"), "1 post"},
		{"xx", 2, N("post"), "2 posts"},
	} {
		if got := Count(tc.lang, tc.n, tc.noun); got != tc.want {
			t.Errorf("Count(%q, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	if got := For("ru").Count(3, For("ru").PostNoun); got != "3 поста" {
		t.Errorf("ru Count(3, PostNoun) = %q", got)
	}
}

// TestFormer: a former word names a column or status that exists, and is
// no longer a current word of the language (else it is not former).
func TestFormer(t *testing.T) {
	t.Parallel()
	for _, lang := range Languages() {
		tx, f := For(lang), FormerOf(lang)
		check := func(kind string, i int, olds []string, current []string) {
			if i < 0 || i >= len(current) {
				t.Errorf("%s: former %s index %d out of range", lang, kind, i)
				return
			}
			for _, o := range olds {
				if o == "" || slices.Contains(current, o) {
					t.Errorf("%s: former %s %q is empty or still current", lang, kind, o)
				}
			}
		}
		for i, olds := range f.Columns {
			check("column", i, olds, tx.Columns)
		}
		for i, olds := range f.Statuses {
			check("status", i, olds, tx.Statuses)
		}
		check("source", 0, f.Own, []string{tx.Own, tx.Borrowed})
		check("source", 1, f.Borrowed, []string{tx.Own, tx.Borrowed})
	}
}
