package i18n

import "strconv"

// Noun is a countable word in the forms a number takes, by the CLDR plural
// categories (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html):
// One for 1 (and 21, 31, … in Russian), Few for 2–4 (22–24, …) in Russian,
// Many for the rest. English and Bulgarian have only one and other: their
// Few is the same as Many.
type Noun struct{ One, Few, Many string }

// N is an English noun: N("post") is post/posts, N("reply", "replies")
// gives an irregular plural.
func N(one string, many ...string) Noun {
	m := one + "s"
	if len(many) > 0 {
		m = many[0]
	}
	return Noun{One: one, Few: m, Many: m}
}

// Plural returns the form of noun that goes with n in language lang ("en",
// "ru", "bg"; anything else counts as English).
func Plural(lang string, n int, noun Noun) string {
	if n < 0 {
		n = -n
	}
	if lang != "ru" {
		if n == 1 {
			return noun.One
		}
		return noun.Many
	}
	switch d, dd := n%10, n%100; {
	case d == 1 && dd != 11:
		return noun.One
	case d >= 2 && d <= 4 && (dd < 12 || dd > 14):
		return noun.Few
	}
	return noun.Many
}

// Count returns n and the form of noun that goes with it: "1 day",
// "2 days", "21 пост", "3 поста", "5 постов", "2 публикации".
func Count(lang string, n int, noun Noun) string {
	return strconv.Itoa(n) + " " + Plural(lang, n, noun)
}
