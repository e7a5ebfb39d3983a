package interop

import (
	"os/exec"
	"testing"
)

// Ssconvert returns Gnumeric's ssconvert (Debian: gnumeric), which reads a
// workbook, recalculates it (--recalc) and writes each sheet as csv: a
// third spreadsheet program's view of the workbook's formulas.
func Ssconvert(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("ssconvert")
	if err != nil {
		missing(t, "Gnumeric's ssconvert is not installed (Debian: gnumeric)")
		return ""
	}
	return p
}
