package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/calendar/spec"
)

// run runs the CLI in process with the given environment variables.
func run(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &Env{
		In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC) },
	}
	code = Main(args, e)
	return code, out.String(), errOut.String()
}

func example(name string) string { return filepath.Join("..", "..", "testdata", name) }

func TestExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stderr string // a substring of stderr
	}{
		{"help", []string{"--help"}, "", 0, ""},
		{"version", []string{"version"}, "", 0, ""},
		{"validate", []string{"validate", example("coffee.toml")}, "", 0, ""},
		{"stdin", []string{"validate", "-"}, "[plan]\nname = \"x\"\nquarter = \"2027-Q1\"\n[[channel]]\nname = \"VK\"\nfrequency = \"daily\"\nformats = [\"text\"]\n", 0, ""},
		{"bad stdin", []string{"validate", "-"}, "[plan]\n", 2, "<stdin>"},
		{"missing spec", []string{"validate", filepath.Join(dir, "nope.toml")}, "", 1, "no such file or directory"},
		{"no args", []string{"show"}, "", 2, "show wants 1 argument(s)"},
		{"unknown command", []string{"plan"}, "", 2, `unknown command "plan"`},
		{"unknown flag", []string{"validate", "--fast", "x.toml"}, "", 2, "unknown flag: --fast"},
		{"bad format", []string{"generate", example("coffee.toml"), "-o", dir, "--format", "ics,docx"}, "", 2, `--format "docx": unknown format`},
		{"bad split", []string{"generate", example("coffee.toml"), "-o", dir, "--split", "day"}, "", 2, `--split "day"`},
		{"no writers", []string{"generate", example("coffee.toml"), "-o", dir, "--split", "writer"}, "", 2, "the spec has no writers"},
		{"bad shell", []string{"completion", "sh"}, "", 2, `unknown shell "sh"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := run(t, tc.stdin, nil, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tc.stderr)
			}
		})
	}
}

// TestStarter checks that the spec init writes validates and generates as
// is, with no warnings, in every format, and that the schema its first
// line names is beside it.
func TestStarter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.toml")
	if code, _, stderr := run(t, "", nil, "init", path); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The starter spec after the schema line, with a random plan id in
	// place of the placeholder.
	body, ok := bytes.CutPrefix(got, []byte("#:schema ./contentplan.schema.json\n"))
	m := starterIDLine.FindSubmatch(body)
	if !ok || m == nil || !bytes.Equal(bytes.Replace(body, m[1], []byte(starterID), 1), starter) {
		t.Fatalf("init wrote %q", got)
	}
	if !calendar.ValidPlanID(strings.Trim(string(m[1]), `"`)) {
		t.Errorf("plan id %s", m[1])
	}
	if got, err := os.ReadFile(filepath.Join(dir, "contentplan.schema.json")); err != nil || !bytes.Equal(got, spec.Schema()) {
		t.Fatalf("init wrote the schema %.40q (%v)", got, err)
	}
	code, stdout, stderr := run(t, "", nil, "validate", path)
	if code != 0 || stderr != "" {
		t.Fatalf("validate: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, ": ok\n") {
		t.Errorf("validate: %s", stdout)
	}
	code, stdout, stderr = run(t, "", map[string]string{"SOURCE_DATE_EPOCH": "0"}, "generate", path, "-o", dir, "--format", "ics,xlsx,csv,json")
	if code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	for _, ext := range []string{"ics", "xlsx", "csv", "json"} {
		if fi, err := os.Stat(filepath.Join(dir, "plan."+ext)); err != nil || fi.Size() == 0 {
			t.Errorf("plan.%s: %v", ext, err)
		}
	}
	if strings.Count(stdout, "wrote ") != 4 {
		t.Errorf("stdout %q", stdout)
	}
}

// starterIDLine finds the plan id that init writes: 12 characters of a-z
// and 0-9.
var starterIDLine = regexp.MustCompile(`(?m)^id += ("[a-z0-9]{12}")`)

// TestInitIDs: every spec init writes has a plan id of its own.
func TestInitIDs(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 50 {
		code, stdout, stderr := run(t, "", nil, "init", "-")
		m := starterIDLine.FindStringSubmatch(stdout)
		if code != 0 || m == nil {
			t.Fatalf("init -: exit %d, no id line: %s%s", code, stdout, stderr)
		}
		if seen[m[1]] {
			t.Fatalf("init wrote plan id %s twice", m[1])
		}
		seen[m[1]] = true
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.toml")
	os.WriteFile(path, []byte("mine"), 0o644)
	code, _, stderr := run(t, "", nil, "init", path)
	if code != 2 || !strings.Contains(stderr, "already exists") || !strings.Contains(stderr, "hint: ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("the file became %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// failing is a stdout that cannot be written (a closed pipe).
type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestBrokenStdout(t *testing.T) {
	t.Parallel()
	e := &Env{In: strings.NewReader(""), Out: failing{}, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }, Now: time.Now}
	if code := Main([]string{"init", "-"}, e); code != 1 {
		t.Errorf("init - to a broken stdout: exit %d, want 1", code)
	}
}

func TestStamp(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 5, 6, 7, 8, 9, 500, time.FixedZone("x", 3600))
	for _, tc := range []struct {
		env  string
		want time.Time
		bad  bool
	}{
		{"", time.Date(2030, 5, 6, 6, 8, 9, 0, time.UTC), false},
		{"0", time.Unix(0, 0).UTC(), false},
		{"1798761600", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"-1", time.Time{}, true},
		{"1.5", time.Time{}, true},
		{"99999999999999", time.Time{}, true},
		{"soon", time.Time{}, true},
	} {
		got, err := stamp(&Env{Getenv: func(string) string { return tc.env }, Now: func() time.Time { return now }})
		if (err != nil) != tc.bad || !got.Equal(tc.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v, %v", tc.env, got, err)
		}
	}
}

func TestParseFormats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   []string
		want string
		bad  bool
	}{
		{[]string{"ics", "xlsx"}, "ics,xlsx", false},
		{[]string{"JSON", " csv ", "json"}, "json,csv", false},
		{[]string{"ics", ""}, "ics", false},
		{[]string{""}, "", true},
		{[]string{"pdf"}, "", true},
	} {
		got, err := parseFormats(tc.in)
		if (err != nil) != tc.bad || strings.Join(got, ",") != tc.want {
			t.Errorf("parseFormats(%q) = %q, %v", tc.in, got, err)
		}
	}
}

func TestBaseName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"plan.toml": "plan", "testdata/coffee.toml": "coffee", "a.b.toml": "a.b",
		"noext": "noext", ".hidden": ".hidden", "-": "plan", "/": "plan",
	} {
		if got := baseName(in); got != want {
			t.Errorf("baseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShare(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		part, whole int
		want        string
	}{{0, 0, "0%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"}, {1, 4, "25%"}, {10, 52, "19.2%"}, {5, 5, "100%"}} {
		if got := share(tc.part, tc.whole); got != tc.want {
			t.Errorf("share(%d, %d) = %q, want %q", tc.part, tc.whole, got, tc.want)
		}
	}
}

// TestWarningsOnce: the spec's warnings, then what scheduling found, each
// once, in that order (the spec and the plan each hold only their own).
func TestWarningsOnce(t *testing.T) {
	spec := `[plan]
name = "x"
start = 2027-03-01
end = 2027-03-21
skip_holidays = true

[[channel]]
name = "Telegram"
frequency = "3/week"
formats = ["text"]

[[writer]]
name = "Ann"
capacity = "1/week"
`
	code, _, stderr := run(t, spec, nil, "validate", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The plan's id, derived from its name, is said once, at [plan].
	want := `warning: <stdin>:1:1: plan: no id; post ids use "x", derived from the name
hint: add id = "x" to [plan] so that renaming the plan keeps every post id
warning: <stdin>:5:17: plan.skip_holidays: no effect without plan.holidays
hint: set holidays = "RU" (or another country code) to skip its public holidays
warning: <stdin>:12:1: writers: week 2027-W08: 1 Telegram post unassigned: Ann (capacity 1) is full, 2 posts due for Telegram
warning: <stdin>:12:1: writers: week 2027-W09: 2 Telegram posts unassigned: Ann (capacity 1) is full, 3 posts due for Telegram
warning: <stdin>:12:1: writers: week 2027-W10: 2 Telegram posts unassigned: Ann (capacity 1) is full, 3 posts due for Telegram
hint: raise the writers' capacity, add writers, or let more writers take these channels
`
	if stderr != want {
		t.Errorf("stderr\n%s\nwant\n%s", stderr, want)
	}
}
