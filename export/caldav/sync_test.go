package caldav

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
)

func plans(t *testing.T) (v1, v2, other *calendar.Plan) {
	return testutil.BuildExample(t, "testdata/v1.toml"), testutil.BuildExample(t, "testdata/v2.toml"),
		testutil.BuildExample(t, "testdata/other.toml")
}

func syncFake(t *testing.T, f *fakeServer, plan *calendar.Plan, opt Options) *Report {
	t.Helper()
	opt.Now = syncNow
	rep, err := Sync(context.Background(), f.client(Credentials{}), plan, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// storedEvents reads every object the fake server holds, by UID.
func storedEvents(t *testing.T, f *fakeServer) map[string]event {
	t.Helper()
	out := map[string]event{}
	for _, name := range f.names() {
		ev, err := readEvent(f.object(name).data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[ev.UID] = ev
	}
	return out
}

const foreign = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//EN\r\nBEGIN:VEVENT\r\nUID:dentist@example.com\r\n" +
	"DTSTAMP:20270101T000000Z\r\nDTSTART:20270110T120000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// TestSync follows a plan through the fake server: created, unchanged,
// changed (created, replaced with SEQUENCE raised, deleted), with every
// write conditional and of a known length, someone else's event and
// another plan's untouched.
func TestSync(t *testing.T) {
	v1, v2, other := plans(t)
	f := newFakeServer(t)
	f.put("dentist.ics", []byte(foreign))
	syncFake(t, f, other, Options{})
	otherNames := f.names()

	rep := syncFake(t, f, v1, Options{})
	n1, _ := rep.Count(Create)
	if n1 == 0 || len(rep.Changes) != n1 || rep.Unchanged != 0 || len(rep.Conflicts)+len(rep.Failed) != 0 {
		t.Fatalf("first sync: %+v", rep)
	}
	for _, r := range f.requests("PUT") {
		if r.header.Get("If-None-Match") != "*" || r.header.Get("If-Match") != "" || r.length <= 0 {
			t.Errorf("PUT %s: If-None-Match %q, If-Match %q, Content-Length %d", r.path, r.header.Get("If-None-Match"), r.header.Get("If-Match"), r.length)
		}
	}
	for uid, ev := range storedEvents(t, f) {
		if ev.Plan == "sync-test" && (ev.Seq != 0 || ev.Hash != ev.Digest) {
			t.Errorf("%s: SEQUENCE %d, hash %s, digest %s", uid, ev.Seq, ev.Hash, ev.Digest)
		}
	}

	before := f.writes()
	rep = syncFake(t, f, v1, Options{})
	if f.writes() != before || len(rep.Changes) != 0 || rep.Unchanged != n1 {
		t.Fatalf("unchanged sync: %d writes, %+v", f.writes()-before, rep)
	}

	old := storedEvents(t, f)
	rep = syncFake(t, f, v2, Options{})
	after := storedEvents(t, f)
	for _, c := range rep.Changes {
		ev, there := after[c.UID]
		switch {
		case !c.Done:
			t.Errorf("%s %s not done", c.Action, c.UID)
		case c.Action == Delete && there:
			t.Errorf("deleted %s is still there", c.UID)
		case c.Action == Create && (!there || ev.Seq != 0):
			t.Errorf("created %s: %v, %+v", c.UID, there, ev)
		case c.Action == Update && (ev.Seq != old[c.UID].Seq+1 || ev.Hash != ev.Digest):
			t.Errorf("updated %s: SEQUENCE %d after %d", c.UID, ev.Seq, old[c.UID].Seq)
		}
	}
	for _, a := range []Action{Create, Update, Delete} {
		if n, _ := rep.Count(a); n == 0 {
			t.Errorf("v2 should %s events", a)
		}
	}
	for _, r := range f.requests("DELETE") {
		if r.header.Get("If-Match") == "" {
			t.Errorf("DELETE %s without If-Match", r.path)
		}
	}
	for _, name := range otherNames {
		if o := f.object(name); o == nil || strings.Contains(string(o.data), "sync-test") {
			t.Errorf("%s, not this plan's, was touched", name)
		}
	}
}

// TestSyncDryRun reads and writes nothing.
func TestSyncDryRun(t *testing.T) {
	v1, v2, _ := plans(t)
	f := newFakeServer(t)
	syncFake(t, f, v1, Options{})
	before := f.writes()
	rep := syncFake(t, f, v2, Options{DryRun: true})
	if f.writes() != before || len(rep.Changes) == 0 {
		t.Fatalf("dry run: %d writes, %d changes", f.writes()-before, len(rep.Changes))
	}
	for _, c := range rep.Changes {
		if c.Done || c.Label == "" {
			t.Errorf("dry run change %+v", c)
		}
	}
}

// nameOf is the object name sync gives the event uid.
func nameOf(uid string) string { return resourceName(uid) }

func TestResourceName(t *testing.T) {
	for uid, want := range map[string]string{
		"q77fh5b7dd5sx2df@contentplan":    "q77fh5b7dd5sx2df@contentplan.ics",
		"review-x-2027-01-29@contentplan": "review-x-2027-01-29@contentplan.ics",
		"a/../b\\c\x00d@x":                "a-..-b-c-d@x.ics",
	} {
		if got := resourceName(uid); got != want {
			t.Errorf("%q: %q, want %q", uid, got, want)
		}
	}
}

// TestSyncDeadlines: with Deadlines each post's draft deadline is an event
// of its own; without, a later sync deletes them.
func TestSyncDeadlines(t *testing.T) {
	v1, _, _ := plans(t)
	f := newFakeServer(t)
	plain := syncFake(t, f, v1, Options{})
	with := syncFake(t, f, v1, Options{Deadlines: true})
	n, _ := with.Count(Create)
	drafts := 0
	for uid := range storedEvents(t, f) {
		if strings.HasSuffix(uid, "-draft@contentplan") {
			drafts++
		}
	}
	if drafts == 0 || n != drafts || with.Unchanged != len(plain.Changes) {
		t.Fatalf("%d deadlines stored, %d created, %d unchanged", drafts, n, with.Unchanged)
	}
	without := syncFake(t, f, v1, Options{})
	if d, _ := without.Count(Delete); d != drafts || len(without.Changes) != drafts {
		t.Errorf("without deadlines: %d deleted of %d", d, drafts)
	}
}

// TestSyncConflicts: an event edited on the server is reported and left
// as it is, whether edited between runs or while sync runs; a write whose
// answer was lost, then tried again, is recognised as done.
func TestSyncConflicts(t *testing.T) {
	v1, v2, _ := plans(t)
	setup := func(t *testing.T) (*fakeServer, string) {
		f := newFakeServer(t)
		syncFake(t, f, v1, Options{})
		// A Telegram post: v2 moves it.
		for uid, ev := range storedEvents(t, f) {
			if strings.Contains(ev.Label, "Telegram") {
				return f, uid
			}
		}
		t.Fatal("no Telegram post")
		return nil, ""
	}
	rename := func(b []byte) []byte { return bytes.Replace(b, []byte("SUMMARY:"), []byte("SUMMARY:Edited "), 1) }

	t.Run("edited between runs", func(t *testing.T) {
		f, uid := setup(t)
		f.edit(nameOf(uid), rename)
		edited := f.object(nameOf(uid)).data
		for _, plan := range []*calendar.Plan{v1, v2} {
			rep := syncFake(t, f, plan, Options{})
			if len(rep.Conflicts) != 1 || rep.Conflicts[0].UID != uid || slices.ContainsFunc(rep.Changes, func(c Change) bool { return c.UID == uid }) {
				t.Errorf("conflicts %v", rep.Conflicts)
			}
			if !bytes.Equal(f.object(nameOf(uid)).data, edited) {
				t.Error("the edited event was overwritten")
			}
		}
	})
	t.Run("edited while syncing", func(t *testing.T) {
		f, uid := setup(t)
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method == "PUT" && strings.HasSuffix(r.URL.Path, nameOf(uid)) {
				f.setHook(nil)
				f.edit(nameOf(uid), rename)
			}
			return false
		})
		rep := syncFake(t, f, v2, Options{Workers: 1})
		if len(rep.Conflicts) != 1 || rep.Conflicts[0].UID != uid || !strings.Contains(rep.Conflicts[0].Err.Error(), "changed on the server while sync ran") {
			t.Fatalf("conflicts %v", rep.Conflicts)
		}
		if !strings.Contains(string(f.object(nameOf(uid)).data), "SUMMARY:Edited") {
			t.Error("the edited event was overwritten")
		}
	})
	t.Run("deleted while syncing", func(t *testing.T) {
		f, uid := setup(t)
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method == "PUT" && strings.HasSuffix(r.URL.Path, nameOf(uid)) {
				f.mu.Lock()
				delete(f.objects, nameOf(uid))
				f.mu.Unlock()
			}
			return false
		})
		rep := syncFake(t, f, v2, Options{Workers: 1})
		if len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0].Err.Error(), "deleted on the server while sync ran") {
			t.Fatalf("conflicts %v", rep.Conflicts)
		}
		if f.object(nameOf(uid)) != nil {
			t.Error("recreated in the same run")
		}
	})
	t.Run("answer lost", func(t *testing.T) {
		f := newFakeServer(t)
		var lost atomic.Int32
		f.setHook(func(w http.ResponseWriter, r *http.Request, body []byte) bool {
			if r.Method == "PUT" && lost.Add(1) == 1 {
				// The write is made, but its answer is lost on the way.
				f.serveWrite(httptest.NewRecorder(), r, strings.TrimPrefix(r.URL.Path, "/cal/"), body)
				w.WriteHeader(http.StatusBadGateway)
				return true
			}
			return false
		})
		rep := syncFake(t, f, v1, Options{Workers: 1})
		if len(rep.Conflicts)+len(rep.Failed) != 0 || !rep.Changes[0].Done {
			t.Fatalf("conflicts %v, failed %v", rep.Conflicts, rep.Failed)
		}
	})
}
