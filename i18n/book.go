package i18n

// Book is the rest of the workbook's words: the Instructions sheet, which
// tells a writer in the plan's language what each column is for, who fills
// it, what the statuses mean, the limits and how to send the workbook back;
// the Mix's rows for the whole plan, formats and pillars; and the printed
// page's footer.
type Book struct {
	SheetInstructions string

	// Mix: the whole plan's row; a format's or pillar's share of the posts
	// against the share its weight asks for.
	AllChannels, Share, TargetShare string

	// Page is the printed pages' footer: Excel's header codes, &P the
	// page and &N the pages.
	Page string

	// The Instructions sheet: its title; the time zone sentence (%s the
	// zone) and the sentences of a writer's workbook (%s the writer) and
	// of the posts no writer could take.
	Title, Zone, WriterPart, UnassignedPart string
	// The columns' section (%s the Plan sheet's name), its headings, and
	// the sentence on the hidden column (%s its header).
	ColumnsTitle, ColumnHead, WhoHead, WhatHead, Hidden string
	// Columns says who fills each Plan column and what it holds, by the
	// column's key (the English header, lower case). In these texts and
	// the statuses' notes, {notes} and {published link} stand for those
	// columns' headers and {mix} for the Mix sheet's name, so that they
	// name what the workbook says.
	Columns map[string]ColumnGuide
	// The statuses' section: a note per status, in workflow order.
	StatusesTitle, MeaningHead string
	StatusNotes                [7]string
	// The limits' section: the plan's cap (%s the share), and the
	// headings of the channels' caps and copy limits.
	LimitsTitle, PlanCap, CapHead, LimitHead string
	// How to send the workbook back, a step a line.
	SendTitle string
	Send      []string
}

// ColumnGuide is who fills a Plan column and what it holds.
type ColumnGuide struct{ Who, What string }

// Book returns the workbook's further words in t's language.
func (t *Texts) Book() *Book {
	switch t.Lang {
	case "ru":
		return &bookRU
	case "bg":
		return &bookBG
	}
	return &bookEN
}

var bookEN = Book{
	SheetInstructions: "Instructions",
	AllChannels:       "All channels", Share: "Share", TargetShare: "Target",
	Page:           "Page &P of &N",
	Title:          "How to work with this workbook",
	Zone:           "All dates and times are in the %s time zone.",
	WriterPart:     "This workbook holds only the posts of %s.",
	UnassignedPart: "This workbook holds the posts no writer could take: give each one a writer, or take it on.",
	ColumnsTitle:   "Columns of the %s sheet", ColumnHead: "Column", WhoHead: "Who fills it", WhatHead: "What it holds",
	Hidden: "A hidden column, “%s”, keeps what contentplan wrote in each row: leave it as it is.",
	Columns: map[string]ColumnGuide{
		"id":             {"contentplan", "The post's id: how the next version of the plan finds this row. Never edit it."},
		"date":           {"contentplan", "The publishing date."},
		"time":           {"contentplan", "The publishing time, in the plan's time zone (named in the header)."},
		"weekday":        {"contentplan", "The day of the week of the date."},
		"occasion":       {"contentplan", "The holidays and the plan's key dates on that day: a reason for a greeting or a topical post."},
		"channel":        {"contentplan", "Where the post goes out."},
		"format":         {"contentplan", "What kind of post it is: photo, reel, text…"},
		"source":         {"contentplan; the manager may change it", "Own (made by us) or Borrowed (curated from others, with credit). Pick from the list: the “{mix}” sheet follows."},
		"writer":         {"contentplan; the manager may change it", "Who writes the post."},
		"draft due":      {"contentplan", "The day the draft is due."},
		"status":         {"the writer", "Where the post stands: pick from the list (see the statuses below)."},
		"brief":          {"contentplan", "What to make."},
		"title":          {"the writer", "The post's title or first line."},
		"copy":           {"the writer", "The post's text."},
		"length":         {"a formula", "Characters in the copy, counted as Excel counts them; red when over the limit."},
		"limit":          {"contentplan", "The most characters the channel allows; blank when unknown."},
		"hashtags":       {"the writer", "Hashtags, separated by spaces."},
		"media link":     {"the writer", "A link to the picture or video."},
		"source link":    {"the writer", "For a borrowed post: where it comes from."},
		"published link": {"the writer", "A link to the post once it is out."},
		"notes":          {"anyone", "Anything else: questions, ideas, what was agreed."},
		"pillar":         {"contentplan", "The content pillar (rubric)."},
		"objective":      {"contentplan", "The objective the post serves."},
		"campaign":       {"contentplan", "The campaign the post belongs to, if any."},
		"cost":           {"contentplan", "The estimated cost of the post."},
	},
	StatusesTitle: "Statuses", MeaningHead: "What it means",
	StatusNotes: [7]string{
		"Nobody has started on it yet.",
		"The writer is working on it.",
		"The draft waits for the manager's approval.",
		"The manager sent it back with comments (see “{notes}”).",
		"Ready to schedule.",
		"Queued in the publishing tool.",
		"Out: put its link in “{published link}”.",
	},
	LimitsTitle: "Limits", PlanCap: "Borrowed posts: at most %s of all the plan's posts.",
	CapHead: "Borrowed, at most", LimitHead: "Characters of copy, at most",
	SendTitle: "Sending it back",
	Send: []string{
		"Fill in your columns and statuses. Leave the columns contentplan fills as they are: dates, times, channels and formats change in the plan, not here.",
		"Do not rename or delete sheets, columns or the header row, and do not add rows: the manager adds new posts to the plan.",
		"Save it as an Excel Workbook (.xlsx) under the same name and send the file back to the manager.",
		"The next version of the plan keeps everything you wrote, row by row, by the ID.",
	},
}

var bookRU = Book{
	SheetInstructions: "Инструкция",
	AllChannels:       "Все каналы", Share: "Доля", TargetShare: "Цель",
	Page:           "Стр. &P из &N",
	Title:          "Как работать с этим файлом",
	Zone:           "Все даты и время указаны по часовому поясу %s.",
	WriterPart:     "В этом файле только посты автора %s.",
	UnassignedPart: "В этом файле посты, которые не удалось распределить между авторами: назначьте автора каждому или возьмите их себе.",
	ColumnsTitle:   "Столбцы листа «%s»", ColumnHead: "Столбец", WhoHead: "Кто заполняет", WhatHead: "Что здесь",
	Hidden: "Скрытый столбец «%s» хранит то, что contentplan записал в каждую строку: не трогайте его.",
	Columns: map[string]ColumnGuide{
		"id":             {"contentplan", "Идентификатор поста: по нему следующая версия плана находит эту строку. Не меняйте его."},
		"date":           {"contentplan", "Дата публикации."},
		"time":           {"contentplan", "Время публикации по часовому поясу плана (он указан в заголовке)."},
		"weekday":        {"contentplan", "День недели."},
		"occasion":       {"contentplan", "Праздники и важные даты плана в этот день — повод для поздравления или ситуативного поста."},
		"channel":        {"contentplan", "Площадка, где выходит пост."},
		"format":         {"contentplan", "Формат поста: фото, рилс, текст…"},
		"source":         {"contentplan; менеджер может изменить", "Свой (делаем сами) или чужой (репост с указанием источника). Выберите из списка — лист «{mix}» пересчитается."},
		"writer":         {"contentplan; менеджер может изменить", "Кто пишет пост."},
		"draft due":      {"contentplan", "Срок сдачи черновика."},
		"status":         {"автор", "На каком этапе пост: выберите из списка (статусы описаны ниже)."},
		"brief":          {"contentplan", "Что нужно сделать."},
		"title":          {"автор", "Заголовок или первая строка поста."},
		"copy":           {"автор", "Текст поста."},
		"length":         {"формула", "Количество символов в тексте (считается как в Excel); красным — если больше лимита."},
		"limit":          {"contentplan", "Максимум символов на площадке; пусто, если неизвестен."},
		"hashtags":       {"автор", "Хештеги через пробел."},
		"media link":     {"автор", "Ссылка на фото или видео."},
		"source link":    {"автор", "Для чужого поста: ссылка на источник."},
		"published link": {"автор", "Ссылка на вышедший пост."},
		"notes":          {"любой участник", "Всё остальное: вопросы, идеи, договорённости."},
		"pillar":         {"contentplan", "Рубрика."},
		"objective":      {"contentplan", "Задача, на которую работает пост."},
		"campaign":       {"contentplan", "Кампания, если пост в неё входит."},
		"cost":           {"contentplan", "Плановая стоимость поста."},
	},
	StatusesTitle: "Статусы", MeaningHead: "Что значит",
	StatusNotes: [7]string{
		"Работа ещё не начата.",
		"Автор готовит пост.",
		"Черновик ждёт согласования менеджера.",
		"Менеджер вернул пост с правками (см. «{notes}»).",
		"Можно ставить в отложенный постинг.",
		"Стоит в очереди в сервисе отложенного постинга.",
		"Пост вышел: добавьте ссылку в «{published link}».",
	},
	LimitsTitle: "Лимиты", PlanCap: "Чужих постов — не больше %s от всех постов плана.",
	CapHead: "Чужих, не больше", LimitHead: "Символов в тексте, не больше",
	SendTitle: "Как сдать работу",
	Send: []string{
		"Заполняйте свои столбцы и статусы. Столбцы, которые заполняет contentplan, не меняйте: даты, время, каналы и форматы меняются в плане, а не здесь.",
		"Не переименовывайте и не удаляйте листы, столбцы и строку заголовков, не добавляйте строки: новые посты в план добавляет менеджер.",
		"Сохраните файл в формате Excel (.xlsx) под тем же именем и отправьте его менеджеру.",
		"Следующая версия плана сохранит всё, что вы написали, строку за строкой — по ID.",
	},
}

var bookBG = Book{
	SheetInstructions: "Инструкции",
	AllChannels:       "Всички канали", Share: "Дял", TargetShare: "Цел",
	Page:           "Стр. &P от &N",
	Title:          "Как се работи с този файл",
	Zone:           "Всички дати и часове са по часовата зона %s.",
	WriterPart:     "В този файл са само публикациите на %s.",
	UnassignedPart: "В този файл са публикациите, които не бяха разпределени между авторите: задайте автор на всяка или ги поемете.",
	ColumnsTitle:   "Колони на лист „%s“", ColumnHead: "Колона", WhoHead: "Кой попълва", WhatHead: "Какво съдържа",
	Hidden: "Скритата колона „%s“ пази това, което contentplan е записал във всеки ред: не я променяйте.",
	Columns: map[string]ColumnGuide{
		"id":             {"contentplan", "Идентификатор на публикацията: по него следващата версия на плана намира този ред. Не го променяйте."},
		"date":           {"contentplan", "Дата на публикуване."},
		"time":           {"contentplan", "Час на публикуване по часовата зона на плана (посочена в заглавието)."},
		"weekday":        {"contentplan", "Ден от седмицата."},
		"occasion":       {"contentplan", "Празниците и важните дати на плана в този ден — повод за поздрав или актуална публикация."},
		"channel":        {"contentplan", "Къде излиза публикацията."},
		"format":         {"contentplan", "Формат на публикацията: снимка, рийл, текст…"},
		"source":         {"contentplan; мениджърът може да го смени", "Собствено (правим го ние) или чуждо съдържание (споделяме с посочен източник). Изберете от списъка — лист „{mix}“ се преизчислява."},
		"writer":         {"contentplan; мениджърът може да го смени", "Кой пише публикацията."},
		"draft due":      {"contentplan", "Краен срок за черновата."},
		"status":         {"авторът", "На какъв етап е публикацията: изберете от списъка (статусите са описани по-долу)."},
		"brief":          {"contentplan", "Какво трябва да се направи."},
		"title":          {"авторът", "Заглавие или първи ред на публикацията."},
		"copy":           {"авторът", "Текстът на публикацията."},
		"length":         {"формула", "Брой знаци в текста (броени като в Excel); в червено, ако е над лимита."},
		"limit":          {"contentplan", "Максималният брой знаци в канала; празно, ако не е известен."},
		"hashtags":       {"авторът", "Хаштагове, разделени с интервал."},
		"media link":     {"авторът", "Линк към снимката или видеото."},
		"source link":    {"авторът", "За чуждо съдържание: линк към източника."},
		"published link": {"авторът", "Линк към публикацията, след като излезе."},
		"notes":          {"всеки", "Всичко останало: въпроси, идеи, уговорки."},
		"pillar":         {"contentplan", "Рубрика."},
		"objective":      {"contentplan", "Задачата, за която работи публикацията."},
		"campaign":       {"contentplan", "Кампанията, ако публикацията е част от такава."},
		"cost":           {"contentplan", "Планираната цена на публикацията."},
	},
	StatusesTitle: "Статуси", MeaningHead: "Какво означава",
	StatusNotes: [7]string{
		"Работата още не е започнала.",
		"Авторът подготвя публикацията.",
		"Черновата чака одобрение от мениджъра.",
		"Мениджърът я върна с коментари (вижте „{notes}“).",
		"Готова е за насрочване.",
		"Чака на опашка в инструмента за публикуване.",
		"Излязла е: поставете линка в „{published link}“.",
	},
	LimitsTitle: "Ограничения", PlanCap: "Чуждо съдържание — не повече от %s от всички публикации в плана.",
	CapHead: "Чуждо, не повече от", LimitHead: "Знаци в текста, не повече от",
	SendTitle: "Как да върнете файла",
	Send: []string{
		"Попълвайте своите колони и статуси. Колоните, които попълва contentplan, не ги променяйте: датите, часовете, каналите и форматите се сменят в плана, не тук.",
		"Не преименувайте и не изтривайте листове, колони и заглавния ред и не добавяйте редове: новите публикации в плана ги добавя мениджърът.",
		"Запазете файла като Excel (.xlsx) със същото име и го изпратете на мениджъра.",
		"Следващата версия на плана запазва всичко, което сте написали, ред по ред — по ID.",
	},
}
