// Package formats lists the output formats, as syft's format/encoders.go
// lists its encoders. It lives apart from package export, which every
// format imports, so that export need not import them back.
package formats

import (
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/html"
	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/table"
	"github.com/contentplan/contentplan/export/xlsx"
)

// All returns every format, in the order help and hints list them.
func All() []export.Format {
	return []export.Format{ics.Format{}, xlsx.Format{}, table.CSV, table.JSON, html.Format{}}
}

// Names are the formats' names, in the order of All.
func Names() []string {
	var names []string
	for _, f := range All() {
		names = append(names, f.Name())
	}
	return names
}

// Lookup returns the format called name, if there is one.
func Lookup(name string) (export.Format, bool) {
	for _, f := range All() {
		if f.Name() == name {
			return f, true
		}
	}
	return nil, false
}

// Splits are the values of --split that some format acts on, in the order
// of All.
func Splits() []string {
	var names []string
	for _, f := range All() {
		for _, s := range f.Splits() {
			names = append(names, s.Name)
		}
	}
	return names
}

// CheckOptions refuses, with a *calendar.HintError, options that none of
// chosen acts on: a split no format knows, or one or the deadlines when the
// format that acts on them was not chosen. It needs no plan, so it runs
// before the spec is read.
func CheckOptions(chosen []export.Format, opt export.Options) error {
	if opt.Split != "" {
		if err := checkSplit(chosen, opt.Split); err != nil {
			return err
		}
	}
	if opt.Deadlines {
		return checkDeadlines(chosen)
	}
	return nil
}

func checkSplit(chosen []export.Format, split string) error {
	for _, f := range All() {
		for _, s := range f.Splits() {
			if s.Name != split {
				continue
			}
			if !has(chosen, f) {
				return missing(f, "--split "+split, s.Does)
			}
			return nil
		}
	}
	var names, uses []string
	for _, f := range All() {
		for _, s := range f.Splits() {
			names = append(names, s.Name)
			uses = append(uses, "--split "+s.Name+" ("+s.Files+")")
		}
	}
	return calendar.Errorf([]string{"use " + orList(uses)}, "--split %q: want %s", split, orList(names))
}

func checkDeadlines(chosen []export.Format) error {
	var first export.Format
	for _, f := range All() {
		if f.Deadlines() == "" {
			continue
		}
		if has(chosen, f) {
			return nil
		}
		if first == nil {
			first = f
		}
	}
	if first == nil {
		return nil
	}
	return missing(first, "--deadlines", first.Deadlines())
}

// missing refuses an option that f acts on, f not being chosen: flag is the
// option as typed, does what it does to f's files.
func missing(f export.Format, flag, does string) error {
	name := f.Name()
	return calendar.Errorf([]string{"add " + name + ": --format " + name + " " + flag},
		"%s %s, but --format has no %s", flag, does, name)
}

func has(chosen []export.Format, f export.Format) bool {
	for _, c := range chosen {
		if c.Name() == f.Name() {
			return true
		}
	}
	return false
}

// orList joins "a", "b" and "c" as "a, b or c".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
