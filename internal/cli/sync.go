package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/export/caldav"
)

type syncOptions struct {
	env       *Env
	spec      string
	to        string
	dryRun    bool
	deadlines bool
	// terminal reports whether stderr is a terminal, where the progress
	// bar is drawn; nil means isTerminal. Tests set it.
	terminal func(io.Writer) bool
	// http is the client requests go through; nil means the default.
	// Tests set it.
	http *http.Client
}

func newSyncCmd(env *Env) *cobra.Command {
	o := &syncOptions{env: env}
	cmd := &cobra.Command{
		Use:   "sync SPEC --to URL [--dry-run] [--deadlines]",
		Short: "Make a CalDAV calendar hold the plan's events",
		Long: `Make the CalDAV calendar at URL hold exactly the plan's events: posts,
review meetings (and draft deadlines with --deadlines), each as the .ics file
has it. Events the plan does not have yet are created, changed ones replaced
(SEQUENCE raised), ones the plan no longer has deleted, and unchanged ones
not sent again. Only the plan's own events are touched (they carry the
plan's id in X-CONTENTPLAN-PLAN): other people's events and other plans' in
the same calendar stay as they are. Give the plan an id (init writes one),
or renaming it makes it another plan.

Every write is conditional: an event someone edited on the server since
sync wrote it, or while it runs, is reported and left as it is (exit 1); to
have the plan's version back, delete that event in the calendar and sync
again. --dry-run reads the calendar and prints what would be created,
updated and deleted, writing nothing.

URL is the calendar's own (a collection), over https; plain http only to
this machine (127.0.0.1, ::1, localhost). The user name and password come
from CONTENTPLAN_CALDAV_USERNAME and CONTENTPLAN_CALDAV_PASSWORD, or from
the machine's entry in ~/.netrc ($NETRC names another file); never from
the spec or the URL, and they are never printed. docs/sync.md gives the URL
and the password to use for Nextcloud, iCloud, Fastmail, Yandex Calendar
and Radicale.

A run cut off (Ctrl-C, a lost network) leaves each event whole, old or new:
run sync again to finish. Exit codes: 0 the calendar holds the plan, 1 a
network or server failure, an event not written or edited on the server,
2 an invalid spec, URL or credentials setting.`,
		Args: exactArgs("SPEC"),
		RunE: runE(func(args []string) error {
			o.spec = args[0]
			return runSync(o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.to, "to", "", "the `URL` of the CalDAV calendar")
	f.BoolVar(&o.dryRun, "dry-run", false, "print what would change, and change nothing")
	f.BoolVar(&o.deadlines, "deadlines", false, "add each post's draft deadline to the calendar as its own event")
	cmd.RegisterFlagCompletionFunc("to", cobra.NoFileCompletions)
	return cmd
}

// runSync reads the URL, the credentials and the spec, syncs, and prints
// what changed: each change in a dry run, a summary otherwise, and every
// event that could not be brought in line.
func runSync(o *syncOptions) error {
	if o.to == "" {
		return usagef([]string{"give the calendar's URL, e.g. --to https://cloud.example.com/remote.php/dav/calendars/USER/CALENDAR/"},
			"sync wants --to URL")
	}
	u, err := caldav.ParseURL(o.to)
	if err != nil {
		return err
	}
	creds, err := caldav.FindCredentials(u, o.env.Getenv)
	if err != nil {
		return err
	}
	now, err := stamp(o.env)
	if err != nil {
		return err
	}
	plan, err := loadPlan(o.env, o.spec)
	if err != nil {
		return err
	}
	ctx, stop := interruptContext(context.Background())
	defer stop()
	client := caldav.New(caldav.Config{URL: u, Credentials: creds, HTTP: o.http})
	bar := newSyncBar(o.env.ErrOut, o.showProgress())
	rep, err := caldav.Sync(ctx, client, plan, caldav.Options{
		Deadlines: o.deadlines, Now: now, DryRun: o.dryRun, Progress: bar.update,
	})
	bar.done()
	if rep != nil {
		o.print(rep, client.URL())
	}
	switch {
	case err != nil && rep != nil && rep.Interrupted:
		return fmt.Errorf("stopped after %d of %d changes (%v): run sync again to finish", made(rep), len(rep.Changes), err)
	case err != nil:
		return err
	}
	if n := len(rep.Conflicts) + len(rep.Failed); n > 0 {
		return &hinted{fmt.Errorf("%s not in step with the plan", plural(n, "event")), problemHints(rep)}
	}
	return nil
}

// print writes the report: in a dry run each change on standard output,
// then the summary; every problem on standard error.
func (o *syncOptions) print(rep *caldav.Report, url string) {
	w := o.env.Out
	name := url
	if rep.Calendar != "" {
		name = fmt.Sprintf("%q (%s)", term(rep.Calendar), url)
	}
	if o.dryRun {
		for _, c := range rep.Changes {
			fmt.Fprintf(w, "%-6s %s  %s\n", c.Action, c.UID, term(c.Label))
		}
		fmt.Fprintf(w, "%s: would create %d, update %d, delete %d; %d unchanged\n", name,
			planned(rep, caldav.Create), planned(rep, caldav.Update), planned(rep, caldav.Delete), rep.Unchanged)
	} else {
		fmt.Fprintf(w, "%s: %d created, %d updated, %d deleted, %d unchanged\n", name,
			done(rep, caldav.Create), done(rep, caldav.Update), done(rep, caldav.Delete), rep.Unchanged)
	}
	if rep.Unfiltered {
		fmt.Fprintf(o.env.ErrOut, "warning: %s cannot find the plan's events alone: every event of the calendar was read\n", url)
	}
	for _, p := range rep.Conflicts {
		fmt.Fprintf(o.env.ErrOut, "error: %s: %v\n", eventName(p), p.Err)
	}
	for _, p := range rep.Failed {
		fmt.Fprintf(o.env.ErrOut, "error: %s: %v\n", eventName(p), p.Err)
	}
}

// eventName names an event in a message: "event UID (when and what)".
func eventName(p caldav.Problem) string {
	switch {
	case p.UID == "":
		return term(p.Label)
	case p.Label == "":
		return "event " + term(p.UID)
	}
	return fmt.Sprintf("event %s (%s)", term(p.UID), term(p.Label))
}

func problemHints(rep *caldav.Report) []string {
	var hints []string
	if len(rep.Conflicts) > 0 {
		hints = append(hints, "an event edited on the server is left as it is: to have the plan's version back, delete it in the calendar and sync again")
	}
	if len(rep.Failed) > 0 {
		hints = append(hints, "the other changes were made: run sync again once the server takes these")
	}
	return hints
}

func planned(rep *caldav.Report, a caldav.Action) int { n, _ := rep.Count(a); return n }
func done(rep *caldav.Report, a caldav.Action) int    { _, n := rep.Count(a); return n }

// made is how many changes were made.
func made(rep *caldav.Report) int {
	n := 0
	for _, c := range rep.Changes {
		if c.Done {
			n++
		}
	}
	return n
}

// hinted is a run time error (exit 1) with hint lines.
type hinted struct {
	err   error
	hints []string
}

func (e *hinted) Error() string   { return e.err.Error() }
func (e *hinted) Unwrap() error   { return e.err }
func (e *hinted) Hints() []string { return e.hints }

// runHints are the hints of a run time error, when it has any.
func runHints(err error) []string {
	var h interface{ Hints() []string }
	if errors.As(err, &h) {
		return h.Hints()
	}
	return nil
}

// showProgress decides whether sync draws a bar: as generate does.
func (o *syncOptions) showProgress() bool {
	terminal := o.terminal
	if terminal == nil {
		terminal = isTerminal
	}
	return terminal(o.env.ErrOut) && o.env.Getenv("TERM") != "dumb"
}

// syncBar is a progress bar of the writes of a sync, drawn on a terminal
// once there are enough of them to wait for. A nil *syncBar draws nothing.
type syncBar struct {
	w     io.Writer
	mu    sync.Mutex
	start time.Time
	drawn bool
	last  time.Time
}

// syncBarMin is the writes below which no bar is drawn: a few dozen take
// a second or two.
const syncBarMin = 50

func newSyncBar(w io.Writer, show bool) *syncBar {
	if !show {
		return nil
	}
	return &syncBar{w: w, start: time.Now()}
}

func (b *syncBar) update(done, total int) {
	if b == nil || total < syncBarMin {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if now := time.Now(); done < total && now.Sub(b.last) < progressEvery {
		return
	} else {
		b.last = now
	}
	const width = 30
	n := done * width / total
	fmt.Fprintf(b.w, "\rsyncing %d changes [%s%s] %3d%%  %s\x1b[K", total,
		strings.Repeat("#", n), strings.Repeat(".", width-n), done*100/total, time.Since(b.start).Truncate(time.Second))
	b.drawn = true
}

func (b *syncBar) done() {
	if b == nil || !b.drawn {
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K")
}
