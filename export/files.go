// Package export writes a calendar.Plan as iCalendar, an Excel workbook,
// CSV and JSON: one file per format.
package export

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WriteFile writes path atomically: write fills a temporary file in the same
// folder, which is synced and then renamed over path. On any failure the
// temporary file is removed and path is left as it was.
func WriteFile(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
