package caldav

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestSyncRetries: a server error or a timeout is tried again, with a
// growing wait; a write the server keeps refusing is a failure of that
// event; a server that stops answering stops the run.
func TestSyncRetries(t *testing.T) {
	v1, _, _ := plans(t)
	t.Run("503 twice", func(t *testing.T) {
		f := newFakeServer(t)
		var n atomic.Int32
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method == "PUT" && n.Add(1) <= 2 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
				return true
			}
			return false
		})
		rep := syncFake(t, f, v1, Options{Workers: 1})
		if len(rep.Failed) != 0 || !rep.Changes[0].Done || len(f.requests("PUT")) != len(rep.Changes)+2 {
			t.Fatalf("failed %v; %d PUTs for %d events", rep.Failed, len(f.requests("PUT")), len(rep.Changes))
		}
	})
	t.Run("500 always on one event", func(t *testing.T) {
		f := newFakeServer(t)
		var target atomic.Value
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method != "PUT" {
				return false
			}
			target.CompareAndSwap(nil, r.URL.Path)
			if target.Load() == r.URL.Path {
				http.Error(w, "<html><body><h1>Internal\nServer Error</h1><script>x()</script></body></html>", http.StatusInternalServerError)
				return true
			}
			return false
		})
		rep := syncFake(t, f, v1, Options{})
		if len(rep.Failed) != 1 || made(rep) != len(rep.Changes)-1 {
			t.Fatalf("failed %v, %d of %d made", rep.Failed, made(rep), len(rep.Changes))
		}
		msg := rep.Failed[0].Err.Error()
		if !strings.Contains(msg, "500 Internal Server Error: Internal Server Error") || strings.Contains(msg, "x()") {
			t.Errorf("message %q", msg)
		}
		if got := len(f.requests("PUT")); got != len(rep.Changes)+3 {
			t.Errorf("%d PUTs: the failing one should be tried 4 times", got)
		}
	})
	t.Run("server stops answering", func(t *testing.T) {
		f := newFakeServer(t)
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method == "PUT" {
				panic(http.ErrAbortHandler) // the connection drops without an answer
			}
			return false
		})
		rep, err := Sync(context.Background(), f.client(Credentials{}), v1, Options{Now: syncNow})
		var ne *NetError
		if !errors.As(err, &ne) || rep == nil || !rep.Interrupted || made(rep) != 0 || len(rep.Failed) == 0 {
			t.Fatalf("err %v, report %+v", err, rep)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		f := newFakeServer(t)
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method == "REPORT" {
				time.Sleep(300 * time.Millisecond)
			}
			return false
		})
		u, _ := ParseURL(f.url())
		hc := NewHTTPClient()
		hc.Timeout = 100 * time.Millisecond
		_, err := Sync(context.Background(), New(Config{URL: u, HTTP: hc, Backoff: 1}), v1, Options{Now: syncNow})
		if err == nil || !strings.Contains(err.Error(), "REPORT "+f.url()+": ") || len(f.requests("REPORT")) != 4 {
			t.Fatalf("err %v after %d REPORTs", err, len(f.requests("REPORT")))
		}
	})
}

func made(rep *Report) int {
	n := 0
	for _, c := range rep.Changes {
		if c.Done {
			n++
		}
	}
	return n
}

// TestSyncRefusals: what stops a sync before it writes, each said with
// the server's answer, a hint, and never the password.
func TestSyncRefusals(t *testing.T) {
	v1, _, _ := plans(t)
	const password = "hunter2-secret"
	cases := []struct {
		name  string
		creds Credentials
		hook  func(w http.ResponseWriter, r *http.Request, body []byte) bool
		msg   string // in the error
		hint  string // in a hint ("" for none)
	}{
		{"no credentials", Credentials{}, nil,
			"PROPFIND %s: 401 Unauthorized: Access to the requested resource forbidden.", "set CONTENTPLAN_CALDAV_USERNAME"},
		{"wrong password", Credentials{Username: "alice", Password: password, From: "the environment"}, nil,
			"PROPFIND %s: 401 Unauthorized", "refused the user name and password from the environment"},
		{"forbidden", Credentials{Username: "bob", Password: "right"}, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:need-privileges/></d:error>`)
			return true
		}, "PROPFIND %s: 403 Forbidden (need-privileges)", "may not do this in this calendar"},
		{"redirect", Credentials{Username: "bob", Password: "right"}, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			w.Header().Set("Location", "https://user:pw@elsewhere.example/dav/cal/")
			w.WriteHeader(http.StatusMovedPermanently)
			return true
		}, "PROPFIND %s: 301 Moved Permanently: moved to https://elsewhere.example/dav/cal/", "give --to https://elsewhere.example/dav/cal/"},
		{"not found", Credentials{Username: "bob", Password: "right"}, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			http.NotFound(w, r)
			return true
		}, "PROPFIND %s: 404 Not Found: 404 page not found", "must name a calendar"},
		{"not a calendar", Credentials{Username: "bob", Password: "right"}, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<multistatus xmlns="DAV:"><response><href>/cal/</href><propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`)
			return true
		}, "%s is not a calendar", "the URL of one calendar"},
		{"a calendar of tasks", Credentials{Username: "bob", Password: "right"}, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/cal/</href><propstat><prop><resourcetype><collection/><C:calendar/></resourcetype>`+
				`<C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`)
			return true
		}, "%s is a calendar of VTODO, not of events", "not only tasks"},
		{"not XML", Credentials{Username: "bob", Password: "right"}, func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<multistatus xmlns="DAV:"><response><href>`)
			return true
		}, "PROPFIND %s: not a valid multistatus answer: line 1: unexpected EOF", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeServer(t)
			f.user, f.pass = "bob", "right"
			f.setHook(tc.hook)
			_, err := Sync(context.Background(), f.client(tc.creds), v1, Options{Now: syncNow})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			hints := strings.Join(hintsOf(err), "\n")
			if want := fmt.Sprintf(tc.msg, f.url()); !strings.Contains(msg, want) {
				t.Errorf("error %q, want %q", msg, want)
			}
			if !strings.Contains(hints, tc.hint) || tc.hint == "" && hints != "" {
				t.Errorf("hints %q, want %q", hints, tc.hint)
			}
			if strings.Contains(msg+hints, password) || strings.Contains(msg+hints, "pw@") {
				t.Errorf("a password in %q %q", msg, hints)
			}
			if f.writes() != 0 {
				t.Errorf("%d writes", f.writes())
			}
		})
	}
}

func hintsOf(err error) []string {
	var h interface{ Hints() []string }
	if errors.As(err, &h) {
		return h.Hints()
	}
	return nil
}

// TestSyncServerQuirks: a server that cannot filter on the plan's
// property is read whole (and the report says so); hrefs outside the
// collection are never touched; a PUT answered with a multistatus (as
// Xandikos answers a UID that another object has) is a failure naming the
// precondition and the server's words.
func TestSyncServerQuirks(t *testing.T) {
	v1, _, other := plans(t)
	t.Run("no filter", func(t *testing.T) {
		f := newFakeServer(t)
		f.put("dentist.ics", []byte(foreign))
		syncFake(t, f, other, Options{})
		f.noFilter = true
		rep := syncFake(t, f, v1, Options{})
		again := syncFake(t, f, v1, Options{})
		if !rep.Unfiltered || len(rep.Failed)+len(rep.Conflicts) != 0 || again.Unchanged != len(rep.Changes) || len(again.Changes) != 0 {
			t.Fatalf("first %+v, again %+v", rep, again)
		}
		if f.object("dentist.ics") == nil || len(f.names()) != len(rep.Changes)+5 {
			t.Errorf("objects %v", f.names())
		}
	})
	t.Run("href outside", func(t *testing.T) {
		f := newFakeServer(t)
		syncFake(t, f, v1, Options{})
		data := f.object(f.names()[0]).data
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method != "REPORT" {
				return false
			}
			w.WriteHeader(http.StatusMultiStatus)
			fmt.Fprintf(w, `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">`)
			for _, href := range []string{"/other/x.ics", "/cal/", "/cal/sub/x.ics", "https://elsewhere.example/cal/x.ics", "/cal/../y.ics"} {
				fmt.Fprintf(w, `<response><href>%s</href><propstat><prop><getetag>"x"</getetag><C:calendar-data><![CDATA[%s]]></C:calendar-data></prop></propstat></response>`,
					href, strings.ReplaceAll(string(data), "UID:", "UID:gone-"))
			}
			fmt.Fprintf(w, `</multistatus>`)
			return true
		})
		rep := syncFake(t, f, v1, Options{DryRun: true})
		if n, _ := rep.Count(Delete); n != 0 {
			t.Fatalf("would delete outside the collection: %+v", rep.Changes)
		}
	})
	t.Run("uid conflict", func(t *testing.T) {
		f := newFakeServer(t)
		f.setHook(func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
			if r.Method != "PUT" {
				return false
			}
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>x</ns0:href>`+
				`<ns0:status>HTTP/1.1 412 Precondition Failed</ns0:status><ns0:error><ns1:no-uid-conflict /></ns0:error>`+
				`<ns0:responsedescription>UID already in use.</ns0:responsedescription></ns0:response></ns0:multistatus>`)
			return true
		})
		rep := syncFake(t, f, v1, Options{})
		if len(rep.Failed) != len(rep.Changes) || !strings.HasSuffix(rep.Failed[0].Err.Error(), ": 207 Multi-Status (no-uid-conflict): UID already in use.") {
			t.Fatalf("failed %v", rep.Failed)
		}
	})
}
