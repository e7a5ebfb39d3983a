package i18n

// ReviewTexts are the words of the monthly review (docs/spec.md, "The
// monthly review"), in the plan's language: the workbook's KPI sheet, the
// facts in the calendar's review meetings, and contentplan review. Words
// that other outputs share (Channel, Month, KPI, Target, Cap, Total, the
// statuses) are Texts' own.
type ReviewTexts struct {
	// The KPI sheet: its name; the headers of the KPI table; the heading
	// over the rows of objectives the plan no longer has; the headers of
	// the posts table; the note beside the tables.
	Sheet, Actual, Reached, Decision, NoLonger      string
	Planned, Published, BorrowedPublished, PubShare string
	Note                                            string

	// The review meeting: an actual and the share of its target it
	// reaches (%s), an actual not entered yet, the month's published
	// posts, and the heading of the previous month's decisions (month,
	// year).
	ActualIs, OfTarget, NotEntered, PublishedAre, DecisionsOf string

	// contentplan review: its title (month, year), the headings of its
	// parts (the drafts' one takes the day), what a part without lines
	// says, a draft's lateness (%s: the days, counted in DayNoun), its
	// status and its writer (%s),
	// and what a workbook without objectives says.
	Title, KPIs, Posts, Overdue, Unserved, Decisions string
	None, Late, StatusIs, WriterIs, NoObjectives     string
	DayNoun                                          Noun
	// Quoted quotes a post's title (%s) as the language does.
	Quoted string
}

// Review returns the monthly review's words in t's language.
func (t *Texts) Review() *ReviewTexts {
	switch t.Lang {
	case "ru":
		return &reviewRU
	case "bg":
		return &reviewBG
	}
	return &reviewEN
}

var reviewEN = ReviewTexts{
	Sheet: "KPI", Actual: "Actual", Reached: "Reached", Decision: "Decision: what we change",
	NoLonger: "No longer in the plan (kept as entered)",
	Planned:  "Planned", Published: "Published", BorrowedPublished: "Of them borrowed", PubShare: "Borrowed %",
	Note:     "Enter each month's actual and decision in the yellow cells: contentplan keeps them on every re-run.",
	ActualIs: "actual", OfTarget: "%s of the target", NotEntered: "not entered yet", PublishedAre: "published",
	DecisionsOf: "Decisions of %s %d",
	Title:       "Review of %s %d", KPIs: "KPIs against targets", Posts: "Posts: published against planned",
	Overdue: "Drafts overdue on %s", Unserved: "Objectives no post serves this month", Decisions: "Decisions",
	None: "none", Late: "%s late", DayNoun: Noun{"day", "days", "days"}, StatusIs: "status “%s”", WriterIs: "writer %s", Quoted: "“%s”",
	NoObjectives: "The plan has no objectives: add [[goal.objective]] tables to review KPIs.",
}

var reviewRU = ReviewTexts{
	Sheet: "KPI", Actual: "Факт", Reached: "Выполнение", Decision: "Решение: что меняем",
	NoLonger: "Этих задач больше нет в плане (сохранено как было)",
	Planned:  "Запланировано", Published: "Опубликовано", BorrowedPublished: "Из них чужих", PubShare: "Доля чужих",
	Note:     "Вносите факт и решение за каждый месяц в жёлтые ячейки: contentplan сохранит их при каждом перезапуске.",
	ActualIs: "факт", OfTarget: "%s от цели", NotEntered: "пока не внесён", PublishedAre: "опубликовано",
	DecisionsOf: "Решения по итогам месяца (%s %d)",
	Title:       "Разбор месяца: %s %d", KPIs: "KPI: факт и цель", Posts: "Публикации: опубликовано из запланированного",
	Overdue: "Просроченные черновики на %s", Unserved: "Задачи без единой публикации в этом месяце", Decisions: "Решения",
	None: "нет", Late: "просрочен на %s", DayNoun: Noun{"день", "дня", "дней"}, StatusIs: "статус «%s»", WriterIs: "автор %s", Quoted: "«%s»",
	NoObjectives: "В плане нет задач: добавьте таблицы [[goal.objective]], чтобы разбирать KPI.",
}

var reviewBG = ReviewTexts{
	Sheet: "KPI", Actual: "Факт", Reached: "Изпълнение", Decision: "Решение: какво променяме",
	NoLonger: "Тези задачи вече не са в плана (запазени както са въведени)",
	Planned:  "Планирани", Published: "Публикувани", BorrowedPublished: "От тях чуждо", PubShare: "Дял на чуждото",
	Note:     "Въвеждайте факта и решението за всеки месец в жълтите клетки: contentplan ги запазва при всяко повторно генериране.",
	ActualIs: "факт", OfTarget: "%s от целта", NotEntered: "още не е въведен", PublishedAre: "публикувани",
	DecisionsOf: "Решения от месеца (%s %d)",
	Title:       "Преглед на месеца: %s %d", KPIs: "KPI: факт и цел", Posts: "Публикации: публикувани от планираните",
	Overdue: "Просрочени чернови към %s", Unserved: "Задачи без нито една публикация този месец", Decisions: "Решения",
	None: "няма", Late: "закъснение %s", DayNoun: Noun{"ден", "дни", "дни"}, StatusIs: "статус „%s“", WriterIs: "автор %s", Quoted: "„%s“",
	NoObjectives: "В плана няма задачи: добавете таблици [[goal.objective]], за да преглеждате KPI.",
}
