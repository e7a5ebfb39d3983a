//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/calendar/spec"
	"github.com/contentplan/contentplan/export/xlsx"
	"github.com/contentplan/contentplan/internal/perf"
)

// buildBinary builds contentplan into a temporary folder: signals need a
// real process, not Main called in this one.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: builds the binary and runs a big plan")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: no go command to build the binary with")
	}
	bin := filepath.Join(t.TempDir(), "contentplan")
	out, err := exec.Command(gobin, "build", "-o", bin, "github.com/contentplan/contentplan/cmd/contentplan").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// earlier are the outputs of an earlier run, which an interrupted run must
// leave as they were; "notes.txt" is a file of the user's. The workbook is
// a real one, of a small plan: generate reads the workbook it replaces, to
// keep the writers' work (docs/spec.md, rule 9), and refuses to replace
// one it cannot read.
var earlier = map[string]string{
	"big.ics":   "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
	"big.xlsx":  earlierWorkbook(),
	"big.csv":   "id,date\n",
	"big.json":  "{}\n",
	"notes.txt": "mine",
}

// earlierWorkbook is the workbook of a week of one channel, of the same
// plan as the big spec (its id derives from the same name), so that it can
// be kept.
func earlierWorkbook() string {
	s, err := spec.Parse("small.toml", strings.NewReader(`[plan]
name = "Agency scale test"
start = 2027-01-04
end = 2027-01-10

[[channel]]
name = "Telegram"
frequency = "daily"
formats = ["text"]
`))
	if err != nil {
		panic(err)
	}
	plan, err := calendar.Build(s)
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, plan, xlsx.Options{}); err != nil {
		panic(err)
	}
	return buf.String()
}

// signalRun starts a generation of a big plan (60 channels at 3/day for a
// year: 65,700 posts, several seconds of writing) into a folder holding
// earlier outputs, with a private TMPDIR, and sends sig 200 ms after the
// temporary file of output "at" (big.ics, or big.xlsx written alone)
// appears, i.e. midway through writing it.
func signalRun(t *testing.T, bin string, sig syscall.Signal, at string) (dir, tmpdir string, err error, stderr string) {
	t.Helper()
	work := t.TempDir()
	spec := filepath.Join(work, "big.toml")
	var buf bytes.Buffer
	if err := perf.ScaleSpec(&buf, 60, 3, "2027-01-01", "2027-12-31"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, tmpdir = filepath.Join(work, "out"), filepath.Join(work, "tmp")
	for _, d := range []string{dir, tmpdir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range earlier {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The files are written side by side; to signal inside the workbook
	// for sure, it is written alone.
	formats := "ics,xlsx,csv,json"
	if at == "big.xlsx" {
		formats = "xlsx"
	}
	cmd := exec.Command(bin, "generate", spec, "-o", dir, "--format", formats)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmpdir, "SOURCE_DATE_EPOCH=1798761600")
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !slices.ContainsFunc(temps(t, dir), func(s string) bool { return strings.HasPrefix(s, "."+at+".tmp-") }) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("no temporary output appeared within 30 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // well into the file
	inTmp, _ := os.ReadDir(tmpdir)
	start := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	t.Logf("%v in %s: stopped %v after the signal; TMPDIR held %d files then", sig, at, time.Since(start).Round(time.Millisecond), len(inTmp))
	return dir, tmpdir, err, errBuf.String()
}

// temps lists the temporary outputs in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// checkEarlier fails unless dir holds exactly the earlier files with their
// bytes, plus the temporary files allowed.
func checkEarlier(t *testing.T, dir string, allowTemps bool) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		want, ok := earlier[e.Name()]
		if !ok {
			if allowTemps && strings.Contains(e.Name(), ".tmp-") {
				continue
			}
			t.Errorf("unexpected file %s in the output folder", e.Name())
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s changed (%d bytes now)", e.Name(), len(got))
		}
	}
	if len(ents) < len(earlier) {
		t.Errorf("output folder holds %d files, want at least the %d earlier ones", len(ents), len(earlier))
	}
}

// TestGenerateSignals sends SIGINT and SIGTERM to a real generate midway
// (in the calendar, and in the workbook, which excelize first streams to
// temporary files of its own): it exits 1 saying so, the earlier outputs
// keep their bytes, and no temporary file stays, neither ours in the output
// folder nor excelize's in TMPDIR.
//
// Then SIGKILL, which no program can catch: the earlier outputs still keep
// their bytes (they are only ever replaced by a rename), a stray temporary
// file may stay, and the next run of the same outputs succeeds and replaces
// them.
func TestGenerateSignals(t *testing.T) {
	bin := buildBinary(t)
	for _, tc := range []struct {
		sig syscall.Signal
		at  string
	}{
		{syscall.SIGINT, "big.ics"},
		{syscall.SIGTERM, "big.ics"},
		{syscall.SIGINT, "big.xlsx"},
	} {
		t.Run(tc.sig.String()+" in "+tc.at, func(t *testing.T) {
			dir, tmpdir, err, stderr := signalRun(t, bin, tc.sig, tc.at)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitRuntime {
				t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, exitRuntime, stderr)
			}
			if want := "error: interrupted: nothing written, earlier files left as they were\n"; stderr != want {
				t.Errorf("stderr %q, want %q", stderr, want)
			}
			checkEarlier(t, dir, false)
			if left, _ := os.ReadDir(tmpdir); len(left) > 0 {
				t.Errorf("TMPDIR holds %d files after the run, e.g. %s", len(left), left[0].Name())
			}
		})
	}
	t.Run("killed", func(t *testing.T) { testKilled(t, bin) })
}

func testKilled(t *testing.T, bin string) {
	dir, _, err, _ := signalRun(t, bin, syscall.SIGKILL, "big.ics")
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("exit: %v, want killed", err)
	}
	checkEarlier(t, dir, true)
	stray := temps(t, dir)
	t.Logf("left behind: %q", stray)

	// The same outputs again, from a small spec of the same name.
	spec := filepath.Join(filepath.Dir(dir), "big.toml")
	var buf bytes.Buffer
	if err := perf.ScaleSpec(&buf, 2, 1, "2027-01-01", "2027-01-31"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "generate", spec, "-o", dir, "--format", "ics,xlsx,csv,json").CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	for name, old := range earlier {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if (string(got) == old) != (name == "notes.txt") {
			t.Errorf("%s: replaced %v after the rerun", name, string(got) != old)
		}
	}
	if got := temps(t, dir); len(got) != len(stray) {
		t.Errorf("temporary files %q after the rerun, want only the killed run's %q", got, stray)
	}
}
