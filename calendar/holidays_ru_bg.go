package calendar

import (
	"time"

	"github.com/rickar/cal/v2"
)

// fixedHoliday is a holiday on the same day every year, with its short
// names in English, Russian and Bulgarian (docs/spec.md, "Holidays").
type fixedHoliday struct {
	month time.Month
	day   int
	names names
}

// names are a holiday's short names in en, ru and bg: what a calendar
// cell holds and a greeting post would name it, not the law's full title.
type names struct{ en, ru, bg string }

// holiday is the holiday called n on d, a day off on its own date.
func (n names) holiday(d Date) Holiday {
	return Holiday{Date: d, Name: n.en, ru: n.ru, bg: n.bg, Off: []Date{d}}
}

// The New Year holidays: 2–6 and 8 January are days off of their own, not
// the New Year's Day itself.
var ruNewYearHolidays = names{"New Year holidays", "Новогодние каникулы", "Новогодишни празници"}

// ruFixed is Russia's non-working holidays, Labour Code of the Russian
// Federation art. 112 part 1: 1–6 and 8 January the New Year holidays,
// 7 January Christmas, 23 February, 8 March, 1 May, 9 May, 12 June,
// 4 November (docs/spec.md, "Holidays"). The Russian names are the
// article's own, but for 1 January, which it counts among the New Year
// holidays: that day is «Новый год», as greeting posts name it. The English
// and Bulgarian ones are the usual translations.
var ruFixed = []fixedHoliday{
	{time.January, 1, names{"New Year's Day", "Новый год", "Нова година"}},
	{time.January, 2, ruNewYearHolidays},
	{time.January, 3, ruNewYearHolidays},
	{time.January, 4, ruNewYearHolidays},
	{time.January, 5, ruNewYearHolidays},
	{time.January, 6, ruNewYearHolidays},
	{time.January, 7, names{"Orthodox Christmas", "Рождество Христово", "Рождество Христово"}},
	{time.January, 8, ruNewYearHolidays},
	{time.February, 23, names{"Defender of the Fatherland Day", "День защитника Отечества", "Ден на защитника на Отечеството"}},
	{time.March, 8, names{"International Women's Day", "Международный женский день", "Международен ден на жената"}},
	{time.May, 1, names{"Spring and Labour Day", "Праздник Весны и Труда", "Празник на пролетта и труда"}},
	{time.May, 9, names{"Victory Day", "День Победы", "Ден на победата"}},
	{time.June, 12, names{"Russia Day", "День России", "Ден на Русия"}},
	{time.November, 4, names{"Unity Day", "День народного единства", "Ден на народното единство"}},
}

// bgFixed is Bulgaria's official holidays on fixed dates, Labour Code
// art. 154 part 1, by their usual short names: 24 May's full title is "Day
// of the Holy Brothers Cyril and Methodius, of the Bulgarian alphabet,
// enlightenment and culture and of Slavonic literature".
var bgFixed = []fixedHoliday{
	{time.January, 1, names{"New Year's Day", "Новый год", "Нова година"}},
	{time.March, 3, names{"Liberation Day", "День Освобождения Болгарии", "Ден на Освобождението"}},
	{time.May, 1, names{"Labour Day", "День труда", "Ден на труда"}},
	{time.May, 6, names{"St George's Day", "День святого Георгия", "Гергьовден"}},
	{time.May, 24, names{"Day of Slavonic Literacy and Culture", "День славянской письменности и культуры", "Ден на славянската писменост и култура"}},
	{time.September, 6, names{"Unification Day", "День объединения Болгарии", "Ден на Съединението"}},
	{time.September, 22, names{"Independence Day", "День независимости Болгарии", "Ден на Независимостта"}},
	{time.December, 24, names{"Christmas Eve", "Сочельник", "Бъдни вечер"}},
	{time.December, 25, names{"Christmas Day", "Рождество Христово", "Коледа"}},
	{time.December, 26, names{"Second Day of Christmas", "Второй день Рождества", "Втори ден на Коледа"}},
}

// bgEaster is Bulgaria's Easter holidays, Labour Code art. 154 part 1:
// Good Friday to Easter Monday, from two days before Orthodox Easter.
var bgEaster = []names{
	{"Good Friday", "Страстная пятница", "Велики петък"},
	{"Holy Saturday", "Великая суббота", "Велика събота"},
	{"Easter Sunday", "Пасха", "Великден"},
	{"Easter Monday", "Светлый понедельник", "Втори ден на Великден"},
}

// transfer moves a day off from one date to another.
type transfer struct{ from, to Date }

// ruDecrees is the days off the Government of the Russian Federation moved
// by its yearly decree (Labour Code art. 112 part 5). Years not listed
// follow the code's own rule only (see ruRuleMoves).
var ruDecrees = map[int][]transfer{
	// Decree of 4 October 2024 No 1335 "On moving days off in 2025".
	2025: {
		{MakeDate(2025, 1, 4), MakeDate(2025, 5, 2)},
		{MakeDate(2025, 1, 5), MakeDate(2025, 12, 31)},
		{MakeDate(2025, 2, 23), MakeDate(2025, 5, 8)},
		{MakeDate(2025, 3, 8), MakeDate(2025, 6, 13)},
		{MakeDate(2025, 11, 1), MakeDate(2025, 11, 3)},
	},
	// Decree of 24 September 2025 No 1466 "On moving days off in 2026".
	2026: {
		{MakeDate(2026, 1, 3), MakeDate(2026, 1, 9)},
		{MakeDate(2026, 1, 4), MakeDate(2026, 12, 31)},
	},
}

// ruHolidays is Russia's holidays of year on their real dates, each with
// the days off it causes: its own date, and the day a decree or the Labour
// Code's rule moves it to.
func ruHolidays(year int) []Holiday {
	out := fixedList(ruFixed, year)
	decreed := map[Date]bool{}
	for _, t := range ruDecrees[year] {
		decreed[t.from] = true
		attachMove(out, t)
	}
	ruRuleMoves(out, decreed)
	return out
}

// attachMove gives t's day off to the holiday on t.from, or, when t.from is
// a plain weekend day (a working Saturday), to the first holiday after t.to.
func attachMove(hs []Holiday, t transfer) {
	for i := range hs {
		if hs[i].Date == t.from {
			hs[i].Off = append(hs[i].Off, t.to)
			return
		}
	}
	for i := range hs {
		if hs[i].Date >= t.to {
			hs[i].Off = append(hs[i].Off, t.to)
			return
		}
	}
}

// ruRuleMoves applies Labour Code art. 112 part 2: a day off that falls on a
// non-working holiday moves to the next working day after the holiday,
// except for the January holidays (the decree moves those) and for holidays
// a decree already moved.
func ruRuleMoves(hs []Holiday, decreed map[Date]bool) {
	for i, h := range hs {
		if h.Date.Month() == time.January || decreed[h.Date] || !weekend(h.Date) {
			continue
		}
		hs[i].Off = append(hs[i].Off, nextWorkingDay(hs, h.Date))
	}
}

// bgHolidays is Bulgaria's official holidays of year, Labour Code art. 154
// part 1, on their real dates with the days off they cause: when one other
// than Easter falls on a Saturday or Sunday, the first working day after it
// is a day off too (art. 154 part 2).
func bgHolidays(year int) []Holiday {
	out := fixedList(bgFixed, year)
	easter := MakeDate(cal.CalcEasterOffset(&cal.Holiday{Julian: true}, year).Date())
	fixed := len(out)
	for i, n := range bgEaster {
		out = append(out, n.holiday(easter.AddDays(i-2)))
	}
	for i, h := range out[:fixed] {
		if weekend(h.Date) {
			out[i].Off = append(out[i].Off, nextWorkingDay(out, h.Date))
		}
	}
	sortHolidays(out)
	return out
}

// fixedList is list in year, each holiday a day off on its own date.
func fixedList(list []fixedHoliday, year int) []Holiday {
	out := make([]Holiday, 0, len(list))
	for _, f := range list {
		out = append(out, f.names.holiday(MakeDate(year, f.month, f.day)))
	}
	return out
}

func weekend(d Date) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

// nextWorkingDay is the first day after d that is no weekend, holiday or
// day off already.
func nextWorkingDay(hs []Holiday, d Date) Date {
	taken := map[Date]bool{}
	for _, h := range hs {
		for _, o := range h.Off {
			taken[o] = true
		}
	}
	for d = d + 1; weekend(d) || taken[d]; d++ {
	}
	return d
}
