// Package interop finds the real programs that check our outputs (Python
// icalendar, vobject, openpyxl, pandas and jsonschema from Debian, Mozilla
// ical.js and Taplo under node, LibreOffice, Gnumeric, Chromium, tmux,
// khal; the CalDAV servers radicale and xandikos, and Python caldav).
// Without
// CONTENTPLAN_INTEROP=1 a missing program skips the test, saying why; with
// it, a missing program fails the test, so CI cannot pass by silently
// checking nothing.
package interop

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Required reports whether the interop tests must run (CI sets it).
func Required() bool { return os.Getenv("CONTENTPLAN_INTEROP") == "1" }

func missing(t testing.TB, what string) {
	t.Helper()
	if Required() {
		t.Fatalf("CONTENTPLAN_INTEROP=1 but %s (see .ci/run for the install steps)", what)
	}
	t.Skipf("skipping: %s; set up as in .ci/run and set CONTENTPLAN_INTEROP=1 to run it", what)
}

// Python returns a python3 that can import every module named. Debian's
// packages install into /usr/bin/python3, which may not be the python3 first
// on PATH, so that one is tried first.
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	code := "import " + strings.Join(modules, ", ")
	for _, py := range candidates {
		if err := exec.Command(py, "-c", code).Run(); err == nil {
			return py
		}
	}
	missing(t, "no python3 can import "+strings.Join(modules, ", ")+" (Debian: python3-icalendar, python3-vobject, python3-openpyxl, python3-jsonschema, python3-pandas, python3-caldav)")
	return ""
}

// Dir is testdata/interop: the checking scripts and their node_modules.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "interop")
}

// Node returns the node binary, after checking that each npm module named is
// installed in Dir() (npm install there, as .ci/run does).
func Node(t testing.TB, modules ...string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not installed")
		return ""
	}
	for _, m := range modules {
		if _, err := os.Stat(filepath.Join(Dir(), "node_modules", m, "package.json")); err != nil {
			missing(t, "npm module "+m+" is not installed in testdata/interop (cd testdata/interop && npm install)")
			return ""
		}
	}
	return node
}

// Soffice returns LibreOffice's soffice (Debian: libreoffice-calc-nogui).
func Soffice(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "LibreOffice (soffice) is not installed (Debian: libreoffice-calc-nogui)")
	return ""
}

// Ssconvert returns Gnumeric's command-line converter (Debian: gnumeric),
// a third spreadsheet program that reads and recalculates our workbooks.
func Ssconvert(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("ssconvert")
	if err != nil {
		missing(t, "Gnumeric's ssconvert is not installed (Debian: gnumeric)")
		return ""
	}
	return p
}

// RecalcProfile makes dir a LibreOffice user profile that recalculates
// every formula of a file it opens, and returns soffice's argument that
// uses it. LibreOffice otherwise shows the values a workbook carries
// (Tools > Options > Calc > Formula, "Recalculation on file load"), so a
// test would compare our values with themselves.
func RecalcProfile(t testing.TB, dir string) string {
	t.Helper()
	const xcu = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
	user := filepath.Join(dir, "user")
	if err := os.MkdirAll(user, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(user, "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
	return "-env:UserInstallation=file://" + dir
}

// Resave has LibreOffice (soffice, as Soffice finds it) open the workbook
// at path and save it again as .xlsx, which rewrites every part of it, as
// a writer's LibreOffice does; it returns the new file's path, in a folder
// beside path.
func Resave(t testing.TB, soffice, path string) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(path), "lo")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(filepath.Dir(path), "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx", "--outdir", dir, path).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return filepath.Join(dir, filepath.Base(path))
}

// Chromium returns Debian's chromium (or another build of Chromium or
// Chrome on PATH), which opens the calendar page headless.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "Chromium is not installed (Debian: chromium)")
	return ""
}

// Khal returns khal, the command-line calendar (Debian: khal), which
// imports .ics files into a vdir the way a calendar program takes updates.
func Khal(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("khal")
	if err != nil {
		missing(t, "khal is not installed (Debian: khal)")
		return ""
	}
	return p
}
