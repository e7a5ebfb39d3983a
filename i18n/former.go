package i18n

// Former is what earlier versions of contentplan wrote, in one language,
// where a workbook is read back by its words (docs/spec.md, "Keeping the
// writers' work"): a word the vocabulary has since changed stays readable,
// so that a workbook made before the change still keeps its writers' work.
// Only changed words are listed; indexes are those of Texts.Columns and
// Texts.Statuses.
type Former struct {
	Columns       map[int][]string
	Statuses      map[int][]string
	Own, Borrowed []string
}

// FormerOf returns the former words of a language (none for English).
func FormerOf(lang string) Former { return former[lang] }

var former = map[string]Former{
	"ru": {
		Columns:  map[int][]string{9: {"Черновик до"}},
		Statuses: map[int][]string{0: {"В плане"}},
		Borrowed: []string{"Заимствованный"},
	},
	"bg": {
		Columns: map[int][]string{9: {"Чернова до"}, 24: {"Цена"}},
		Statuses: map[int][]string{0: {"Планиран"}, 1: {"Пише се"}, 4: {"Одобрен"}, 5: {"Насрочен"},
			6: {"Публикуван"}},
		Own:      []string{"Собствен"},
		Borrowed: []string{"Заимстван"},
	},
}
