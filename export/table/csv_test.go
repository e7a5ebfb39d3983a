package table

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/golden"
)

func TestWriteCSVGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		plan func() *calendar.Plan
	}{
		{"posts.csv.golden", testutil.RecordPlan},
		{"empty.csv.golden", testutil.EmptyPlan},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tc.plan()); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name), buf.Bytes())
		})
	}
}

// TestWriteCSVReadsBack checks the csv with a real RFC 4180 reader: every
// row has every field, the header is Fields, and values survive quoting.
func TestWriteCSVReadsBack(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, testutil.RecordPlan()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\r\n") {
		t.Error("the csv does not end with CRLF")
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want header + 3", len(rows))
	}
	if got := strings.Join(rows[0], ","); got != strings.Join(Fields[:], ",") {
		t.Errorf("header %q", got)
	}
	for _, tc := range []struct {
		row, col int
		want     string
	}{
		{1, 4, "Instagram"},
		{1, 7, `menu, "seasonal"`},
		{1, 8, "reach"},
		{1, 10, "Кофе дня\nс корицей"},
		{1, 12, "2027-01-01"},
		{1, 13, "planned"},
		{1, 14, "1500"},
		{2, 4, `'=HYPERLINK("http://x")`},
		{2, 6, "borrowed"},
		{2, 7, "'-behind the bar"},
		{2, 9, "'@winter"},
		{2, 11, "'+Ilya"},
		{2, 13, "planned"},
		{1, 15, `Новогодние каникулы; =Launch, "day"`},
		{3, 4, ""},
		{3, 14, "0"},
		{3, 15, ""},
	} {
		if got := rows[tc.row][tc.col]; got != tc.want {
			t.Errorf("row %d %s = %q, want %q", tc.row, Fields[tc.col], got, tc.want)
		}
	}
}

func TestDefuseCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":           "",
		"Instagram":  "Instagram",
		"=1+1":       "'=1+1",
		"+7 999":     "'+7 999",
		"-x":         "'-x",
		"@sum":       "'@sum",
		"\tcmd":      "'\tcmd",
		"\rcmd":      "'\rcmd",
		"＝1":         "'＝1",
		"a=b":        "a=b",
		"'already":   "'already",
		"2027-01-04": "2027-01-04",
		"Кофе":       "Кофе",
	} {
		if got := DefuseCell(in); got != want {
			t.Errorf("DefuseCell(%q) = %q, want %q", in, got, want)
		}
	}
}
