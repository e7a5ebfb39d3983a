package xlsx

import (
	"fmt"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// Keep is the writers' work from earlier workbooks of a plan, which a new
// workbook carries over by post id (docs/spec.md, rule 9 and "The
// workbook"): what the writers fill in, the status, and the writer and
// source where someone changed them. The posts the new plan no longer has
// go to its Removed sheet with their work, and rows already there stay.
// A Keep is read-only once made: the workbooks of a --split writer run
// share one while they are written at the same time.
type Keep struct {
	rows []*keptRow          // every row read, in order: each workbook's Plan rows, then its Removed rows
	byID map[string]*keptRow // the row whose work a post takes
	// files are the workbooks read, as the report names them.
	files []string
	// The rows of the KPI sheets (kpiread.go): each read, and the one a
	// key and month take.
	kpiRows []keptKPI
	kpiBy   map[kpiKey]*KPIRow
}

// keptRow is a row of an earlier workbook.
type keptRow struct {
	Row
	n    int    // its place in Keep.rows
	file string // the workbook it is from
	// home is the writer whose workbook gets the row when the plan no
	// longer has its post (--split writer); "" for the whole plan's, or,
	// with rest, for the workbook of the posts no writer could take.
	home string
	rest bool
	// removed: it was on a Removed sheet. dup: another row of the same
	// id came first, and this one goes to Removed rather than be lost.
	removed, dup bool
}

// NewKeep gathers the work of workbooks, the first ones first: a post
// whose id is on several rows takes the work of the first Plan row, or
// else of the first Removed row, and the other rows with work of their own
// go to Removed too, so that nothing anyone wrote is lost.
func NewKeep(books ...*Workbook) *Keep {
	k := &Keep{byID: make(map[string]*keptRow)}
	for _, removed := range []bool{false, true} {
		for _, b := range books {
			rows := b.Rows
			if removed {
				rows = b.Removed
			}
			for _, r := range rows {
				k.add(&keptRow{Row: r, file: b.File, removed: removed})
			}
		}
	}
	for _, b := range books {
		k.files = append(k.files, b.File)
	}
	k.addKPIs(books)
	return k
}

// add adds a row, after the rows of its id if any.
func (k *Keep) add(kr *keptRow) {
	kr.n = len(k.rows)
	first, ok := k.byID[kr.ID]
	if !ok {
		k.byID[kr.ID] = kr
	} else if sameWork(&first.Row, &kr.Row) {
		return // the same post in two workbooks, say the old whole one and a writer's
	} else {
		kr.dup = true
	}
	k.rows = append(k.rows, kr)
}

// sameWork reports whether two rows carry the same work.
func sameWork(a, b *Row) bool {
	return a.Title == b.Title && a.Copy == b.Copy && a.Hashtags == b.Hashtags && a.MediaLink == b.MediaLink &&
		a.SourceLink == b.SourceLink && a.PublishedLink == b.PublishedLink && a.Notes == b.Notes &&
		a.StatusText == b.StatusText && a.Writer == b.Writer && a.SourceText == b.SourceText
}

// planned are a post's writer and source as the plan has them, before a
// kept edit replaces them.
type planned struct {
	writer string
	source calendar.Source
}

// apply gives post p the kept work of its id: its status and title, and
// its writer and source where someone changed them in the workbook. It
// returns the kept row (nil when there is none) and what the plan said.
func (k *Keep) apply(p *calendar.Post) (*keptRow, planned) {
	orig := planned{p.Writer, p.Source}
	if k == nil {
		return nil, orig
	}
	kr := k.byID[p.ID]
	if kr == nil {
		return nil, orig
	}
	if kr.writerEdited(orig.writer) {
		p.Writer = kr.Writer
	}
	if kr.sourceEdited(orig.source) {
		p.Source = kr.Source
	}
	switch {
	case kr.Status != "":
		p.Status = kr.Status
	case strings.TrimSpace(kr.StatusText) != "":
		p.Status = kr.StatusText // a writer's own word, kept as written
	}
	if kr.Title != "" {
		p.Title = kr.Title
	}
	return kr, orig
}

// writerEdited reports whether someone changed the row's writer: it is not
// the one contentplan wrote, or, without that record, not the plan's.
func (kr *keptRow) writerEdited(plan string) bool {
	if kr.Generated != nil {
		return kr.Writer != kr.Generated.Writer
	}
	return kr.Writer != plan
}

// sourceEdited is writerEdited for the source; a source that reads as
// neither own nor borrowed is no edit to take (it is reported).
func (kr *keptRow) sourceEdited(plan calendar.Source) bool {
	if kr.Source == "" {
		return false
	}
	if kr.Generated != nil {
		return kr.Source != kr.Generated.Source
	}
	return kr.Source != plan
}

// hasWork reports whether the row carries anything a person did.
func (kr *keptRow) hasWork(orig planned) bool {
	r := &kr.Row
	typed := r.Title != "" || r.Copy != "" || r.Hashtags != "" || r.MediaLink != "" || r.SourceLink != "" ||
		r.PublishedLink != "" || r.Notes != ""
	status := strings.TrimSpace(r.StatusText) != "" && r.Status != Statuses[0]
	return typed || status || kr.writerEdited(orig.writer) || kr.sourceEdited(orig.source)
}

// edits says what someone changed in the fields the plan owns (date, time,
// channel, format) and in a source that reads as neither own nor
// borrowed: a re-run writes the plan's values over them, so each is
// reported. Without the record of what contentplan wrote, an edit cannot
// be told from a change of the spec, and none is said.
func (kr *keptRow) edits() []string {
	g := kr.Generated
	var out []string
	if strings.TrimSpace(kr.SourceText) != "" && kr.Source == "" {
		out = append(out, fmt.Sprintf("source %q is neither own nor borrowed", kr.SourceText))
	}
	if g == nil {
		return out
	}
	changed := func(what, from, to string) {
		out = append(out, fmt.Sprintf("%s changed from %s to %s", what, from, to))
	}
	// cell compares a date or time cell with what was generated: bad is
	// the text of a cell that did not read, has whether the cell held one.
	cell := func(what, was, now, bad string, has bool) {
		switch {
		case bad != "":
			changed(what, was, fmt.Sprintf("%q", bad))
		case !has:
			changed(what, was, "nothing")
		case now != was:
			changed(what, was, now)
		}
	}
	cell("date", g.Date.String(), kr.Date.String(), kr.badDate, kr.HasDate)
	cell("time", g.Time.String(), kr.Time.String(), kr.badTime, kr.HasTime)
	if kr.Channel != g.Channel {
		changed("channel", fmt.Sprintf("%q", g.Channel), fmt.Sprintf("%q", kr.Channel))
	}
	if kr.Format != g.Format {
		changed("format", fmt.Sprintf("%q", g.Format), fmt.Sprintf("%q", kr.Format))
	}
	return out
}

// where names a kept row in a report line.
func (kr *keptRow) where() string {
	return fmt.Sprintf("%s: sheet %q row %d: post %s", kr.file, kr.Sheet, kr.Line, kr.ID)
}

// setHomes says, for a --split writer run, whose workbook gets each row
// when the plan no longer has its post: the writer the row names, when
// they have a workbook; else the writer whose workbook replaces the one
// the row is from; else the workbook of the posts no writer could take.
// fileWriter maps each workbook read to the writer whose workbook replaces
// it ("" for none).
func (k *Keep) setHomes(plan *calendar.Plan, fileWriter map[string]string) {
	writers := make(map[string]bool)
	for _, w := range plan.Writers {
		writers[w.Name] = true
	}
	for _, kr := range k.rows {
		switch {
		case writers[kr.Writer]:
			kr.home = kr.Writer
		case fileWriter[kr.file] != "":
			kr.home = fileWriter[kr.file]
		default:
			kr.rest = true
		}
	}
}
