package xlsx

import (
	"fmt"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// The Plan sheet headers, statuses and sources as the version before the
// vocabulary's rewrite wrote them: a workbook it made must still read back
// (i18n.FormerOf). They are written out here, not taken from i18n, so that
// the test holds what those workbooks really say.
var (
	formerRuColumns = []string{"ID", "Дата", "Время (Europe/Moscow)", "День недели", "Канал", "Формат", "Источник", "Автор", "Черновик до", "Статус",
		"Бриф", "Заголовок", "Текст", "Символов", "Лимит", "Хештеги", "Ссылка на медиа", "Ссылка на источник",
		"Ссылка на публикацию", "Заметки", "Рубрика", "Задача", "Кампания", "Стоимость", "Исходные данные (не менять)"}
	formerBgColumns = []string{"ID", "Дата", "Час (Europe/Sofia)", "Ден", "Канал", "Формат", "Източник", "Автор", "Чернова до", "Статус",
		"Бриф", "Заглавие", "Текст", "Знаци", "Лимит", "Хаштагове", "Линк към медията", "Линк към източника",
		"Линк към публикацията", "Бележки", "Рубрика", "Задача", "Кампания", "Цена", "Изходни данни (не променяйте)"}
	formerRuStatuses = []string{"В плане", "В работе", "На согласовании", "На доработке", "Согласован", "Запланирован", "Опубликован"}
	formerBgStatuses = []string{"Планиран", "Пише се", "За преглед", "За корекции", "Одобрен", "Насрочен", "Публикуван"}
)

// formerToCol is the column of today's Plan sheet that a former
// workbook's column c holds: that version had no Occasion column.
func formerToCol(c int) int {
	if c >= colOccasion {
		return c + 1
	}
	return c
}

// TestFormerWorkbookReads: every header, status and source of a workbook
// made by the previous version reads as the column, status and source it
// was, and a whole row of each language reads back.
func TestFormerWorkbookReads(t *testing.T) {
	t.Parallel()
	for _, cols := range [][]string{formerRuColumns, formerBgColumns} {
		for i, h := range cols {
			if got, want := columnOf(h), formerToCol(i+1); got != want {
				t.Errorf("former header %q reads as column %d, want %d", h, got, want)
			}
		}
	}
	for _, sts := range [][]string{formerRuStatuses, formerBgStatuses} {
		for i, s := range sts {
			if got := statusKey(s); got != Statuses[i] {
				t.Errorf("former status %q reads as %q, want %q", s, got, Statuses[i])
			}
		}
	}
	for text, want := range map[string]calendar.Source{"Свой": calendar.Own, "Заимствованный": calendar.Borrowed,
		"Собствен": calendar.Own, "Заимстван": calendar.Borrowed} {
		if got := calendar.Source(sourceKeys[strings.ToLower(text)]); got != want {
			t.Errorf("former source %q reads as %q, want %q", text, got, want)
		}
	}
	for _, tc := range []struct {
		name    string
		columns []string
		row     map[int]any
		want    Row
	}{
		{"ru", formerRuColumns,
			map[int]any{colID: "p1", colDraftDue: "2027-01-03", colStatus: "В плане", colSource: "Заимствованный", colCost: 1500},
			Row{Status: "planned", Source: calendar.Borrowed, Cost: 1500}},
		{"bg", formerBgColumns,
			map[int]any{colID: "p1", colDraftDue: "2027-01-03", colStatus: "Пише се", colSource: "Собствен", colCost: 1500},
			Row{Status: "drafting", Source: calendar.Own, Cost: 1500}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			header := make([]any, len(tc.columns))
			row := make([]any, len(tc.columns))
			for i, h := range tc.columns {
				header[i], row[i] = h, tc.row[formerToCol(i+1)]
			}
			b := readBytes(t, handMade(t, sheetSpec{marker: ourMarker, rows: [][]any{header, row}}))
			if len(b.Rows) != 1 {
				t.Fatalf("%d rows: %+v", len(b.Rows), b.Rows)
			}
			got := b.Rows[0]
			if !got.HasDraftDue || got.DraftDue != calendar.MakeDate(2027, 1, 3) || got.Status != tc.want.Status ||
				got.Source != tc.want.Source || got.Cost != tc.want.Cost || len(got.Problems) > 0 {
				t.Errorf("read %+v\nwant draft due 2027-01-03, %+v", got, tc.want)
			}
		})
	}
}

// TestHeaderKeysUnique: no header, in any language, current or former or
// an alias, names two different columns, which would read one column's
// cells into another.
func TestHeaderKeysUnique(t *testing.T) {
	t.Parallel()
	seen := map[string]int{}
	add := func(h string, col int) {
		k := headerKey(h)
		if c, ok := seen[k]; ok && c != col {
			t.Errorf("header %q names column %d and column %d", h, c, col)
		}
		seen[k] = col
	}
	for _, lang := range i18n.Languages() {
		for i, h := range i18n.For(lang).Columns {
			add(h, i+1)
		}
		for i, hs := range i18n.FormerOf(lang).Columns {
			for _, h := range hs {
				add(h, i+1)
			}
		}
	}
	for h, c := range headerAliases {
		add(h, c)
	}
	if len(seen) < numCols {
		t.Fatal(fmt.Sprint("only ", len(seen), " header keys"))
	}
}
