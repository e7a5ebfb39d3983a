package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/calendar/spec"
)

// stdinName is what a spec read from standard input ("-") is called in
// messages.
const stdinName = "<stdin>"

// loadPlan reads, validates and builds the spec at path ("-" for standard
// input), printing every warning to env.ErrOut. The error is a
// *calendar.SpecError when the spec is invalid, else an I/O failure.
func loadPlan(env *Env, path string) (*calendar.Plan, error) {
	s, err := parseSpec(env, path)
	if err != nil {
		return nil, err
	}
	plan, err := calendar.Build(s)
	if err != nil {
		return nil, err
	}
	// Each warning is in one list: the spec's checker reports the spec's,
	// Build what scheduling found.
	printWarnings(env.ErrOut, s.Warnings)
	printWarnings(env.ErrOut, plan.Warnings)
	return plan, nil
}

// parseSpec reads and checks the spec at path ("-" for standard input)
// without building its plan. The error is a *calendar.SpecError when the
// spec is invalid, else an I/O failure.
func parseSpec(env *Env, path string) (*calendar.Spec, error) {
	if path == "-" {
		return spec.Parse(stdinName, env.In)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *fs.PathError: "open PATH: reason"
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, usagef([]string{"give the path of a .toml spec; contentplan init writes a starter one"},
			"%s is a folder, not a spec", path)
	}
	return spec.Parse(path, f)
}

// printWarnings prints each warning with its hints.
func printWarnings(w io.Writer, warnings []calendar.Diagnostic) {
	for _, d := range warnings {
		fmt.Fprintln(w, d.String())
	}
}

// baseName is the spec's file name without folder or extension, the stem
// of every output file ("plan" for standard input).
func baseName(path string) string {
	if path == "-" {
		return "plan"
	}
	b := filepath.Base(path)
	if ext := filepath.Ext(b); ext != "" && ext != b {
		b = strings.TrimSuffix(b, ext)
	}
	if b == "" || b == "." || b == ".." || b == string(filepath.Separator) {
		return "plan"
	}
	return b
}
