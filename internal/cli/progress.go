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
// posts the writers read from the plan (each writer reads it once or
// twice, on its own goroutine), against the reads their formats expect. A nil
// *progress draws nothing, and its methods do nothing.
type progress struct {
	w     io.Writer
	files int
	total int64
	read  atomic.Int64
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
}

// newProgress prepares a bar on w, or returns nil when show is false or
// the work is too small to watch. total is the posts the writers are
// expected to read in all (progressTotal).
func newProgress(w io.Writer, show bool, total int64) *progress {
	if !show || total < progressMin {
		return nil
	}
	return &progress{w: w, total: total}
}

// run starts drawing, for a run writing files files.
func (p *progress) run(files int) {
	if p == nil {
		return
	}
	p.files, p.start, p.stop = files, time.Now(), make(chan struct{})
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

// counted returns a copy of plan whose posts are counted as they are read.
// The counter is shared by every writer, so it is added to in batches:
// an atomic add per post would be most of what a post costs the csv writer.
func (p *progress) counted(plan *calendar.Plan) *calendar.Plan {
	if p == nil {
		return plan
	}
	c := *plan
	posts := plan.Posts()
	c.SetPosts(func(yield func(calendar.Post) bool) {
		n := int64(0)
		defer func() { p.read.Add(n) }()
		for post := range posts {
			if n++; n == 1024 {
				p.read.Add(n)
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
	fmt.Fprint(p.w, "\r"+progressLine(p.read.Load(), p.total, p.files, time.Since(p.start))+"\x1b[K")
}

// progressLine is the bar's text, e.g.
//
//	writing 2 files [#########...........]  45%  12s
//
// A writer may read the plan more often than expected; the bar then waits
// at 99% rather than running past its end.
func progressLine(read, total int64, files int, elapsed time.Duration) string {
	const width = 30
	frac := 0.0
	if total > 0 {
		frac = min(float64(read)/float64(total), 0.99)
	}
	n := int(frac * width)
	what := "file"
	if files != 1 {
		what = "files"
	}
	return fmt.Sprintf("writing %d %s [%s%s] %3d%%  %s", files, what,
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
