package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// mountTmpfs mounts a tmpfs of size bytes on a new folder and unmounts it
// when the test ends. It skips the test, saying why, where mounting is not
// permitted (not root, no CAP_SYS_ADMIN, a container without it).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	mnt := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("skipping: cannot mount a tmpfs here (%v); run as root to test a full disk", err)
	}
	// Registered after TempDir's own cleanup, so it runs before it.
	t.Cleanup(func() {
		if err := syscall.Unmount(mnt, 0); err != nil {
			t.Errorf("unmount %s: %v", mnt, err)
		}
	})
	return mnt
}

// seedEarlier writes earlier outputs into dir and returns a check that
// they are unchanged and that nothing else is in dir.
func seedEarlier(t *testing.T, dir string, files map[string]string) func() {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		t.Helper()
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			want, ok := files[e.Name()]
			if !ok {
				t.Errorf("%s left in %s", e.Name(), dir)
				continue
			}
			got, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("%s changed", e.Name())
			}
		}
		if len(ents) != len(files) {
			t.Errorf("%d files in %s, want the %d earlier ones", len(ents), dir, len(files))
		}
	}
}

// TestGenerateDiskFull generates the agency's plan (about 1 MB in four
// formats) onto a 256 KiB tmpfs: a real ENOSPC, not an injected one. It
// exits 1 naming the file and the reason, and leaves the earlier files and
// nothing else.
func TestGenerateDiskFull(t *testing.T) {
	mnt := mountTmpfs(t, "256k")
	check := seedEarlier(t, mnt, map[string]string{"agency.ics": "old calendar", "agency.csv": "old csv"})
	code, stdout, stderr := run(t, "", map[string]string{"SOURCE_DATE_EPOCH": "1798761600"},
		"generate", example("agency.toml"), "-o", mnt, "--format", "ics,xlsx,csv,json")
	if code != exitRuntime {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitRuntime, stderr)
	}
	stderr = lastLine(stderr) // after the spec's warnings
	// Which file fills the disk depends on the sizes; the message names it.
	if !strings.HasPrefix(stderr, "error: write "+mnt+"/agency.") || !strings.HasSuffix(stderr, ": no space left on device\n") {
		t.Errorf("stderr %q, want error: write %s/agency.<ext>: no space left on device", stderr, mnt)
	}
	if strings.Contains(stderr, ".tmp-") {
		t.Errorf("stderr names a temporary file: %q", stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing (no file written)", stdout)
	}
	check()
}

// TestGenerateReadOnlyFS generates into a read-only file system, which
// refuses root too (unlike a read-only folder, which io.txtar tests where
// the process is not root).
func TestGenerateReadOnlyFS(t *testing.T) {
	mnt := mountTmpfs(t, "1m")
	check := seedEarlier(t, mnt, map[string]string{"coffee.ics": "old calendar"})
	if err := syscall.Mount("", mnt, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("skipping: cannot remount read-only: %v", err)
	}
	code, stdout, stderr := run(t, "", nil, "generate", example("coffee.toml"), "-o", mnt, "--format", "ics,csv")
	if code != exitRuntime {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitRuntime, stderr)
	}
	if want := "error: write " + mnt + "/coffee.ics: read-only file system\n"; lastLine(stderr) != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	check()
}

// lastLine returns the last line of s, with its newline.
func lastLine(s string) string {
	return s[strings.LastIndex(strings.TrimSuffix(s, "\n"), "\n")+1:]
}
