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

	// Calendar texts. DraftDue labels a draft's date ("Draft due:
	// 2027-03-31"); DraftTask heads the summary of the deadline event and
	// its reminder ("Сдать черновик: Telegram · текст").
	DraftDue, DraftTask, Brief, ReviewTitle, ReviewKPIs, MorePosts, Holiday string

	// Calendar: the summary's marker of a borrowed post; the heading of a
	// review meeting's month figures (month, year) and their labels; the
	// decimal separator of the shares in them.
	BorrowedMark, ReviewFigures, OwnPosts, BorrowedPosts, Decimal string

	// Brief sentence parts (see Brief in package export); CreditSource
	// ends the sentence of a borrowed post.
	MakeOwn, MakeBorrowed, ForChannel, OnPillar, ForCampaign, CreditSource string

	// PostNoun counts posts: "1 post", "2 поста", "5 публикации" (Count).
	PostNoun Noun

	Months [12]string // month names standing alone (a sheet, a heading), January first
	// PhraseMonths are the month names inside a phrase, "Ежемесячный
	// разбор: апрель 2027": Russian and Bulgarian write them in lower case.
	PhraseMonths [12]string
	Weekdays     [7]string // short names, Monday first

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

// MonthName returns the month's name standing alone: a sheet's name, a
// heading.
func (t *Texts) MonthName(m time.Month) string { return t.Months[m-1] }

// MonthInPhrase returns the month's name as it is written inside a phrase
// ("План на апрель 2027").
func (t *Texts) MonthInPhrase(m time.Month) string { return t.PhraseMonths[m-1] }

// Weekday returns the short name of d.
func (t *Texts) Weekday(d time.Weekday) string { return t.Weekdays[(int(d)+6)%7] }

// ReviewFor is the title of the review meeting of a month.
func (t *Texts) ReviewFor(y int, m time.Month) string {
	return fmt.Sprintf(t.ReviewTitle, t.MonthInPhrase(m), y)
}

// PlannedFor is the heading of a month's figures in its review meeting.
func (t *Texts) PlannedFor(y int, m time.Month) string {
	return fmt.Sprintf(t.ReviewFigures, t.MonthInPhrase(m), y)
}

// Count is n with the form of noun that goes with it: "1 post", "2 поста",
// "5 постов".
func (t *Texts) Count(n int, noun Noun) string { return Count(t.Lang, n, noun) }

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

// The words below are as a native SMM professional writes them in each
// language: the Russian and Bulgarian are not translations of the English.
// Russian posts are «посты» and borrowed content is «чужой» (reposted with
// its source); Bulgarian posts are «публикации», feminine, and the two
// kinds of content are «собствено» and «чуждо» (съдържание), neuter,
// wherever they stand alone. Words that a workbook is read back by and
// that changed are kept readable in former.go.

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
	DraftDue: "Draft due", DraftTask: "Draft due", Brief: "Brief", ReviewTitle: "Monthly review: %s %d", ReviewKPIs: "KPIs to review",
	MorePosts: "+%d more", Holiday: "Holiday",
	BorrowedMark: "(borrowed)", ReviewFigures: "Planned for %s %d", OwnPosts: "own", BorrowedPosts: "borrowed", Decimal: ".",
	MakeOwn: "Create an original %s post", MakeBorrowed: "Share a curated %s post",
	ForChannel: "for %s", OnPillar: `on the pillar "%s"`, ForCampaign: `for the campaign "%s"`,
	CreditSource: ", crediting the source",
	PostNoun:     Noun{"post", "posts", "posts"},
	Months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	PhraseMonths: [12]string{"January", "February", "March", "April", "May", "June", "July",
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
	SheetPlan: "План", SheetMix: "Баланс контента", SheetStrategy: "Стратегия", SheetWriters: "Авторы", SheetBudget: "Бюджет",
	SheetRemoved: "Удалённые",
	Columns: []string{"ID", "Дата", "Время", "День недели", "Инфоповод", "Канал", "Формат", "Источник", "Автор", "Срок черновика", "Статус",
		"Бриф", "Заголовок", "Текст", "Символов", "Лимит", "Хештеги", "Ссылка на медиа", "Ссылка на источник",
		"Ссылка на публикацию", "Заметки", "Рубрика", "Задача", "Кампания", "Стоимость", "Исходные данные (не менять)"},
	TimeIn:   "Время (%s)",
	Statuses: []string{"Не начат", "В работе", "На согласовании", "На доработке", "Согласован", "Запланирован", "Опубликован"},
	Own:      "Свой", Borrowed: "Чужой",
	Channel: "Канал", Month: "Месяц", Week: "Неделя", Posts: "Постов", Share: "Доля чужих", Cap: "Лимит",
	Total: "Итого", Writer: "Автор", Load: "Нагрузка", Capacity: "Постов в неделю (лимит)", Cost: "Стоимость", Unassigned: "(без автора)",
	AsGenerated: "Цифры на момент создания: план слишком большой, чтобы считать их формулами; после правок запустите contentplan ещё раз",
	Goal:        "Цель", Why: "Зачем", Owner: "Ответственный", Objective: "Задача", KPI: "KPI", Target: "Целевое значение",
	Actions: "Действия", Metrics: "Метрики", Pillars: "Рубрики", Reviews: "Разборы",
	DraftDue: "Срок черновика", DraftTask: "Сдать черновик", Brief: "Бриф", ReviewTitle: "Ежемесячный разбор: %s %d", ReviewKPIs: "KPI к разбору",
	MorePosts: "ещё %d", Holiday: "Праздник",
	BorrowedMark: "(репост)", ReviewFigures: "План на %s %d", OwnPosts: "свои", BorrowedPosts: "чужие", Decimal: ",",
	MakeOwn: "Подготовить свой пост (%s)", MakeBorrowed: "Подобрать чужой пост для репоста (%s)",
	ForChannel: "в канал %s", OnPillar: "по рубрике «%s»", ForCampaign: "в рамках кампании «%s»",
	CreditSource: ", указать источник",
	PostNoun:     Noun{"пост", "поста", "постов"},
	Months: [12]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль",
		"Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"},
	PhraseMonths: [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль",
		"август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
	Weekdays: [7]string{"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"},
	TimesIn:  "Время указано по часовому поясу %s", Filter: "Фильтр", Channels: "Каналы",
	SelectAll: "Выбрать все", ClearAll: "Снять все", AllWriters: "Все авторы",
	Pillar: "Рубрика", AllPillars: "Все рубрики", NoPillar: "(без рубрики)",
	Source: "Источник", AllSources: "Свои и чужие", Campaign: "Кампания",
	ReviewMeeting: "Ежемесячный разбор", Skipped: "Без постов",
	ClockChange: "Перевод часов: %s → %s", DSTMoved: "перенесён из-за перевода часов",
	MixTitle: "Свой и чужой контент по каналам", WithinCap: "в пределах лимита", OverCap: "сверх лимита",
	Thousands: "\u00a0", NoPosts: "В плане нет постов.", Campaigns: "Кампании",
	KeyDate: "Важная дата", Occasions: "Праздники и важные даты",
}

var bg = Texts{
	Lang:      "bg",
	SheetPlan: "План", SheetMix: "Съотношение", SheetStrategy: "Стратегия", SheetWriters: "Автори", SheetBudget: "Бюджет",
	SheetRemoved: "Премахнати",
	Columns: []string{"ID", "Дата", "Час", "Ден", "Повод", "Канал", "Формат", "Източник", "Автор", "Срок за чернова", "Статус",
		"Бриф", "Заглавие", "Текст", "Знаци", "Лимит", "Хаштагове", "Линк към медията", "Линк към източника",
		"Линк към публикацията", "Бележки", "Рубрика", "Задача", "Кампания", "Разход", "Изходни данни (не променяйте)"},
	TimeIn:   "Час (%s)",
	Statuses: []string{"Планирана", "В работа", "За преглед", "За корекции", "Одобрена", "Насрочена", "Публикувана"},
	Own:      "Собствено", Borrowed: "Чуждо",
	Channel: "Канал", Month: "Месец", Week: "Седмица", Posts: "Публикации", Share: "Дял на чуждото", Cap: "Лимит",
	Total: "Общо", Writer: "Автор", Load: "Натоварване", Capacity: "Публикации седмично (лимит)", Cost: "Разход", Unassigned: "(без автор)",
	AsGenerated: "Стойностите са към момента на създаване: планът е твърде голям, за да се смятат с формули; след промени пуснете contentplan отново",
	Goal:        "Цел", Why: "Защо", Owner: "Отговорник", Objective: "Задача", KPI: "KPI", Target: "Целева стойност",
	Actions: "Действия", Metrics: "Метрики", Pillars: "Рубрики", Reviews: "Прегледи",
	DraftDue: "Срок за чернова", DraftTask: "Срок за чернова", Brief: "Бриф", ReviewTitle: "Месечен преглед: %s %d", ReviewKPIs: "KPI за преглед",
	MorePosts: "още %d", Holiday: "Празник",
	BorrowedMark: "(чуждо съдържание)", ReviewFigures: "План за %s %d", OwnPosts: "собствени", BorrowedPosts: "чужди", Decimal: ",",
	MakeOwn: "Подгответе собствена публикация (%s)", MakeBorrowed: "Изберете чужда публикация за споделяне (%s)",
	ForChannel: "в канала %s", OnPillar: "по рубриката „%s“", ForCampaign: "в рамките на кампанията „%s“",
	CreditSource: ", с посочване на източника",
	PostNoun:     Noun{"публикация", "публикации", "публикации"},
	Months: [12]string{"Януари", "Февруари", "Март", "Април", "Май", "Юни", "Юли",
		"Август", "Септември", "Октомври", "Ноември", "Декември"},
	PhraseMonths: [12]string{"януари", "февруари", "март", "април", "май", "юни", "юли",
		"август", "септември", "октомври", "ноември", "декември"},
	Weekdays: [7]string{"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"},
	TimesIn:  "Всички часове са в часова зона %s", Filter: "Филтър", Channels: "Канали",
	SelectAll: "Избери всички", ClearAll: "Премахни всички", AllWriters: "Всички автори",
	Pillar: "Рубрика", AllPillars: "Всички рубрики", NoPillar: "(без рубрика)",
	Source: "Източник", AllSources: "Собствени и чужди", Campaign: "Кампания",
	ReviewMeeting: "Месечен преглед", Skipped: "Без публикации",
	ClockChange: "Смяна на часа: %s → %s", DSTMoved: "преместена заради смяната на часа",
	MixTitle: "Собствено и чуждо съдържание по канали", WithinCap: "в рамките на лимита", OverCap: "над лимита",
	Thousands: "\u00a0", NoPosts: "В плана няма публикации.", Campaigns: "Кампании",
	KeyDate: "Важна дата", Occasions: "Празници и важни дати",
}
