package table

import (
	"bufio"
	"io"
	"math"
	"strconv"

	"github.com/contentplan/contentplan/calendar"
)

// Fields are the columns of the csv and the keys of the json, in the order
// docs/spec.md fixes (CSV and JSON fields): people script against them, so
// they never move.
var Fields = [...]string{
	"id", "date", "time", "timezone", "channel", "format", "source", "pillar",
	"objective", "campaign", "title", "writer", "draft_due", "status", "cost",
	"occasion",
}

// Indexes into a record.
const (
	fieldCost     = 14
	fieldOccasion = 15
	numFields     = len(Fields)
	statusDraft   = "planned"
)

// record is one post as the text of each field, in Fields order: the plain
// statement of what each field holds. The csv and json writers share
// rowEncoder, its fast form, so both files always say the same about a
// post; the tests hold rowEncoder to record byte for byte.
type record [numFields]string

// fill sets r from p. It tolerates a post with missing pointers (a hand-made
// plan in a test, say) by leaving those fields empty rather than panicking.
func (r *record) fill(plan *calendar.Plan, p *calendar.Post) {
	r[0] = p.ID
	r[1] = p.Date.String()
	r[2] = p.Time.String()
	r[3] = plan.Timezone
	r[4], r[5], r[7] = "", "", ""
	if p.Channel != nil {
		r[4] = p.Channel.Name
	}
	if p.Format != nil {
		r[5] = p.Format.Name
	}
	r[6] = string(p.Source)
	if p.Pillar != nil {
		r[7] = p.Pillar.Name
	}
	r[8] = p.Objective()
	r[9] = p.Campaign
	r[10] = p.Title
	r[11] = p.Writer
	r[12] = p.DraftDue.String()
	r[13] = p.Status
	if r[13] == "" {
		r[13] = statusDraft
	}
	r[fieldCost] = formatCost(p.Cost)
	r[fieldOccasion] = calendar.NewOccasionText(plan).On(p.Date)
}

// formatCost writes a cost as the shortest decimal that reads back exactly,
// never in exponent form (spreadsheets read 1e+06 as text in some locales).
// A cost that is not a finite number cannot come from a validated spec; it is
// written as 0 rather than as NaN, which neither csv readers nor JSON accept.
func formatCost(c float64) string {
	if math.IsNaN(c) || math.IsInf(c, 0) {
		return "0"
	}
	if c == 0 {
		return "0" // also turns -0 into 0
	}
	return strconv.FormatFloat(c, 'f', -1, 64)
}

// rowEncoder writes posts as rows of one format (a csv line, a json
// object) straight into a byte slice. It does what record.fill and the
// format's escaping did per field, but pays for a channel's, format's or
// pillar's name once: a million-post plan repeats a few hundred names, and
// escaping them again for every post was most of a row's cost.
type rowEncoder struct {
	// enc appends s as one field: a csv cell (defused, valid UTF-8,
	// quoted as RFC 4180 asks) or a json string.
	enc func(dst []byte, s string) []byte
	// prefix[i] goes before field i (a comma, or a json key); suffix ends
	// the row.
	prefix [numFields][]byte
	suffix []byte
	// quoteRaw wraps the fields written without enc (dates, times) in
	// double quotes: json strings; csv needs none.
	quoteRaw bool

	empty    []byte // enc of ""
	timezone []byte
	plan     []*calendar.Channel
	channels []*channelEntry // by Channel.Index, for the plan's own channels
	others   map[*calendar.Channel]*channelEntry
	formats  map[*calendar.Format][]byte
	pillars  map[*calendar.Pillar]*pillarEntry
	strs     [numFields]stringCache

	costSet bool
	cost    float64
	costEnc []byte

	dates dateCache // date and draft_due

	// occasions gives the names of the occasions on a post's date, the
	// last date's kept: posts come in date order.
	occasions *calendar.OccasionText
}

// dateCache remembers the field bytes of recent dates, direct-mapped by
// the low bits of the day: the posts of a stretch of the plan share a few
// dates, and turning a day count into a calendar date is integer division.
type dateCache [16]struct {
	ok  bool
	d   calendar.Date
	n   int
	buf [24]byte
}

func (e *rowEncoder) appendDate(dst []byte, d calendar.Date) []byte {
	c := &e.dates[uint32(d)%uint32(len(e.dates))]
	if !c.ok || c.d != d {
		var scratch [32]byte
		c.ok = false // the entry is rewritten in place
		b := e.appendRaw(c.buf[:0], d.AppendTo(scratch[:0]))
		if len(b) > len(c.buf) {
			// Only a far year of a hand-made date gets here.
			return append(dst, b...)
		}
		c.ok, c.d, c.n = true, d, len(b)
	}
	return append(dst, c.buf[:c.n]...)
}

type channelEntry struct {
	name   []byte
	writer stringCache // the posts of a channel mostly share one writer
}

type pillarEntry struct{ name, objective []byte }

func newRowEncoder(plan *calendar.Plan, enc func([]byte, string) []byte) *rowEncoder {
	e := &rowEncoder{
		enc:      enc,
		empty:    enc(nil, ""),
		timezone: enc(nil, plan.Timezone),
		plan:     plan.Channels,
		channels: make([]*channelEntry, len(plan.Channels)),
		others:   map[*calendar.Channel]*channelEntry{},
		formats:  map[*calendar.Format][]byte{},
		pillars:  map[*calendar.Pillar]*pillarEntry{},

		occasions: calendar.NewOccasionText(plan),
	}
	for i, ch := range plan.Channels {
		if ch != nil && ch.Index == i {
			e.channels[i] = &channelEntry{name: enc(nil, ch.Name)}
		}
	}
	return e
}

// maxCached bounds each cache of distinct values, so that a plan whose
// every post has its own campaign or writer name does not grow memory with
// its posts; past it, values are escaped each time.
const maxCached = 4096

// stringCache remembers the encoding of the values of one field.
type stringCache struct {
	ok      bool
	last    string
	lastEnc []byte
	m       map[string][]byte
}

func (c *stringCache) get(s string, enc func([]byte, string) []byte) []byte {
	if c.ok && s == c.last {
		return c.lastEnc
	}
	b, hit := c.m[s]
	if !hit {
		b = enc(nil, s)
		if c.m == nil {
			c.m = map[string][]byte{}
		}
		if len(c.m) < maxCached {
			c.m[s] = b
		}
	}
	c.ok, c.last, c.lastEnc = true, s, b
	return b
}

func (e *rowEncoder) channel(ch *calendar.Channel) *channelEntry {
	if i := ch.Index; i >= 0 && i < len(e.channels) && e.channels[i] != nil && e.plan[i] == ch {
		return e.channels[i]
	}
	ce := e.others[ch]
	if ce == nil {
		ce = &channelEntry{name: e.enc(nil, ch.Name)}
		if len(e.others) < maxCached {
			e.others[ch] = ce
		}
	}
	return ce
}

// appendRaw appends a date or time that AppendTo wrote: digits, '-' and
// ':' need no escaping in either format, and a first digit no defusing. A
// Date or Clock out of range (only a hand-made one) can start otherwise,
// and goes through enc like any text.
func (e *rowEncoder) appendRaw(dst, b []byte) []byte {
	if len(b) == 0 || b[0] < '0' || b[0] > '9' {
		return e.enc(dst, string(b))
	}
	if e.quoteRaw {
		dst = append(dst, '"')
		dst = append(dst, b...)
		return append(dst, '"')
	}
	return append(dst, b...)
}

// appendPost appends p as one row. It writes what record.fill gives, field
// for field (TestRowEncoderMatchesRecord holds it to that).
func (e *rowEncoder) appendPost(dst []byte, p *calendar.Post) []byte {
	var scratch [32]byte
	dst = append(dst, e.prefix[0]...)
	dst = e.enc(dst, p.ID)
	dst = append(dst, e.prefix[1]...)
	dst = e.appendDate(dst, p.Date)
	dst = append(dst, e.prefix[2]...)
	dst = e.appendRaw(dst, p.Time.AppendTo(scratch[:0]))
	dst = append(dst, e.prefix[3]...)
	dst = append(dst, e.timezone...)

	dst = append(dst, e.prefix[4]...)
	var ce *channelEntry
	if p.Channel != nil {
		ce = e.channel(p.Channel)
		dst = append(dst, ce.name...)
	} else {
		dst = append(dst, e.empty...)
	}
	dst = append(dst, e.prefix[5]...)
	if p.Format != nil {
		dst = append(dst, e.format(p.Format)...)
	} else {
		dst = append(dst, e.empty...)
	}
	dst = append(dst, e.prefix[6]...)
	dst = append(dst, e.strs[6].get(string(p.Source), e.enc)...)
	dst = append(dst, e.prefix[7]...)
	if p.Pillar != nil {
		pe := e.pillar(p.Pillar)
		dst = append(dst, pe.name...)
		dst = append(dst, e.prefix[8]...)
		dst = append(dst, pe.objective...)
	} else {
		dst = append(dst, e.empty...)
		dst = append(dst, e.prefix[8]...)
		dst = append(dst, e.empty...)
	}
	dst = append(dst, e.prefix[9]...)
	dst = append(dst, e.strs[9].get(p.Campaign, e.enc)...)
	dst = append(dst, e.prefix[10]...)
	dst = e.enc(dst, p.Title) // titles are each post's own: not cached
	dst = append(dst, e.prefix[11]...)
	if ce != nil {
		dst = append(dst, ce.writer.get(p.Writer, e.enc)...)
	} else {
		dst = append(dst, e.strs[11].get(p.Writer, e.enc)...)
	}
	dst = append(dst, e.prefix[12]...)
	dst = e.appendDate(dst, p.DraftDue)
	dst = append(dst, e.prefix[13]...)
	status := p.Status
	if status == "" {
		status = statusDraft
	}
	dst = append(dst, e.strs[13].get(status, e.enc)...)
	dst = append(dst, e.prefix[fieldCost]...)
	// A number we wrote ourselves: digits, '.' and '-' need no quoting and
	// no defusing. Consecutive posts mostly cost the same.
	if !e.costSet || math.Float64bits(p.Cost) != math.Float64bits(e.cost) {
		e.costSet, e.cost, e.costEnc = true, p.Cost, append(e.costEnc[:0], formatCost(p.Cost)...)
	}
	dst = append(dst, e.costEnc...)
	dst = append(dst, e.prefix[fieldOccasion]...)
	dst = append(dst, e.strs[fieldOccasion].get(e.occasions.On(p.Date), e.enc)...)
	return append(dst, e.suffix...)
}

func (e *rowEncoder) format(f *calendar.Format) []byte {
	b, ok := e.formats[f]
	if !ok {
		b = e.enc(nil, f.Name)
		if len(e.formats) < maxCached {
			e.formats[f] = b
		}
	}
	return b
}

func (e *rowEncoder) pillar(pl *calendar.Pillar) *pillarEntry {
	pe := e.pillars[pl]
	if pe == nil {
		pe = &pillarEntry{name: e.enc(nil, pl.Name), objective: e.enc(nil, pl.Objective)}
		if len(e.pillars) < maxCached {
			e.pillars[pl] = pe
		}
	}
	return pe
}

// rowFrame is what stands around the rows of a file: head before the first
// row, sep between two rows, tail after the last, and empty instead of all
// of them when the plan has no posts.
type rowFrame struct{ head, sep, tail, empty string }

// writeRows streams one row per post of plan, encoded by e, to w in frame.
func writeRows(w io.Writer, plan *calendar.Plan, e *rowEncoder, frame rowFrame) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := make([]byte, 0, 1024)
	first := true
	for p := range plan.Posts() {
		buf = buf[:0]
		if first {
			buf = append(buf, frame.head...)
			first = false
		} else {
			buf = append(buf, frame.sep...)
		}
		buf = e.appendPost(buf, &p)
		if _, err := bw.Write(buf); err != nil {
			// The underlying writer failed (disk full, closed pipe): stop
			// rather than run the rest of a possibly huge schedule.
			return err
		}
	}
	if first {
		bw.WriteString(frame.empty)
	} else {
		bw.WriteString(frame.tail)
	}
	return bw.Flush()
}
