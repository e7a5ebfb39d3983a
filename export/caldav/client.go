package caldav

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client speaks to one calendar collection: the few requests sync needs
// (RFC 4918 WebDAV, RFC 4791 CalDAV), written over net/http rather than
// taken from a WebDAV library, so that every write is conditional (RFC
// 7232: If-None-Match: * to create, If-Match with the ETag to replace or
// delete), every body sent has its length (Radicale wants one), and every
// answer is read within limits. Requests that meet a server error (5xx), a
// 429 or a network timeout are tried again, after a growing wait.
type Client struct {
	base    *url.URL
	creds   Credentials
	hc      *http.Client
	retries int
	backoff time.Duration
}

// Config is what New needs.
type Config struct {
	// URL is the collection's, as ParseURL returns it.
	URL         *url.URL
	Credentials Credentials
	// HTTP is the client requests go through; nil means NewHTTPClient().
	HTTP *http.Client
	// Retries is how often a request is tried again (default 3; negative:
	// never); Backoff the first wait (default 0.5 s), doubled each time.
	Retries int
	Backoff time.Duration
}

// New returns a client of the collection at cfg.URL.
func New(cfg Config) *Client {
	c := &Client{base: cfg.URL, creds: cfg.Credentials, hc: cfg.HTTP, retries: cfg.Retries, backoff: cfg.Backoff}
	if c.hc == nil {
		c.hc = NewHTTPClient()
	}
	switch {
	case c.retries == 0:
		c.retries = 3
	case c.retries < 0:
		c.retries = 0
	}
	if c.backoff <= 0 {
		c.backoff = 500 * time.Millisecond
	}
	return c
}

// NewHTTPClient is the HTTP client sync uses: timeouts on each step (a
// server that stops answering fails the request, which is then tried
// again), and no redirects followed: a redirect is reported with where it
// leads, so that credentials go nowhere the user did not name.
func NewHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 15 * time.Second
	tr.ResponseHeaderTimeout = 60 * time.Second
	tr.MaxIdleConnsPerHost = 8
	return &http.Client{
		Transport:     tr,
		Timeout:       5 * time.Minute, // the whole request, the answer's body included
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// URL is the collection's URL, as it may be shown.
func (c *Client) URL() string { return Redact(c.base, "") }

// maxErrorBody bounds what is read of an answer that is an error.
const maxErrorBody = 64 << 10

// request is one request, which do may send several times.
type request struct {
	method string
	url    *url.URL
	header map[string]string
	body   []byte
}

// do sends r, again after a 5xx, 429 or network timeout, and returns the
// answer; the caller closes its body.
func (c *Client) do(ctx context.Context, r request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, r.method, r.url.String(), bytes.NewReader(r.body))
		if err != nil {
			return nil, fmt.Errorf("%s %s: %v", r.method, Redact(r.url, ""), err)
		}
		for k, v := range r.header {
			req.Header.Set(k, v)
		}
		req.Header.Set("User-Agent", "contentplan")
		if c.creds.Username != "" || c.creds.Password != "" {
			req.SetBasicAuth(c.creds.Username, c.creds.Password)
		}
		resp, err := c.hc.Do(req)
		wait, again := c.retry(resp, err, attempt)
		if !again || ctx.Err() != nil {
			if err != nil {
				return nil, netError(r, ctx, err)
			}
			return resp, nil
		}
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
		}
		select {
		case <-ctx.Done():
			return nil, netError(r, ctx, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// retry says whether to send a request again after resp or err, and after
// how long: a server error, 429 (the wait it asks for, up to a minute), or
// a network failure other than the request being cancelled.
func (c *Client) retry(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if attempt >= c.retries {
		return 0, false
	}
	wait := c.backoff << attempt
	switch {
	case err != nil:
		return wait, !errors.Is(err, context.Canceled)
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
			wait = max(wait, min(time.Duration(s)*time.Second, time.Minute))
		}
		return wait, true
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented && resp.StatusCode != http.StatusHTTPVersionNotSupported:
		return wait, true
	}
	return 0, false
}

// netError names the request that failed: the method and the URL, without
// the "Put \"…\"" that net/http adds.
func netError(r request, ctx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return &NetError{Method: r.method, URL: Redact(r.url, ""), Err: err}
}

// NetError is a request that got no answer: the network failed, or it was
// cancelled.
type NetError struct {
	Method, URL string
	Err         error
}

func (e *NetError) Error() string { return e.Method + " " + e.URL + ": " + e.Err.Error() }
func (e *NetError) Unwrap() error { return e.Err }

// StatusError is an answer that is not what the request wanted: the
// status, and what the server said about it.
type StatusError struct {
	Method, URL string
	Status      int
	// Message is the server's words (a DAV:responsedescription, or the
	// text of the body), cleaned and cut; Condition the precondition a
	// DAV:error names ("no-uid-conflict", RFC 4791 5.3.2.1).
	Message, Condition string
	// Location is where a redirect leads.
	Location string
	auth     string // the credentials sent, named without the password
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.Status, http.StatusText(e.Status))
	if e.Condition != "" {
		s += " (" + e.Condition + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Location != "" {
		s += ": moved to " + e.Location
	}
	return s
}

// Hints say what to do about the answer, where it is known.
func (e *StatusError) Hints() []string {
	switch {
	case e.Status == http.StatusUnauthorized && e.auth == "no credentials":
		return []string{"the server wants a user name and password: set " + EnvUsername + " and " + EnvPassword + ", or a machine line in ~/.netrc"}
	case e.Status == http.StatusUnauthorized:
		return []string{"the server refused " + e.auth + ": check the user name and password",
			"iCloud, Fastmail and Yandex want an app password, made in the account's security settings, not the account's own"}
	case e.Status == http.StatusForbidden:
		return []string{"the user may not do this in this calendar: check the calendar's sharing, or use a calendar of your own"}
	case e.Status == http.StatusNotFound:
		return []string{"check the URL: it must name a calendar (a collection), e.g. https://cloud.example.com/remote.php/dav/calendars/USER/CALENDAR/"}
	case e.Location != "":
		return []string{"give --to " + e.Location}
	}
	return nil
}

// statusError reads what the server said about an answer that is not a
// success, and closes its body.
func (c *Client) statusError(r request, resp *http.Response) *StatusError {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &StatusError{Method: r.method, URL: Redact(r.url, ""), Status: resp.StatusCode, auth: c.creds.String()}
	e.Message, e.Condition = serverMessage(body)
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc, err := r.url.Parse(resp.Header.Get("Location")); err == nil && resp.Header.Get("Location") != "" {
			e.Location = Redact(loc, "")
		}
	}
	return e
}

// hintedError is an error with hints on what to do about it.
type hintedError struct {
	err   error
	hints []string
}

func (e *hintedError) Error() string   { return e.err.Error() }
func (e *hintedError) Unwrap() error   { return e.err }
func (e *hintedError) Hints() []string { return e.hints }

// header builds the headers of a request.
func header(kv ...string) map[string]string {
	h := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		h[kv[i]] = kv[i+1]
	}
	return h
}

// ref resolves an href of the server's against the collection: its URL,
// or nil when it is not a resource inside the collection (another host,
// another folder, the collection itself), which sync never touches.
func (c *Client) ref(href string) *url.URL {
	u, err := c.base.Parse(href)
	if err != nil || u.Scheme != c.base.Scheme || !strings.EqualFold(u.Host, c.base.Host) {
		return nil
	}
	if !strings.HasPrefix(u.Path, c.base.Path) || len(u.Path) == len(c.base.Path) ||
		strings.Contains(u.Path[len(c.base.Path):], "/") {
		return nil
	}
	u.RawQuery, u.Fragment = "", ""
	return u
}

// member is the URL of the resource named name (unescaped) in the
// collection.
func (c *Client) member(name string) *url.URL {
	u := *c.base
	u.RawPath = ""
	u.Path = c.base.Path + name
	u.RawQuery = ""
	return &u
}

// sanitize makes text from the server fit for a message: control
// characters become spaces, runs of white space one, and it is cut.
func sanitize(s string, n int) string {
	return cut(strings.Join(strings.Fields(cut(s, 4*n)), " "), n)
}
