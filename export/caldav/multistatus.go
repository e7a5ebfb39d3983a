package caldav

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// XML namespaces of WebDAV (RFC 4918) and CalDAV (RFC 4791).
const (
	nsDAV    = "DAV:"
	nsCalDAV = "urn:ietf:params:xml:ns:caldav"
)

// msResponse is one DAV:response of a multistatus answer (RFC 4918
// 14.24), with the properties sync asks for. Properties count only from a
// propstat whose status is 2xx (or that has none).
type msResponse struct {
	Href   string
	Status int // the response's own DAV:status, 0 when it has none

	ETag         string
	Data         []byte // C:calendar-data, nil when absent
	DataTooLarge bool   // C:calendar-data was longer than the limit, and dropped
	DisplayName  string
	Calendar     bool     // resourcetype holds C:calendar
	Components   []string // supported-calendar-component-set, upper case
	// Principal and Home are the hrefs of current-user-principal (RFC
	// 5397) and calendar-home-set (RFC 4791 6.2.1), where a user's
	// calendars are found.
	Principal, Home string

	Description string // DAV:responsedescription
	Condition   string // the first element inside DAV:error, e.g. "no-uid-conflict"
}

// msLimits bound what parseMultistatus keeps of an answer.
type msLimits struct {
	Total int64 // octets of the whole answer
	Data  int   // octets of one calendar-data, longer ones are dropped
	Text  int   // octets of any other text kept (href, etag, names)
	Count int   // responses
}

var defaultLimits = msLimits{Total: 1 << 30, Data: maxObject, Text: 8 << 10, Count: 10_000_000}

// errTooLarge is what limitedReader returns past its limit.
type errTooLarge struct{ limit int64 }

func (e *errTooLarge) Error() string {
	return fmt.Sprintf("the answer is longer than %d bytes", e.limit)
}

// limitedReader fails, rather than ending early, once more than limit
// octets were read: a cut-off answer would read as damaged XML.
type limitedReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n > l.limit {
		return 0, &errTooLarge{l.limit}
	}
	if rest := l.limit + 1 - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.limit {
		return n, &errTooLarge{l.limit}
	}
	return n, err
}

// maxXMLDepth bounds the nesting of elements: a multistatus with
// calendar-data goes six deep.
const maxXMLDepth = 64

// parseMultistatus reads a DAV:multistatus from r and calls fn with each
// response, as it ends. The answer is untrusted: its size, the text kept
// and the nesting are bounded, and anything but a well-formed multistatus
// is an error.
func parseMultistatus(r io.Reader, lim msLimits, fn func(*msResponse) error) error {
	p := &msParser{d: xml.NewDecoder(&limitedReader{r: r, limit: lim.Total}), lim: lim, fn: fn}
	err := p.run()
	var tl *errTooLarge
	var se *xml.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tl):
		return err
	case errors.As(err, &se):
		return fmt.Errorf("not a valid multistatus answer: line %d: %s", se.Line, se.Msg)
	}
	return err
}

type msParser struct {
	d     *xml.Decoder
	lim   msLimits
	fn    func(*msResponse) error
	stack []xml.Name
	n     int

	resp  *msResponse
	prop  msResponse // the propstat being read
	okay  bool       // its status is 2xx
	text  strings.Builder
	big   bool // the text being gathered went past its limit
	inErr bool
}

func (p *msParser) run() error {
	sawRoot, sawAny := false, false
	for {
		tok, err := p.d.Token()
		switch {
		case err == io.EOF && !sawAny:
			return errors.New("not a multistatus answer: empty")
		case err == io.EOF && !sawRoot:
			return errors.New("not a multistatus answer: no XML element")
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		}
		sawAny = true
		switch t := tok.(type) {
		case xml.StartElement:
			if len(p.stack) == 0 {
				if sawRoot {
					return errors.New("not a valid multistatus answer: a second element at the top")
				}
				if t.Name != (xml.Name{Space: nsDAV, Local: "multistatus"}) {
					return fmt.Errorf("not a multistatus answer: <%s> at the top", cut(t.Name.Local, 40))
				}
				sawRoot = true
			}
			if len(p.stack) == maxXMLDepth {
				return fmt.Errorf("not a valid multistatus answer: elements nested deeper than %d", maxXMLDepth)
			}
			p.stack = append(p.stack, t.Name)
			if err := p.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if err := p.end(t.Name); err != nil {
				return err
			}
			p.stack = p.stack[:len(p.stack)-1]
		case xml.CharData:
			p.char(t)
		}
	}
}

// in reports whether the element being read is right inside the element
// parent of DAV:.
func (p *msParser) in(parent string) bool { return p.inNS(nsDAV, parent) }

// inNS is in for a parent of the namespace ns.
func (p *msParser) inNS(ns, parent string) bool {
	n := len(p.stack)
	return n >= 2 && p.stack[n-2] == xml.Name{Space: ns, Local: parent}
}

func (p *msParser) start(t xml.StartElement) error {
	name := t.Name
	p.text.Reset()
	p.big = false
	switch {
	case name == xml.Name{Space: nsDAV, Local: "response"} && len(p.stack) == 2:
		if p.n++; p.n > p.lim.Count {
			return fmt.Errorf("more than %d responses", p.lim.Count)
		}
		p.resp = &msResponse{}
	case p.resp == nil:
	case name == xml.Name{Space: nsDAV, Local: "propstat"}:
		p.prop, p.okay = msResponse{}, true
	case name == xml.Name{Space: nsCalDAV, Local: "calendar"} && p.in("resourcetype"):
		p.prop.Calendar = true
	case name == xml.Name{Space: nsCalDAV, Local: "comp"} && p.inNS(nsCalDAV, "supported-calendar-component-set"):
		for _, a := range t.Attr {
			if a.Name.Local == "name" && len(p.prop.Components) < 32 {
				p.prop.Components = append(p.prop.Components, strings.ToUpper(cut(a.Value, 40)))
			}
		}
	case name == xml.Name{Space: nsDAV, Local: "error"}:
		p.inErr = true
	case p.inErr && p.resp.Condition == "" && p.in("error"):
		p.resp.Condition = name.Local
	}
	return nil
}

func (p *msParser) char(c xml.CharData) {
	limit := p.lim.Text
	if n := len(p.stack); n > 0 && p.stack[n-1] == (xml.Name{Space: nsCalDAV, Local: "calendar-data"}) {
		limit = p.lim.Data
	}
	if p.big || p.text.Len()+len(c) > limit {
		p.big = true
		return
	}
	p.text.Write(c)
}

func (p *msParser) end(name xml.Name) error {
	if p.resp == nil {
		return nil
	}
	text := strings.TrimSpace(p.text.String())
	if name.Space == nsDAV && p.big && name.Local != "responsedescription" {
		return fmt.Errorf("a %s longer than %d bytes", name.Local, p.lim.Text)
	}
	switch {
	case name.Space == nsCalDAV && name.Local == "calendar-data":
		if p.big {
			p.prop.DataTooLarge = true
		} else {
			p.prop.Data = []byte(p.text.String())
		}
	case name.Space != nsDAV:
	case name.Local == "href" && p.in("response"):
		p.resp.Href = text
	case name.Local == "href" && p.in("current-user-principal"):
		p.prop.Principal = text
	case name.Local == "href" && p.inNS(nsCalDAV, "calendar-home-set"):
		p.prop.Home = text
	case name.Local == "status" && p.in("response"):
		p.resp.Status = statusCode(text)
	case name.Local == "status" && p.in("propstat"):
		code := statusCode(text)
		p.okay = code >= 200 && code < 300
	case name.Local == "getetag":
		p.prop.ETag = text
	case name.Local == "displayname":
		p.prop.DisplayName = text
	case name.Local == "responsedescription" && p.in("response"):
		p.resp.Description = cut(text, 300)
	case name.Local == "error":
		p.inErr = false
	case name.Local == "propstat":
		if p.okay {
			p.resp.merge(&p.prop)
		}
	case name.Local == "response" && len(p.stack) == 2:
		r := p.resp
		p.resp = nil
		return p.fn(r)
	}
	p.text.Reset()
	p.big = false
	return nil
}

// merge takes the properties of a propstat.
func (r *msResponse) merge(p *msResponse) {
	if p.ETag != "" {
		r.ETag = p.ETag
	}
	if p.Data != nil || p.DataTooLarge {
		r.Data, r.DataTooLarge = p.Data, p.DataTooLarge
	}
	if p.DisplayName != "" {
		r.DisplayName = p.DisplayName
	}
	if p.Principal != "" {
		r.Principal = p.Principal
	}
	if p.Home != "" {
		r.Home = p.Home
	}
	r.Calendar = r.Calendar || p.Calendar
	r.Components = append(r.Components, p.Components...)
}

// statusCode reads "HTTP/1.1 404 Not Found"; 0 when it cannot.
func statusCode(s string) int {
	f := strings.Fields(s)
	if len(f) < 2 {
		return 0
	}
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 100 || n > 999 {
		return 0
	}
	return n
}
