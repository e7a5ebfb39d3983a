package xlsx

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// Workbook is a contentplan workbook read back after the writers had it
// (docs/spec.md, "The workbook"): what its marker says about the plan, and
// the rows of its Plan and Removed sheets. Nothing in it was recalculated:
// a formula's cell reads as the value it was saved with.
type Workbook struct {
	// File is the name errors and Where name the workbook by.
	File string
	// Version is the workbook layout's version (FormatVersion or lower).
	Version int
	// Plan and PlanID are the plan's name and id.
	Plan, PlanID string
	// Language is the plan's language, which the sheet names and headers
	// were written in; the reader reads every language's.
	Language string
	// Timezone is the IANA name of the zone the Date and Time columns are
	// in.
	Timezone string
	// Writer is the writer of a workbook of --split writer, "" for the
	// whole plan's.
	Writer string
	// Unassigned: the workbook of --split writer of the posts no writer
	// could take. Like a writer's, it holds a part of the plan.
	Unassigned bool
	// Cap is the plan's cap on borrowed posts.
	Cap calendar.Cap
	// Channels are the plan's channels, with their caps and copy limits.
	Channels []Channel
	// Rows are the Plan sheet's posts, in sheet order; rows without an id
	// are left out.
	Rows []Row
	// Removed are the Removed sheet's posts: those a re-run of the plan
	// no longer had, with the work done on them.
	Removed []Row
	// KPIs are the KPI sheet's rows (docs/spec.md, "The monthly review").
	KPIs []KPIRow

	planSheet, removedSheet, kpiSheet string // as the marker names them
}

// Channel returns the marker's channel called name, or nil.
func (b *Workbook) Channel(name string) *Channel {
	for i := range b.Channels {
		if b.Channels[i].Name == name {
			return &b.Channels[i]
		}
	}
	return nil
}

// Where names a row as errors and findings start: FILE: sheet "Plan" row 12.
func (b *Workbook) Where(r *Row) string {
	return fmt.Sprintf("%s: sheet %q row %d", b.File, r.Sheet, r.Line)
}

// ReadFile reads the workbook at path (see ReadWorkbook).
func ReadFile(path string) (*Workbook, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a file", path)
	}
	if err := checkZip(fh, fi.Size(), path); err != nil {
		return nil, err
	}
	return open(path, func(o excelize.Options) (*excelize.File, error) { return excelize.OpenFile(path, o) })
}

// ReadWorkbook reads a contentplan workbook of size bytes from r, named
// name in errors. The workbook is untrusted input: a file over
// MaxWorkbookSize, a zip bomb, an encrypted workbook or an .xls, a file
// that is no zip or is damaged, and a workbook contentplan did not write
// (no marker, no Plan sheet, no ID column) are refused with a
// *calendar.HintError before anything else. Columns are found by their
// header in any language contentplan writes, in any order; columns the
// writers added are ignored. A cell that does not read as its column wants
// (a date that is no date) is left zero and said in the row's Problems.
func ReadWorkbook(r io.ReaderAt, size int64, name string) (*Workbook, error) {
	if err := checkZip(r, size, name); err != nil {
		return nil, err
	}
	return open(name, func(o excelize.Options) (*excelize.File, error) {
		return excelize.OpenReader(io.NewSectionReader(r, 0, size), o)
	})
}

// open opens the checked workbook with excelize and reads it. excelize is
// trusted with no more than the zip checks let through, and a panic in it
// on a crafted file is a damaged file, not a crash.
func open(name string, openFile func(excelize.Options) (*excelize.File, error)) (b *Workbook, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, damaged(name, fmt.Errorf("%v", p))
		}
	}()
	f, err := openFile(excelize.Options{UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, damaged(name, err)
	}
	defer f.Close()
	b = &Workbook{File: name}
	if err := readMarker(f, b); err != nil {
		return nil, err
	}
	plan := findSheet(f, b.planSheet, func(t *i18n.Texts) string { return t.SheetPlan })
	if plan == "" {
		return nil, errorf([]string{"was the sheet renamed or deleted? put it back as it was (undo, or copy it from the workbook as generated)"},
			"%s: not a contentplan workbook: no %q sheet", name, orDefault(b.planSheet, "Plan"))
	}
	if b.Rows, err = readSheet(f, plan, name, true); err != nil {
		return nil, err
	}
	if removed := findSheet(f, b.removedSheet, func(t *i18n.Texts) string { return t.SheetRemoved }); removed != "" {
		if b.Removed, err = readSheet(f, removed, name, false); err != nil {
			return nil, err
		}
	}
	if b.KPIs, err = readKPI(f, b); err != nil {
		return nil, err
	}
	return b, nil
}

// findSheet finds a sheet by the name the marker gives, or else by its
// name in any language; "" when there is none.
func findSheet(f *excelize.File, named string, names func(*i18n.Texts) string) string {
	list := f.GetSheetList()
	for _, want := range append([]string{named}, translations(names)...) {
		for _, s := range list {
			if want != "" && strings.EqualFold(s, want) {
				return s
			}
		}
	}
	return ""
}

// translations is a text in every language.
func translations(text func(*i18n.Texts) string) []string {
	var out []string
	for _, l := range i18n.Languages() {
		out = append(out, text(i18n.For(l)))
	}
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// errorf is calendar.Errorf: every error of a workbook read has hints.
func errorf(hints []string, format string, args ...any) error {
	return calendar.Errorf(hints, format, args...)
}

// damaged is the error of a workbook excelize cannot read.
func damaged(name string, err error) error {
	msg := strings.TrimSuffix(err.Error(), ".")
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "a part of it ends too soon"
	}
	return errorf([]string{"was it copied or downloaded in full? " + reopenHint}, "%s: damaged: %s", name, msg)
}

// eachRow calls fn with each row of a sheet, up to max rows, numbered
// from 1, with the cells' raw values (a date as its serial number, a
// formula as its saved value).
func eachRow(f *excelize.File, sheet string, max int, fn func(line int, cells []string) error) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	for line := 1; rows.Next(); line++ {
		if line > max {
			return fmt.Errorf("sheet %q has more than %d rows", sheet, max)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		if err := fn(line, cells); err != nil {
			return err
		}
	}
	return rows.Error()
}
