package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/internal/perf"
)

// TestSheetLimit: generate asks the workbook whether it holds the plan
// before any work, and says its refusal as a usage error naming --split;
// a calendar alone goes ahead. (Every refusal's wording, and the splits by
// writer, are export/xlsx's TestCheck.)
func TestSheetLimit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		plan  *calendar.Plan
		xlsx  bool
		split string
		want  string // "" for no error
	}{
		{"fits", &calendar.Plan{File: "big.toml", Total: sheetRows}, true, "", ""},
		{"calendar only", &calendar.Plan{File: "big.toml", Total: sheetRows + 1}, false, "", ""},
		{"too big, no writers", &calendar.Plan{File: "big.toml", Total: sheetRows + 1}, true, "",
			"big.toml: 1048576 posts do not fit one workbook sheet, which holds 1048575; nothing written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := sheetLimit(t, tc.plan, tc.xlsx, tc.split)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			ue, ok := err.(*calendar.HintError)
			if !ok {
				t.Fatalf("error %v (%T), want a usage error", err, err)
			}
			if all := ue.Msg + "\n" + strings.Join(ue.Hints, "\n"); !strings.Contains(all, tc.want) || !strings.Contains(all, "--split") {
				t.Errorf("error %q, want it to say %q and name --split", all, tc.want)
			}
		})
	}
}

// sheetRows is how many posts a workbook's Plan sheet holds: a sheet's
// 1,048,576 rows less the header.
const sheetRows = 1048575

// sheetLimit is what generate says of plan before any work: the formats'
// refusal, or that of a file that would replace the spec.
func sheetLimit(t *testing.T, plan *calendar.Plan, xlsx bool, split string) error {
	t.Helper()
	o := &generateOptions{env: &Env{Getenv: func(string) string { return "" }, Now: time.Now},
		spec: plan.File, dir: t.TempDir(), formats: []string{"ics"}, split: split}
	if xlsx {
		o.formats = []string{"ics", "xlsx"}
	}
	chosen, opt, err := o.choices()
	if err != nil {
		t.Fatal(err)
	}
	_, err = o.outputs(plan, chosen, opt)
	return err
}

// TestSheetLimitEndToEnd: 1000 channels at 3/day for a year (1,095,000
// posts) exit 2 at once, naming --split, and write nothing at all.
func TestSheetLimitEndToEnd(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "over.toml")
	var b bytes.Buffer
	if err := perf.ScaleSpec(&b, 1000, 3, "2027-01-01", "2027-12-31"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := run(t, "", nil, "generate", spec, "-o", out)
	if code != 2 || !strings.Contains(stderr, "1095000 posts do not fit") || !strings.Contains(stderr, "--split") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder was made (%v)", err)
	}
	// The calendar alone has no such limit.
	if code, _, stderr := run(t, "", nil, "validate", spec); code != 0 {
		t.Errorf("validate: exit %d: %s", code, stderr)
	}
}
