package caldav

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/ics"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/interop"
)

// The interop tests sync plans to real CalDAV servers, started on
// 127.0.0.1 with their storage in a temporary folder, and read the
// calendar back with a client that is not ours (Python caldav).

var syncNow = time.Unix(1798761600, 0).UTC() // 2027-01-01T00:00:00Z

// servers are the CalDAV servers the interop tests run against.
var servers = []struct {
	name  string
	start func(testing.TB) *interop.CalDAVServer
}{
	{"radicale", func(t testing.TB) *interop.CalDAVServer { return interop.StartRadicale(t, "") }},
	{"xandikos", interop.StartXandikos},
}

// counter counts the requests a client sends, by method, and can cancel
// a sync after its nth write.
type counter struct {
	rt     http.RoundTripper
	mu     sync.Mutex
	n      map[string]int
	cancel func()
	after  int // cancel after this many PUTs and DELETEs answered (0: never)
}

func (c *counter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(req)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[req.Method]++
	if writes := c.n["PUT"] + c.n["DELETE"]; c.after > 0 && writes >= c.after && c.cancel != nil {
		c.cancel()
	}
	return resp, err
}

func (c *counter) writes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n["PUT"] + c.n["DELETE"]
}

// syncTo syncs plan to the collection at raw, counting its requests; with
// cutAfter > 0 the run is cancelled after that many writes.
func syncTo(t *testing.T, raw string, plan *calendar.Plan, creds Credentials, opt Options, cutAfter int) (*Report, *counter, error) {
	t.Helper()
	u, err := ParseURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	hc := NewHTTPClient()
	cnt := &counter{rt: hc.Transport, n: map[string]int{}}
	hc.Transport = cnt
	opt.Now = syncNow
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cnt.cancel, cnt.after = cancel, cutAfter
	rep, err := Sync(ctx, New(Config{URL: u, Credentials: creds, HTTP: hc, Backoff: 50 * time.Millisecond}), plan, opt)
	return rep, cnt, err
}

// pyEvent is an event as caldav_client.py dumps it.
type pyEvent struct {
	UID      string `json:"uid"`
	Summary  string `json:"summary"`
	Start    any    `json:"start"`
	Sequence int    `json:"sequence"`
	Status   string `json:"status"`
	Plan     string `json:"plan"`
	URL      string `json:"url,omitempty"`
}

// python runs caldav_client.py.
func python(t *testing.T, srv *interop.CalDAVServer, args ...string) []byte {
	t.Helper()
	py := interop.Python(t, "caldav", "icalendar")
	cmd := exec.Command(py, append([]string{filepath.Join(interop.Dir(), "caldav_client.py")}, args...)...)
	cmd.Env = append(os.Environ(), "CALDAV_USER="+srv.User, "CALDAV_PASSWORD="+srv.Password)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("caldav_client.py %v: %v\n%s\nserver log:\n%s", args, err, stderr.String(), srv.Log())
	}
	return out
}

func dumpEvents(t *testing.T, srv *interop.CalDAVServer, args ...string) map[string]pyEvent {
	t.Helper()
	var evs []pyEvent
	if err := json.Unmarshal(python(t, srv, args...), &evs); err != nil {
		t.Fatal(err)
	}
	m := map[string]pyEvent{}
	for _, e := range evs {
		if _, dup := m[e.UID]; dup {
			t.Errorf("%s: two events with UID %s", args, e.UID)
		}
		m[e.UID] = e
	}
	return m
}

// planFile writes plan as an .ics file and returns its events as Python
// icalendar reads them: what the calendar should hold.
func planFile(t *testing.T, srv *interop.CalDAVServer, plan *calendar.Plan) map[string]pyEvent {
	t.Helper()
	var b bytes.Buffer
	if err := ics.Write(&b, plan, ics.Options{Now: syncNow}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.ics")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dumpEvents(t, srv, "file", path)
}

// ofPlan is the events of evs with X-CONTENTPLAN-PLAN id.
func ofPlan(evs map[string]pyEvent, id string) map[string]pyEvent {
	out := map[string]pyEvent{}
	for uid, e := range evs {
		if e.Plan == id {
			out[uid] = e
		}
	}
	return out
}

// sameEvents fails t unless got holds exactly want's events, with the
// same summary, start and status; except names UIDs whose summary is not
// compared.
func sameEvents(t *testing.T, what string, got, want map[string]pyEvent, except ...string) {
	t.Helper()
	for uid, w := range want {
		g, ok := got[uid]
		switch {
		case !ok:
			t.Errorf("%s: event %s (%s) missing", what, uid, w.Summary)
		case g.Start != w.Start || g.Status != w.Status || g.Summary != w.Summary && !slices.Contains(except, uid):
			t.Errorf("%s: event %s is %+v, want %+v", what, uid, g, w)
		}
	}
	for uid, g := range got {
		if _, ok := want[uid]; !ok {
			t.Errorf("%s: event %s (%s) should not be there", what, uid, g.Summary)
		}
	}
}

// uids lists the UIDs of a report's changes of action a.
func uids(rep *Report, a Action) []string {
	var out []string
	for _, c := range rep.Changes {
		if c.Action == a && c.Done {
			out = append(out, c.UID)
		}
	}
	slices.Sort(out)
	return out
}

func keys(m map[string]pyEvent, keep func(string) bool) []string {
	var out []string
	for k := range m {
		if keep(k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TestSyncInterop is the life of a plan in a shared calendar, on each
// server: another client's event and another plan are there first; v1 is
// synced, read back and compared with the plan; a sync of the unchanged
// plan writes nothing; someone edits an event on the server; v2 (times
// moved, a channel removed, posts added) is synced: the calendar then
// holds v2's events, the edited one reported and kept as edited, the
// others untouched; a third sync writes nothing.
func TestSyncInterop(t *testing.T) {
	v1 := testutil.BuildExample(t, "testdata/v1.toml")
	v2 := testutil.BuildExample(t, "testdata/v2.toml")
	other := testutil.BuildExample(t, "testdata/other.toml")
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			srv := s.start(t)
			cal := srv.NewCalendar(t, "plan")
			creds := Credentials{Username: srv.User, Password: srv.Password, From: "the test"}
			python(t, srv, "add", cal, "someone-else-1@example.com", "Dentist")
			if _, _, err := syncTo(t, cal, other, creds, Options{}, 0); err != nil {
				t.Fatal(err)
			}
			before := dumpEvents(t, srv, "dump", cal)

			want1 := planFile(t, srv, v1)
			rep, cnt, err := syncTo(t, cal, v1, creds, Options{}, 0)
			if err != nil {
				t.Fatalf("%v\n%s", err, srv.Log())
			}
			checkClean(t, "sync v1", rep)
			if c, _ := rep.Count(Create); c != len(want1) || len(rep.Changes) != c || cnt.writes() != c {
				t.Errorf("sync v1: %d changes, %d creations, %d writes; the plan has %d events", len(rep.Changes), c, cnt.writes(), len(want1))
			}
			got := dumpEvents(t, srv, "dump", cal)
			sameEvents(t, "after v1", ofPlan(got, "sync-test"), want1)

			rep, cnt, err = syncTo(t, cal, v1, creds, Options{}, 0)
			if err != nil || cnt.writes() != 0 || len(rep.Changes) != 0 || rep.Unchanged != len(want1) {
				t.Errorf("sync v1 again: %v, %d writes, %d changes, %d unchanged; want none, none and %d", err, cnt.writes(), len(rep.Changes), rep.Unchanged, len(want1))
			}

			edited := slices.Sorted(func(yield func(string) bool) {
				for uid := range want1 {
					yield(uid)
				}
			})[0]
			python(t, srv, "edit", cal, edited, "Moved by hand")
			want2 := planFile(t, srv, v2)
			rep, _, err = syncTo(t, cal, v2, creds, Options{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkV2(t, rep, want1, want2, edited)
			got = dumpEvents(t, srv, "dump", cal)
			// The edited event stays as it was before v2, but for its summary.
			expect := maps(want2, map[string]pyEvent{edited: want1[edited]})
			sameEvents(t, "after v2", ofPlan(got, "sync-test"), expect, edited)
			if got[edited].Summary != "Moved by hand" {
				t.Errorf("the edited event was overwritten: %+v", got[edited])
			}
			for uid, e := range ofPlan(got, "sync-test") {
				if wantSeq := seqAfterV2(uid, rep); uid != edited && e.Sequence != wantSeq {
					t.Errorf("event %s: SEQUENCE %d, want %d", uid, e.Sequence, wantSeq)
				}
			}
			for uid, e := range before {
				if e.Plan != "sync-test" && got[uid] != e {
					t.Errorf("someone else's event %s changed: %+v, was %+v", uid, got[uid], e)
				}
			}

			rep, cnt, err = syncTo(t, cal, v2, creds, Options{}, 0)
			if err != nil || cnt.writes() != 0 || len(rep.Changes) != 0 || len(rep.Conflicts) != 1 {
				t.Errorf("sync v2 again: %v, %d writes, %d changes, conflicts %v; want none, none and the edited event", err, cnt.writes(), len(rep.Changes), rep.Conflicts)
			}
		})
	}
}

func maps(a, b map[string]pyEvent) map[string]pyEvent {
	out := map[string]pyEvent{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// seqAfterV2 is the SEQUENCE an event should have after v1 and v2: 1 when
// v2 changed it, else 0.
func seqAfterV2(uid string, rep *Report) int {
	if slices.Contains(uids(rep, Update), uid) {
		return 1
	}
	return 0
}

// checkClean fails t if a report has a conflict or a failure.
func checkClean(t *testing.T, what string, rep *Report) {
	t.Helper()
	for _, p := range append(rep.Conflicts, rep.Failed...) {
		t.Errorf("%s: %s %s: %v", what, p.UID, p.Label, p.Err)
	}
	if rep.Unfiltered {
		t.Errorf("%s: the server did not filter by %s", what, propPlan)
	}
}

// checkV2 checks the report of the sync of v2 over v1: v2's new events
// created, those it no longer has deleted, those whose start moved
// updated, and the event edited on the server reported, not written.
func checkV2(t *testing.T, rep *Report, want1, want2 map[string]pyEvent, edited string) {
	t.Helper()
	newUIDs := keys(want2, func(uid string) bool { _, ok := want1[uid]; return !ok })
	goneUIDs := keys(want1, func(uid string) bool { _, ok := want2[uid]; return !ok && uid != edited })
	moved := keys(want2, func(uid string) bool { w, ok := want1[uid]; return ok && w.Start != want2[uid].Start && uid != edited })
	if len(newUIDs) == 0 || len(goneUIDs) == 0 || len(moved) == 0 {
		t.Fatalf("v2 should add, remove and move events: %d, %d, %d", len(newUIDs), len(goneUIDs), len(moved))
	}
	if got := uids(rep, Create); !slices.Equal(got, newUIDs) {
		t.Errorf("created %v, want %v", got, newUIDs)
	}
	if got := uids(rep, Delete); !slices.Equal(got, goneUIDs) {
		t.Errorf("deleted %v, want %v", got, goneUIDs)
	}
	updated := uids(rep, Update)
	for _, uid := range moved {
		if !slices.Contains(updated, uid) {
			t.Errorf("event %s moved, but was not updated", uid)
		}
	}
	if slices.Contains(updated, edited) {
		t.Errorf("the edited event %s was updated", edited)
	}
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].UID != edited || len(rep.Failed) != 0 {
		t.Errorf("conflicts %v, failed %v; want the edited event %s alone", rep.Conflicts, rep.Failed, edited)
	}
	for _, c := range rep.Changes {
		if !c.Done {
			t.Errorf("%s %s not done", c.Action, c.UID)
		}
	}
}

// TestSyncInteropResume cuts a sync off after a few writes, as a killed
// run or a lost network would, and runs it again: the calendar then holds
// the plan's events, and a third run writes nothing.
func TestSyncInteropResume(t *testing.T) {
	v1 := testutil.BuildExample(t, "testdata/v1.toml")
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			srv := s.start(t)
			cal := srv.NewCalendar(t, "resume")
			rep, cnt, err := syncTo(t, cal, v1, Credentials{}, Options{}, 7)
			if err == nil || !rep.Interrupted {
				t.Fatalf("the run was not cut off: %v, %d writes", err, cnt.writes())
			}
			_, done := rep.Count(Create)
			if done == 0 || done >= len(rep.Changes) {
				t.Fatalf("%d of %d written before the cut", done, len(rep.Changes))
			}
			rep, _, err = syncTo(t, cal, v1, Credentials{}, Options{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, "the second run", rep)
			want := planFile(t, srv, v1)
			if c, _ := rep.Count(Create); c+rep.Unchanged != len(want) || rep.Unchanged < done {
				t.Errorf("second run: %d created, %d unchanged; the plan has %d, the first run wrote %d", c, rep.Unchanged, len(want), done)
			}
			sameEvents(t, "after the second run", dumpEvents(t, srv, "dump", cal), want)
			if _, cnt, err := syncTo(t, cal, v1, Credentials{}, Options{}, 0); err != nil || cnt.writes() != 0 {
				t.Errorf("third run: %v, %d writes", err, cnt.writes())
			}
		})
	}
}

// TestDiscoverInterop: given the server's root rather than a calendar,
// sync writes nothing and names the user's calendars of events, found as
// a calendar program finds them (principal, calendar home).
func TestDiscoverInterop(t *testing.T) {
	v1 := testutil.BuildExample(t, "testdata/v1.toml")
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			var srv *interop.CalDAVServer
			if s.name == "radicale" {
				// Radicale has a principal for a user who logged in only.
				srv = interop.StartRadicale(t, "pw")
			} else {
				srv = s.start(t)
			}
			cal := srv.NewCalendar(t, "plan")
			creds := Credentials{Username: srv.User, Password: srv.Password}
			_, cnt, err := syncTo(t, srv.Root+"/", v1, creds, Options{}, 0)
			hints := strings.Join(hintsOf(err), "\n")
			if err == nil || !strings.Contains(err.Error(), "is not a calendar") || !strings.Contains(hints, "\n  "+cal) || cnt.writes() != 0 {
				t.Fatalf("%v\n%s", err, hints)
			}
			t.Logf("%v\n%s", err, hints)
		})
	}
}

// TestSyncInteropKilled kills a contentplan sync process (SIGKILL, nothing
// to clean up) once the server has answered a few of its writes, with
// more under way, then runs it again: the calendar then holds the plan's
// events, as after a run that was never cut off.
func TestSyncInteropKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "contentplan")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "github.com/contentplan/contentplan/cmd/contentplan")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	v1 := testutil.BuildExample(t, "testdata/v1.toml")
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			srv := s.start(t)
			cal := srv.NewCalendar(t, "killed")
			target, err := url.Parse(cal)
			if err != nil {
				t.Fatal(err)
			}
			var cmd *exec.Cmd
			var puts atomic.Int32
			proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
			// The requests under way when the process dies end in the proxy.
			proxy.ErrorLog = log.New(io.Discard, "", 0)
			proxy.ModifyResponse = func(r *http.Response) error {
				if r.Request.Method == "PUT" && puts.Add(1) == 5 {
					cmd.Process.Kill()
				}
				return nil
			}
			front := httptest.NewServer(proxy)
			defer front.Close()
			cmd = exec.Command(bin, "sync", "testdata/v1.toml", "--to", front.URL+target.Path)
			// Credentials of the machine's own stay out of it.
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1798761600", "CONTENTPLAN_CALDAV_USERNAME=", "CONTENTPLAN_CALDAV_PASSWORD=",
				"NETRC="+filepath.Join(t.TempDir(), "none"))
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the run was not killed: %v\n%s", err, out)
			}
			written := len(ofPlan(dumpEvents(t, srv, "dump", cal), "sync-test"))
			rep, _, err := syncTo(t, cal, v1, Credentials{}, Options{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, "the run after the kill", rep)
			want := planFile(t, srv, v1)
			if c, _ := rep.Count(Create); written < 5 || written >= len(want) || c+rep.Unchanged != len(want) {
				t.Errorf("%d written before the kill, then %d created and %d unchanged; the plan has %d", written, c, rep.Unchanged, len(want))
			}
			sameEvents(t, "after the run after the kill", dumpEvents(t, srv, "dump", cal), want)
		})
	}
}
