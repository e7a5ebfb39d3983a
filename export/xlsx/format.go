package xlsx

import (
	"io"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// Format is the workbook as export.Format: one workbook of the whole plan,
// or with the split by writer one per writer of the spec, holding only
// their posts.
type Format struct{}

var _ export.Format = Format{}

func (Format) Name() string { return "xlsx" }
func (Format) Ext() string  { return ".xlsx" }

func (Format) Splits() []export.Split {
	return []export.Split{{Name: "writer", Does: "splits the workbook", Files: "one .xlsx per writer"}}
}

// Deadlines is "": the Plan sheet has each post's draft date already.
func (Format) Deadlines() string { return "" }

// Outputs is BASE.xlsx, or with the split by writer BASE-<writer>.xlsx per
// writer and BASE-unassigned.xlsx for the posts no writer could take, so
// that every post is in one of them, each saying how many it holds. It
// refuses a plan whose workbook cannot hold its posts (Check),
// and reads the earlier workbooks whose work the new ones keep (keepOf),
// so that a workbook it cannot read stops the run before a file is
// written.
func (f Format) Outputs(plan *calendar.Plan, opt export.Options) ([]export.Output, error) {
	if err := f.Check(plan, opt); err != nil {
		return nil, err
	}
	if opt.Split != "writer" {
		keep, err := keepOf(plan, []previous{{path: opt.PreviousOf(".xlsx")}})
		if err != nil {
			return nil, err
		}
		return []export.Output{output(".xlsx", Options{Now: opt.Now, Keep: keep})}, nil
	}
	// The workbook of the posts no writer could take comes last, and a
	// writer called "unassigned" keeps that name.
	n := len(plan.Writers)
	names := export.UniqueNames(n+1, func(i int) string {
		if i == n {
			return unassignedName
		}
		return plan.Writers[i].Name
	})
	var prev []previous
	for i, wr := range plan.Writers {
		prev = append(prev, previous{path: opt.PreviousOf("-" + names[i] + ".xlsx"), writer: wr.Name})
	}
	prev = append(prev, previous{path: opt.PreviousOf("-" + names[n] + ".xlsx"), unassigned: true})
	// The whole plan's workbook, or the one --keep names: its posts are
	// shared out among the writers' workbooks as the posts are.
	prev = append(prev, previous{path: opt.PreviousOf(".xlsx")})
	keep, err := keepOf(plan, prev)
	if err != nil {
		return nil, err
	}
	outs := make([]export.Output, n+1)
	for i, wr := range plan.Writers {
		outs[i] = output("-"+names[i]+".xlsx", Options{Now: opt.Now, Writer: wr.Name, Keep: keep})
	}
	outs[n] = output("-"+names[n]+".xlsx", Options{Now: opt.Now, Unassigned: true, Keep: keep})
	return outs, nil
}

// unassignedName names the workbook of the posts no writer could take,
// BASE-unassigned.xlsx, in every language: a script that picks the files
// up finds it by one name, as it finds BASE-reviews.ics.
const unassignedName = "unassigned"

// output is one workbook. Write reads the posts twice: a survey (the sheet
// dimension and the table range must be known before the rows stream),
// then the rows. With work kept, the report says what became of it.
func output(suffix string, opt Options) export.Output {
	out := export.Output{Suffix: suffix, Passes: 2}
	if opt.Writer != "" || opt.Unassigned {
		n := new(int)
		opt.Posts = n
		out.Posts = func() int { return *n }
	}
	if opt.Keep != nil {
		rep := new(KeepReport)
		opt.Report = rep
		out.Report = rep.Lines
	}
	out.Write = func(w io.Writer, plan *calendar.Plan) error { return Write(w, plan, opt) }
	return out
}

// previous is an earlier workbook, and the writer whose workbook replaces
// it ("" for the whole plan's), or whether the workbook of the posts no
// writer could take replaces it.
type previous struct {
	path, writer string
	unassigned   bool
}

// keepOf reads the earlier workbooks prev names (docs/spec.md, rule 9),
// first ones first, into the work the new ones keep; nil when there are
// none. A workbook that cannot be read, or is another plan's, is an
// error: a run that would replace it must not lose what is in it.
func keepOf(plan *calendar.Plan, prev []previous) (*Keep, error) {
	var books []*Workbook
	fileWriter := map[string]string{}
	for _, p := range prev {
		if _, seen := fileWriter[p.path]; p.path == "" || seen {
			continue
		}
		b, err := readPrevious(p.path)
		if err != nil {
			return nil, err
		}
		if b.PlanID != "" && plan.ID != "" && b.PlanID != plan.ID {
			return nil, calendar.Errorf([]string{
				"name the workbook made from this spec with --keep, or write elsewhere with -o DIR",
				"a post's id comes from plan.id: if it changed, set it back, or no work can be matched",
			}, "%s: the workbook of plan %q (id %q), not of this one (id %q)", p.path, b.Plan, b.PlanID, plan.ID)
		}
		fileWriter[p.path] = p.writer
		books = append(books, b)
	}
	if len(books) == 0 {
		return nil, nil
	}
	k := NewKeep(books...)
	if prev[0].writer != "" {
		k.setHomes(plan, fileWriter)
	}
	return k, nil
}

// Check says, before any work, whether the workbooks of plan with opt can
// be written: the split by writer needs writers, and a Plan sheet holds
// maxPlanPosts posts (Excel's and LibreOffice's row limit, less the header;
// docs/spec.md, Limits). Write refuses a bigger plan too, but only after a
// pass over the posts and with the other files already being written.
func (Format) Check(plan *calendar.Plan, opt export.Options) error {
	split := opt.Split == "writer"
	if split && len(plan.Writers) == 0 {
		return calendar.Errorf([]string{"add [[writer]] tables to the spec (see docs/spec.md), or drop --split writer"},
			"--split writer: the spec has no writers")
	}
	if plan.Total <= maxPlanPosts {
		return nil
	}
	hints := []string{
		"plan a shorter period, or fewer channels per spec",
		"or leave the workbook out: --format ics,csv,json",
	}
	if !split {
		split := "use --split writer: one workbook per writer, each with only their posts"
		if len(plan.Writers) == 0 {
			split = "--split writer makes one workbook per writer: add [[writer]] tables to share the posts out"
		}
		return calendar.Errorf(append([]string{split}, hints...), "%s: %d posts do not fit one workbook sheet, which holds %d; nothing written",
			plan.File, plan.Total, maxPlanPosts)
	}
	// Only a plan bigger than a sheet can have a writer who does not fit,
	// so this pass over the posts is made only then.
	count := map[string]int{}
	for p := range plan.Posts() {
		count[p.Writer]++
	}
	for _, w := range plan.Writers {
		if count[w.Name] > maxPlanPosts {
			hints = append([]string{"add writers to share the posts out: --split writer gives each one a workbook of their own"}, hints...)
			return calendar.Errorf(hints, "%s: writer %q has %d posts, more than one workbook sheet holds (%d); nothing written",
				plan.File, w.Name, count[w.Name], maxPlanPosts)
		}
	}
	return nil
}
