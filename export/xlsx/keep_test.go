package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/i18n"
)

// edit changes cells of a workbook's sheet as a writer would: cells by
// post id and column, found through the header row.
func edit(t testing.TB, data []byte, sheet string, cells map[string]map[int]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	for r, row := range rows {
		if r == 0 || len(row) == 0 {
			continue
		}
		for col, v := range cells[row[colID-1]] {
			if err := f.SetCellValue(sheet, cellRef(col, r+1), v); err != nil {
				t.Fatal(err)
			}
			done++
		}
	}
	want := 0
	for _, c := range cells {
		want += len(c)
	}
	if done != want {
		t.Fatalf("edited %d cells, want %d: an id is not on %s", done, want, sheet)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// without is plan without the posts drop picks.
func without(plan *calendar.Plan, drop func(*calendar.Post) bool) *calendar.Plan {
	var posts []calendar.Post
	for p := range plan.Posts() {
		if !drop(&p) {
			posts = append(posts, p)
		}
	}
	cp := *plan
	cp.Total = len(posts)
	cp.SetPosts(slices.Values(posts))
	return &cp
}

// ids are the ids of the first posts of plan that pick picks, n at most.
func ids(plan *calendar.Plan, n int, pick func(*calendar.Post) bool) []string {
	var out []string
	for p := range plan.Posts() {
		if len(out) < n && pick(&p) {
			out = append(out, p.ID)
		}
	}
	return out
}

// rowsByID indexes rows by id.
func rowsByID(rows []Row) map[string]Row {
	m := map[string]Row{}
	for _, r := range rows {
		m[r.ID] = r
	}
	return m
}

// keepCase is a workbook the writers edited: some posts that the next plan
// keeps (stay), some of VK*'s, which it drops (gone).
type keepCase struct {
	full       *calendar.Plan
	edited     []byte
	stay, gone []string
}

func isVK(p *calendar.Post) bool { return p.Channel.Name == "VK*" }

func newKeepCase(t *testing.T) keepCase {
	full := xlsxPlan()
	v1, _ := writeXLSX(t, full, Options{Now: testNow})
	own := func(p *calendar.Post) bool { return !isVK(p) && p.Source == calendar.Own && p.Writer == "Katya" }
	stay, gone := ids(full, 3, own), ids(full, 2, isVK)
	edits := map[string]map[int]any{
		stay[0]: {colTitle: "Кофе дня", colCopy: "Новый раф 😀\nс корицей", colStatus: "На согласовании", colHashtags: "#кофе",
			colMedia: "https://example.com/m.jpg", colPublished: "https://t.me/x/1", colNotes: "срочно"},
		stay[1]: {colSource: "Borrowed", colSourceLink: "https://example.com/src", colWriter: "Vera", colStatus: "Approved"},
		stay[2]: {colDate: "2027-03-01", colChannel: "VK*", colTitle: "moved"},
		gone[0]: {colTitle: "Пост ВК", colCopy: "текст", colStatus: "Drafting"},
	}
	return keepCase{full: full, edited: edit(t, v1, "Plan", edits), stay: stay, gone: gone}
}

// TestKeep writes the next workbook of a plan that lost VK*'s posts, keeping
// the edited one's work: the surviving posts keep every edit, the lost ones
// are on "Removed" with their work, edits of the plan's own fields are
// reported and not taken.
func TestKeep(t *testing.T) {
	t.Parallel()
	kc := newKeepCase(t)
	full, stay, gone := kc.full, kc.stay, kc.gone
	b := readBytes(t, kc.edited)

	v2plan := without(full, isVK)
	var rep KeepReport
	v2, _ := writeXLSX(t, v2plan, Options{Now: testNow, Keep: NewKeep(b), Report: &rep})
	got := readBytes(t, v2)
	rows := rowsByID(got.Rows)
	r := rows[stay[0]]
	if r.Title != "Кофе дня" || r.Copy != "Новый раф 😀\nс корицей" || r.Status != "in review" || r.Hashtags != "#кофе" ||
		r.MediaLink != "https://example.com/m.jpg" || r.PublishedLink != "https://t.me/x/1" || r.Notes != "срочно" {
		t.Errorf("kept row %+v", r)
	}
	r = rows[stay[1]]
	if r.Source != calendar.Borrowed || r.SourceLink != "https://example.com/src" || r.Writer != "Vera" || r.Status != "approved" {
		t.Errorf("kept row %+v", r)
	}
	// The plan's values stand, and the hidden record keeps the plan's
	// writer and source, so the next run still sees Vera as an edit.
	if r.Generated.Writer != "Katya" || r.Generated.Source != calendar.Own {
		t.Errorf("generated %+v", r.Generated)
	}
	r = rows[stay[2]]
	if r.Title != "moved" || r.Channel == "VK*" || r.Date == calendar.MakeDate(2027, 3, 1) {
		t.Errorf("a plan's field edit was taken: %+v", r)
	}
	if len(got.Rows) != v2plan.Total {
		t.Errorf("%d rows, want %d", len(got.Rows), v2plan.Total)
	}
	removed := rowsByID(got.Removed)
	vk := 0
	for p := range full.Posts() {
		if isVK(&p) {
			vk++
			if _, ok := removed[p.ID]; !ok {
				t.Errorf("%s is not on Removed", p.ID)
			}
		}
	}
	if r := removed[gone[0]]; r.Title != "Пост ВК" || r.Copy != "текст" || r.Status != "drafting" || r.Channel != "VK*" || !r.HasDate {
		t.Errorf("removed row %+v", r)
	}
	if len(got.Removed) != vk || got.Removed[0].Sheet != "Removed" {
		t.Errorf("%d removed rows, want %d", len(got.Removed), vk)
	}
	wantRep := KeepReport{Files: []string{"plan.xlsx"}, Kept: 3, Moved: vk, Sheet: "Removed"}
	if rep.Kept != wantRep.Kept || rep.Moved != vk || rep.Stayed != 0 || rep.Restored != 0 || len(rep.Edits) != 1 || len(rep.Dups) != 0 {
		t.Errorf("report %+v", rep)
	}
	lines := rep.Lines()
	wantLines := []string{
		`kept the work of 3 posts from plan.xlsx; ` + strconv.Itoa(vk) + ` posts moved to "Removed"; 1 edit of plan-owned fields reported`,
		`plan.xlsx: sheet "Plan" row ` + strconv.Itoa(rowOf(t, full, stay[2])) + `: post ` + stay[2] + `: date changed from ` + dateOf(full, stay[2]) +
			` to 2027-03-01, channel changed from "` + channelOf(full, stay[2]) + `" to "VK*": not taken: the spec decides dates, times, channels and formats`,
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}

	// The same plan and kept workbook: the same bytes.
	again, _ := writeXLSX(t, v2plan, Options{Now: testNow, Keep: NewKeep(readBytes(t, kc.edited))})
	if !bytes.Equal(again, v2) {
		t.Error("the same plan and kept workbook give other bytes")
	}
}

// TestKeepWithoutOccasions: a workbook of an earlier version, without the
// Occasion column (the writers' work in the columns after it), is kept as
// any other: its work carried over, the new workbook with the column.
func TestKeepWithoutOccasions(t *testing.T) {
	t.Parallel()
	kc := newKeepCase(t)
	f, err := excelize.OpenReader(bytes.NewReader(kc.edited))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveCol("Plan", colName(colOccasion)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	old := readBytes(t, buf.Bytes())
	if r := rowsByID(old.Rows)[kc.stay[0]]; r.Title != "Кофе дня" || r.Occasion != "" || len(r.Problems) > 0 {
		t.Fatalf("the old workbook reads %+v", r)
	}
	var rep KeepReport
	next, _ := writeXLSX(t, kc.full, Options{Now: testNow, Keep: NewKeep(old), Report: &rep})
	got := rowsByID(readBytes(t, next).Rows)
	if r := got[kc.stay[0]]; r.Title != "Кофе дня" || r.Copy != "Новый раф 😀\nс корицей" || r.Status != "in review" {
		t.Errorf("kept row %+v", r)
	}
	marked := 0
	for p := range kc.full.Posts() {
		if want := calendar.NewOccasionText(kc.full).On(p.Date); got[p.ID].Occasion != want {
			t.Errorf("%s: occasion %q, want %q", p.ID, got[p.ID].Occasion, want)
		} else if want != "" {
			marked++
		}
	}
	if rep.Kept != 4 || marked == 0 { // the three surviving posts and the VK* post, whose work is kept too
		t.Errorf("report %+v, %d posts on a holiday or date", rep, marked)
	}
}

// TestKeepBack: when VK* comes back, its posts leave "Removed" with their
// work.
func TestKeepBack(t *testing.T) {
	t.Parallel()
	kc := newKeepCase(t)
	v2, _ := writeXLSX(t, without(kc.full, isVK), Options{Now: testNow, Keep: NewKeep(readBytes(t, kc.edited))})
	var rep KeepReport
	v3, _ := writeXLSX(t, kc.full, Options{Now: testNow, Keep: NewKeep(readBytes(t, v2)), Report: &rep})
	back := readBytes(t, v3)
	if len(back.Removed) != 0 || len(back.Rows) != kc.full.Total {
		t.Errorf("%d rows, %d removed", len(back.Rows), len(back.Removed))
	}
	if r := rowsByID(back.Rows)[kc.gone[0]]; r.Title != "Пост ВК" || r.Status != "drafting" {
		t.Errorf("back from Removed: %+v", r)
	}
	if rep.Restored != 1 || rep.Kept != 4 || rep.Moved != 0 || rep.Stayed != 0 {
		t.Errorf("report %+v", rep)
	}
	if f, _ := excelize.OpenReader(bytes.NewReader(v3)); f != nil {
		if slices.Contains(f.GetSheetList(), "Removed") {
			t.Error("an empty Removed sheet")
		}
		f.Close()
	}
}

// rowOf is the Plan row of post id.
func rowOf(t testing.TB, plan *calendar.Plan, id string) int {
	r := 1
	for p := range plan.Posts() {
		r++
		if p.ID == id {
			return r
		}
	}
	t.Fatalf("no post %s", id)
	return 0
}

func channelOf(plan *calendar.Plan, id string) string {
	for p := range plan.Posts() {
		if p.ID == id {
			return p.Channel.Name
		}
	}
	return ""
}

func dateOf(plan *calendar.Plan, id string) string {
	for p := range plan.Posts() {
		if p.ID == id {
			return p.Date.String()
		}
	}
	return ""
}

// TestKeepRemovedStays: rows on an old Removed sheet stay there, a second
// row of a post goes there too, and the report counts both.
func TestKeepRemovedStays(t *testing.T) {
	t.Parallel()
	full := xlsxPlan()
	v1, _ := writeXLSX(t, full, Options{Now: testNow})
	v2, _ := writeXLSX(t, without(full, isVK), Options{Now: testNow, Keep: NewKeep(readBytes(t, v1))})
	// A writer pastes a copy of a row with work of its own under the last.
	b2 := readBytes(t, v2)
	dup := b2.Rows[0]
	dup.Line, dup.Title = len(b2.Rows)+2, "a second try"
	b2.Rows = append(b2.Rows, dup)
	var rep KeepReport
	isTG := func(p *calendar.Post) bool { return p.Channel.Name == "=Telegram" }
	v3plan := without(full, func(p *calendar.Post) bool { return isVK(p) || isTG(p) })
	v3, _ := writeXLSX(t, v3plan, Options{Now: testNow, Keep: NewKeep(b2), Report: &rep})
	b3 := readBytes(t, v3)
	vk, tg := len(ids(full, 1000, isVK)), len(ids(full, 1000, isTG))
	if rep.Stayed != vk || rep.Moved != tg || len(rep.Dups) != 1 || len(b3.Removed) != vk+tg+1 {
		t.Errorf("report %+v, %d removed rows; want %d stayed, %d moved, 1 second row", rep, len(b3.Removed), vk, tg)
	}
	// Removed rows keep the order they came in: the Plan's first, then
	// the old Removed sheet's.
	if b3.Removed[0].Channel != "=Telegram" || b3.Removed[len(b3.Removed)-1].Channel != "VK*" {
		t.Errorf("removed rows: first %q, last %q", b3.Removed[0].Channel, b3.Removed[len(b3.Removed)-1].Channel)
	}
	line := rep.Lines()[0]
	if !strings.Contains(line, `already on "Removed" stay there`) || !strings.Contains(line, `1 second row of a post moved to "Removed"`) {
		t.Errorf("report %q", line)
	}
}

// TestKeepSplit: with --split writer, a post the manager gave to another
// writer takes its work to that writer's workbook, and a removed post goes
// to the workbook of the writer it names; a post without a writer takes
// its work to the workbook of the unassigned, removed or not.
func TestKeepSplit(t *testing.T) {
	t.Parallel()
	full := xlsxPlan()
	v1, _ := writeXLSX(t, full, Options{Now: testNow})
	katya := ids(full, 2, func(p *calendar.Post) bool { return p.Writer == "Katya" && p.Channel.Name != "VK*" })
	ilyaVK := ids(full, 1, func(p *calendar.Post) bool { return p.Writer == "Ilya" && p.Channel.Name == "VK*" })
	nobody := ids(full, 1, func(p *calendar.Post) bool { return p.Writer == "" && p.Channel.Name != "VK*" })
	nobodyVK := ids(full, 1, func(p *calendar.Post) bool { return p.Writer == "" && p.Channel.Name == "VK*" })
	edited := edit(t, v1, "Plan", map[string]map[int]any{
		katya[0]:    {colWriter: "Ilya", colTitle: "for Ilya now"},
		katya[1]:    {colTitle: "Katya's"},
		ilyaVK[0]:   {colTitle: "gone"},
		nobody[0]:   {colTitle: "who writes this?"},
		nobodyVK[0]: {colTitle: "gone, and nobody's"},
	})
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	v2plan := without(full, func(p *calendar.Post) bool { return p.Channel.Name == "VK*" })
	outs, err := Format{}.Outputs(v2plan, export.Options{Now: testNow, Split: "writer", Previous: func(suffix string) string {
		if suffix == ".xlsx" {
			return path
		}
		return ""
	}})
	if err != nil {
		t.Fatal(err)
	}
	books := map[string]*Workbook{}
	for _, out := range outs {
		var buf bytes.Buffer
		if err := out.Write(&buf, v2plan); err != nil {
			t.Fatal(err)
		}
		books[out.Suffix] = readBytes(t, buf.Bytes())
		if out.Report == nil || len(out.Report()) == 0 {
			t.Errorf("%s: no report", out.Suffix)
		}
	}
	ilya, kat := books["-Ilya.xlsx"], books["-Katya.xlsx"]
	if r, ok := rowsByID(ilya.Rows)[katya[0]]; !ok || r.Title != "for Ilya now" || r.Writer != "Ilya" {
		t.Errorf("the reassigned post in Ilya's workbook: %+v, %v", r, ok)
	}
	if _, ok := rowsByID(kat.Rows)[katya[0]]; ok {
		t.Error("the reassigned post is still in Katya's workbook")
	}
	if r := rowsByID(kat.Rows)[katya[1]]; r.Title != "Katya's" {
		t.Errorf("Katya's post: %+v", r)
	}
	if r, ok := rowsByID(ilya.Removed)[ilyaVK[0]]; !ok || r.Title != "gone" {
		t.Errorf("Ilya's removed post: %+v, %v", r, ok)
	}
	if _, ok := rowsByID(kat.Removed)[ilyaVK[0]]; ok {
		t.Error("Ilya's removed post in Katya's workbook")
	}
	if ilya.Writer != "Ilya" {
		t.Errorf("marker writer %q", ilya.Writer)
	}
	rest := books["-unassigned.xlsx"]
	if rest == nil || !rest.Unassigned || rest.Writer != "" {
		t.Fatalf("the unassigned workbook: %+v", rest)
	}
	if r, ok := rowsByID(rest.Rows)[nobody[0]]; !ok || r.Title != "who writes this?" {
		t.Errorf("the unassigned post in its workbook: %+v, %v", r, ok)
	}
	if r, ok := rowsByID(rest.Removed)[nobodyVK[0]]; !ok || r.Title != "gone, and nobody's" {
		t.Errorf("the removed unassigned post: %+v, %v", r, ok)
	}
	for name, b := range books {
		if name != "-unassigned.xlsx" {
			if _, ok := rowsByID(b.Rows)[nobody[0]]; ok {
				t.Errorf("the unassigned post in %s", name)
			}
			if _, ok := rowsByID(b.Removed)[nobodyVK[0]]; ok {
				t.Errorf("the removed unassigned post in %s", name)
			}
		}
	}
}

// TestKeepOutputs: the format reads the workbook being replaced before any
// file is written, and refuses one it cannot keep.
func TestKeepOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := xlsxPlan()
	plan.ID = "northwind"
	data, _ := writeXLSX(t, plan, Options{Now: testNow})
	ours := filepath.Join(dir, "ours.xlsx")
	junk := filepath.Join(dir, "junk.xlsx")
	os.WriteFile(ours, data, 0o644)
	os.WriteFile(junk, []byte("id,title\n"), 0o644)
	prev := func(p string) func(string) string { return func(string) string { return p } }

	outs, err := Format{}.Outputs(plan, export.Options{Previous: prev(ours)})
	if err != nil || len(outs) != 1 || outs[0].Report == nil {
		t.Fatalf("outputs %v, %v", outs, err)
	}
	if outs, err := (Format{}).Outputs(plan, export.Options{}); err != nil || outs[0].Report != nil {
		t.Errorf("no previous workbook: %v, report %v", err, outs[0].Report != nil)
	}
	if _, err := (Format{}).Outputs(plan, export.Options{Previous: prev(junk)}); err == nil ||
		!strings.Contains(err.Error(), "junk.xlsx: not an .xlsx workbook") {
		t.Errorf("junk: %v", err)
	}
	other := xlsxPlan()
	other.ID = "southwind"
	_, err = Format{}.Outputs(other, export.Options{Previous: prev(ours)})
	if err == nil || !strings.Contains(err.Error(), `the workbook of plan "Northwind Coffee, Q1 2027" (id "northwind"), not of this one (id "southwind")`) ||
		len(calendar.HintsOf(err)) == 0 {
		t.Errorf("another plan's workbook: %v", err)
	}
}

// TestKeepLanguage: a workbook kept into a plan now in Russian shows the
// statuses and sources in Russian.
func TestKeepLanguage(t *testing.T) {
	t.Parallel()
	plan := xlsxPlan()
	v1, _ := writeXLSX(t, plan, Options{Now: testNow})
	id := ids(plan, 1, func(p *calendar.Post) bool { return p.Source == calendar.Own })[0]
	edited := edit(t, v1, "Plan", map[string]map[int]any{id: {colStatus: "Scheduled", colSource: "Borrowed", colNotes: "a note"}})
	plan.Language = "ru"
	_, f := writeXLSX(t, plan, Options{Now: testNow, Keep: NewKeep(readBytes(t, edited))})
	tx := i18n.For("ru")
	r := rowOf(t, plan, id)
	for col, want := range map[int]string{colStatus: "Запланирован", colSource: tx.Borrowed, colNotes: "a note"} {
		if v, _ := f.GetCellValue(tx.SheetPlan, cellRef(col, r)); v != want {
			t.Errorf("column %d: %q, want %q", col, v, want)
		}
	}
}
