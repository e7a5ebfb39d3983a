package export_test

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	calspec "github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/export/table"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/i18n"
	"github.com/contentplan/contentplan/internal/cli"
)

// hostilePlan builds testdata/hostile.toml: names that look like formulas,
// paths, device names, separators, quotes, emoji, Cyrillic, a newline.
func hostilePlan(t *testing.T) *calendar.Plan {
	t.Helper()
	data, err := os.ReadFile("../testdata/hostile.toml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := calspec.Parse("hostile.toml", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := calendar.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Total == 0 {
		t.Fatal("the hostile plan has no posts")
	}
	return plan
}

// formulaStart reports whether a spreadsheet would read s as a formula
// (OWASP's CSV injection list).
func formulaStart(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// TestHostileFilesStayInside runs generate on the hostile spec with every
// format and each --split: every file it makes is directly in the output
// folder, whatever the channel and writer names say.
func TestHostileFilesStayInside(t *testing.T) {
	t.Parallel()
	for _, split := range []string{"", "channel", "writer"} {
		t.Run("split="+split, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "a", "b", "out")
			args := []string{"generate", "../testdata/hostile.toml", "-o", out, "--format", "ics,xlsx,csv,json"}
			if split != "" {
				args = append(args, "--split", split)
			}
			var stdout, stderr bytes.Buffer
			env := &cli.Env{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr,
				Getenv: func(string) string { return "" },
				Now:    func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }}
			if code := cli.Main(args, env); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			n := 0
			err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.IsDir() {
					if rel, _ := filepath.Rel(root, path); !slices.Contains([]string{".", "a", filepath.Join("a", "b"), filepath.Join("a", "b", "out")}, rel) {
						t.Errorf("generate made a folder %s", rel)
					}
					return nil
				}
				if filepath.Dir(path) != out {
					t.Errorf("%s is outside the output folder", path)
				}
				if name := d.Name(); strings.HasPrefix(name, ".") || strings.ContainsAny(name, `\/:*?"<>|`) {
					t.Errorf("file name %q", name)
				}
				n++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Count(stdout.String(), "wrote "); n != want {
				t.Errorf("%d files in the output folder, generate wrote %d", n, want)
			}
		})
	}
}

// TestHostileWorkbook checks that no cell of the hostile workbook is a
// formula except the Mix's, the Writers', the Budget's, the KPI sheet's
// and the Plan's copy lengths, that those
// formulas hold no name the user typed (they refer to cells), and that
// formula-like names are stored as text.
func TestHostileWorkbook(t *testing.T) {
	t.Parallel()
	plan := hostilePlan(t)
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, plan, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tx := i18n.For(plan.Language)
	texts := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if formula != "" {
					// The Plan's copy length is the LEN of its row's Copy,
					// the cell on its left.
					copyCell, _ := excelize.CoordinatesToCellName(c, r+1)
					if sheet == tx.SheetPlan && formula == "LEN("+copyCell+")" {
						continue
					}
					if sheet != tx.SheetMix && sheet != tx.SheetWriters && sheet != tx.SheetBudget && sheet != tx.Review().Sheet {
						t.Errorf("%s!%s is a formula: %s", sheet, cell, formula)
					}
					// Names may appear only inside string literals
					// (criteria), quotes doubled: outside them is code.
					code, ok := outsideStrings(formula)
					if !ok {
						t.Errorf("%s!%s formula has an unclosed string: %s", sheet, cell, formula)
					}
					for _, bad := range []string{"HYPERLINK", "SUM(A1)", "cmd", "passwd", "CON"} {
						if strings.Contains(code, bad) {
							t.Errorf("%s!%s formula holds a typed name outside a string: %s", sheet, cell, formula)
						}
					}
					continue
				}
				if formulaStart(v) || formulaStart(strings.TrimPrefix(v, "'")) {
					typ, err := f.GetCellType(sheet, cell)
					if err != nil {
						t.Fatal(err)
					}
					if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s %q is stored as type %v, want text", sheet, cell, v, typ)
					}
					texts++
				}
			}
		}
	}
	if texts == 0 {
		t.Error("no formula-like text found in the workbook: is hostile.toml still hostile?")
	}
}

// outsideStrings returns formula without its string literals ("..." with
// "" for a quote), and whether every literal was closed.
func outsideStrings(formula string) (string, bool) {
	var b strings.Builder
	in := false
	for i := 0; i < len(formula); i++ {
		switch {
		case formula[i] != '"':
			if !in {
				b.WriteByte(formula[i])
			}
		case in && i+1 < len(formula) && formula[i+1] == '"':
			i++ // a doubled quote inside a literal
		default:
			in = !in
			b.WriteString(`""`)
		}
	}
	return b.String(), !in
}

// TestHostileCSV checks OWASP's advice on the hostile csv: a cell that
// starts with = + - @ (or tab, CR) gets a leading quote, and the rest of the
// cell is the name as typed.
func TestHostileCSV(t *testing.T) {
	t.Parallel()
	plan := hostilePlan(t)
	var buf bytes.Buffer
	if err := table.WriteCSV(&buf, plan); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != plan.Total+1 {
		t.Fatalf("%d records, want %d", len(records), plan.Total+1)
	}
	col := slices.Index(records[0], "channel")
	if col < 0 {
		t.Fatalf("no channel column in %q", records[0])
	}
	prefixed := 0
	for i, rec := range records[1:] {
		for j, v := range rec {
			if formulaStart(v) {
				t.Errorf("record %d field %d %q starts a formula", i+1, j, v)
			}
			if strings.HasPrefix(v, "'") && formulaStart(v[1:]) {
				prefixed++
			}
		}
	}
	// The channel column carries the names as typed, behind the prefix.
	i := 1
	for post := range plan.Posts() {
		want := post.Channel.Name
		if formulaStart(want) {
			want = "'" + want
		}
		if got := records[i][col]; got != want {
			t.Errorf("record %d channel %q, want %q", i, got, want)
		}
		i++
	}
	if prefixed == 0 {
		t.Error("no prefixed cell: is hostile.toml still hostile?")
	}
}

// TestHostileICS checks the hostile calendar: it passes LintICS, and its
// TEXT values unescape to exactly the names typed: the calendar's name
// (with its newline, quotes, comma, semicolon and backslash) and each
// event's categories (channel, format, pillar).
func TestHostileICS(t *testing.T) {
	t.Parallel()
	plan := hostilePlan(t)
	var buf bytes.Buffer
	if err := ics.Write(&buf, plan, ics.Options{Deadlines: true}); err != nil {
		t.Fatal(err)
	}
	if errs := testutil.LintICS(buf.Bytes()); len(errs) > 0 {
		t.Fatalf("lint: %v", errs)
	}
	posts := map[string]calendar.Post{}
	for p := range plan.Posts() {
		posts[p.ID+"@contentplan"] = p
	}
	var uid string
	var cats []string
	names, events := 0, 0
	for _, line := range unfold(t, buf.String()) {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", line)
		}
		name, _, _ = strings.Cut(name, ";")
		switch name {
		case "NAME", "X-WR-CALNAME":
			if got := unescapeText(t, value); got != plan.Name {
				t.Errorf("%s unescapes to %q, want %q", name, got, plan.Name)
			}
			names++
		case "UID":
			uid = value
		case "CATEGORIES":
			for _, v := range splitText(value) {
				cats = append(cats, unescapeText(t, v))
			}
		case "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT":
			unescapeText(t, value) // only well-formed escapes
		case "END":
			if value != "VEVENT" {
				continue
			}
			if p, ok := posts[uid]; ok {
				events++
				want := []string{p.Channel.Name, p.Format.Name}
				if p.Pillar != nil {
					want = append(want, p.Pillar.Name)
				}
				for _, w := range want {
					if !slices.Contains(cats, w) {
						t.Errorf("event %s: categories %q lack %q", uid, cats, w)
					}
				}
			}
			uid, cats = "", nil
		}
	}
	if names != 2 {
		t.Errorf("found %d calendar names, want NAME and X-WR-CALNAME", names)
	}
	if events != plan.Total {
		t.Errorf("checked %d events, want %d", events, plan.Total)
	}
}

// unfold joins folded content lines (RFC 5545 section 3.1).
func unfold(t *testing.T, s string) []string {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatal("the calendar starts with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// splitText splits a TEXT list at its unescaped commas.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unescapeText undoes RFC 5545 TEXT escaping, failing on what a writer may
// not put there: a lone backslash, an unknown escape, a bare comma or
// semicolon.
func unescapeText(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			if i+1 == len(s) {
				t.Errorf("text %q ends in a backslash", s)
				return b.String()
			}
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			case '\\', ',', ';':
				b.WriteByte(s[i])
			default:
				t.Errorf("text %q: unknown escape \\%c", s, s[i])
			}
		case ',', ';':
			t.Errorf("text %q: unescaped %c", s, c)
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
