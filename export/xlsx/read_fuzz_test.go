package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// tinyPlan is a plan of three posts on one channel over two days, whose
// workbook is small enough to fuzz from.
func tinyPlan() *calendar.Plan {
	text := &calendar.Format{FormatSpec: calendar.FormatSpec{Name: "text", Borrowable: true}}
	tg := &calendar.Channel{Name: "Telegram", ID: "tg", Cap: 3000, Limit: 4096, Formats: []*calendar.Format{text}}
	d := calendar.MakeDate(2027, 1, 4)
	plan := &calendar.Plan{Name: "Tiny", ID: "tiny", Start: d, End: d + 1, Location: time.UTC, Timezone: "UTC",
		Cap: 3000, Language: "ru", Channels: []*calendar.Channel{tg}, Formats: []*calendar.Format{text},
		Goals: []calendar.GoalSpec{{Objectives: []calendar.ObjectiveSpec{{ID: "охват", KPI: "подписчики", Target: "4%"}}}}}
	posts := []calendar.Post{
		{ID: "a", Date: d, Time: 9 * 60, Channel: tg, Format: text, Source: calendar.Own, Writer: "Катя", DraftDue: d - 1, Status: "planned"},
		{ID: "b", Date: d, Time: 18 * 60, Channel: tg, Format: text, Source: calendar.Borrowed, DraftDue: d - 1, Status: "planned"},
		{ID: "c", Date: d + 1, Time: 9 * 60, Channel: tg, Format: text, Source: calendar.Own, Writer: "Катя", DraftDue: d, Status: "planned"},
	}
	plan.Total = len(posts)
	plan.SetPosts(func(yield func(calendar.Post) bool) {
		for _, p := range posts {
			if !yield(p) {
				return
			}
		}
	})
	return plan
}

// fuzzSeeds are workbooks to start from: the tiny plan's as written, and
// the next one with work kept (a KPI's actual and decision too) and a post
// on Removed.
func fuzzSeeds(t testing.TB) map[string][]byte {
	plan := tinyPlan()
	v1, _ := writeXLSX(t, plan, Options{Now: testNow})
	edited := edit(t, v1, "План", map[string]map[int]any{
		"a": {colTitle: "Кофе", colCopy: "текст 😀", colStatus: "Согласован"},
		"c": {colNotes: "убрать", colDate: "05.01.2027"},
	})
	edited = editKPI(t, edited, map[string][2]any{"охват 2027-01": {"4,5%", "больше видео"}})
	v2, _ := writeXLSX(t, without(plan, func(p *calendar.Post) bool { return p.ID == "c" }),
		Options{Now: testNow, Keep: NewKeep(readBytes(t, edited))})
	return map[string][]byte{"written": v1, "kept": v2}
}

// FuzzReadWorkbook feeds arbitrary bytes to the reader, starting from real
// workbooks (those fuzzSeeds makes, and the seeds in
// testdata/fuzz/FuzzReadWorkbook): it must never panic, and every refusal
// is a *calendar.HintError naming the file. A workbook it reads has rows
// with ids, on numbered rows below their header, and KPI rows with a key
// or with something entered, each of a month.
func FuzzReadWorkbook(f *testing.F) {
	for _, data := range fuzzSeeds(f) {
		f.Add(data)
	}
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadWorkbook(bytes.NewReader(data), int64(len(data)), "fuzz.xlsx")
		if err != nil {
			var he *calendar.HintError
			if !errors.As(err, &he) || len(he.Hints) == 0 || len(he.Msg) < 10 || he.Msg[:10] != "fuzz.xlsx:" {
				t.Fatalf("err = %v (%T)", err, err)
			}
			return
		}
		for _, k := range b.KPIs {
			if k.Line < 2 || !k.hasWork() && k.Key == "" || k.Month != k.Month.FirstOfMonth() {
				t.Fatalf("KPI row %+v", k)
			}
		}
		for _, rows := range [][]Row{b.Rows, b.Removed} {
			for _, r := range rows {
				if r.ID == "" || r.Line < 2 || r.Sheet == "" {
					t.Fatalf("row %+v", r)
				}
			}
		}
	})
}

// TestWriteFuzzSeeds rewrites testdata/fuzz/FuzzReadWorkbook from
// fuzzSeeds when CONTENTPLAN_FUZZ_SEEDS=1: the committed seeds are real
// workbooks, which go test runs through FuzzReadWorkbook every time.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("CONTENTPLAN_FUZZ_SEEDS") != "1" {
		t.Skip("set CONTENTPLAN_FUZZ_SEEDS=1 to rewrite the seeds")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadWorkbook")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range fuzzSeeds(t) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
