package calendar

import (
	"time"

	"github.com/rickar/cal/v2"
)

// fixedHoliday is a holiday on the same day every year.
type fixedHoliday struct {
	month time.Month
	day   int
	name  string
}

// ruFixed is Russia's non-working holidays, Labour Code of the Russian
// Federation art. 112 part 1: 1–6 and 8 January the New Year holidays,
// 7 January Christmas, 23 February, 8 March, 1 May, 9 May, 12 June,
// 4 November (docs/spec.md, "Holidays").
var ruFixed = []fixedHoliday{
	{time.January, 1, "Новый год"},
	{time.January, 2, "Новогодние каникулы"},
	{time.January, 3, "Новогодние каникулы"},
	{time.January, 4, "Новогодние каникулы"},
	{time.January, 5, "Новогодние каникулы"},
	{time.January, 6, "Новогодние каникулы"},
	{time.January, 7, "Рождество"},
	{time.January, 8, "Новогодние каникулы"},
	{time.February, 23, "День защитника Отечества"},
	{time.March, 8, "8 Марта"},
	{time.May, 1, "Праздник Весны и Труда"},
	{time.May, 9, "День Победы"},
	{time.June, 12, "День России"},
	{time.November, 4, "День народного единства"},
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
	out := fixedList([]fixedHoliday{
		{time.January, 1, "Нова година"},
		{time.March, 3, "Ден на Освобождението"},
		{time.May, 1, "Ден на труда"},
		{time.May, 6, "Гергьовден"},
		{time.May, 24, "Ден на българската просвета и култура"},
		{time.September, 6, "Ден на Съединението"},
		{time.September, 22, "Ден на Независимостта"},
		{time.December, 24, "Бъдни вечер"},
		{time.December, 25, "Коледа"},
		{time.December, 26, "Втори ден на Коледа"},
	}, year)
	easter := MakeDate(cal.CalcEasterOffset(&cal.Holiday{Julian: true}, year).Date())
	fixed := len(out)
	for i, name := range []string{"Велики петък", "Велика събота", "Великден", "Втори ден на Великден"} {
		out = append(out, Holiday{Date: easter.AddDays(i - 2), Name: name, Off: []Date{easter.AddDays(i - 2)}})
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
		d := MakeDate(year, f.month, f.day)
		out = append(out, Holiday{Date: d, Name: f.name, Off: []Date{d}})
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
