package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// emptyCalendar is a CalDAV server with one empty calendar at /cal/ that
// takes every PUT; it counts them.
func emptyCalendar(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var puts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		switch r.Method {
		case "PROPFIND":
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/cal/</href><propstat><prop>`+
				`<resourcetype><collection/><C:calendar/></resourcetype><displayname>Team</displayname></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`)
		case "REPORT":
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<multistatus xmlns="DAV:"/>`)
		case "PUT":
			puts.Add(1)
			w.WriteHeader(http.StatusCreated)
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &puts
}

// TestSyncOutput: a dry run lists every change and writes nothing; a sync
// prints its summary, and draws a bar on a terminal only.
func TestSyncOutput(t *testing.T) {
	t.Parallel()
	srv, puts := emptyCalendar(t)
	to := srv.URL + "/cal/"
	syncRun := func(dry, terminal bool) (string, string) {
		var out, errOut bytes.Buffer
		o := &syncOptions{spec: example("coffee.toml"), to: to, dryRun: dry,
			terminal: func(io.Writer) bool { return terminal },
			env: &Env{Out: &out, ErrOut: &errOut, Getenv: func(k string) string { return map[string]string{"TERM": "xterm"}[k] },
				Now: func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }}}
		if err := runSync(o); err != nil {
			t.Fatal(err)
		}
		// The spec's warnings (no plan id, a dropped post) are validate's.
		var rest []string
		for _, l := range strings.SplitAfter(errOut.String(), "\n") {
			if !strings.HasPrefix(l, "warning: ") && !strings.HasPrefix(l, "hint: ") {
				rest = append(rest, l)
			}
		}
		return out.String(), strings.Join(rest, "")
	}

	stdout, stderr := syncRun(true, true)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	n := len(lines) - 1
	if n < 180 || puts.Load() != 0 || stderr != "" {
		t.Fatalf("dry run: %d lines, %d PUTs, stderr %q", n, puts.Load(), stderr)
	}
	if want := `"Team" (` + to + `): would create ` + itoa(n) + ", update 0, delete 0; 0 unchanged"; lines[n] != want {
		t.Errorf("dry run summary %q, want %q", lines[n], want)
	}
	if !strings.HasPrefix(lines[0], "create review-") || !strings.Contains(stdout, "\ncreate ") {
		t.Errorf("dry run lines:\n%s", stdout[:200])
	}

	stdout, stderr = syncRun(false, true)
	if want := `"Team" (` + to + `): ` + itoa(n) + " created, 0 updated, 0 deleted, 0 unchanged\n"; stdout != want || int(puts.Load()) != n {
		t.Errorf("sync: %q, %d PUTs; want %q", stdout, puts.Load(), want)
	}
	if !strings.Contains(stderr, "\rsyncing "+itoa(n)+" changes [##############################] 100%") || !strings.HasSuffix(stderr, "\r\x1b[K") {
		t.Errorf("no bar on a terminal: %q", stderr)
	}
	if _, stderr = syncRun(false, false); stderr != "" {
		t.Errorf("a bar in a pipe: %q", stderr)
	}
}
