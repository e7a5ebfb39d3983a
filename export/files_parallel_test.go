package export

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriteFilesConcurrent: the files are written at the same time (each
// writer here waits until the other has started), and a failing one stops
// the other at its next write, its error being the one returned.
func TestWriteFilesConcurrent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.ics"), filepath.Join(dir, "b.xlsx")
	started := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
	meet := func(me int) func(io.Writer) error {
		return func(w io.Writer) error {
			close(started[me])
			select {
			case <-started[1-me]:
			case <-time.After(10 * time.Second):
				return errors.New("the other file was not being written at the same time")
			}
			_, err := io.WriteString(w, "ok")
			return err
		}
	}
	if err := WriteFiles(t.Context(), File{a, meet(0)}, File{b, meet(1)}); err != nil {
		t.Fatal(err)
	}
	if names := listDir(t, dir); strings.Join(names, " ") != "a.ics b.xlsx" {
		t.Fatalf("folder holds %q", names)
	}

	// The second writer would write forever; the first one's failure ends it.
	dir = t.TempDir()
	a, b = filepath.Join(dir, "a.ics"), filepath.Join(dir, "b.xlsx")
	fail := func(w io.Writer) error { return errors.New("calendar: boom") }
	forever := func(w io.Writer) error {
		for {
			if _, err := w.Write([]byte("row\n")); err != nil {
				return err
			}
		}
	}
	done := make(chan error, 1)
	go func() { done <- WriteFiles(context.Background(), File{b, forever}, File{a, fail}) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a.ics: calendar: boom") {
			t.Errorf("error %v, want the calendar's", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the failure of one file did not stop the other")
	}
	if names := listDir(t, dir); len(names) != 0 {
		t.Errorf("folder holds %q, want nothing", names)
	}
}
