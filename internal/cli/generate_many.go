package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// specJob is one spec of a run of generate with several: what it made and
// what is printed for it at the end, in the order of the specs.
type specJob struct {
	path string      // as given ("-" for standard input)
	base string      // BASE of its files
	info os.FileInfo // the spec file, nil for standard input or when missing

	plan  *calendar.Plan // nil once written, or when it failed
	paths []string       // the files it writes
	reads int64          // the posts its files read (progressTotal)
	part  *progressPart

	stderr  bytes.Buffer // its warnings
	wrote   []wroteFile
	err     error // why it wrote nothing
	stopped bool  // Ctrl-C came before it was written
}

// wroteFile is a file written, and what its format says about it.
type wroteFile struct {
	path   string
	report []string
}

// manyRun is a run of generate with several specs.
type manyRun struct {
	o      *generateOptions
	chosen []export.Format
	opt    export.Options
	jobs   []*specJob
	cores  int // specs loaded, and files written, at once
}

// runGenerateMany generates several specs side by side (an agency's
// clients), each as it would be alone: its files named after it, all or
// nothing. A spec that fails writes nothing and does not stop the others.
// The specs are read a few at a time, then written a few at a time, the
// work bounded by the cores: each spec's files are written at the same
// time as one spec's are, but all the files being written, over all the
// specs, take no more than one core each (slots), so memory stays that of
// a few plans however many specs are given. What each spec prints comes at
// the end, in the order of the specs, then one line for those that failed;
// the exit code is the highest of theirs.
func runGenerateMany(o *generateOptions) error {
	if len(o.previous) > 0 {
		return usagef([]string{
			"leave it out: each spec updates the files it replaces in -o DIR",
			"or generate that spec on its own with --previous or --keep",
		}, "--previous and --keep name the earlier file of one spec, but %d specs are given", len(o.specs))
	}
	chosen, opt, err := o.choices()
	if err != nil {
		return err
	}
	// Each spec's files replace their own earlier versions (generate sets
	// them per spec); none are read while the specs are loaded.
	opt.Previous = nil
	m := &manyRun{o: o, chosen: chosen, opt: opt, cores: o.parallel}
	if m.cores <= 0 {
		m.cores = runtime.GOMAXPROCS(0)
	}
	for _, p := range o.specs {
		j := &specJob{path: p, base: baseName(p)}
		if p != "-" {
			j.info, _ = os.Stat(p)
		}
		m.jobs = append(m.jobs, j)
	}
	if err := sameBases(m.jobs); err != nil {
		return err
	}
	ctx, stop := interruptContext(context.Background())
	defer stop()
	m.load(ctx)
	m.claim()
	m.writeAll(ctx)
	return m.report(ctx)
}

// sameBases refuses specs whose files would have the same names, BASE
// being compared without case for the file systems that ignore it.
func sameBases(jobs []*specJob) error {
	first := map[string]*specJob{}
	var diags []calendar.Diagnostic
	for _, j := range jobs {
		key := strings.ToLower(j.base)
		f, ok := first[key]
		if !ok {
			first[key] = j
			continue
		}
		diags = append(diags, calendar.Diagnostic{
			File: specName(j.path),
			Msg:  fmt.Sprintf("writes the files of %s (%s.*): one spec's would replace the other's", specName(f.path), f.base),
			Hints: []string{
				"rename one of the two specs: the files are named after the spec",
				"or generate it in a run of its own, with another -o DIR",
			},
		})
	}
	if diags == nil {
		return nil
	}
	return &calendar.SpecError{Diags: diags}
}

// specName is how messages name a spec.
func specName(path string) string {
	if path == "-" {
		return stdinName
	}
	return path
}

// load reads and builds every spec, cores at a time, and asks the formats
// for the names of its files, refusing what they refuse (a split the spec
// has nothing for, a plan too big for a sheet) before anything is written.
// A plan is lazy (its posts are made as they are read), so holding every
// spec's is cheap; the files that hold what was written before are read
// later, when the spec is written.
func (m *manyRun) load(ctx context.Context) {
	m.each(ctx, m.jobs, m.cores, func(j *specJob) {
		env := *m.o.env
		env.ErrOut = &j.stderr
		if j.plan, j.err = loadPlan(&env, j.path); j.err != nil {
			return
		}
		files, err := outputsOf(j.plan, m.chosen, m.opt, m.o.dir, j.base)
		if err != nil {
			j.plan, j.err = nil, err
			return
		}
		for _, f := range files {
			j.paths = append(j.paths, f.path)
		}
		j.reads = progressTotal(j.plan, files)
	})
}

// claim refuses a spec whose file has the name of a file of a spec before
// it: with --split, a spec's files are BASE-<name>, which another spec's
// BASE may be ("acme.toml" with a channel "EU", and "acme-EU.toml"). Names
// are compared without case, as sameBases does.
func (m *manyRun) claim() {
	owner := map[string]*specJob{}
	for _, j := range m.jobs {
		if j.err != nil || j.stopped {
			continue
		}
		for _, p := range j.paths {
			if o, ok := owner[strings.ToLower(p)]; ok {
				j.plan, j.err = nil, usagef([]string{"rename one of the two specs: the files are named after the spec"},
					"%s is a file of %s too: one spec's would replace the other's", p, specName(o.path))
				break
			}
		}
		if j.err != nil {
			continue
		}
		for _, p := range j.paths {
			owner[strings.ToLower(p)] = j
		}
	}
}

// writeAll writes the specs that loaded under one progress bar, each
// spec's files all or none. Twice as many specs as cores are under way:
// a spec syncing and renaming its files holds no slot, and another spec
// uses it meanwhile.
func (m *manyRun) writeAll(ctx context.Context) {
	var ok []*specJob
	var reads int64
	for _, j := range m.jobs {
		if j.err == nil && !j.stopped {
			ok = append(ok, j)
			reads += j.reads
		}
	}
	bar := newProgress(m.o.env.ErrOut, m.o.showProgress(), reads)
	for _, j := range ok {
		j.part = bar.add(int64(j.plan.Total))
		j.part.expect(j.reads)
	}
	bar.run(plural(len(ok), "spec"))
	defer bar.done()
	slots := newSlots(m.cores)
	m.each(ctx, ok, 2*m.cores, func(j *specJob) {
		j.err = m.generate(ctx, j, slots)
		if j.err != nil && ctx.Err() != nil {
			j.stopped = true
		}
		j.plan = nil
		j.part.finish()
	})
}

// generate writes one spec's files, as runGenerate does for one spec
// alone, and notes what it wrote. Each step that works for long (the
// formats reading the files they replace, each file's writing) takes a
// slot.
func (m *manyRun) generate(ctx context.Context, j *specJob, slots slots) error {
	opt := m.opt
	opt.Previous = previousIn(m.o.dir, j.base, nil)
	if err := slots.take(ctx); err != nil {
		return err
	}
	files, err := outputsOf(j.plan, m.chosen, opt, m.o.dir, j.base)
	slots.give()
	if err != nil {
		return err
	}
	if err := m.checkSpecs(files); err != nil {
		return err
	}
	readFacts(&j.stderr, j.plan, opt)
	if err := prepareDir(m.o.dir, files); err != nil {
		return err
	}
	if err := writeSpec(ctx, j.plan, files, j.part, slots); err != nil {
		return err
	}
	for _, f := range files {
		w := wroteFile{path: f.path}
		if f.Report != nil {
			w.report = f.Report()
		}
		j.wrote = append(j.wrote, w)
	}
	return nil
}

// checkSpecs refuses a file that would replace one of the specs given.
func (m *manyRun) checkSpecs(files []file) error {
	for _, f := range files {
		fi, err := os.Stat(f.path)
		if err != nil {
			continue // not there yet, so no spec
		}
		for _, j := range m.jobs {
			if j.info != nil && os.SameFile(fi, j.info) {
				return overwritesSpec(f.path, "the spec "+j.path)
			}
		}
	}
	return nil
}

// each runs do on jobs, in their order, n at a time, until ctx ends; the
// jobs not started by then are marked stopped.
func (m *manyRun) each(ctx context.Context, jobs []*specJob, n int, do func(*specJob)) {
	next := make(chan *specJob)
	var wg sync.WaitGroup
	for range min(n, len(jobs)) {
		wg.Go(func() {
			for j := range next {
				do(j)
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			j.stopped = true
			continue
		}
		select {
		case next <- j:
		case <-ctx.Done():
			j.stopped = true
		}
	}
	close(next)
	wg.Wait()
}

// report prints what each spec wrote, or why not, in the order of the
// specs, and returns the worst exit code as an *exitError (nil when every
// spec was written).
func (m *manyRun) report(ctx context.Context) error {
	out, errOut := m.o.env.Out, m.o.env.ErrOut
	code := exitOK
	var failed []string
	stopped := 0
	for _, j := range m.jobs {
		errOut.Write(j.stderr.Bytes())
		switch {
		case j.stopped:
			stopped++
		case j.err != nil:
			code = max(code, reportSpec(errOut, j.path, j.err))
			failed = append(failed, specName(j.path))
		default:
			for _, f := range j.wrote {
				fmt.Fprintf(out, "wrote %s\n", f.path)
				for _, line := range f.report {
					fmt.Fprintf(errOut, "%s: %s\n", f.path, line)
				}
			}
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(errOut, "error: %d of %d specs not written: %s\n", len(failed), len(m.jobs), listSome(failed, 10))
	}
	if stopped > 0 {
		fmt.Fprintf(errOut, "error: interrupted: %d of %d specs not written, their earlier files left as they were\n", stopped, len(m.jobs))
		code = max(code, exitRuntime)
	}
	if code == exitOK {
		return nil
	}
	return &exitError{code: code, msg: "some specs not written"}
}

// reportSpec prints err, the failure of the spec at path, as report
// prints a command's error, naming the spec where the message does not,
// and returns its exit code.
func reportSpec(w io.Writer, path string, err error) int {
	name := specName(path)
	named := func(msg string) string {
		if strings.HasPrefix(msg, name+":") {
			return msg
		}
		return name + ": " + msg
	}
	var specErr *calendar.SpecError
	var usage *calendar.HintError
	var pe *fs.PathError
	switch {
	case errors.As(err, &specErr):
		return report(w, specErr) // each line names its file
	case errors.As(err, &usage):
		return report(w, &calendar.HintError{Msg: named(usage.Msg), Hints: usage.Hints})
	case errors.As(err, &pe) && pe.Path == path:
		return report(w, &runError{errors.New(name + ": " + pe.Err.Error())})
	default:
		return report(w, &runError{errors.New(named(err.Error()))})
	}
}

// listSome joins names, the first n of them and how many more.
func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// slots bounds how many files are written at once over all the specs of a
// run: each writer takes a slot while it writes. nil bounds nothing.
type slots chan struct{}

func newSlots(n int) slots { return make(slots, n) }

// take waits for a free slot, or for ctx to end.
func (s slots) take(ctx context.Context) error {
	if s == nil {
		return nil
	}
	select {
	case s <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// give frees a slot taken.
func (s slots) give() {
	if s != nil {
		<-s
	}
}
