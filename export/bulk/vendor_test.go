package bulk

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/xlsx"
)

// TestWriters: each scheduler's file of the same posts, byte for byte.
func TestWriters(t *testing.T) {
	moscow, _ := time.LoadLocation("Europe/Moscow")
	posts := []Post{
		{At: time.Date(2027, 3, 4, 9, 5, 0, 0, moscow), Text: "Пост, \"в кавычках\"\nи со строкой", Media: "https://x.example/a.png"},
		{At: time.Date(2027, 12, 31, 23, 55, 0, 0, moscow), Text: "=1+1 stays as written", Link: "https://x.example/?a=1,2"},
		{At: time.Date(2027, 1, 2, 0, 0, 0, 0, moscow), Text: " plain"},
	}
	tests := []struct {
		vendor string
		order  DateOrder
		want   string
	}{
		{"buffer", 0, `Text,Image URL,Tags,Posting Time
"Пост, ""в кавычках""
и со строкой",https://x.example/a.png,,2027-03-04 09:05
=1+1 stays as written,,,2027-12-31 23:55
" plain",,,2027-01-02 00:00
`},
		{"sprout", DMY, `date,time_24hr,message_text
04/03/2027,09:05,"Пост, ""в кавычках""
и со строкой"
31/12/2027,23:55,=1+1 stays as written
02/01/2027,00:00," plain"
`},
		{"sprout", MDY, `date,time_24hr,message_text
03/04/2027,09:05,"Пост, ""в кавычках""
и со строкой"
12/31/2027,23:55,=1+1 stays as written
01/02/2027,00:00," plain"
`},
		{"hootsuite", DMY, `04/03/2027 09:05,"Пост, ""в кавычках""
и со строкой",
31/12/2027 23:55,=1+1 stays as written,"https://x.example/?a=1,2"
02/01/2027 00:00," plain",
`},
		{"hootsuite", MDY, `03/04/2027 09:05,"Пост, ""в кавычках""
и со строкой",
12/31/2027 23:55,=1+1 stays as written,"https://x.example/?a=1,2"
01/02/2027 00:00," plain",
`},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.vendor, tt.order), func(t *testing.T) {
			v, _ := Lookup(tt.vendor)
			var buf bytes.Buffer
			if err := v.Write(&buf, posts, tt.order); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
		})
	}
}

// TestDocumentedFormat holds each file to what docs/bulk.md quotes from
// the scheduler's page, typed here from the page rather than taken from
// the package: the header row, letter for letter, and the date and time
// forms.
func TestDocumentedFormat(t *testing.T) {
	b := workbook(post("a", at("2027-01-05", "14:35")))
	tests := []struct {
		vendor string
		header string // "" for a file without one
		when   func(rec []string) string
		layout string
	}{
		{"buffer", "Text,Image URL,Tags,Posting Time", func(r []string) string { return r[3] }, "2006-01-02 15:04"},
		{"sprout", "date,time_24hr,message_text", func(r []string) string { return r[0] + " " + r[1] }, "02/01/2006 15:04"},
		{"hootsuite", "", func(r []string) string { return r[0] }, "02/01/2006 15:04"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor, func(t *testing.T) {
			res := run(t, tt.vendor, b)
			recs := records(t, &res.Files[0])
			if tt.header != "" {
				if got := strings.Join(recs[0], ","); got != tt.header {
					t.Errorf("header %q, want %q", got, tt.header)
				}
				recs = recs[1:]
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			got, err := time.Parse(tt.layout, tt.when(recs[0]))
			if err != nil || got.Format("2006-01-02 15:04") != "2027-01-05 14:35" {
				t.Errorf("time %q (%v), want 2027-01-05 14:35 as %s", tt.when(recs[0]), err, tt.layout)
			}
		})
	}
}

// TestSplit: a channel's posts over a file's rows go into numbered files
// of at most the rows, in time order, each with the header; a channel that
// fills one file exactly gets one, unnumbered.
func TestSplit(t *testing.T) {
	for _, v := range Vendors() {
		max := v.Rules().MaxRows
		for _, n := range []int{max, 2*max + 1} {
			t.Run(fmt.Sprintf("%s %d", v.Name(), n), func(t *testing.T) {
				var rows []xlsx.Row
				start := calendar.MakeDate(2027, 1, 4)
				for i := range n {
					// Every 15 minutes: on Hootsuite's steps, apart enough
					// for Sprout Social.
					rows = append(rows, post(fmt.Sprint(i), set(func(r *xlsx.Row) {
						r.Date, r.Time = start+calendar.Date(i/96), calendar.Clock(i%96*15)
						r.Copy = fmt.Sprintf("Пост %d, о хлебе", i)
					})))
				}
				b := workbook(rows...)
				res := run(t, v.Name(), b, func(o *Options) { o.Upload = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) })
				if res.Exported != n || len(res.Findings) != 0 {
					t.Fatalf("%d of %d exported: %q", res.Exported, n, lines(b, res))
				}
				parts := (n + max - 1) / max
				if len(res.Files) != parts {
					t.Fatalf("%d files, want %d", len(res.Files), parts)
				}
				next := 0
				for k := range res.Files {
					f := &res.Files[k]
					want := "-" + v.Name() + "-Telegram.csv"
					if parts > 1 {
						want = fmt.Sprintf("-%s-Telegram-%dof%d.csv", v.Name(), k+1, parts)
					}
					if f.Suffix != want {
						t.Errorf("file %d: %q, want %q", k, f.Suffix, want)
					}
					recs := records(t, f)
					if v.Name() != "hootsuite" {
						recs = recs[1:]
					}
					if len(recs) > max || len(recs) != len(f.Posts) {
						t.Errorf("%s: %d records, %d posts, at most %d", f.Suffix, len(recs), len(f.Posts), max)
					}
					for _, r := range recs {
						if want := fmt.Sprintf("Пост %d, о хлебе", next); !strings.Contains(strings.Join(r, "|"), want) {
							t.Fatalf("%s: record %q, want post %d", f.Suffix, r, next)
						}
						next++
					}
				}
			})
		}
	}
}

// TestFileNames: channels whose names make the same file name, or one that
// reads as a part number, still get files of their own.
func TestFileNames(t *testing.T) {
	b := workbook(
		post("a", set(func(r *xlsx.Row) { r.Channel = "Café!" })),
		post("b", set(func(r *xlsx.Row) { r.Channel = "Café?" })),
		post("c", set(func(r *xlsx.Row) { r.Channel = "../etc/passwd" })),
		post("d", set(func(r *xlsx.Row) { r.Channel = "X" })),
		post("e", at("2027-01-05", "12:00"), set(func(r *xlsx.Row) { r.Channel = "X" })),
		post("f", set(func(r *xlsx.Row) { r.Channel = "X 1of2" })),
	)
	res := run(t, "buffer", b, func(o *Options) { o.PerFile = 1 })
	var got []string
	for _, f := range res.Files {
		got = append(got, f.Suffix)
	}
	// The workbook's channels first (X), then the others in row order.
	want := []string{"-buffer-X-1of2.csv", "-buffer-X-2of2.csv", "-buffer-Café.csv", "-buffer-Café-2.csv",
		"-buffer-etc-passwd.csv", "-buffer-X-1of2-2.csv"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files %q, want %q", got, want)
	}
}

// FuzzExport gives an approved post any copy, hashtags and links: the
// export never fails or panics, and each file reads back as CSV with one
// record per post (and a header), holding the post's text exactly, as
// composed from the cells, without a control character but its line
// breaks and tabs. The seeds are the golden test's texts.
func FuzzExport(f *testing.F) {
	for _, cells := range kolosEdits {
		f.Add(cells["Текст"], cells["Хештеги"], cells["Ссылка на медиа"], cells["Ссылка на источник"])
	}
	f.Add("a\r\nb\rc\x00", "#x\u2028", "http://x/a.jpg", "https://\x7f")
	f.Add("\"", ",", "", "")
	f.Fuzz(func(t *testing.T, body, tags, media, source string) {
		for _, v := range Vendors() {
			b := workbook(post("a", set(func(r *xlsx.Row) {
				r.Copy, r.Hashtags, r.MediaLink, r.SourceLink = body, tags, media, source
			})))
			res, err := Export(b, Options{Vendor: v, Upload: upload, DateOrder: MDY})
			if err != nil {
				t.Fatal(err)
			}
			if res.Exported+res.LeftOut != 1 || len(res.Files) != res.Exported {
				t.Fatalf("%s: %+v", v.Name(), res)
			}
			if res.Exported == 0 {
				continue
			}
			p := res.Files[0].Posts[0]
			var buf bytes.Buffer
			if err := res.Files[0].Write(&buf); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", v.Name(), err)
			}
			text := recs[len(recs)-1][map[string]int{"buffer": 0, "sprout": 2, "hootsuite": 1}[v.Name()]]
			if len(recs) != map[bool]int{true: 1, false: 2}[v.Name() == "hootsuite"] || text != p.Text {
				t.Fatalf("%s: records %q, want the text %q", v.Name(), recs, p.Text)
			}
			if c, ok := control(text); ok || text == "" || !strings.HasPrefix(text, clean(body)) {
				t.Fatalf("%s: text %q (control %U)", v.Name(), text, c)
			}
		}
	})
}
