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

	"github.com/contentplan/contentplan/internal/perf"
)

// TestGenerateManySignal interrupts a run of two specs once the small one
// is written and the big one is midway: the small one's files stay, the big
// one's earlier files keep their bytes, no temporary file stays, and the
// run exits 1 saying how many specs were not written.
func TestGenerateManySignal(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	var big, small bytes.Buffer
	if err := perf.ScaleSpec(&big, 60, 3, "2027-01-01", "2027-12-31"); err != nil {
		t.Fatal(err)
	}
	if err := perf.QuarterSpec(&small, 1); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"big.toml": big.Bytes(), "small.toml": small.Bytes()} {
		if err := os.WriteFile(filepath.Join(work, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir, tmpdir := filepath.Join(work, "out"), filepath.Join(work, "tmp")
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
	cmd := exec.Command(bin, "generate", filepath.Join(work, "small.toml"), filepath.Join(work, "big.toml"), "-o", dir, "--format", "ics,xlsx,csv,json")
	// Four slots, so that the big spec's files do not keep the small one's
	// waiting on a machine of two cores.
	cmd.Env = append(os.Environ(), "TMPDIR="+tmpdir, "SOURCE_DATE_EPOCH=1798761600", "GOMAXPROCS=4")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := os.Stat(filepath.Join(dir, "small.json"))
		if err == nil && slices.ContainsFunc(temps(t, dir), func(s string) bool { return strings.HasPrefix(s, ".big.xlsx.tmp-") }) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the small spec's files and the big one's temporary workbook did not appear within 30 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitRuntime {
		t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, exitRuntime, stderr.String())
	}
	if want := "error: interrupted: 1 of 2 specs not written, their earlier files left as they were\n"; lastLine(stderr.String()) != want {
		t.Errorf("stderr ends %q, want %q", lastLine(stderr.String()), want)
	}
	var wrote []string
	for _, ext := range []string{"ics", "xlsx", "csv", "json"} {
		wrote = append(wrote, "wrote "+filepath.Join(dir, "small."+ext)+"\n")
	}
	if got := stdout.String(); got != strings.Join(wrote, "") {
		t.Errorf("stdout %q, want the small spec's files", got)
	}
	// Without the small spec's files, the folder holds the earlier ones.
	for _, f := range []string{"small.ics", "small.xlsx", "small.csv", "small.json"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	checkEarlier(t, dir, false)
	if left, _ := os.ReadDir(tmpdir); len(left) > 0 {
		t.Errorf("TMPDIR holds %d files after the run, e.g. %s", len(left), left[0].Name())
	}
}
