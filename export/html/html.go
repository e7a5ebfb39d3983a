// Package html writes the calendar page (docs/spec.md, "The calendar
// page"): one self-contained HTML file with a month grid per month, each
// day's posts coloured by channel, the holidays, review meetings, campaign
// windows and clock changes, the mix per channel against its cap, and
// filters by channel, writer, pillar and source.
//
// The page loads nothing: its style and its one small script are inline,
// and its Content-Security-Policy allows exactly those two by their
// SHA-256 hashes, computed as the page is written. Every name from the spec
// goes through html/template, so it is text wherever it lands. The posts
// are streamed from the plan, a day at a time, and the filters hide posts
// by a class on the calendar's container, so that a year of a big plan
// opens and filters without the browser touching every post.
package html

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"io"
	"iter"

	"github.com/contentplan/contentplan/calendar"
)

// passes is how many times Write reads the plan's posts.
const passes = 2

//go:embed page.tmpl style.css script.js
var files embed.FS

var (
	pageTmpl = template.Must(template.New("page.tmpl").ParseFS(files, "page.tmpl"))
	baseCSS  = mustRead("style.css")
	script   = mustRead("script.js")
)

func mustRead(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Write writes the page of plan to w. It reads the posts twice: once to
// count them (the mix, the filters' choices, the dates they span) and once
// to write the calendar, holding one day's posts at a time.
func Write(w io.Writer, plan *calendar.Plan) error {
	s := survey(plan)
	p := newPage(plan, s)
	next, stop := iter.Pull(plan.Posts())
	defer stop()
	p.b.stream = newStream(next)
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := pageTmpl.Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

// surveyed is what the first pass over the posts finds.
type surveyed struct {
	tally    *calendar.Tally
	first    calendar.Date // the earliest post's date
	last     calendar.Date // the latest post's date
	hasPosts bool
}

func survey(plan *calendar.Plan) *surveyed {
	s := &surveyed{tally: calendar.NewTally(plan)}
	for p := range plan.Posts() {
		s.tally.Add(&p)
		if !s.hasPosts || p.Date < s.first {
			s.first = p.Date
		}
		if !s.hasPosts || p.Date > s.last {
			s.last = p.Date
		}
		s.hasPosts = true
	}
	return s
}

// hash is a CSP source of the SHA-256 of an inline element's text
// (CSP Level 3, "hash-source").
func hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// csp is the page's policy: nothing is loaded, from anywhere; the one
// style element and the one script element run because their hashes are
// listed; no form is sent and no base URL is set.
func csp(style, script string) string {
	return "default-src 'none'; style-src " + hash(style) + "; script-src " + hash(script) +
		"; base-uri 'none'; form-action 'none'"
}

// stream hands out the posts of the second pass day by day.
type stream struct {
	next func() (calendar.Post, bool)
	head calendar.Post
	ok   bool
}

func newStream(next func() (calendar.Post, bool)) *stream {
	s := &stream{next: next}
	s.head, s.ok = next()
	return s
}

// take appends to buf the posts dated on or before d, and with rest every
// post left. Posts come in date order; one that came out of order, or fell
// outside the dates the first pass saw, lands on the next day written
// rather than being lost.
func (s *stream) take(buf []calendar.Post, d calendar.Date, rest bool) []calendar.Post {
	for s.ok && (rest || s.head.Date <= d) {
		buf = append(buf, s.head)
		s.head, s.ok = s.next()
	}
	return buf
}
