package caldav

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeServer is a CalDAV server in memory, for the tests that need to
// make a server misbehave: one calendar at /cal/, conditional writes as
// RFC 7232 says, a calendar-query that filters on a property's text, and
// hooks to answer a request otherwise.
type fakeServer struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	objects map[string]*fakeObject // by name in /cal/
	etags   int
	// user and pass, when set, are the credentials it wants.
	user, pass string
	// hook, when set, sees each request first; it answers it by returning
	// true.
	hook func(w http.ResponseWriter, r *http.Request, body []byte) bool
	// noFilter answers a calendar-query with a prop-filter 400, as a server
	// that cannot filter on it.
	noFilter bool
	log      []fakeRequest
}

type fakeObject struct {
	data []byte
	etag string
}

type fakeRequest struct {
	method, path string
	header       http.Header
	length       int64
}

func newFakeServer(t *testing.T) *fakeServer {
	f := &fakeServer{t: t, objects: map[string]*fakeObject{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// url is the calendar's URL.
func (f *fakeServer) url() string { return f.srv.URL + "/cal/" }

// client is a client of the calendar that does not wait long between tries.
func (f *fakeServer) client(creds Credentials) *Client {
	u, err := ParseURL(f.url())
	if err != nil {
		f.t.Fatal(err)
	}
	return New(Config{URL: u, Credentials: creds, Backoff: 1})
}

// setHook sets (or with nil, removes) the hook.
func (f *fakeServer) setHook(h func(w http.ResponseWriter, r *http.Request, body []byte) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = h
}

// put stores an object as someone else would.
func (f *fakeServer) put(name string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.etags++
	f.objects[name] = &fakeObject{data: data, etag: fmt.Sprintf(`"e%d"`, f.etags)}
}

// edit changes an object's data as a calendar program would: a new ETag.
func (f *fakeServer) edit(name string, change func([]byte) []byte) {
	f.mu.Lock()
	o := f.objects[name]
	f.mu.Unlock()
	if o == nil {
		f.t.Fatalf("no object %s", name)
	}
	f.put(name, change(o.data))
}

// names lists the objects' names.
func (f *fakeServer) names() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for n := range f.objects {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func (f *fakeServer) object(name string) *fakeObject {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.objects[name]
}

// requests are the requests with method so far.
func (f *fakeServer) requests(method string) []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeRequest
	for _, r := range f.log {
		if r.method == method {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeServer) writes() int { return len(f.requests("PUT")) + len(f.requests("DELETE")) }

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.log = append(f.log, fakeRequest{r.Method, r.URL.Path, r.Header.Clone(), r.ContentLength})
	hook := f.hook
	f.mu.Unlock()
	if u, p, _ := r.BasicAuth(); f.user != "" && (u != f.user || p != f.pass) {
		w.Header().Set("WWW-Authenticate", `Basic realm="fake"`)
		http.Error(w, "Access to the requested resource forbidden.", http.StatusUnauthorized)
		return
	}
	if hook != nil && hook(w, r, body) {
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, "/cal/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case r.Method == "PROPFIND" && name == "":
		w.WriteHeader(http.StatusMultiStatus)
		io.WriteString(w, `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/cal/</d:href>`+
			`<d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Fake</d:displayname></d:prop>`+
			`<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`)
	case r.Method == "REPORT" && name == "":
		f.report(w, body)
	case r.Method == "PUT":
		f.serveWrite(w, r, name, body)
	case r.Method == "DELETE":
		f.serveWrite(w, r, name, nil)
	case r.Method == "GET":
		o := f.object(name)
		if o == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", o.etag)
		w.Write(o.data)
	default:
		http.Error(w, "not here", http.StatusMethodNotAllowed)
	}
}

var textMatch = regexp.MustCompile(`<C:text-match[^>]*>([^<]*)<`)

// report answers a calendar-query with every object, or those whose
// X-CONTENTPLAN-PLAN holds the text-match.
func (f *fakeServer) report(w http.ResponseWriter, body []byte) {
	m := textMatch.FindSubmatch(body)
	if m != nil && f.noFilter {
		http.Error(w, "unsupported filter", http.StatusBadRequest)
		return
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">`)
	for _, name := range f.names() {
		o := f.object(name)
		if m != nil && !regexp.MustCompile(`\nX-CONTENTPLAN-PLAN:[^\r\n]*`+regexp.QuoteMeta(string(m[1]))).Match(o.data) {
			continue
		}
		fmt.Fprintf(&b, `<response><href>/cal/%s</href><propstat><prop><getetag>%s</getetag><C:calendar-data>`, name, o.etag)
		xml.EscapeText(&b, o.data)
		b.WriteString(`</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>`)
	}
	b.WriteString(`</multistatus>`)
	w.WriteHeader(http.StatusMultiStatus)
	w.Write(b.Bytes())
}

// serveWrite answers a PUT (data not nil) or DELETE under the conditions
// of RFC 7232: If-None-Match: * fails on an object that is there, If-Match
// on one that is not or has another ETag.
func (f *fakeServer) serveWrite(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	f.mu.Lock()
	o := f.objects[name]
	match := r.Header.Get("If-Match")
	switch {
	case r.Header.Get("If-None-Match") == "*" && o != nil,
		match != "" && (o == nil || o.etag != match):
		f.mu.Unlock()
		w.WriteHeader(http.StatusPreconditionFailed)
		return
	case r.Method == "DELETE" && o == nil:
		f.mu.Unlock()
		http.NotFound(w, r)
		return
	case r.Method == "DELETE":
		delete(f.objects, name)
		f.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	f.mu.Unlock()
	f.put(name, data)
	w.Header().Set("ETag", f.object(name).etag)
	if o == nil {
		w.WriteHeader(http.StatusCreated)
	} else {
		w.WriteHeader(http.StatusNoContent)
	}
}
