package export

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// faultyWriter passes n bytes through to w and then fails every write with
// err, the way a file fails when the disk fills midway.
type faultyWriter struct {
	w   io.Writer
	n   int
	err error
}

func (f *faultyWriter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, f.err
	}
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, f.err
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// chunks writes n chunks of 1 KiB to w, calling each(i) before chunk i.
func chunks(n int, each func(i int)) func(io.Writer) error {
	return func(w io.Writer) error {
		chunk := bytes.Repeat([]byte("new data "), 1024/9+1)[:1024]
		for i := range n {
			if each != nil {
				each(i)
			}
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	}
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestWriteFilesFailures runs WriteFiles over two earlier outputs, failing
// or cancelling in different places: whatever happens, both earlier files
// keep their bytes and no temporary file stays in the folder.
func TestWriteFilesFailures(t *testing.T) {
	t.Parallel()
	enospc := &fs.PathError{Op: "write", Path: "/x/.plan.ics.tmp-1", Err: syscall.ENOSPC}
	for _, tc := range []struct {
		name    string
		first   func(ctx context.Context, cancel func()) func(io.Writer) error
		second  func(ctx context.Context, cancel func()) func(io.Writer) error
		wantErr error  // errors.Is target
		wantMsg string // substring of the message
	}{
		{
			name: "first write fails midway",
			first: func(context.Context, func()) func(io.Writer) error {
				return func(w io.Writer) error {
					return chunks(100, nil)(&faultyWriter{w: w, n: 10_000, err: enospc})
				}
			},
			second:  func(context.Context, func()) func(io.Writer) error { return chunks(1, nil) },
			wantErr: syscall.ENOSPC,
			wantMsg: "plan.ics: write /x/.plan.ics.tmp-1: no space left on device",
		},
		{
			name:  "second write fails after the first is complete",
			first: func(context.Context, func()) func(io.Writer) error { return chunks(5, nil) },
			second: func(context.Context, func()) func(io.Writer) error {
				return func(w io.Writer) error {
					chunks(3, nil)(w)
					return errors.New("workbook: boom")
				}
			},
			wantMsg: "plan.xlsx: workbook: boom",
		},
		{
			name: "cancelled midway through the first",
			first: func(_ context.Context, cancel func()) func(io.Writer) error {
				return chunks(100, func(i int) {
					if i == 10 {
						cancel()
					}
				})
			},
			second:  func(context.Context, func()) func(io.Writer) error { return chunks(1, nil) },
			wantErr: context.Canceled,
		},
		{
			name: "cancelled after the last write, before renaming",
			first: func(context.Context, func()) func(io.Writer) error {
				return chunks(3, nil)
			},
			second: func(_ context.Context, cancel func()) func(io.Writer) error {
				return func(w io.Writer) error {
					err := chunks(3, nil)(w)
					cancel()
					return err
				}
			},
			wantErr: context.Canceled,
		},
		{
			name: "writer swallows the cancellation's write error",
			first: func(_ context.Context, cancel func()) func(io.Writer) error {
				return func(w io.Writer) error {
					cancel()
					w.Write([]byte("ignored"))
					return errors.New("short write")
				}
			},
			second:  func(context.Context, func()) func(io.Writer) error { return chunks(1, nil) },
			wantErr: context.Canceled,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ics, xlsx := filepath.Join(dir, "plan.ics"), filepath.Join(dir, "plan.xlsx")
			old := map[string][]byte{ics: []byte("old calendar\n"), xlsx: []byte("old workbook\n")}
			for p, b := range old {
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			err := WriteFiles(ctx,
				File{Path: ics, Write: tc.first(ctx, cancel)},
				File{Path: xlsx, Write: tc.second(ctx, cancel)})
			if err == nil {
				t.Fatal("WriteFiles succeeded")
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
			if tc.wantMsg != "" && !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q, want it to contain %q", err, tc.wantMsg)
			}
			for p, b := range old {
				got, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, b) {
					t.Errorf("%s changed to %q", filepath.Base(p), got)
				}
			}
			if names := listDir(t, dir); len(names) != 2 {
				t.Errorf("folder holds %q, want only plan.ics and plan.xlsx", names)
			}
		})
	}
}

// TestWriteFileReplaces checks the plain path: a new file, a replaced one
// (mode 0644 whatever the temporary file had), and a stale temporary file
// of a killed run that the next run leaves alone and does not trip over.
func TestWriteFileReplaces(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.csv")
	stale := filepath.Join(dir, ".plan.csv.tmp-123456")
	if err := os.WriteFile(stale, []byte("half a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"first\n", "second\n"} {
		err := WriteFile(path, func(w io.Writer) error {
			_, err := io.WriteString(w, want)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("got %q, want %q", got, want)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", fi.Mode().Perm())
		}
	}
	if names := listDir(t, dir); strings.Join(names, " ") != ".plan.csv.tmp-123456 plan.csv" {
		t.Errorf("folder holds %q", names)
	}
}

// TestWriteFileNoFolder names the failure: a missing folder, and a folder
// path that runs through a file.
func TestWriteFileNoFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	afile := filepath.Join(dir, "afile")
	if err := os.WriteFile(afile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want error
	}{
		{filepath.Join(dir, "missing", "plan.ics"), fs.ErrNotExist},
		{filepath.Join(afile, "plan.ics"), syscall.ENOTDIR},
	} {
		err := WriteFile(tc.path, chunks(1, nil))
		if !errors.Is(err, tc.want) {
			t.Errorf("WriteFile(%s) = %v, want %v", tc.path, err, tc.want)
		}
	}
}

func TestSafeName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"Instagram", "Instagram"},
		{"../../etc/passwd", "etc-passwd"},
		{`a,b;c\d`, "a-b-c-d"},
		{"CON", "xCON"},
		{"lpt1", "xlpt1"},
		{"..", "x"},
		{"", "x"},
		{`=HYPERLINK("http://x","y")`, "HYPERLINK-http-x-y"},
		{"Кофейня «Утро»", "Кофейня-Утро"},
		{"☕☕", "x"},
		{strings.Repeat("й", 80), strings.Repeat("й", 50)},
	} {
		if got := SafeName(tc.in); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
