package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	xterm "golang.org/x/term"

	"github.com/contentplan/contentplan/calendar"
)

// progressMin (a variable for the tests) is the work (posts read, over all files and passes) below
// which no bar is drawn: a quarter is written before a bar could be seen.
// At agency scale the work is millions of posts and takes seconds.
var progressMin int64 = 200_000

// progressEvery is how often the bar is redrawn.
const progressEvery = 200 * time.Millisecond

// isTerminal reports whether w is a terminal. The bar is drawn only then:
// in a pipe, a file or a test it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && xterm.IsTerminal(int(f.Fd()))
}

// progress is a bar on stderr for long runs of generate. It counts the
// posts the writers read from the plans (each writer reads its plan once
// or twice, on its own goroutine), against the reads their formats
// expect. Each spec is a part of the bar, weighed by its posts, so that
// many specs fill one bar in step with the work done. A nil *progress, and
// a nil *progressPart, draw and count nothing.
type progress struct {
	w     io.Writer
	parts []*progressPart
	what  string // what is being written: "2 files", "200 specs"
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
}

// progressPart is one spec's share of the bar.
type progressPart struct {
	posts  int64        // the plan's posts: the part's weight
	reads  atomic.Int64 // the reads its files make, 0 until known
	read   atomic.Int64 // the reads made so far
	closed atomic.Bool  // its files are written, or failed
}

// newProgress prepares a bar on w, or returns nil when show is false or
// the work is too small to watch. work is the posts the writers are
// expected to read in all (progressTotal).
func newProgress(w io.Writer, show bool, work int64) *progress {
	if !show || work < progressMin {
		return nil
	}
	return &progress{w: w}
}

// add makes the part of a spec of posts posts. Every part is added before
// run.
func (p *progress) add(posts int64) *progressPart {
	if p == nil {
		return nil
	}
	part := &progressPart{posts: posts}
	p.parts = append(p.parts, part)
	return part
}

// expect sets the reads the part's files make (progressTotal), once its
// files are known.
func (pt *progressPart) expect(reads int64) {
	if pt != nil {
		pt.reads.Store(reads)
	}
}

// finish counts the part as done, whether its files were written or not.
func (pt *progressPart) finish() {
	if pt != nil {
		pt.closed.Store(true)
	}
}

// done is how much of the part is done, from 0 to 1.
func (pt *progressPart) done() float64 {
	if pt.closed.Load() {
		return 1
	}
	reads := pt.reads.Load()
	if reads <= 0 {
		return 0
	}
	return min(float64(pt.read.Load())/float64(reads), 1)
}

// run starts drawing, for a run writing what ("2 files").
func (p *progress) run(what string) {
	if p == nil {
		return
	}
	p.what, p.start, p.stop = what, time.Now(), make(chan struct{})
	p.wg.Go(func() {
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw()
			}
		}
	})
}

// fraction is how much of the work is done: the parts' shares, each
// weighed by its posts.
func (p *progress) fraction() float64 {
	var done, total float64
	for _, pt := range p.parts {
		done += float64(pt.posts) * pt.done()
		total += float64(pt.posts)
	}
	if total == 0 {
		return 0
	}
	return done / total
}

// counted returns a copy of plan whose posts are counted as they are read.
// The counter is shared by every writer, so it is added to in batches:
// an atomic add per post would be most of what a post costs the csv writer.
func (pt *progressPart) counted(plan *calendar.Plan) *calendar.Plan {
	if pt == nil {
		return plan
	}
	c := *plan
	posts := plan.Posts()
	c.SetPosts(func(yield func(calendar.Post) bool) {
		n := int64(0)
		defer func() { pt.read.Add(n) }()
		for post := range posts {
			if n++; n == 1024 {
				pt.read.Add(n)
				n = 0
			}
			if !yield(post) {
				return
			}
		}
	})
	return &c
}

// done stops the bar and clears its line, so that what follows (the
// "wrote" lines, or an error) starts on a clean line.
func (p *progress) done() {
	if p == nil || p.stop == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	fmt.Fprint(p.w, "\r\x1b[K")
}

func (p *progress) draw() {
	fmt.Fprint(p.w, "\r"+progressLine(p.fraction(), p.what, time.Since(p.start))+"\x1b[K")
}

// progressLine is the bar's text, e.g.
//
//	writing 2 files [#########...........]  45%  12s
//
// A writer may read the plan more often than expected; the bar then waits
// at 99% rather than running past its end.
func progressLine(frac float64, what string, elapsed time.Duration) string {
	const width = 30
	frac = min(max(frac, 0), 0.99)
	n := int(frac * width)
	return fmt.Sprintf("writing %s [%s%s] %3d%%  %s", what,
		strings.Repeat("#", n), strings.Repeat(".", width-n), int(frac*100), elapsed.Truncate(time.Second))
}

// showProgress decides whether generate draws a bar: only when stderr is
// a terminal, and not when TERM says it cannot move the cursor.
func (o *generateOptions) showProgress() bool {
	terminal := o.terminal
	if terminal == nil {
		terminal = isTerminal
	}
	return terminal(o.env.ErrOut) && o.env.Getenv("TERM") != "dumb"
}

// progressTotal is how many posts the writers of files read from plan in
// all: each file reads the posts as often as its format says.
func progressTotal(plan *calendar.Plan, files []file) int64 {
	var passes int64
	for _, f := range files {
		passes += int64(f.Passes)
	}
	return passes * int64(plan.Total)
}
