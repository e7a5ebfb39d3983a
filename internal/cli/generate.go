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

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/formats"
)

type generateOptions struct {
	env       *Env
	spec      string   // the spec, when one is given
	specs     []string // every spec given; several are generated side by side
	dir       string
	formats   []string
	deadlines bool
	split     string
	previous  []string // earlier outputs to carry over (--previous, --keep)
	// terminal reports whether stderr is a terminal, where the progress
	// bar is drawn; nil means isTerminal. Tests set it.
	terminal func(io.Writer) bool
	// parallel is how many specs' files are written at once when several
	// specs are given; 0 means one per core (GOMAXPROCS). Tests set it.
	parallel int
}

func newGenerateCmd(env *Env) *cobra.Command {
	o := &generateOptions{env: env}
	cmd := &cobra.Command{
		Use:   "generate SPEC... [-o DIR] [--format ics,xlsx,csv,json,html]",
		Short: "Write the calendar as .ics, .xlsx, .csv, .json and .html files",
		Long: `Generate the plan of SPEC ("-" reads standard input) and write it to DIR as
BASE.ics and BASE.xlsx, or the formats --format names; BASE is the spec's file
name without its extension ("plan" for standard input). DIR is created when
missing. Every file is written atomically: a failure leaves no half-written
file, and an invalid spec writes nothing.

--split channel writes one calendar of posts per channel (BASE-<channel>.ics)
and one of the review meetings (BASE-reviews.ics) instead of one for all;
--split writer writes one workbook per writer of the spec
(BASE-<writer>.xlsx) with only their posts, and one of the posts no writer
could take (BASE-unassigned.xlsx), none of them with the costs; it prints
how many posts each holds, which add up to the plan's.

A re-run keeps what was done with the files it replaces (docs/spec.md, rule
9): --previous FILE and --keep FILE name earlier files to read instead, each
standing for the output of its extension (an .ics, an .xlsx), unless --split
cuts that output into several files, each of which updates the one it
replaces. The calendar says on standard error what changed: events new,
changed (SEQUENCE raised), unchanged, and cancelled (posts the plan no
longer has). The writers' work in the workbook (titles, copy, links,
notes, statuses, and writers and sources someone changed) is carried over
by post id; posts the plan no longer has go to its "Removed" sheet with
their work; edits of what the spec decides (dates, times, channels,
formats) are reported on standard error, not taken. A workbook that cannot be read (not contentplan's,
damaged, encrypted, too big) stops the run before anything is written.

Timestamps (the calendar's DTSTAMP, the workbook's dates) come from
SOURCE_DATE_EPOCH when it is set, so the same spec gives byte-identical files.

Several specs (an agency's clients: generate clients/*.toml -o out) are
generated side by side, a few at a time as the machine has cores: each
spec's files are those it would get alone, named after it, all or nothing
per spec. A spec that fails writes nothing and does not stop the others;
the "wrote" lines, warnings and errors come at the end in the order of the
specs, and the exit code is the highest of theirs (2 when a spec is
invalid, else 1 when one could not be written). Two specs of the same file
name would write the same files and are refused, as are --previous and
--keep, which name one earlier file.

The files are written at the same time. A big plan shows a progress bar on
standard error when that is a terminal (never in a pipe or a file). A
workbook sheet holds 1,048,575 posts: a bigger plan is refused before any
work unless --split writer gives every writer a sheet that holds theirs.`,
		Args: minArgs("SPEC"),
		RunE: runE(func(args []string) error {
			o.specs = args
			if len(args) > 1 {
				return runGenerateMany(o)
			}
			o.spec = args[0]
			return runGenerate(o)
		}),
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "output", "o", ".", "write the files into `DIR`")
	f.StringSliceVar(&o.formats, "format", []string{"ics", "xlsx"}, "formats to write, any of "+strings.Join(formats.Names(), ", "))
	f.BoolVar(&o.deadlines, "deadlines", false, "add each post's draft deadline to the calendar as its own event")
	f.StringVar(&o.split, "split", "", "one file per `channel` (ics) or per `writer` (xlsx)")
	f.StringArrayVar(&o.previous, "previous", nil, "the earlier calendar `FILE` to update (default: the one being replaced)")
	f.StringArrayVar(&o.previous, "keep", nil, "the earlier workbook `FILE` whose writers' work to keep (default: the one being replaced)")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats.Names(), cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("split", cobra.FixedCompletions(formats.Splits(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// runGenerate reads the flags, then the spec, asks each format for its
// files and writes them all or none.
func runGenerate(o *generateOptions) error {
	chosen, opt, err := o.choices()
	if err != nil {
		return err
	}
	plan, err := loadPlan(o.env, o.spec)
	if err != nil {
		return err
	}
	files, err := o.outputs(plan, chosen, opt)
	if err != nil {
		return err
	}
	readFacts(o.env.ErrOut, plan, opt)
	if err := prepareDir(o.dir, files); err != nil {
		return err
	}
	if err := o.write(plan, files); err != nil {
		return err
	}
	o.report(plan, files)
	return nil
}

// report prints each file written, with how many posts it holds when a
// split shares them out (each writer's workbook and that of the posts no
// writer could take), and then that those add up to the plan's posts; a
// file's report lines go to standard error.
func (o *generateOptions) report(plan *calendar.Plan, files []file) {
	shared, parts := 0, 0
	for _, f := range files {
		if f.Posts == nil {
			fmt.Fprintf(o.env.Out, "wrote %s\n", f.path)
		} else {
			n := f.Posts()
			shared, parts = shared+n, parts+1
			fmt.Fprintf(o.env.Out, "wrote %s (%s)\n", f.path, plural(n, "post"))
		}
		if f.Report != nil {
			for _, line := range f.Report() {
				fmt.Fprintf(o.env.ErrOut, "%s: %s\n", f.path, line)
			}
		}
	}
	switch {
	case parts == 0:
	case shared == plan.Total:
		fmt.Fprintf(o.env.Out, "%d files hold the plan's %s, each post in one\n", parts, plural(plan.Total, "post"))
	default:
		// Not what a split does; said rather than hidden.
		fmt.Fprintf(o.env.Out, "%d files hold %s; the plan has %d\n", parts, plural(shared, "post"), plan.Total)
	}
}

// choices are the formats --format names and the options they act on.
// Options that no chosen format acts on are refused before the spec is
// read, as is a bad SOURCE_DATE_EPOCH.
func (o *generateOptions) choices() ([]export.Format, export.Options, error) {
	names, err := parseFormats(o.formats)
	if err != nil {
		return nil, export.Options{}, err
	}
	chosen := make([]export.Format, len(names))
	for i, name := range names {
		chosen[i], _ = formats.Lookup(name)
	}
	opt := export.Options{Deadlines: o.deadlines, Split: o.split}
	if err := formats.CheckOptions(chosen, opt); err != nil {
		return nil, export.Options{}, err
	}
	if opt.Now, err = stamp(o.env); err != nil {
		return nil, export.Options{}, err
	}
	if opt.Previous, err = o.previousOf(chosen); err != nil {
		return nil, export.Options{}, err
	}
	return chosen, opt, nil
}

// previousOf finds the previous version of each output (docs/spec.md, rule
// 9): a file named by --previous or --keep stands for the chosen format
// with its extension; any other output's previous version is the file it
// is about to replace.
func (o *generateOptions) previousOf(chosen []export.Format) (func(string) string, error) {
	named, err := o.namedPrevious(chosen)
	if err != nil {
		return nil, err
	}
	return previousIn(o.dir, baseName(o.spec), named), nil
}

// namedPrevious checks the files --previous and --keep name, by extension.
func (o *generateOptions) namedPrevious(chosen []export.Format) (map[string]string, error) {
	named := map[string]string{} // extension → file
	for _, p := range o.previous {
		ext := strings.ToLower(filepath.Ext(p))
		var exts []string
		for _, f := range chosen {
			exts = append(exts, f.Ext())
		}
		if !slices.Contains(exts, ext) {
			return nil, usagef([]string{"name an earlier " + strings.Join(exts, " or ") + " file of a format --format writes"},
				"%s: not a file of a chosen format", p)
		}
		if s := splitting(chosen, ext, o.split); s != nil {
			// The named file would stand for one of several outputs: which
			// one cannot be told from its name, and no other output would
			// use it, so it is refused rather than ignored.
			return nil, usagef([]string{"leave it out: with --split each file updates the earlier one it replaces; write into their folder with -o DIR"},
				"%s: --split %s writes %s, not one file to update from it", p, s.Name, s.Files)
		}
		if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
			return nil, usagef([]string{"check the path, or leave the flag out to update the files being replaced"},
				"%s: no such file", p)
		}
		named[ext] = p
	}
	return named, nil
}

// previousIn is Options.Previous for the outputs named base in dir: the
// file named for a suffix, else the one the output replaces, if any.
func previousIn(dir, base string, named map[string]string) func(string) string {
	return func(suffix string) string {
		if p, ok := named[suffix]; ok {
			return p
		}
		path := filepath.Join(dir, base+suffix)
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			return path
		}
		return ""
	}
}

// file is one file generate writes: its path, and the output of a format
// that fills it.
type file struct {
	path string
	export.Output
}

// outputs asks each chosen format, in the order given, for its files of
// plan, named after the spec in o.dir. A format refuses here, before any
// work, what it cannot write; so is a file that would replace the spec.
func (o *generateOptions) outputs(plan *calendar.Plan, chosen []export.Format, opt export.Options) ([]file, error) {
	files, err := outputsOf(plan, chosen, opt, o.dir, baseName(o.spec))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if o.spec != "-" && samePath(f.path, o.spec) {
			return nil, overwritesSpec(f.path, "the spec itself")
		}
	}
	return files, nil
}

// outputsOf asks each chosen format, in the order given, for its files of
// plan, named base in dir.
func outputsOf(plan *calendar.Plan, chosen []export.Format, opt export.Options, dir, base string) ([]file, error) {
	var files []file
	for _, f := range chosen {
		outs, err := f.Outputs(plan, opt)
		if err != nil {
			return nil, err
		}
		for _, out := range outs {
			files = append(files, file{filepath.Join(dir, base+out.Suffix), out})
		}
	}
	return files, nil
}

// overwritesSpec refuses an output at path that is a spec (what).
func overwritesSpec(path, what string) error {
	return usagef([]string{"write the outputs elsewhere with -o DIR, or rename the spec"},
		"%s would overwrite %s", path, what)
}

// prepareDir makes the output folder and checks that no folder stands
// where a file goes: the rename would fail with a puzzling "file exists"
// (Linux) or "is a directory" after all the work, so it is said plainly
// first.
func prepareDir(dir string, files []file) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if fi, err := os.Stat(f.path); err == nil && fi.IsDir() {
			return fmt.Errorf("write %s: a folder of that name is in the way", f.path)
		}
	}
	return nil
}

// write writes files at the same time, all or none: a failure or a
// Ctrl-C in the last file leaves the first ones as they were too, so the
// outputs always belong together. A big plan shows a progress bar.
func (o *generateOptions) write(plan *calendar.Plan, files []file) error {
	ctx, stop := interruptContext(context.Background())
	defer stop()
	total := progressTotal(plan, files)
	bar := newProgress(o.env.ErrOut, o.showProgress(), total)
	part := bar.add(int64(plan.Total))
	part.expect(total)
	bar.run(plural(len(files), "file"))
	err := writeSpec(ctx, plan, files, part, nil)
	bar.done()
	return err
}

// writeSpec writes the files of one plan, all or none, counting the posts
// they read into part, each file taking one of slots while it writes (nil:
// no limit). It says "interrupted" when ctx ends first.
func writeSpec(ctx context.Context, plan *calendar.Plan, files []file, part *progressPart, slots slots) error {
	// When one file fails, wctx stops the plan's posts for the others too,
	// so a workbook still surveying the plan (it writes nothing until then)
	// stops as soon as a calendar fails, not seconds later.
	wctx, stopWrites := context.WithCancel(ctx)
	defer stopWrites()
	plan = part.counted(stoppable(wctx, plan))
	writes := make([]export.File, len(files))
	for i, f := range files {
		write := f.Write
		writes[i] = export.File{Path: f.path, Write: func(w io.Writer) error {
			if err := slots.take(wctx); err != nil {
				return err
			}
			defer slots.give()
			err := write(w, plan)
			if err != nil {
				stopWrites()
			}
			return err
		}}
	}
	return writeFiles(ctx, writes)
}

// writeFiles writes files all or none (export.WriteFiles), saying a failure
// as the user needs it: that an interrupt left the earlier files, or which
// file failed and why.
func writeFiles(ctx context.Context, files []export.File) error {
	err := export.WriteFiles(ctx, files...)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return errors.New("interrupted: nothing written, earlier files left as they were")
	}
	var fe *export.FileError
	if errors.As(err, &fe) {
		return writeError(fe.Path, fe.Err)
	}
	return err
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
		if _, ok := formats.Lookup(f); !ok {
			return nil, usagef([]string{"valid formats: " + strings.Join(formats.Names(), ", ")}, "--format %q: unknown format", f)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, usagef([]string{"valid formats: " + strings.Join(formats.Names(), ", ")}, "--format is empty")
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

// splitting is the split that the chosen format of files ending in ext makes
// of its output under --split split, or nil when it writes one file.
func splitting(chosen []export.Format, ext, split string) *export.Split {
	for _, f := range chosen {
		if f.Ext() != ext {
			continue
		}
		for _, s := range f.Splits() {
			if s.Name == split {
				return &s
			}
		}
	}
	return nil
}
