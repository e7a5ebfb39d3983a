// Package export holds what every output format shares: writing a set of
// files atomically, the post's brief, safe file names. Each format lives in
// a package of its own (ics, xlsx, table), behind the Format interface.
package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// WriteFile writes path atomically: write fills a temporary file in the same
// folder, which is synced and then renamed over path. On any failure the
// temporary file is removed and path is left as it was.
func WriteFile(path string, write func(w io.Writer) error) error {
	return WriteFiles(context.Background(), File{Path: path, Write: write})
}

// File is one output of WriteFiles: Write fills it.
type File struct {
	Path  string
	Write func(w io.Writer) error
}

// WriteFiles writes files all or nothing. Each is written to a temporary
// file in its own folder (so that the final rename stays on one file system)
// and synced; only when every one of them is complete are they renamed into
// place. A failed write, or ctx being cancelled (Ctrl-C), removes every
// temporary file and leaves all earlier files as they were, not a new .ics
// next to an old .xlsx.
//
// Cancellation is seen at the next Write a writer makes, so a writer that
// computes a long time before writing (the workbook builds its sheets first)
// finishes that part before it stops. Once renaming has begun, ctx is no
// longer looked at: renames are quick, and stopping halfway would leave the
// very mix of old and new files this avoids. A process killed outright
// (SIGKILL, power loss) can leave a temporary file behind, named
// ".<name>.tmp-<random>", but never a damaged output; the next run picks a
// fresh temporary name and does not trip over it.
func WriteFiles(ctx context.Context, files ...File) (err error) {
	tmps := make([]*os.File, len(files))
	defer func() {
		if err != nil {
			for _, t := range tmps {
				if t != nil {
					t.Close()
					os.Remove(t.Name())
				}
			}
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	// The temporary files are made first, in order, so that a folder that
	// cannot take them is named the same way on every run.
	for i, f := range files {
		tmp, err := createTemp(f.Path)
		if err != nil {
			return &FileError{f.Path, err}
		}
		tmps[i] = tmp
	}
	// Then they are written concurrently, each writer reading the plan on
	// its own: the calendar and the workbook of a big plan take the time of
	// the slower one, not of both. The first failure cancels the others
	// (they see it at their next Write). The error returned is that of the
	// first file, in the order given, that failed by itself rather than by
	// being cancelled, so it does not depend on which finished first.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(files))
	next := make(chan int, len(files))
	for i := range files {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	// A few at a time: --split can make hundreds of files.
	for range min(len(files), max(2, runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for i := range next {
				if wctx.Err() != nil {
					return
				}
				if err := writeTemp(wctx, tmps[i], files[i]); err != nil && wctx.Err() == nil {
					errs[i] = err
					cancel()
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		// The writers only saw the cancelled context as failed writes;
		// say what really happened.
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for i, tmp := range tmps {
		if err := os.Rename(tmp.Name(), files[i].Path); err != nil {
			// The files before i are in place already; the rest stay as
			// they were and their temporary files are removed.
			tmps = tmps[i:]
			return &FileError{files[i].Path, err}
		}
	}
	return nil
}

// writeTemp fills tmp with f, then syncs, sets the mode and closes it.
func writeTemp(ctx context.Context, tmp *os.File, f File) error {
	if err := f.Write(ctxWriter{ctx, tmp}); err != nil {
		return &FileError{f.Path, err}
	}
	// Sync before the rename: otherwise a crash soon after can leave
	// the new name pointing at an empty file on some file systems.
	if err := tmp.Sync(); err != nil {
		return &FileError{f.Path, err}
	}
	if err := tmp.Chmod(0o644); err != nil {
		return &FileError{f.Path, err}
	}
	if err := tmp.Close(); err != nil {
		return &FileError{f.Path, err}
	}
	return nil
}

// FileError is the failure of one file of WriteFiles: Path is the output it
// was writing (not its temporary file), Err what went wrong.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// createTemp creates the temporary file for path, in path's folder.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return os.CreateTemp(dir, "."+base+".tmp-*")
}

// ctxWriter fails every Write once ctx is done, which is how a writer that
// knows nothing of contexts is stopped midway.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// SafeName turns a channel or writer name into a file-name part that stays
// inside the output folder on every OS: letters (any script) and digits are
// kept, everything else becomes "-", and the result is never empty, ".", "..",
// or a reserved Windows device name.
func SafeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.TrimRight(b.String(), "-")
	if len(name) > 100 {
		name = strings.TrimRight(truncateUTF8(name, 100), "-")
	}
	switch strings.ToUpper(name) {
	case "", "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5",
		"COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5",
		"LPT6", "LPT7", "LPT8", "LPT9":
		name = "x" + name
	}
	return name
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	end := 0
	for i, r := range s {
		if i+utf8.RuneLen(r) > n {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return s[:end]
}
