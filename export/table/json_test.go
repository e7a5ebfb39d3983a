package table

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
	"github.com/contentplan/contentplan/internal/golden"
)

func TestWriteJSONGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		plan func() *calendar.Plan
	}{
		{"posts.json.golden", testutil.RecordPlan},
		{"empty.json.golden", testutil.EmptyPlan},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJSON(&buf, tc.plan()); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name), buf.Bytes())
		})
	}
}

// TestWriteJSONReadsBack decodes the output with encoding/json and checks
// key order, values and that cost is a number.
func TestWriteJSONReadsBack(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, testutil.RecordPlan()); err != nil {
		t.Fatal(err)
	}
	var posts []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &posts); err != nil {
		t.Fatalf("invalid json: %v\n%s", err, buf.Bytes())
	}
	if len(posts) != 3 {
		t.Fatalf("%d posts, want 3", len(posts))
	}
	for i, p := range posts {
		if len(p) != len(Fields) {
			t.Errorf("post %d has %d keys, want %d", i, len(p), len(Fields))
		}
		if _, ok := p["cost"].(float64); !ok {
			t.Errorf("post %d: cost %#v is not a number", i, p["cost"])
		}
	}
	if got := posts[0]["title"]; got != "Кофе дня\nс корицей" {
		t.Errorf("title %q", got)
	}
	// JSON is not a spreadsheet: values are written as they are.
	if got := posts[1]["channel"]; got != `=HYPERLINK("http://x")` {
		t.Errorf("channel %q", got)
	}
	if got := posts[1]["title"]; got != "tab\there \u2028 and \x01 and \ufffd" {
		t.Errorf("title %q", got)
	}
	if got := posts[1]["cost"]; got != 12.5 {
		t.Errorf("cost %v", got)
	}

	// Key order: each object's keys appear in Fields order.
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.Token() // [
	for dec.More() {
		dec.Token() // {
		for i := 0; dec.More(); i++ {
			tok, _ := dec.Token()
			if tok != Fields[i] {
				t.Fatalf("key %d is %v, want %s", i, tok, Fields[i])
			}
			var v any
			dec.Decode(&v)
		}
		dec.Token() // }
	}
}

func TestAppendJSONString(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "plain", `"quoted" \ back`, "ctl \x00\x1f\x7f", "Кофе ☕", "\xff\xfe", "a\u2028b\u2029c",
		strings.Repeat("é", 100),
	} {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%q: %s is not a JSON string: %v", s, b, err)
			continue
		}
		want := validRunes(s)
		if got != want {
			t.Errorf("%q read back as %q", s, got)
		}
		if !utf8.Valid(b) {
			t.Errorf("%q: output is not valid UTF-8", s)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\x00", "\xff", "\u2028", "Кофе"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q: %s: %v", s, b, err)
		}
		if got != validRunes(s) {
			t.Fatalf("%q read back as %q", s, got)
		}
	})
}

// validRunes replaces each invalid byte of s with U+FFFD, as
// appendJSONString does (strings.ToValidUTF8 would merge runs of them).
func validRunes(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}
