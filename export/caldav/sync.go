package caldav

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/ics"
)

// How sync works (docs/sync.md): the plan's events are made as the .ics
// file has them (ics.Objects), one object each, and given two properties:
// propPlan, the plan's id, and propHash, the digest of the event. The
// server is asked for the objects whose propPlan is the plan's id: only
// those are the plan's, and only those are ever written to or deleted;
// everything else in the collection is someone else's. Then, by UID:
//
//   - an event the server lacks is created (If-None-Match: *);
//   - an event whose digest differs from the one the server's copy was
//     written with is replaced (If-Match: its ETag), with SEQUENCE one above
//     the server's copy (docs/spec.md, rule 9); an unchanged one is not sent;
//   - an event of the plan's on the server that the plan no longer has is
//     deleted (If-Match);
//   - an event whose content on the server no longer has the digest it was
//     written with was edited there: it is reported and left as it is, as
//     is one that a condition of a write finds changed in the meantime.
//
// Nothing is kept between runs: the server's copy says what sync wrote. A
// run cut off halfway leaves every object whole (each write is one
// request), and the next run finds what is left to do.

// Options are the choices of a sync.
type Options struct {
	// Deadlines adds each post's draft deadline as an event (--deadlines).
	Deadlines bool
	// Now is the DTSTAMP of the events written.
	Now time.Time
	// DryRun reads the server and says what would change, writing nothing.
	DryRun bool
	// Workers is how many writes are under way at once (default 4).
	Workers int
	// Progress, when set, is called after each write with the writes done
	// and their total.
	Progress func(done, total int)
}

// Action is what a change does to an event on the server.
type Action string

const (
	Create Action = "create"
	Update Action = "update"
	Delete Action = "delete"
)

// Change is a write sync makes (or, in a dry run, would make).
type Change struct {
	Action Action
	UID    string
	Label  string // the event's start and summary
	Done   bool   // the server took it
}

// Problem is an event sync could not bring in line with the plan.
type Problem struct {
	UID   string
	Label string
	Err   error
}

// Report is what a sync did, or in a dry run would do.
type Report struct {
	// Calendar is the collection's display name ("" when it has none).
	Calendar string
	// Changes are the writes, creations and replacements in the plan's
	// order, then deletions by date.
	Changes []Change
	// Unchanged counts the plan's events the server already holds as they
	// are.
	Unchanged int
	// Conflicts are events edited on the server (since sync wrote them, or
	// while it ran): left as they are.
	Conflicts []Problem
	// Failed are writes the server refused, or that got no answer.
	Failed []Problem
	// Unfiltered is set when the server could not be asked for the plan's
	// events alone, so that every event of the collection was read.
	Unfiltered bool
	// Interrupted is set when the run was cancelled before every write.
	Interrupted bool
}

// Count is how many changes of action a there are, and how many were made.
func (r *Report) Count(a Action) (planned, done int) {
	for _, c := range r.Changes {
		if c.Action == a {
			planned++
			if c.Done {
				done++
			}
		}
	}
	return planned, done
}

// local is one of the plan's events.
type local struct {
	digest string
	label  string
}

// job is a write to make.
type job struct {
	change int // index in Report.Changes
	action Action
	url    *url.URL
	etag   string
	seq    int
	digest string
	data   []byte
}

// Sync makes the collection c hold the plan's events (see above). The
// error is one that stopped it (the collection cannot be read, the run
// was cancelled); what happened to single events is in the report.
func Sync(ctx context.Context, c *Client, plan *calendar.Plan, opt Options) (*Report, error) {
	info, err := c.Check(ctx)
	if err != nil {
		return nil, err
	}
	icsOpt := ics.Options{Now: opt.Now, Deadlines: opt.Deadlines}
	locals, order, err := localEvents(plan, icsOpt)
	if err != nil {
		return nil, err
	}
	rep := &Report{Calendar: info.DisplayName}
	id := planID(plan)
	remotes := map[string]remote{}
	filtered, err := c.query(ctx, id, func(r remote) {
		switch prev, dup := remotes[r.ev.UID]; {
		case r.err != nil:
			rep.Conflicts = append(rep.Conflicts, Problem{Label: Redact(r.url, ""), Err: fmt.Errorf("cannot be read: %v: left as it is", r.err)})
		case dup:
			rep.Conflicts = append(rep.Conflicts, Problem{UID: r.ev.UID, Label: r.ev.Label,
				Err: fmt.Errorf("two objects hold this event, %s and %s: the second left as it is", Redact(prev.url, ""), Redact(r.url, ""))})
		default:
			remotes[r.ev.UID] = r
		}
	})
	if err != nil {
		return nil, err
	}
	rep.Unfiltered = !filtered
	jobs := compare(c, rep, locals, order, remotes)
	if opt.DryRun || len(jobs) == 0 {
		return rep, nil
	}
	return rep, apply(ctx, c, plan, icsOpt, opt, rep, jobs, id)
}

// planID is the plan's id, as its events' UIDs derive from it.
func planID(plan *calendar.Plan) string {
	if plan.ID != "" {
		return plan.ID
	}
	return calendar.DerivePlanID(plan.Name)
}

// localEvents are the plan's events by UID, and their UIDs in order.
func localEvents(plan *calendar.Plan, opt ics.Options) (map[string]local, []string, error) {
	locals := map[string]local{}
	var order []string
	err := ics.Objects(plan, opt, func(o *ics.Object) error {
		ev, err := readEvent(o.Encode(0))
		if err != nil {
			return fmt.Errorf("event %s: %v", o.UID, err) // not something ics writes
		}
		if _, dup := locals[o.UID]; dup {
			return fmt.Errorf("event %s: twice in the plan", o.UID)
		}
		locals[o.UID] = local{digest: ev.Digest, label: ev.Label}
		order = append(order, o.UID)
		return nil
	})
	return locals, order, err
}

// compare compares the plan's events with the server's, fills in the
// report's changes, unchanged count and conflicts, and returns the writes
// by UID.
func compare(c *Client, rep *Report, locals map[string]local, order []string, remotes map[string]remote) map[string]*job {
	jobs := map[string]*job{}
	add := func(a Action, uid, label string, j *job) {
		j.change, j.action = len(rep.Changes), a
		rep.Changes = append(rep.Changes, Change{Action: a, UID: uid, Label: label})
		jobs[uid] = j
	}
	edited := func(uid string, r remote, why string) {
		rep.Conflicts = append(rep.Conflicts, Problem{UID: uid, Label: r.ev.Label,
			Err: fmt.Errorf("edited on the server since sync wrote it%s: left as it is", why)})
	}
	for _, uid := range order {
		l := locals[uid]
		r, ok := remotes[uid]
		switch {
		case !ok:
			add(Create, uid, l.label, &job{url: c.member(resourceName(uid)), digest: l.digest})
		case r.ev.Hash != "" && r.ev.Digest != r.ev.Hash:
			edited(uid, r, "")
		case l.digest == r.ev.Digest:
			rep.Unchanged++
		default:
			add(Update, uid, l.label, &job{url: r.url, etag: r.etag, seq: nextSeq(r.ev.Seq), digest: l.digest})
		}
	}
	var gone []remote
	for uid, r := range remotes {
		if _, ok := locals[uid]; !ok {
			gone = append(gone, r)
		}
	}
	slices.SortFunc(gone, func(a, b remote) int {
		return cmp.Or(cmp.Compare(a.ev.Label, b.ev.Label), cmp.Compare(a.ev.UID, b.ev.UID))
	})
	for _, r := range gone {
		if r.ev.Hash != "" && r.ev.Digest != r.ev.Hash {
			edited(r.ev.UID, r, ", and the plan no longer has it")
			continue
		}
		add(Delete, r.ev.UID, r.ev.Label, &job{url: r.url, etag: r.etag})
	}
	return jobs
}

// resourceName is the name of the object of the event uid in the
// collection: the UID, as clients name theirs, with anything that would
// make a folder of it or trouble a server replaced.
func resourceName(uid string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < 0x20 || r == 0x7f {
			return '-'
		}
		return r
	}, uid) + ".ics"
}

// nextSeq is the SEQUENCE after seq, within RFC 5545's INTEGER.
func nextSeq(seq int) int { return min(seq, math.MaxInt32-1) + 1 }

// apply makes the writes: Workers at once, the plan's events encoded as
// they are sent (a second pass of ics.Objects, so that the plan's objects
// are never all in memory), then the deletions. A write that gets no
// answer even when tried again stops the run: the server is gone, and the
// next run takes up what is left.
func apply(ctx context.Context, c *Client, plan *calendar.Plan, icsOpt ics.Options, opt Options,
	rep *Report, jobs map[string]*job, id string) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	queue := make(chan *job)
	results := make(chan result, len(jobs))
	workers := opt.Workers
	if workers <= 0 {
		workers = 4
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range queue {
				err := runJob(ctx, c, j)
				j.data = nil // sent: not kept till the end of the run
				results <- result{j, err}
			}
		})
	}
	var feedErr error
	wg.Go(func() {
		defer close(queue)
		feedErr = feed(ctx, plan, icsOpt, jobs, id, queue)
	})
	go func() {
		wg.Wait()
		close(results)
	}()
	collect(ctx, cancel, rep, results, len(jobs), opt.Progress)
	rep.Interrupted = ctx.Err() != nil
	switch {
	case ctx.Err() != nil:
		return context.Cause(ctx)
	case feedErr != nil:
		return feedErr
	}
	return nil
}

type result struct {
	j   *job
	err error
}

// feed sends the jobs: the plan's events as ics.Objects makes them, then
// the deletions in the report's order.
func feed(ctx context.Context, plan *calendar.Plan, icsOpt ics.Options, jobs map[string]*job, id string, queue chan<- *job) error {
	send := func(j *job) error {
		select {
		case queue <- j:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := ics.Objects(plan, icsOpt, func(o *ics.Object) error {
		j := jobs[o.UID]
		if j == nil || j.action == Delete {
			return nil
		}
		j.data = o.Encode(j.seq, ics.Property{Name: propPlan, Value: id}, ics.Property{Name: propHash, Value: j.digest})
		return send(j)
	})
	if err != nil {
		return err
	}
	var dels []*job
	for _, j := range jobs {
		if j.action == Delete {
			dels = append(dels, j)
		}
	}
	slices.SortFunc(dels, func(a, b *job) int { return cmp.Compare(a.change, b.change) })
	for _, j := range dels {
		if err := send(j); err != nil {
			return err
		}
	}
	return nil
}

// collect takes the results into the report until there are no more. A
// write that got no answer at all cancels the rest (cancel).
func collect(ctx context.Context, cancel context.CancelCauseFunc, rep *Report, results <-chan result, total int, progress func(int, int)) {
	n := 0
	for res := range results {
		ch := &rep.Changes[res.j.change]
		var ce *conflictError
		var ne *NetError
		switch {
		case res.err == nil:
			ch.Done = true
		case errors.As(res.err, &ce):
			rep.Conflicts = append(rep.Conflicts, Problem{UID: ch.UID, Label: ch.Label, Err: ce})
		case ctx.Err() != nil:
			// Cancelled: not a failure of this event.
		case errors.As(res.err, &ne):
			rep.Failed = append(rep.Failed, Problem{UID: ch.UID, Label: ch.Label, Err: res.err})
			cancel(fmt.Errorf("the server stopped answering: %w", res.err))
		default:
			rep.Failed = append(rep.Failed, Problem{UID: ch.UID, Label: ch.Label, Err: res.err})
		}
		if n++; progress != nil {
			progress(n, total)
		}
	}
}

// conflictError is a write whose condition failed: the event changed on
// the server while sync ran.
type conflictError struct{ msg string }

func (e *conflictError) Error() string { return e.msg }

// runJob makes one write. A failed condition (412) is looked into: when
// the server holds what the write meant to put there (an earlier attempt
// of the same write got through, its answer lost), or lacks what it meant
// to delete, the write is done; otherwise it is a conflict.
func runJob(ctx context.Context, c *Client, j *job) error {
	var err error
	if j.action == Delete {
		err = c.delete(ctx, j.url, j.etag)
	} else {
		err = c.put(ctx, j.url, j.data, j.etag)
	}
	var se *StatusError
	if !errors.As(err, &se) {
		return err
	}
	switch {
	case j.action == Delete && se.Status == http.StatusNotFound:
		return nil // gone already
	case se.Status == http.StatusNotFound && j.action == Update:
		return &conflictError{"deleted on the server while sync ran: the next sync creates it again"}
	case se.Status != http.StatusPreconditionFailed:
		return err
	}
	now, gerr := c.get(ctx, j.url)
	var gse *StatusError
	switch {
	case errors.As(gerr, &gse) && gse.Status == http.StatusNotFound:
		if j.action == Delete {
			return nil
		}
		return &conflictError{"deleted on the server while sync ran: the next sync creates it again"}
	case gerr != nil:
		return gerr
	case j.action != Delete && now.err == nil && now.ev.Hash == j.digest && now.ev.Digest == j.digest:
		return nil // what this write meant to put there
	case j.action == Create:
		return &conflictError{fmt.Sprintf("the server has another object named %s: left as it is", Redact(j.url, ""))}
	}
	return &conflictError{"changed on the server while sync ran: left as it is"}
}
