// Package i18n holds every text contentplan writes into its outputs, in the
// languages of plan.language: English, Russian and Bulgarian. Outputs take
// their words from here, never from string literals of their own, so that a
// plan in Russian is Russian everywhere.
package i18n

import (
	"fmt"
	"time"
)

// Texts is the vocabulary of one language.
type Texts struct {
	Lang string

	// Workbook sheets. SheetRemoved holds the posts a re-run of the plan
	// no longer has, with the writers' work on them.
	SheetPlan, SheetMix, SheetStrategy, SheetWriters, SheetBudget, SheetRemoved string

	// Plan sheet columns, in order (docs/spec.md, "The workbook"). The
	// last one is hidden: the values contentplan wrote, so that a re-run
	// tells a writer's edit from a change of the spec.
	Columns []string
	// TimeIn is the Time column's header with the plan's time zone.
	TimeIn string

	// Statuses for the Status dropdown, in workflow order; the first is
	// what every new post starts as.
	Statuses []string

	Own, Borrowed string

	// Mix, Writers and Budget sheets.
	Channel, Month, Week, Posts, Share, Cap, Total, Writer, Load, Capacity, Cost, Unassigned string
	// The note on those sheets when a plan too large for live formulas
	// gets them as plain figures.
	AsGenerated string

	// Strategy sheet.
	Goal, Why, Owner, Objective, KPI, Target, Actions, Metrics, Pillars, Reviews string

	// Calendar texts.
	DraftDue, Brief, ReviewTitle, ReviewKPIs, MorePosts, Holiday string

	// Calendar: the summary's marker of a borrowed post; the heading of a
	// review meeting's month figures (month, year) and their labels; the
	// decimal separator of the shares in them.
	BorrowedMark, ReviewFigures, OwnPosts, BorrowedPosts, Decimal string

	// Brief sentence parts (see Brief in package export).
	MakeOwn, MakeBorrowed, ForChannel, OnPillar, ForCampaign string

	Months   [12]string // nominative month names, January first
	Weekdays [7]string  // short names, Monday first

	// The calendar page (export/html): the time zone sentence (%s is the
	// zone's name), the filters' labels and choices, the marks of a day
	// (a review meeting, a skipped date, a clock change from one UTC
	// offset to another, a post moved by it), the mix's heading and
	// verdicts, the thousands separator of counts, the sentence of a plan
	// without posts, and the heading of the campaigns' list.
	TimesIn, Filter, Channels, SelectAll, ClearAll, AllWriters, Pillar, AllPillars, NoPillar string
	Source, AllSources, Campaign, ReviewMeeting, Skipped, ClockChange, DSTMoved              string
	MixTitle, WithinCap, OverCap, Thousands, NoPosts, Campaigns                              string

	// The plan's occasions (docs/spec.md, "Holidays" and "[[date]]"): a
	// [[date]]'s word beside Holiday, a public holiday's (the category of
	// its calendar event, its mark on a month grid), and the name of the
	// calendar that holds them all under generate --split channel. The
	// Plan sheet's column of a post's occasions is in Columns.
	KeyDate, Occasions string
}

// MonthName returns the month's name.
func (t *Texts) MonthName(m time.Month) string { return t.Months[m-1] }

// Weekday returns the short name of d.
func (t *Texts) Weekday(d time.Weekday) string { return t.Weekdays[(int(d)+6)%7] }

// ReviewFor is the title of the review meeting of a month.
func (t *Texts) ReviewFor(y int, m time.Month) string {
	return fmt.Sprintf(t.ReviewTitle, t.MonthName(m), y)
}

// Languages are the languages For knows, the first being the default.
func Languages() []string { return []string{"en", "ru", "bg"} }

// For returns the texts of a language ("en", "ru", "bg"); anything else gets
// English, since the spec validator has already refused unknown languages.
func For(lang string) *Texts {
	switch lang {
	case "ru":
		return &ru
	case "bg":
		return &bg
	}
	return &en
}

var en = Texts{
	Lang:      "en",
	SheetPlan: "Plan", SheetMix: "Mix", SheetStrategy: "Strategy", SheetWriters: "Writers", SheetBudget: "Budget",
	SheetRemoved: "Removed",
	Columns: []string{"ID", "Date", "Time", "Weekday", "Occasion", "Channel", "Format", "Source", "Writer", "Draft due", "Status",
		"Brief", "Title", "Copy", "Length", "Limit", "Hashtags", "Media link", "Source link", "Published link", "Notes",
		"Pillar", "Objective", "Campaign", "Cost", "As generated (do not edit)"},
	TimeIn:   "Time (%s)",
	Statuses: []string{"Planned", "Drafting", "In review", "Needs changes", "Approved", "Scheduled", "Published"},
	Own:      "Own", Borrowed: "Borrowed",
	Channel: "Channel", Month: "Month", Week: "Week", Posts: "Posts", Share: "Borrowed %", Cap: "Cap",
	Total: "Total", Writer: "Writer", Load: "Load", Capacity: "Capacity", Cost: "Cost", Unassigned: "(unassigned)",
	AsGenerated: "Figures as generated: the plan is too large for live formulas; re-run contentplan after edits",
	Goal:        "Goal", Why: "Why", Owner: "Owner", Objective: "Objective", KPI: "KPI", Target: "Target",
	Actions: "Actions", Metrics: "Metrics", Pillars: "Pillars", Reviews: "Reviews",
	DraftDue: "Draft due", Brief: "Brief", ReviewTitle: "Monthly review: %s %d", ReviewKPIs: "KPIs to review",
	MorePosts: "+%d more", Holiday: "Holiday",
	BorrowedMark: "(borrowed)", ReviewFigures: "Planned for %s %d", OwnPosts: "own", BorrowedPosts: "borrowed", Decimal: ".",
	MakeOwn: "Make an own %s post", MakeBorrowed: "Pick a borrowed (curated) %s post",
	ForChannel: "for %s", OnPillar: "on the pillar %q", ForCampaign: "for the campaign %q",
	Months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	Weekdays: [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
	TimesIn:  "All times are local to %s", Filter: "Filter", Channels: "Channels",
	SelectAll: "Select all", ClearAll: "Clear all", AllWriters: "All writers",
	Pillar: "Pillar", AllPillars: "All pillars", NoPillar: "(no pillar)",
	Source: "Source", AllSources: "Own and borrowed", Campaign: "Campaign",
	ReviewMeeting: "Monthly review", Skipped: "No posts (skipped)",
	ClockChange: "Clocks change: %s → %s", DSTMoved: "moved by the clock change",
	MixTitle: "Own and borrowed posts per channel", WithinCap: "within the cap", OverCap: "over the cap",
	Thousands: ",", NoPosts: "The plan has no posts.", Campaigns: "Campaigns",
	KeyDate: "Key date", Occasions: "Holidays and key dates",
}

var ru = Texts{
	Lang:      "ru",
	SheetPlan: "План", SheetMix: "Микс", SheetStrategy: "Стратегия", SheetWriters: "Авторы", SheetBudget: "Бюджет",
	SheetRemoved: "Удалённые",
	Columns: []string{"ID", "Дата", "Время", "День недели", "Инфоповод", "Канал", "Формат", "Источник", "Автор", "Черновик до", "Статус",
		"Бриф", "Заголовок", "Текст", "Символов", "Лимит", "Хештеги", "Ссылка на медиа", "Ссылка на источник",
		"Ссылка на публикацию", "Заметки", "Рубрика", "Задача", "Кампания", "Стоимость", "Исходные данные (не менять)"},
	TimeIn:   "Время (%s)",
	Statuses: []string{"В плане", "В работе", "На согласовании", "На доработке", "Согласован", "Запланирован", "Опубликован"},
	Own:      "Свой", Borrowed: "Заимствованный",
	Channel: "Канал", Month: "Месяц", Week: "Неделя", Posts: "Постов", Share: "Заимств. %", Cap: "Лимит",
	Total: "Итого", Writer: "Автор", Load: "Нагрузка", Capacity: "Мощность", Cost: "Стоимость", Unassigned: "(не назначен)",
	AsGenerated: "Цифры на момент создания: план слишком велик для живых формул; после правок запустите contentplan заново",
	Goal:        "Цель", Why: "Зачем", Owner: "Ответственный", Objective: "Задача", KPI: "KPI", Target: "Целевое значение",
	Actions: "Действия", Metrics: "Метрики", Pillars: "Рубрики", Reviews: "Ревью",
	DraftDue: "Черновик до", Brief: "Бриф", ReviewTitle: "Ежемесячное ревью: %s %d", ReviewKPIs: "KPI для ревью",
	MorePosts: "ещё %d", Holiday: "Праздник",
	BorrowedMark: "(заимствованный)", ReviewFigures: "Запланировано (%s %d)", OwnPosts: "свои", BorrowedPosts: "заимствованные", Decimal: ",",
	MakeOwn: "Подготовить свой пост (%s)", MakeBorrowed: "Подобрать заимствованный пост (%s)",
	ForChannel: "для канала %s", OnPillar: "по рубрике «%s»", ForCampaign: "для кампании «%s»",
	Months: [12]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль",
		"Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"},
	Weekdays: [7]string{"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"},
	TimesIn:  "Время указано по часовому поясу %s", Filter: "Фильтр", Channels: "Каналы",
	SelectAll: "Выбрать все", ClearAll: "Снять все", AllWriters: "Все авторы",
	Pillar: "Рубрика", AllPillars: "Все рубрики", NoPillar: "(без рубрики)",
	Source: "Источник", AllSources: "Свои и заимствованные", Campaign: "Кампания",
	ReviewMeeting: "Ежемесячное ревью", Skipped: "Без публикаций",
	ClockChange: "Перевод часов: %s → %s", DSTMoved: "сдвинут из-за перевода часов",
	MixTitle: "Свой и заимствованный контент по каналам", WithinCap: "в пределах лимита", OverCap: "выше лимита",
	Thousands: "\u00a0", NoPosts: "В плане нет публикаций.", Campaigns: "Кампании",
	KeyDate: "Важная дата", Occasions: "Праздники и важные даты",
}

var bg = Texts{
	Lang:      "bg",
	SheetPlan: "План", SheetMix: "Микс", SheetStrategy: "Стратегия", SheetWriters: "Автори", SheetBudget: "Бюджет",
	SheetRemoved: "Премахнати",
	Columns: []string{"ID", "Дата", "Час", "Ден", "Повод", "Канал", "Формат", "Източник", "Автор", "Чернова до", "Статус",
		"Бриф", "Заглавие", "Текст", "Знаци", "Лимит", "Хаштагове", "Линк към медията", "Линк към източника",
		"Линк към публикацията", "Бележки", "Рубрика", "Задача", "Кампания", "Цена", "Изходни данни (не променяйте)"},
	TimeIn:   "Час (%s)",
	Statuses: []string{"Планиран", "Пише се", "За преглед", "За корекции", "Одобрен", "Насрочен", "Публикуван"},
	Own:      "Собствен", Borrowed: "Заимстван",
	Channel: "Канал", Month: "Месец", Week: "Седмица", Posts: "Публикации", Share: "Заимств. %", Cap: "Лимит",
	Total: "Общо", Writer: "Автор", Load: "Натоварване", Capacity: "Капацитет", Cost: "Цена", Unassigned: "(неразпределен)",
	AsGenerated: "Стойности към момента на създаване: планът е твърде голям за живи формули; след промени пуснете contentplan отново",
	Goal:        "Цел", Why: "Защо", Owner: "Отговорник", Objective: "Задача", KPI: "KPI", Target: "Целева стойност",
	Actions: "Действия", Metrics: "Метрики", Pillars: "Рубрики", Reviews: "Прегледи",
	DraftDue: "Чернова до", Brief: "Бриф", ReviewTitle: "Месечен преглед: %s %d", ReviewKPIs: "KPI за преглед",
	MorePosts: "още %d", Holiday: "Празник",
	BorrowedMark: "(заимствана)", ReviewFigures: "Планирано (%s %d)", OwnPosts: "собствени", BorrowedPosts: "заимствани", Decimal: ",",
	MakeOwn: "Подгответе собствена публикация (%s)", MakeBorrowed: "Изберете заимствана публикация (%s)",
	ForChannel: "за %s", OnPillar: "по рубриката „%s“", ForCampaign: "за кампанията „%s“",
	Months: [12]string{"Януари", "Февруари", "Март", "Април", "Май", "Юни", "Юли",
		"Август", "Септември", "Октомври", "Ноември", "Декември"},
	Weekdays: [7]string{"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"},
	TimesIn:  "Часовете са по часовата зона %s", Filter: "Филтър", Channels: "Канали",
	SelectAll: "Избери всички", ClearAll: "Премахни всички", AllWriters: "Всички автори",
	Pillar: "Рубрика", AllPillars: "Всички рубрики", NoPillar: "(без рубрика)",
	Source: "Източник", AllSources: "Собствени и заимствани", Campaign: "Кампания",
	ReviewMeeting: "Месечен преглед", Skipped: "Без публикации",
	ClockChange: "Смяна на часа: %s → %s", DSTMoved: "преместена заради смяната на часа",
	MixTitle: "Собствено и заимствано съдържание по канали", WithinCap: "в рамките на лимита", OverCap: "над лимита",
	Thousands: "\u00a0", NoPosts: "В плана няма публикации.", Campaigns: "Кампании",
	KeyDate: "Важна дата", Occasions: "Празници и важни дати",
}
