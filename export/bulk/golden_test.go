package bulk

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	calspec "github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/golden"
)

// kolosEdits are what the writers of testdata/kolos.toml's workbook do,
// by Plan row (2 to 27: a week of Telegram at 08:30, X at 09:00 and 09:07,
// ВКонтакте at 12:00 on weekdays), by column header in Russian, on top of
// every row approved with its own copy. The texts are also the fuzz
// test's seeds.
var kolosEdits = map[int]map[string]string{
	5: {"Текст": "Новинка: пирог \"Зимний\"\nс брусникой, 350 ₽\n\nЗаказ: +7 495 000-00-00",
		"Ссылка на медиа": "https://cdn.example.com/pirog.jpg"},
	6:  {"Текст": ""},
	8:  {"Ссылка на источник": "https://example.com/hleb?utm=x&y=1"},
	9:  {"Ссылка на медиа": "https://drive.example.com/folder/pirog"},
	10: {"Текст": "=== Скидки недели ===\nвсё по 99 ₽"},
	11: {"Текст": strings.Repeat("Бородинский хлеб. ", 16)},
	12: {"Текст": "Утро 🥐☕ — время круассанов!", "Хештеги": "#круассан #утро"},
	13: {"Статус": "Запланирован"},
	14: {"Текст": "Рецепт недели: https://example.com/r #рецепт", "Хештеги": "#рецепт", "Ссылка на источник": "https://example.com/r"},
	17: {"Статус": "На согласовании"},
	18: {"Дата": "завтра"},
	26: {"Текст": "  строка один,\r\nстрока два  "},
}

// kolosWorkbook is testdata/kolos.toml's workbook as its writers sent it
// back (kolosEdits), read back as export reads it.
func kolosWorkbook(t testing.TB) *xlsx.Workbook {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "kolos.toml"))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := calspec.Parse("kolos.toml", bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := calendar.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, plan, xlsx.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	data := editRows(t, buf.Bytes(), plan.Total, i18n.For("ru"))
	b, err := xlsx.ReadWorkbook(bytes.NewReader(data), int64(len(data)), "kolos.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// editRows approves rows 2 to n+1 of the first sheet with copy of their
// own, then makes kolosEdits.
func editRows(t testing.TB, data []byte, n int, tx *i18n.Texts) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	set := func(row int, header, v string) {
		col := slices.IndexFunc(tx.Columns, func(h string) bool { return strings.HasPrefix(h, header) })
		if col < 0 {
			t.Fatalf("no column %q", header)
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, row)
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for row := 2; row <= n+1; row++ {
		set(row, "Статус", tx.Statuses[4])
		set(row, "Текст", fmt.Sprintf("Хлеб дня №%d: ржаной, с тмином — «как у бабушки».", row))
	}
	for row, cells := range kolosEdits {
		for h, v := range cells {
			set(row, h, v)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestGolden writes each scheduler's files of the bakery's edited
// workbook, uploaded at 08:00 on its first day, and compares them and the
// findings with testdata/golden/<vendor>: Buffer in the plan's zone,
// Sprout Social with dd/mm/yyyy dates, Hootsuite with mm/dd/yyyy dates in
// UTC.
func TestGolden(t *testing.T) {
	b := kolosWorkbook(t)
	moscow, _ := time.LoadLocation("Europe/Moscow")
	for _, c := range []struct {
		vendor string
		order  DateOrder
		zone   *time.Location
	}{{"buffer", 0, nil}, {"sprout", DMY, nil}, {"hootsuite", MDY, time.UTC}} {
		t.Run(c.vendor, func(t *testing.T) {
			v, _ := Lookup(c.vendor)
			res, err := Export(b, Options{Vendor: v, Upload: time.Date(2027, 1, 11, 8, 0, 0, 0, moscow),
				Zone: c.zone, DateOrder: c.order})
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join("testdata", "golden", c.vendor)
			want := []string{"findings.txt"}
			for i := range res.Files {
				var buf bytes.Buffer
				if err := res.Files[i].Write(&buf); err != nil {
					t.Fatal(err)
				}
				name := "kolos" + res.Files[i].Suffix
				golden.Check(t, filepath.Join(dir, name), buf.Bytes())
				want = append(want, name)
			}
			out := strings.Join(lines(b, res), "\n")
			out += fmt.Sprintf("\napproved %d, exported %d, left out %d, moved %d, others %d, scheduled %d\n",
				res.Approved, res.Exported, res.LeftOut, res.Moved, res.Others, res.Scheduled)
			golden.Check(t, filepath.Join(dir, "findings.txt"), []byte(out))
			if !golden.Updating() {
				got, _ := filepath.Glob(filepath.Join(dir, "*"))
				for i := range got {
					got[i] = filepath.Base(got[i])
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("golden files %q, want %q: remove the stale ones", got, want)
				}
			}
		})
	}
}
