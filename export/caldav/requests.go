package caldav

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Info is what Check learns of the collection.
type Info struct {
	DisplayName string
}

// propfindBody asks for what Check needs, and nothing more: Radicale
// refuses an anonymous user (401) who asks for current-user-principal.
const propfindBody = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:resourcetype/><D:displayname/><C:supported-calendar-component-set/></D:prop>
</D:propfind>`

// Check asks the server about the collection (PROPFIND, depth 0) and makes
// sure it is a calendar that takes events, before anything is read or
// written.
func (c *Client) Check(ctx context.Context) (Info, error) {
	r := request{method: "PROPFIND", url: c.base, body: []byte(propfindBody),
		header: header("Depth", "0", "Content-Type", "application/xml; charset=utf-8")}
	var found *msResponse
	err := c.multistatus(ctx, r, msLimits{Total: 1 << 20, Data: 0, Text: 8 << 10, Count: 1000}, func(m *msResponse) error {
		u, err := c.base.Parse(m.Href)
		if found == nil || err == nil && strings.TrimSuffix(u.Path, "/") == strings.TrimSuffix(c.base.Path, "/") {
			found = m
		}
		return nil
	})
	if err != nil {
		return Info{}, err
	}
	hint := []string{"give the URL of one calendar, e.g. https://cloud.example.com/remote.php/dav/calendars/USER/CALENDAR/ (see docs/sync.md for each service's)"}
	switch {
	case found == nil:
		return Info{}, &hintedError{fmt.Errorf("PROPFIND %s: the answer names no resource", c.URL()), hint}
	case !found.Calendar:
		if cals := c.calendarsNear(ctx); len(cals) > 0 {
			hint = []string{"give --to one of the calendars it leads to:"}
			for _, cal := range cals {
				line := "  " + cal.URL
				if cal.Name != "" {
					line += fmt.Sprintf("  %q", cal.Name)
				}
				hint = append(hint, line)
			}
		}
		return Info{}, &hintedError{fmt.Errorf("%s is not a calendar", c.URL()), hint}
	case len(found.Components) > 0 && !slices.Contains(found.Components, "VEVENT"):
		return Info{}, &hintedError{fmt.Errorf("%s is a calendar of %s, not of events", c.URL(), strings.Join(found.Components, ", ")),
			[]string{"give a calendar that holds events, not only tasks or journal entries"}}
	}
	return Info{DisplayName: sanitize(found.DisplayName, 80)}, nil
}

// multistatus sends r and reads its answer, which must be 207 Multi-Status.
func (c *Client) multistatus(ctx context.Context, r request, lim msLimits, fn func(*msResponse) error) error {
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusMultiStatus {
		return c.statusError(r, resp)
	}
	defer resp.Body.Close()
	if err := parseMultistatus(resp.Body, lim, fn); err != nil {
		var ne *NetError
		if errors.As(err, &ne) {
			return err
		}
		return fmt.Errorf("%s %s: %w", r.method, Redact(r.url, ""), err)
	}
	return nil
}

// remote is an object of the collection as a query found it.
type remote struct {
	url  *url.URL
	etag string
	ev   event
	err  error // why its data could not be read; ev is then empty
}

// query finds the events of the plan planID in the collection (REPORT
// calendar-query, RFC 4791 7.8), asking the server to send only the events
// whose propPlan holds planID, so that a calendar shared with other people
// and plans is not downloaded whole; fn gets each event that is the plan's
// (its propPlan is planID exactly). A server that cannot filter on the
// property (it answers the filtered query with an error) is asked for
// every event, and filtered says false.
func (c *Client) query(ctx context.Context, planID string, fn func(remote)) (filtered bool, err error) {
	filtered = true
	each := func(m *msResponse) error {
		u := c.ref(m.Href)
		if u == nil || m.Status >= 300 {
			return nil // not a member of the collection, or not there
		}
		r := remote{url: u, etag: m.ETag}
		switch {
		case m.DataTooLarge:
			r.err = fmt.Errorf("an object longer than %d bytes", maxObject)
		case m.Data == nil:
			r.err = errors.New("the server sent no calendar data")
		default:
			r.ev, r.err = readEvent(m.Data)
		}
		// An object that does not read is reported when the server found
		// it the plan's; otherwise it is someone else's, and none of
		// sync's business.
		if r.err == nil && r.ev.Plan == planID || r.err != nil && filtered {
			fn(r)
		}
		return nil
	}
	err = c.multistatus(ctx, c.queryRequest(planID), defaultLimits, each)
	var se *StatusError
	if !errors.As(err, &se) || se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden || se.Status == http.StatusNotFound {
		return true, err
	}
	filtered = false
	return false, c.multistatus(ctx, c.queryRequest(""), defaultLimits, each)
}

// queryRequest is the calendar-query for the events whose propPlan holds
// planID, or for every event when planID is "".
func (c *Client) queryRequest(planID string) request {
	var filter bytes.Buffer
	if planID != "" {
		filter.WriteString(`<C:prop-filter name="` + propPlan + `"><C:text-match collation="i;octet">`)
		xml.EscapeText(&filter, []byte(planID))
		filter.WriteString(`</C:text-match></C:prop-filter>`)
	}
	body := `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">` + filter.String() + `</C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>`
	return request{method: "REPORT", url: c.base, body: []byte(body),
		header: header("Depth", "1", "Content-Type", "application/xml; charset=utf-8")}
}

// put writes data at u: a new resource when etag is "" (If-None-Match: *),
// else the resource of that ETag (If-Match). A *StatusError with 412 says
// the condition failed: the resource is there (create) or changed since
// (replace).
func (c *Client) put(ctx context.Context, u *url.URL, data []byte, etag string) error {
	h := header("Content-Type", "text/calendar; charset=utf-8")
	if etag == "" {
		h["If-None-Match"] = "*"
	} else {
		h["If-Match"] = etag
	}
	r := request{method: "PUT", url: u, header: h, body: data}
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	switch resp.StatusCode {
	case http.StatusOK, http.StatusCreated, http.StatusNoContent:
		drain(resp)
		return nil
	}
	return c.statusError(r, resp)
}

// delete removes the resource at u if its ETag is still etag.
func (c *Client) delete(ctx context.Context, u *url.URL, etag string) error {
	r := request{method: "DELETE", url: u, header: header("If-Match", etag)}
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	switch resp.StatusCode {
	case http.StatusOK, http.StatusAccepted, http.StatusNoContent:
		drain(resp)
		return nil
	}
	return c.statusError(r, resp)
}

// get reads the resource at u, as query would have found it.
func (c *Client) get(ctx context.Context, u *url.URL) (remote, error) {
	r := request{method: "GET", url: u}
	resp, err := c.do(ctx, r)
	if err != nil {
		return remote{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return remote{}, c.statusError(r, resp)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxObject+1))
	if err != nil {
		return remote{}, netError(r, ctx, err)
	}
	rem := remote{url: u, etag: resp.Header.Get("ETag")}
	rem.ev, rem.err = readEvent(data)
	return rem, nil
}

func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
}

// serverMessage is what an error answer's body says: a DAV:error's
// precondition and responsedescription (RFC 4918 16), or the text of an
// HTML or plain body, cleaned and cut to a line.
func serverMessage(body []byte) (msg, condition string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "", ""
	}
	if trimmed[0] != '<' {
		return sanitize(string(trimmed), 200), ""
	}
	d := xml.NewDecoder(bytes.NewReader(trimmed))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var text, desc []string
	var stack []string
	for depth := 0; depth < 10000; depth++ {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if condition == "" && len(stack) > 0 && stack[len(stack)-1] == "error" {
				condition = sanitize(t.Name.Local, 60)
			}
			stack = append(stack, strings.ToLower(t.Name.Local))
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			s := strings.TrimSpace(string(t))
			top := ""
			if len(stack) > 0 {
				top = stack[len(stack)-1]
			}
			switch top {
			case "script", "style", "title", "href", "status":
			case "responsedescription":
				desc = append(desc, s)
			default:
				if s != "" {
					text = append(text, s)
				}
			}
		}
	}
	if len(desc) > 0 {
		// A multistatus or DAV:error says it in so many words.
		text = desc
	}
	return sanitize(strings.Join(text, " "), 200), condition
}
