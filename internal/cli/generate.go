package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/table"
	"github.com/contentplan/contentplan/export/xlsx"
)

// outputFormats are the values of --format, in the order files are written.
var outputFormats = []string{"ics", "xlsx", "csv", "json"}

type generateOptions struct {
	env       *Env
	spec      string
	dir       string
	formats   []string
	deadlines bool
	split     string
	// terminal reports whether stderr is a terminal, where the progress
	// bar is drawn; nil means isTerminal. Tests set it.
	terminal func(io.Writer) bool
}

func newGenerateCmd(env *Env) *cobra.Command {
	o := &generateOptions{env: env}
	cmd := &cobra.Command{
		Use:   "generate SPEC [-o DIR] [--format ics,xlsx,csv,json]",
		Short: "Write the calendar as .ics, .xlsx, .csv and .json files",
		Long: `Generate the plan of SPEC ("-" reads standard input) and write it to DIR as
BASE.ics and BASE.xlsx, or the formats --format names; BASE is the spec's file
name without its extension ("plan" for standard input). DIR is created when
missing. Every file is written atomically: a failure leaves no half-written
file, and an invalid spec writes nothing.

--split channel writes one calendar of posts per channel (BASE-<channel>.ics)
and one of the review meetings (BASE-reviews.ics) instead of one for all;
--split writer writes one workbook per writer of the spec
(BASE-<writer>.xlsx) with only their posts.

Timestamps (the calendar's DTSTAMP, the workbook's dates) come from
SOURCE_DATE_EPOCH when it is set, so the same spec gives byte-identical files.

The files are written at the same time. A big plan shows a progress bar on
standard error when that is a terminal (never in a pipe or a file). A
workbook sheet holds 1,048,575 posts: a bigger plan is refused before any
work unless --split writer gives every writer a sheet that holds theirs.`,
		Args: exactArgs("SPEC"),
		RunE: runE(func(args []string) error {
			o.spec = args[0]
			return runGenerate(o)
		}),
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "output", "o", ".", "write the files into `DIR`")
	f.StringSliceVar(&o.formats, "format", []string{"ics", "xlsx"}, "formats to write, any of ics, xlsx, csv, json")
	f.BoolVar(&o.deadlines, "deadlines", false, "add each post's draft deadline to the calendar as its own event")
	f.StringVar(&o.split, "split", "", "one file per `channel` (ics) or per `writer` (xlsx)")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("split", cobra.FixedCompletions([]string{"channel", "writer"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// output is one file to write.
type output struct {
	path  string
	write func(io.Writer) error
}

func runGenerate(o *generateOptions) error {
	formats, err := parseFormats(o.formats)
	if err != nil {
		return err
	}
	has := func(f string) bool { return slices.Contains(formats, f) }
	switch o.split {
	case "":
	case "channel":
		if !has("ics") {
			return usagef([]string{"add ics: --format ics --split channel"}, "--split channel splits the calendar, but --format has no ics")
		}
	case "writer":
		if !has("xlsx") {
			return usagef([]string{"add xlsx: --format xlsx --split writer"}, "--split writer splits the workbook, but --format has no xlsx")
		}
	default:
		return usagef([]string{"use --split channel (one .ics per channel) or --split writer (one .xlsx per writer)"},
			"--split %q: want channel or writer", o.split)
	}
	if o.deadlines && !has("ics") {
		return usagef([]string{"add ics: --format ics --deadlines"}, "--deadlines adds events to the calendar, but --format has no ics")
	}
	now, err := stamp(o.env)
	if err != nil {
		return err
	}

	plan, err := loadPlan(o.env, o.spec)
	if err != nil {
		return err
	}
	if o.split == "writer" && len(plan.Writers) == 0 {
		return usagef([]string{"add [[writer]] tables to the spec (see docs/spec.md), or drop --split writer"},
			"--split writer: the spec has no writers")
	}
	if err := checkSheetLimit(plan, has("xlsx"), o.split); err != nil {
		return err
	}

	ctx, stop := interruptContext(context.Background())
	defer stop()
	// The files are written at the same time; when one fails, wctx stops
	// the plan's posts for the others too, so a workbook still surveying
	// the plan (it writes nothing until then) stops as soon as a calendar
	// fails, not seconds later.
	wctx, stopWrites := context.WithCancel(ctx)
	defer stopWrites()
	bar := newProgress(o.env.ErrOut, o.showProgress(), expectedReads(plan, formats, o.split))
	plan = bar.counted(stoppable(wctx, plan))

	base := baseName(o.spec)
	var outs []output
	for _, f := range formats {
		switch f {
		case "ics":
			if o.split == "channel" {
				// One calendar of posts per channel, and the review meetings
				// in one of their own, BASE-reviews.ics: the name comes last
				// through uniqueNames, so a channel called "reviews" keeps
				// BASE-reviews.ics and the meetings go to BASE-reviews-2.ics.
				n := len(plan.Channels)
				names := uniqueNames(n+1, func(i int) string {
					if i == n {
						return "reviews"
					}
					return plan.Channels[i].Name
				})
				for i, ch := range plan.Channels {
					opt := ics.Options{Now: now, Deadlines: o.deadlines, Channel: ch, Part: ics.PostsOnly}
					outs = append(outs, output{base + "-" + names[i] + ".ics", func(w io.Writer) error { return ics.Write(w, plan, opt) }})
				}
				if len(plan.Reviews) > 0 {
					opt := ics.Options{Now: now, Part: ics.ReviewsOnly}
					outs = append(outs, output{base + "-" + names[n] + ".ics", func(w io.Writer) error { return ics.Write(w, plan, opt) }})
				}
			} else {
				opt := ics.Options{Now: now, Deadlines: o.deadlines}
				outs = append(outs, output{base + ".ics", func(w io.Writer) error { return ics.Write(w, plan, opt) }})
			}
		case "xlsx":
			if o.split == "writer" {
				names := uniqueNames(len(plan.Writers), func(i int) string { return plan.Writers[i].Name })
				for i, wr := range plan.Writers {
					opt := xlsx.Options{Now: now, Writer: wr.Name}
					outs = append(outs, output{base + "-" + names[i] + ".xlsx", func(w io.Writer) error { return xlsx.Write(w, plan, opt) }})
				}
			} else {
				opt := xlsx.Options{Now: now}
				outs = append(outs, output{base + ".xlsx", func(w io.Writer) error { return xlsx.Write(w, plan, opt) }})
			}
		case "csv":
			outs = append(outs, output{base + ".csv", func(w io.Writer) error { return table.WriteCSV(w, plan) }})
		case "json":
			outs = append(outs, output{base + ".json", func(w io.Writer) error { return table.WriteJSON(w, plan) }})
		}
	}
	for i := range outs {
		outs[i].path = filepath.Join(o.dir, outs[i].path)
		if o.spec != "-" && samePath(outs[i].path, o.spec) {
			return usagef([]string{"write the outputs elsewhere with -o DIR, or rename the spec"},
				"%s would overwrite the spec itself", outs[i].path)
		}
	}

	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	for _, out := range outs {
		// The rename would fail with a puzzling "file exists" (Linux) or
		// "is a directory" after all the work; say it plainly first.
		if fi, err := os.Stat(out.path); err == nil && fi.IsDir() {
			return fmt.Errorf("write %s: a folder of that name is in the way", out.path)
		}
	}
	files := make([]export.File, len(outs))
	for i, out := range outs {
		write := out.write
		files[i] = export.File{Path: out.path, Write: func(w io.Writer) error {
			err := write(w)
			if err != nil {
				stopWrites()
			}
			return err
		}}
	}
	bar.run(len(files))
	// All files or none: a failure or a Ctrl-C in the last file leaves the
	// first ones as they were too, so the outputs always belong together.
	err = export.WriteFiles(ctx, files...)
	bar.done()
	if err != nil {
		if ctx.Err() != nil {
			return errors.New("interrupted: nothing written, earlier files left as they were")
		}
		var fe *export.FileError
		if errors.As(err, &fe) {
			return writeError(fe.Path, fe.Err)
		}
		return err
	}
	for _, out := range outs {
		fmt.Fprintf(o.env.Out, "wrote %s\n", out.path)
	}
	return nil
}

// stoppable returns a copy of plan whose posts stop coming once ctx is
// done. The writers see a cancelled context only when they next write, and
// the workbook reads every post (twice) before it writes a byte: without
// this, Ctrl-C in a big workbook would wait seconds for it. What the writer
// makes of the shortened plan is thrown away with its temporary file.
func stoppable(ctx context.Context, plan *calendar.Plan) *calendar.Plan {
	p := *plan
	posts := plan.Posts()
	p.SetPosts(func(yield func(calendar.Post) bool) {
		n := 0
		for post := range posts {
			// Looking at ctx every 256 posts keeps its cost out of the
			// profile and still stops within a millisecond.
			if n++; n&255 == 0 && ctx.Err() != nil {
				return
			}
			if !yield(post) {
				return
			}
		}
	})
	return &p
}

// writeError names the file that could not be written and why, without the
// name of the temporary file the failure may have happened on.
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("write %s: %w", path, pe.Err)
	}
	var le *os.LinkError // a failed rename, named by its temporary file
	if errors.As(err, &le) {
		return fmt.Errorf("write %s: %w", path, le.Err)
	}
	if strings.HasPrefix(err.Error(), path+":") {
		return err
	}
	return fmt.Errorf("write %s: %w", path, err)
}

// parseFormats checks --format values (given as a comma-separated list or
// repeated) and drops duplicates, keeping the order the user gave.
func parseFormats(raw []string) ([]string, error) {
	var out []string
	for _, f := range raw {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(outputFormats, f) {
			return nil, usagef([]string{"valid formats: " + strings.Join(outputFormats, ", ")}, "--format %q: unknown format", f)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, usagef([]string{"valid formats: " + strings.Join(outputFormats, ", ")}, "--format is empty")
	}
	return out, nil
}

// stamp is the time written into outputs: SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else now.
func stamp(env *Env) (time.Time, error) {
	s := env.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return env.Now().UTC().Truncate(time.Second), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	// Years past 9999 cannot be written in a DTSTAMP or a workbook.
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, usagef([]string{"set it to a Unix time in seconds, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"},
			"SOURCE_DATE_EPOCH %q: want a Unix time in seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// uniqueNames makes file-name parts of n names with export.SafeName, adding
// -2, -3, … where two names come out the same ("Café!" and "Café?"), so no
// file of a split overwrites another. Case is folded when comparing, for
// file systems that ignore case.
func uniqueNames(n int, name func(int) string) []string {
	out := make([]string, n)
	used := map[string]bool{}
	for i := range n {
		s := export.SafeName(name(i))
		cand := s
		for k := 2; used[strings.ToLower(cand)]; k++ {
			cand = s + "-" + strconv.Itoa(k)
		}
		used[strings.ToLower(cand)] = true
		out[i] = cand
	}
	return out
}

// samePath reports whether a and b name the same file.
func samePath(a, b string) bool {
	if sa, err := os.Stat(a); err == nil {
		if sb, err := os.Stat(b); err == nil {
			return os.SameFile(sa, sb)
		}
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// sheetRows is how many posts fit the workbook's Plan sheet: a sheet holds
// 1,048,576 rows (Excel, LibreOffice and excelize alike) and the header
// takes one. xlsx.Write refuses a bigger plan too, but only after a
// pass over the posts, and with the other files already being written;
// checking here says so before any work, as a usage error.
const sheetRows = excelize.TotalRows - 1

// checkSheetLimit refuses a workbook that cannot hold its posts: the whole
// plan, or with --split writer, the biggest writer's share.
func checkSheetLimit(plan *calendar.Plan, xlsx bool, split string) error {
	if !xlsx || plan.Total <= sheetRows {
		return nil
	}
	hints := []string{
		"plan a shorter period, or fewer channels per spec",
		"or leave the workbook out: --format ics,csv,json",
	}
	if split != "writer" {
		split := "use --split writer: one workbook per writer, each with only their posts"
		if len(plan.Writers) == 0 {
			split = "--split writer makes one workbook per writer: add [[writer]] tables to share the posts out"
		}
		return usagef(append([]string{split}, hints...), "%s: %d posts do not fit one workbook sheet, which holds %d; nothing written",
			plan.File, plan.Total, sheetRows)
	}
	// Only a plan bigger than a sheet can have a writer who does not fit,
	// so this pass over the posts is made only then.
	count := map[string]int{}
	for p := range plan.Posts() {
		count[p.Writer]++
	}
	for _, w := range plan.Writers {
		if count[w.Name] > sheetRows {
			hints = append([]string{"add writers to share the posts out: --split writer gives each one a workbook of their own"}, hints...)
			return usagef(hints, "%s: writer %q has %d posts, more than one workbook sheet holds (%d); nothing written",
				plan.File, w.Name, count[w.Name], sheetRows)
		}
	}
	return nil
}
