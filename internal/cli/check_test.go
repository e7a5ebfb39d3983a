package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

// zoned is a plan in zone whose first draft is due on 2027-01-01, the
// day of run's clock in UTC (12:00).
func zoned(zone string) string {
	return `[plan]
name = "Zoned"
start = 2027-01-04
end = 2027-01-10
timezone = "` + zone + `"

[[channel]]
name = "Telegram"
frequency = "daily"
formats = ["text"]
`
}

// generated writes the workbook of spec (TOML text) into a new folder and
// returns its path.
func generated(t *testing.T, spec string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.toml")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", map[string]string{"SOURCE_DATE_EPOCH": "1798761600"}, "generate", path, "-o", dir, "--format", "xlsx"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	return filepath.Join(dir, "plan.xlsx")
}

// TestCheckToday: without --today, today is the clock's day in the plan's
// zone. At 12:00 UTC on 2027-01-01 it is already the 2nd in Kiritimati
// (UTC+14), where the draft due on the 1st is past due, and still the 1st
// in Honolulu (UTC−10), where it is not.
func TestCheckToday(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		zone, today string
		code        int
		stdout      string
	}{
		{"Pacific/Kiritimati", "", 3, "draft due 2027-01-01, 1 day ago; status still \"planned\"\n"},
		{"Pacific/Honolulu", "", 0, "all 7 posts hold\n"},
		{"Pacific/Honolulu", "2027-01-01", 0, "all 7 posts hold\n"},
		// The drafts of the 4th, 5th and 6th are due on the 1st (the
		// weekend is no working day), the 7th's on the 4th.
		{"Pacific/Honolulu", "2027-01-02", 3, "3 findings in 7 posts\n"},
		{"Pacific/Honolulu", "2027-01-04", 3, "3 findings in 7 posts\n"},
		{"Pacific/Honolulu", "2027-01-05", 3, "4 findings in 7 posts\n"},
	} {
		t.Run(tc.zone+tc.today, func(t *testing.T) {
			t.Parallel()
			args := []string{"check", generated(t, zoned(tc.zone))}
			if tc.today != "" {
				args = append(args, "--today", tc.today)
			}
			code, stdout, stderr := run(t, "", nil, args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || stderr != "" {
				t.Errorf("exit %d, want %d; stdout:\n%s\nwant it to hold %q; stderr:\n%s", code, tc.code, stdout, tc.stdout, stderr)
			}
		})
	}
}

// TestCheckUnknownZone: a workbook whose zone does not load checks in UTC,
// and says so; the spec's zone is taken when there is a spec.
func TestCheckUnknownZone(t *testing.T) {
	t.Parallel()
	var errOut bytes.Buffer
	o := &checkOptions{env: &Env{ErrOut: &errOut, Now: func() time.Time { return time.Date(2027, 1, 1, 23, 0, 0, 0, time.UTC) }}}
	b := &xlsx.Workbook{File: "plan.xlsx", Timezone: "Mars/Olympus"}
	if got := o.todayIn(b, nil); got != calendar.MakeDate(2027, 1, 1) {
		t.Errorf("today %s, want 2027-01-01", got)
	}
	if want := "warning: plan.xlsx: time zone \"Mars/Olympus\" unknown: today is 2027-01-01 in UTC\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
	errOut.Reset()
	moscow, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Skip(err)
	}
	if got := o.todayIn(b, &calendar.Spec{Plan: calendar.PlanSpec{Location: moscow}}); got != calendar.MakeDate(2027, 1, 2) || errOut.Len() != 0 {
		t.Errorf("today %s, want 2027-01-02 in the spec's zone; stderr %q", got, errOut.String())
	}
}

// TestCheckExitCodes: what check says, and its exit code, for each kind of
// argument.
func TestCheckExitCodes(t *testing.T) {
	t.Parallel()
	plan := generated(t, zoned("Europe/Moscow"))
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.xlsx")
	if err := os.WriteFile(notes, []byte("not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same plan (its id derives from the same name) whose channel was
	// renamed, and another plan.
	renamed := filepath.Join(dir, "renamed.toml")
	if err := os.WriteFile(renamed, []byte(strings.Replace(zoned("UTC"), "Telegram", "VK", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.toml")
	if err := os.WriteFile(other, []byte(strings.Replace(zoned("UTC"), `name = "Zoned"`, `name = "Other"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // a substring of stdout
		stderr string // a substring of stderr
	}{
		{"holds", []string{"check", plan, "--today", "2026-12-01"}, "", 0, "all 7 posts hold", ""},
		{"past due", []string{"check", plan, "--today", "2027-02-01"}, "", 3, "7 findings in 7 posts", ""},
		{"the spec", []string{"check", plan, "--spec", "-", "--today", "2026-12-01"}, zoned("UTC"), 0, "all 7 posts hold", ""},
		{"a channel the spec lacks", []string{"check", plan, "--spec", renamed, "--today", "2026-12-01"}, "", 3, `channel "Telegram": not in the spec`, ""},
		{"another plan's spec", []string{"check", plan, "--spec", other}, "", 2, "", `the plan "Other" (id "other")`},
		{"an invalid spec", []string{"check", plan, "--spec", "-"}, "[plan]\n", 2, "", "<stdin>"},
		{"a spec that is missing", []string{"check", plan, "--spec", filepath.Join(dir, "nope.toml")}, "", 1, "", "no such file"},
		{"not a workbook", []string{"check", notes}, "", 2, "", "not an .xlsx workbook"},
		{"no file", []string{"check", filepath.Join(dir, "nope.xlsx")}, "", 1, "", "no such file"},
		{"a bad --today", []string{"check", plan, "--today", "tomorrow"}, "", 2, "", `--today "tomorrow": not a date`},
		{"no workbook", []string{"check"}, "", 2, "", "check wants 1 argument(s) (PLAN.xlsx), got 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tc.stdin, nil, tc.args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nwant %q in it\nstderr:\n%s\nwant %q in it", code, tc.code, stdout, tc.stdout, stderr, tc.stderr)
			}
		})
	}
}
