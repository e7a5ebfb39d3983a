package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// The limits on a workbook read back (docs/spec.md, "Limits"). A workbook
// comes back from writers, by mail and chat, so it is read as untrusted
// input: these checks run on the zip's directory before excelize unpacks a
// byte. The largest workbook contentplan writes, a full Plan sheet of a
// million posts, is about 100 MiB and unpacks at about 12:1.
const (
	// MaxWorkbookSize is the most bytes a workbook file may have.
	MaxWorkbookSize = 256 << 20
	// maxZipEntries is the most files a workbook's zip may hold; one
	// holds a few dozen (a sheet per month of the plan and their parts).
	maxZipEntries = 10_000
	// maxSheetPart is the most bytes one worksheet or the shared strings
	// may unpack to. excelize streams those through temporary files.
	maxSheetPart = 2 << 30
	// maxOtherPart is the most bytes any other part may unpack to:
	// excelize holds those in memory.
	maxOtherPart = 128 << 20
	// maxUnzipped is the most bytes all the parts together may unpack to.
	maxUnzipped = 4 << 30
	// maxRatio is the most a part larger than ratioGrace may unpack to
	// per packed byte, as Apache POI's zip bomb guard has it; worksheets
	// pack at about 12:1.
	maxRatio   = 100
	ratioGrace = 100 << 10
)

// oleMagic starts an OLE2 compound file: an .xlsx saved with a password
// (ECMA-376 Agile Encryption wraps the zip in one) or an old .xls.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// reopenHint is how to make a workbook contentplan can read.
const reopenHint = "open it in Excel, LibreOffice or Google Sheets and save (or download) it as Excel Workbook (.xlsx)"

// checkZip refuses, from the zip's directory alone, a file that is no
// .xlsx workbook or that would unpack to more than a workbook can hold.
func checkZip(r io.ReaderAt, size int64, name string) error {
	if size > MaxWorkbookSize {
		return calendar.Errorf([]string{"the largest workbook contentplan writes is about 100 MiB: is this the right file?"},
			"%s: too big to read as a workbook: %s, over the limit of %s", name, mib(size), mib(MaxWorkbookSize))
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if bytes.Equal(head, oleMagic) {
		return calendar.Errorf([]string{
			"a workbook with a password: open it, remove the password (Excel: File > Info > Protect Workbook; LibreOffice: File > Save As > uncheck Save with password) and save it",
			"an .xls: " + reopenHint,
		}, "%s: encrypted, or an old .xls workbook: contentplan reads .xlsx files without a password", name)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		if !bytes.HasPrefix(head, []byte("PK")) {
			return calendar.Errorf([]string{reopenHint}, "%s: not an .xlsx workbook (not a zip archive)", name)
		}
		return calendar.Errorf([]string{"was it copied or downloaded in full? " + reopenHint},
			"%s: damaged: not a complete zip archive (%v)", name, err)
	}
	if err := checkEntries(zr, name); err != nil {
		return err
	}
	return checkKind(zr, name)
}

// checkEntries refuses a zip bomb: too many entries, or entries that
// unpack to too much, alone, together or per packed byte. What an entry
// says it unpacks to binds: archive/zip fails a read past it.
func checkEntries(zr *zip.Reader, name string) error {
	bomb := func(format string, args ...any) error {
		return calendar.Errorf([]string{"a workbook contentplan wrote unpacks at about 12:1; if this one is genuine, " + reopenHint},
			"%s: refused as a zip bomb: "+format, append([]any{name}, args...)...)
	}
	if len(zr.File) > maxZipEntries {
		return bomb("%d files in the archive, over the limit of %d", len(zr.File), maxZipEntries)
	}
	var total uint64
	for _, zf := range zr.File {
		u, c := zf.UncompressedSize64, zf.CompressedSize64
		limit := uint64(maxOtherPart)
		if isSheetPart(zf.Name) {
			limit = maxSheetPart
		}
		if u > limit {
			return bomb("%q unpacks to %s, over the limit of %s", zf.Name, mib(int64(min(u, 1<<62))), mib(int64(limit)))
		}
		if u > ratioGrace && (c == 0 || u/c > maxRatio) {
			return bomb("%q unpacks to %s from %s, more than %d:1", zf.Name, mib(int64(u)), mib(int64(c)), maxRatio)
		}
		if total += u; total > maxUnzipped {
			return bomb("the files unpack to more than %s", mib(maxUnzipped))
		}
	}
	return nil
}

// isSheetPart reports whether a part is one excelize unpacks to a
// temporary file when it is large: a worksheet or the shared strings.
func isSheetPart(part string) bool {
	p := strings.ToLower(strings.ReplaceAll(part, `\`, "/"))
	return strings.HasPrefix(p, "xl/worksheets/sheet") || p == "xl/sharedstrings.xml"
}

// checkKind refuses a zip that is some other document: an OpenDocument
// spreadsheet, a Word file, any zip without a workbook part.
func checkKind(zr *zip.Reader, name string) error {
	for _, zf := range zr.File {
		switch strings.ToLower(zf.Name) {
		case "xl/workbook.xml":
			return nil
		case "mimetype":
			if mt := readSmall(zf); strings.Contains(mt, "opendocument.spreadsheet") {
				return calendar.Errorf([]string{reopenHint}, "%s: an OpenDocument spreadsheet (.ods), not an .xlsx workbook", name)
			}
		}
	}
	return calendar.Errorf([]string{reopenHint}, "%s: a zip archive, but not an .xlsx workbook", name)
}

// readSmall reads the first bytes of a zip entry, for a look at what it is.
func readSmall(zf *zip.File) string {
	rc, err := zf.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 256))
	return string(b)
}

// mib says a size in KiB, MiB or GiB, as a person reads it.
func mib(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// notOursHints are the hints of every "not a contentplan workbook" error.
var notOursHints = []string{
	`contentplan reads back the workbooks it wrote: their hidden "contentplan" sheet says which plan they are of`,
	"was the workbook made by another program, or its rows copied into a new file? keep the file contentplan wrote and edit that one",
}
