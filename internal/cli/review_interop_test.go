package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/internal/interop"
)

// TestReviewInterop is the monthly review end to end (docs/spec.md, "The
// monthly review"). The bakery's manager fills April in with openpyxl
// (testdata/interop/kpi_fill.py): a count KPI's actual, a percentage KPI's
// actual with a decision in Cyrillic, a decision without an actual, an
// actual left out; five Telegram posts Published (one borrowed). The spec
// then changes (VK posts less, the orders target rises) and generate keeps
// the workbook. The new workbook keeps the actuals; its KPI sheet's stored
// figures, and LibreOffice's and Gnumeric's recalculation of them, are
// what the statuses say, also after a later edit that only a recalculation
// can count; April's review meeting lists the facts and May's April's
// decisions; review prints them, also once LibreOffice saved the workbook.
func TestReviewInterop(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "openpyxl")
	soffice := interop.Soffice(t)
	ssconvert := interop.Ssconvert(t)
	dir := t.TempDir()
	spec := filepath.Join(dir, "plan.toml")
	writeBakerySpec(t, spec, func(s string) string { return s })
	env := map[string]string{"SOURCE_DATE_EPOCH": "1798761600"}
	if code, _, stderr := run(t, "", env, "generate", spec, "-o", dir); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	published, drafting := aprilTelegram(t, filepath.Join(dir, "plan.xlsx"))
	status := map[string]string{drafting: "В работе"}
	for _, id := range published {
		status[id] = "Опубликован"
	}
	edited := filepath.Join(dir, "edited.xlsx")
	kpiFill(t, py, filepath.Join(dir, "plan.xlsx"), edited, map[string]any{"plan": "План", "status header": "Статус", "status": status,
		"kpi": map[string]any{
			"узнаваемость 2027-04": map[string]any{"actual": 38000},
			"вовлечение 2027-04":   map[string]any{"actual": 0.042, "decision": "Больше опросов в сторис"},
			"заказы 2027-04":       map[string]any{"decision": "Промокод «ХЛЕБ» только в Telegram"},
		}})

	writeBakerySpec(t, spec, func(s string) string {
		s = strings.Replace(s, "frequency = \"3/week\"\ndays      = [\"mon\", \"wed\", \"fri\"]", "frequency = \"2/week\"\ndays      = [\"mon\", \"wed\"]", 1)
		return strings.Replace(s, "target  = 300\n", "target  = 320\n", 1)
	})
	out := filepath.Join(dir, "out")
	code, _, stderr := run(t, "", env, "generate", spec, "-o", out, "--keep", edited)
	if code != 0 || !strings.Contains(stderr, edited+": for the review meetings: 2 KPI actuals, 2 decisions, 5 published posts\n") ||
		!strings.Contains(stderr, "kept 3 KPI rows of actuals and decisions") {
		t.Fatalf("generate --keep: exit %d:\n%s", code, stderr)
	}
	book := filepath.Join(out, "plan.xlsx")
	checkKept(t, book)
	want := reviewFigures{posts: map[string][3]int{"Telegram 2027-04": {34, 5, 1}, "Итого 2027-04": {0, 5, 1}, "Telegram 2027-05": {30, 0, 0}},
		reached: map[string]float64{"узнаваемость 2027-04": 38000.0 / 35000, "вовлечение 2027-04": 0.042 / 0.035}}
	checkFigures(t, "stored (openpyxl)", openpyxlGrid(t, py, book), want)
	checkFigures(t, "LibreOffice", libreOfficeGrid(t, soffice, book), want)
	checkFigures(t, "Gnumeric", gnumericGrid(t, ssconvert, book), want)

	// A later edit: three more April posts published, with openpyxl,
	// which keeps no figure: only a recalculation counts them.
	more := map[string]string{}
	for _, id := range aprilTelegramAfter(t, book, 3) {
		more[id] = "Опубликован"
	}
	later := filepath.Join(dir, "later.xlsx")
	kpiFill(t, py, book, later, map[string]any{"plan": "План", "status header": "Статус", "status": more, "kpi": map[string]any{}})
	want.posts["Telegram 2027-04"] = [3]int{34, 8, 1}
	want.posts["Итого 2027-04"] = [3]int{0, 8, 1}
	checkFigures(t, "LibreOffice after the edit", libreOfficeGrid(t, soffice, later), want)
	checkFigures(t, "Gnumeric after the edit", gnumericGrid(t, ssconvert, later), want)

	checkMeetings(t, filepath.Join(out, "plan.ics"))
	checkReviewCommand(t, book)
	// Saved again by LibreOffice, which rewrites every part, the KPI
	// sheet reads the same.
	resaved := interop.Resave(t, soffice, book)
	checkKept(t, resaved)
	checkReviewCommand(t, resaved)
}

// writeBakerySpec writes the bakery's spec, changed, to path.
func writeBakerySpec(t *testing.T, path string, change func(string) string) {
	t.Helper()
	b, err := os.ReadFile(example("ru_bakery.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(change(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// aprilTelegram picks the first five April Telegram posts (the first
// borrowed one among them) to publish, and one to mark Drafting.
func aprilTelegram(t *testing.T, path string) (published []string, drafting string) {
	b, err := xlsx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	borrowed := ""
	for _, r := range b.Rows {
		if r.Channel != "Telegram" || r.Date.Month() != time.April {
			continue
		}
		switch {
		case r.Source == calendar.Borrowed && borrowed == "":
			borrowed = r.ID
		case r.Source == calendar.Own && len(own) < 4:
			own = append(own, r.ID)
		case r.Source == calendar.Own && drafting == "":
			drafting = r.ID
		}
		if len(own) == 4 && borrowed != "" && drafting != "" {
			return append(own, borrowed), drafting
		}
	}
	t.Fatalf("April has not the Telegram posts the test needs: %v, %q", own, borrowed)
	return nil, ""
}

// aprilTelegramAfter picks n own April Telegram posts still Planned.
func aprilTelegramAfter(t *testing.T, path string, n int) []string {
	b, err := xlsx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range b.Rows {
		if r.Channel == "Telegram" && r.Date.Month() == time.April && r.Status == "planned" && r.Source == calendar.Own && len(out) < n {
			out = append(out, r.ID)
		}
	}
	return out
}

// kpiFill runs testdata/interop/kpi_fill.py.
func kpiFill(t *testing.T, py, in, out string, fill map[string]any) {
	t.Helper()
	data, _ := json.Marshal(fill)
	path := out + ".json"
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(py, filepath.Join(interop.Dir(), "kpi_fill.py"), in, out, path).CombinedOutput(); err != nil {
		t.Fatalf("kpi_fill.py: %v\n%s", err, b)
	}
}

// checkKept: the new workbook's KPI sheet holds what was entered.
func checkKept(t *testing.T, path string) {
	b, err := xlsx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]xlsx.KPIRow{}
	for _, k := range b.KPIs {
		rows[k.Key+" "+k.Month.String()[:7]] = k
	}
	if k := rows["узнаваемость 2027-04"]; !k.HasValue || k.Value != 38000 || k.Decision != "" {
		t.Errorf("the count KPI's actual: %+v", k)
	}
	if k := rows["вовлечение 2027-04"]; !k.HasValue || k.Value != 0.042 || k.Decision != "Больше опросов в сторис" {
		t.Errorf("the percentage KPI's actual and decision: %+v", k)
	}
	if k := rows["заказы 2027-04"]; k.Actual != "" || k.Decision != "Промокод «ХЛЕБ» только в Telegram" || k.Target.Value != 320 {
		t.Errorf("the decision without an actual, on the new target: %+v", k)
	}
	if k := rows["лояльность 2027-04"]; k.Actual != "" || k.Decision != "" || k.Key == "" {
		t.Errorf("the actual left out: %+v", k)
	}
}

// reviewFigures are what the KPI sheet should show: per "channel month",
// planned (0: not checked), published and borrowed published; per
// "objective month", the share reached.
type reviewFigures struct {
	posts   map[string][3]int
	reached map[string]float64
}

// kpiGrid is the KPI sheet as a program shows it, a row of cells each.
type kpiGrid [][]string

var monthOfCell = regexp.MustCompile(`^(?:(\d{4})[-/](\d\d)[-/]\d\d|(\d\d)/\d\d/(\d{4}))`)

// month reads a month cell as a program writes it: 2027-04-01,
// 2027/04/01, 04/01/2027.
func month(cell string) string {
	m := monthOfCell.FindStringSubmatch(cell)
	switch {
	case m == nil:
		return ""
	case m[1] != "":
		return m[1] + "-" + m[2]
	}
	return m[4] + "-" + m[3]
}

// number reads a figure as a program writes it: 0.2, 20%, 108.57%.
func number(cell string) (float64, bool) {
	s, pct := strings.CutSuffix(strings.TrimSpace(cell), "%")
	v, err := strconv.ParseFloat(s, 64)
	if pct {
		v /= 100
	}
	return v, err == nil
}

// checkFigures compares the grid's posts table and Reached cells with want.
func checkFigures(t *testing.T, who string, g kpiGrid, want reviewFigures) {
	t.Helper()
	gotPosts, gotReached := map[string][3]int{}, map[string]float64{}
	for _, r := range g[1:] {
		cell := func(c int) string {
			if c-1 < len(r) {
				return r[c-1]
			}
			return ""
		}
		if m := month(cell(11)); m != "" {
			var n [3]int
			for i, c := range []int{12, 13, 14} {
				v, _ := number(cell(c))
				n[i] = int(v)
			}
			gotPosts[cell(10)+" "+m] = n
		}
		var rec []any
		if json.Unmarshal([]byte(cell(8)), &rec) == nil && len(rec) > 1 {
			if v, ok := number(cell(6)); ok {
				gotReached[rec[0].(string)+" "+rec[1].(string)] = v
			}
		}
	}
	for k, w := range want.posts {
		g := gotPosts[k]
		if w[0] == 0 {
			g[0] = 0
		}
		if g != w {
			t.Errorf("%s: %s planned, published, borrowed %v, want %v", who, k, g, w)
		}
	}
	for k, w := range want.reached {
		if g, ok := gotReached[k]; !ok || math.Abs(g-w) > 1e-6 {
			t.Errorf("%s: %s reached %v, want %v", who, k, g, w)
		}
	}
	if len(gotReached) != len(want.reached) {
		t.Errorf("%s: Reached figures for %v, want only %v", who, gotReached, want.reached)
	}
}

// openpyxlGrid is the KPI sheet's stored values, as openpyxl reads them.
func openpyxlGrid(t *testing.T, py, path string) kpiGrid {
	b, err := exec.Command(py, filepath.Join(interop.Dir(), "kpi_values.py"), path, "KPI").Output()
	if err != nil {
		t.Fatalf("kpi_values.py: %v", err)
	}
	var g kpiGrid
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// libreOfficeGrid is the KPI sheet as LibreOffice recalculates it.
func libreOfficeGrid(t *testing.T, soffice, path string) kpiGrid {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Sheet -1: every sheet to NAME-SHEET.csv (LibreOffice 7.2 and later);
	// "false" in the ninth place: figures as stored, not as formatted.
	out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", dir, path).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return readGrid(t, filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".xlsx")+"-KPI.csv"))
}

// gnumericGrid is the KPI sheet as Gnumeric recalculates it.
func gnumericGrid(t *testing.T, ssconvert, path string) kpiGrid {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, ssconvert, "--recalc", "-S", path, filepath.Join(dir, "%s.csv")).CombinedOutput()
	if err != nil {
		t.Fatalf("ssconvert: %v\n%s", err, out)
	}
	return readGrid(t, filepath.Join(dir, "KPI.csv"))
}

func readGrid(t *testing.T, path string) kpiGrid {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// checkMeetings: April's review meeting lists April's facts, May's the
// decisions taken in April, on the new target.
func checkMeetings(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\r\n ", "")
	descs := map[string]string{}
	for _, ev := range strings.Split(text, "BEGIN:VEVENT")[1:] {
		uid := regexp.MustCompile(`(?m)^UID:review-[^\r\n]*-(\d{4}-\d\d)-\d\d@`).FindStringSubmatch(ev)
		desc := regexp.MustCompile(`(?m)^DESCRIPTION:([^\r\n]*)`).FindStringSubmatch(ev)
		if uid != nil && desc != nil {
			descs[uid[1]] = strings.NewReplacer(`\n`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(desc[1])
		}
	}
	for m, lines := range map[string][]string{
		"2027-04": {
			"KPI: охват в месяц; целевое значение: 35\u00a0000 человек; факт: 38\u00a0000 человек (108,6% от цели)",
			"KPI: ER; целевое значение: 3,5%; факт: 4,2% (120% от цели)",
			"KPI: заказы из соцсетей в месяц; целевое значение: 320 заказов\n",
			"KPI: доля повторных визитов; целевое значение: 35%\n",
			"- Telegram — 34 поста: свои 24, чужие 10 (29,4%; лимит 30%); опубликовано: 5 (чужие: 1, 20%)",
		},
		"2027-05": {
			"Решения по итогам месяца (апрель 2027):\n- Подписчики говорят с нами: Больше опросов в сторис\n- Заказы навынос через соцсети: Промокод «ХЛЕБ» только в Telegram",
		},
	} {
		for _, l := range lines {
			if !strings.Contains(descs[m], l) {
				t.Errorf("the review meeting of %s:\n%s\nwant it to say\n%s", m, descs[m], l)
			}
		}
	}
}

// checkReviewCommand: review prints April's facts.
func checkReviewCommand(t *testing.T, path string) {
	code, out, stderr := run(t, "", nil, "review", path, "--month", "2027-04", "--today", "2027-04-30")
	for _, want := range []string{
		`(?m)^Разбор месяца: апрель 2027$`,
		`(?m)^  узнаваемость +охват в месяц +35\x{a0}000 человек +38\x{a0}000 человек +108,6%$`,
		`(?m)^  вовлечение +ER +3,5% +4,2% +120%$`,
		`(?m)^  заказы +заказы из соцсетей +320 заказов +—$`,
		`(?m)^  лояльность +доля повторных +35% +—$`,
		`(?m)^  Telegram +34 +5 +1 +20% +30%$`,
		`(?m)^  вовлечение: Больше опросов в сторис$`,
		`(?m)^  заказы: Промокод «ХЛЕБ» только в Telegram$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("review lacks %s:\n%s", want, out)
		}
	}
	if code != 0 || stderr != "" {
		t.Errorf("review: exit %d, stderr %q", code, stderr)
	}
}
