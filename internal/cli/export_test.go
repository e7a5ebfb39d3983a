package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// approveAll sets every post of a generated workbook's Plan sheet to
// Approved, with copy.
func approveAll(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Plan")
	if err != nil {
		t.Fatal(err)
	}
	// The columns by their headers, so that a column added to the Plan
	// sheet does not move what this edits.
	status, copyCol := slices.Index(rows[0], "Status")+1, slices.Index(rows[0], "Copy")+1
	if status == 0 || copyCol == 0 {
		t.Fatalf("no Status or Copy header in %q", rows[0])
	}
	for r := 2; r <= len(rows); r++ {
		statusCell, _ := excelize.CoordinatesToCellName(status, r)
		copyCell, _ := excelize.CoordinatesToCellName(copyCol, r)
		f.SetCellValue("Plan", statusCell, "Approved")
		f.SetCellValue("Plan", copyCell, fmt.Sprintf("Post %d", r))
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestExportUploadNow: without --upload-at the upload is the clock's now
// (2027-01-01 12:00 UTC); with it, a wall time in the plan's zone. The
// plan's posts are daily at 15:00 in Honolulu (UTC−10) from 2027-01-04.
func TestExportUploadNow(t *testing.T) {
	t.Parallel()
	spec := strings.Replace(zoned("Pacific/Honolulu"), `formats = ["text"]`, "formats = [\"text\"]\ntimes = [\"15:00\"]", 1)
	path := generated(t, spec)
	approveAll(t, path)
	for _, tc := range []struct {
		upload string
		code   int
		out    string
	}{
		{"", 0, "7 of 7 approved posts exported for Buffer in 1 file\n"},
		// 15:00 on the 4th in Honolulu is 01:00 on the 5th in UTC.
		{"2027-01-04 14:59", 0, "7 of 7 approved posts exported"},
		{"2027-01-04 15:00", 3, "in the past: 2027-01-04 15:00 is not after the upload at 2027-01-04 15:00"},
		{"2027-01-05T01:00:00Z", 3, "6 of 7 approved posts exported for Buffer in 1 file; 1 left out"},
	} {
		args := []string{"export", "--to", "buffer", path, "-o", t.TempDir()}
		if tc.upload != "" {
			args = append(args, "--upload-at", tc.upload)
		}
		code, out, stderr := run(t, "", nil, args...)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Errorf("--upload-at %q: exit %d, stdout %q, stderr %q; want %d and %q", tc.upload, code, out, stderr, tc.code, tc.out)
		}
	}
}

// TestParseUploadAt: the forms --upload-at takes; a wall time that the
// clocks skip is read as rule 8 reads the plan's.
func TestParseUploadAt(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, tc := range []struct {
		in, want string // want in UTC, "" for an error
	}{
		{"2027-01-04 09:00", "2027-01-04T08:00:00Z"},
		{" 2027-01-04T09:00 ", "2027-01-04T08:00:00Z"},
		{"2027-01-04T09:00:00+03:00", "2027-01-04T06:00:00Z"},
		{"2027-03-28 02:30", "2027-03-28T01:30:00Z"},
		{"2027-01-04", ""},
		{"09:00", ""},
		{"2027-02-30 09:00", ""},
		{"tomorrow", ""},
	} {
		got, err := parseUploadAt(tc.in, berlin)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("%q: %v, want an error", tc.in, got)
		case tc.want != "" && (err != nil || got.UTC().Format(time.RFC3339) != tc.want):
			t.Errorf("%q: %v, %v; want %s", tc.in, got.UTC(), err, tc.want)
		}
	}
}

// FuzzParseUploadAt: any text is a time or a usage error with a hint,
// never a panic; a time read from a wall-clock form shows that wall clock
// again, or a later one where the clocks skip it.
func FuzzParseUploadAt(f *testing.F) {
	for _, s := range []string{"2027-01-04 09:00", "2027-03-28T02:30", "2027-01-04T09:00:00+03:00", "", "x"} {
		f.Add(s)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseUploadAt(s, berlin)
		if err != nil {
			if !strings.Contains(err.Error(), "not a time") {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if wall, perr := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), time.UTC); perr == nil {
			if got.In(berlin).Format("2006-01-02 15:04") < wall.Format("2006-01-02 15:04") {
				t.Fatalf("%q read as %v", s, got.In(berlin))
			}
		}
	})
}
