package table

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// refCSVRow is the csv row the writer produced before rowEncoder:
// record.fill, then DefuseCell of each valid-UTF-8 text field, written by
// encoding/csv. The fast writer must give the same bytes.
func refCSVRow(plan *calendar.Plan, p *calendar.Post) string {
	var rec record
	rec.fill(plan, p)
	row := make([]string, numFields)
	for i, v := range rec {
		if i != fieldCost {
			v = DefuseCell(strings.ToValidUTF8(v, "\uFFFD"))
		}
		row[i] = v
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	cw.Write(row)
	cw.Flush()
	return b.String()
}

// refJSONRow is the json object the writer produced before rowEncoder.
func refJSONRow(plan *calendar.Plan, p *calendar.Post) string {
	var rec record
	rec.fill(plan, p)
	buf := []byte{'{'}
	for i, v := range rec {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, Fields[i])
		buf = append(buf, ':')
		if i == fieldCost {
			buf = append(buf, v...)
		} else {
			buf = appendJSONString(buf, v)
		}
	}
	return string(append(buf, '}'))
}

func csvEncoder(plan *calendar.Plan) *rowEncoder {
	e := newRowEncoder(plan, appendCSVCell)
	for i := 1; i < numFields; i++ {
		e.prefix[i] = []byte{','}
	}
	e.suffix = []byte("\r\n")
	return e
}

func jsonEncoder(plan *calendar.Plan) *rowEncoder {
	e := newRowEncoder(plan, appendJSONString)
	for i, f := range Fields {
		if i == 0 {
			e.prefix[i] = []byte{'{'}
		} else {
			e.prefix[i] = []byte{','}
		}
		e.prefix[i] = append(appendJSONString(e.prefix[i], f), ':')
	}
	e.suffix = []byte{'}'}
	e.quoteRaw = true
	return e
}

// awkward are values that take every path of the cell and string encoders.
var awkward = []string{
	"", "plain", "two words", " leading space", "trailing ", "a,b", `say "hi"`, "line\nbreak",
	"cr\rlf\r\n", "\t tab", "\rcr", "=1+1", "+7 999", "-x", "@sum", "'quoted", `\.`, `\.x`,
	"＝1", "＋", "－", "＠a", "Кофе ☕", "\xff\xfe", "a\xffb", "\u2028\u2029", "\x00\x1f\x7f",
	"\u00a0nbsp", "\u0085nel", "\u3000ideo", "é", strings.Repeat("x,", 40),
}

// TestRowEncoderMatchesRecord holds both writers' rows to the bytes of the
// record-based writers they replaced, over hand-made posts with every
// awkward value in every text field, missing pointers, dates and clocks out
// of range, and the odd costs; and checks that the csv reads back.
func TestRowEncoderMatchesRecord(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("Europe/Berlin")
	ch := &calendar.Channel{Index: 0, Name: "Instagram", Owner: "Anna"}
	stray := &calendar.Channel{Index: 0, Name: "=stray"} // claims the plan's index
	plan := &calendar.Plan{Timezone: "Europe/Berlin", Location: loc, Channels: []*calendar.Channel{ch}}
	d := calendar.MakeDate(2027, 3, 28)
	var posts []calendar.Post
	for i, v := range awkward {
		w := awkward[(i+3)%len(awkward)]
		posts = append(posts, calendar.Post{
			ID: v, Date: d + calendar.Date(i), Time: calendar.Clock(i * 37), Channel: &calendar.Channel{Name: v},
			Format: &calendar.Format{FormatSpec: calendar.FormatSpec{Name: w}},
			Pillar: &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: v, Objective: w}},
			Source: calendar.Source(w), Campaign: v, Title: w, Writer: v, Status: w, DraftDue: d - calendar.Date(i),
			Cost: float64(i) * 0.1,
		}, calendar.Post{ID: "x", Channel: ch, Writer: v, Campaign: w, Title: v, Cost: float64(i)})
	}
	for _, c := range []float64{0, math.Copysign(0, -1), -5, 1e21, 1.5e-7, math.NaN(), math.Inf(1), 1500} {
		posts = append(posts, calendar.Post{ID: "c", Channel: ch, Cost: c})
	}
	posts = append(posts,
		calendar.Post{ID: "bare"},
		calendar.Post{ID: "stray", Channel: stray, Writer: "-w"},
		calendar.Post{ID: "far", Date: calendar.MakeDate(-1, 12, 31), DraftDue: calendar.MakeDate(10000, 1, 1), Time: -1},
		calendar.Post{ID: "late", Date: math.MaxInt32, DraftDue: math.MinInt32, Time: 24 * 60},
	)
	// Far dates that share a slot of the date cache with near ones.
	for i := range 40 {
		far := calendar.MakeDate(-20000, 1, 1) + calendar.Date(i)
		posts = append(posts, calendar.Post{ID: "near", Date: d + calendar.Date(i), DraftDue: far},
			calendar.Post{ID: "far", Date: far, DraftDue: d + calendar.Date(i)})
	}
	// Occasions on the posts' dates: each awkward value alone on a day,
	// and two of them on every third, joined.
	for i, v := range awkward {
		plan.Occasions = append(plan.Occasions, calendar.Occasion{Date: d + calendar.Date(i), Name: v, Key: v})
		if i%3 == 0 {
			plan.Occasions = append(plan.Occasions, calendar.Occasion{Date: d + calendar.Date(i), Name: awkward[len(awkward)-1-i]})
		}
	}
	ce, je := csvEncoder(plan), jsonEncoder(plan)
	var all bytes.Buffer
	for round := range 2 { // the second round reads the caches
		for i := range posts {
			p := &posts[i]
			if got, want := string(ce.appendPost(nil, p)), refCSVRow(plan, p); got != want {
				t.Errorf("round %d, csv of post %d:\n got %q\nwant %q", round, i, got, want)
			}
			if got, want := string(je.appendPost(nil, p)), refJSONRow(plan, p); got != want {
				t.Errorf("round %d, json of post %d:\n got %q\nwant %q", round, i, got, want)
			}
			if round == 0 {
				all.Write(ce.appendPost(nil, p))
			}
		}
	}
	rows, err := csv.NewReader(&all).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(posts) {
		t.Errorf("%d rows read back, want %d", len(rows), len(posts))
	}
}

// TestAppendCSVCell reads each awkward value back with encoding/csv's
// reader, between two other cells.
func TestAppendCSVCell(t *testing.T) {
	t.Parallel()
	for _, v := range awkward {
		line := appendCSVCell([]byte("a,"), v)
		line = append(line, ",z\r\n"...)
		rows, err := csv.NewReader(bytes.NewReader(line)).ReadAll()
		if err != nil || len(rows) != 1 || len(rows[0]) != 3 {
			t.Errorf("%q: %q reads as %q, %v", v, line, rows, err)
			continue
		}
		// What is read is the defused, valid-UTF-8 value, with CRs lost
		// inside quotes as encoding/csv's writer loses them.
		want := DefuseCell(strings.ToValidUTF8(v, "\uFFFD"))
		if cellNeedsQuotes(want) {
			want = strings.ReplaceAll(want, "\r", "")
		}
		if got := rows[0][1]; got != want {
			t.Errorf("%q reads back as %q, want %q", v, got, want)
		}
	}
}

// FuzzAppendCSVCell holds appendCSVCell to encoding/csv's writer.
func FuzzAppendCSVCell(f *testing.F) {
	for _, v := range awkward {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		cw.UseCRLF = true
		cw.Write([]string{"a", DefuseCell(strings.ToValidUTF8(v, "\uFFFD")), "z"})
		cw.Flush()
		got := string(append(appendCSVCell([]byte("a,"), v), ",z\r\n"...))
		if got != b.String() {
			t.Fatalf("%q: got %q, encoding/csv %q", v, got, b.String())
		}
	})
}

// FuzzRowEncoder holds whole csv and json rows to the record-based writers
// for arbitrary names, texts, dates, times and costs, each post written
// twice so that the second reads the caches.
func FuzzRowEncoder(f *testing.F) {
	f.Add("Instagram", "photo", "menu", "reach", "@winter", "Кофе\n", "Anna", "own", int32(20820), int16(540), 12.5)
	f.Add("=x", "", "-p", "", "", "\xff", "+w", "", int32(-800000), int16(-3), math.NaN())
	f.Fuzz(func(t *testing.T, ch, format, pillar, objective, campaign, title, writer, status string, d int32, c int16, cost float64) {
		channel := &calendar.Channel{Name: ch}
		plan := &calendar.Plan{Timezone: title, Channels: []*calendar.Channel{channel},
			Occasions: []calendar.Occasion{{Date: calendar.Date(d), Name: campaign}, {Date: calendar.Date(d), Name: writer}}}
		p := calendar.Post{
			ID: campaign + title, Date: calendar.Date(d), Time: calendar.Clock(c), Channel: channel,
			Format: &calendar.Format{FormatSpec: calendar.FormatSpec{Name: format}},
			Pillar: &calendar.Pillar{PillarSpec: calendar.PillarSpec{Name: pillar, Objective: objective}},
			Source: calendar.Source(status), Campaign: campaign, Title: title, Writer: writer, Status: status,
			DraftDue: calendar.Date(d) - 3, Cost: cost,
		}
		ce, je := csvEncoder(plan), jsonEncoder(plan)
		for range 2 {
			if got, want := string(ce.appendPost(nil, &p)), refCSVRow(plan, &p); got != want {
				t.Fatalf("csv:\n got %q\nwant %q", got, want)
			}
			if got, want := string(je.appendPost(nil, &p)), refJSONRow(plan, &p); got != want {
				t.Fatalf("json:\n got %q\nwant %q", got, want)
			}
		}
	})
}
