package spec

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/internal/golden"
)

// TestBadSpecs parses every testdata/bad/NAME.toml and compares the error
// text with NAME.golden (go test -update rewrites them; then read them:
// each message must make sense to a user).
func TestBadSpecs(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../testdata/bad/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 45 {
		t.Errorf("only %d bad specs; want at least 45", len(files))
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".toml"), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := badOutput(t, name, data)
			golden.Check(t, strings.TrimSuffix(file, ".toml")+".golden", []byte(got))
		})
	}
}

// badOutput returns what the CLI would print for a spec that must fail:
// the SpecError's text, then any warnings.
func badOutput(t *testing.T, name string, data []byte) string {
	t.Helper()
	s, err := Parse(name, bytes.NewReader(data))
	if err == nil {
		t.Fatalf("%s: parsed without error: %+v", name, s)
	}
	var se *calendar.SpecError
	if !errors.As(err, &se) {
		t.Fatalf("%s: error is %T, want *SpecError: %v", name, err, err)
	}
	for _, d := range se.Diags {
		checkStyle(t, d)
	}
	return se.Error() + "\n"
}

// checkStyle enforces the message conventions: lowercase start, no final
// period, the file name, no raw toml wording.
func checkStyle(t *testing.T, d calendar.Diagnostic) {
	t.Helper()
	if d.Msg == "" {
		t.Errorf("empty message: %+v", d)
		return
	}
	if strings.HasSuffix(d.Msg, ".") {
		t.Errorf("message ends with a period: %q", d.Msg)
	}
	if first := d.Msg[:1]; first != strings.ToLower(first) {
		t.Errorf("message starts upper-case: %q", d.Msg)
	}
	if d.File == "" {
		t.Errorf("diagnostic without file: %+v", d)
	}
	if d.Line == 0 && d.Path == "" && d.Severity == calendar.Error && !strings.Contains(d.Msg, "1 MiB") {
		t.Logf("diagnostic with neither position nor path: %q", d.Msg)
	}
	for _, h := range d.Hints {
		if strings.HasSuffix(h, ".") {
			t.Errorf("hint ends with a period: %q", h)
		}
	}
}

func TestTooLarge(t *testing.T) {
	t.Parallel()
	// A valid-looking spec padded with comments past the limit: the size is
	// what is rejected, before any decoding.
	var b bytes.Buffer
	b.WriteString("[plan]\nname = \"x\"\n")
	for b.Len() <= maxSpecSize {
		b.WriteString("# padding padding padding padding padding padding padding\n")
	}
	got := badOutput(t, "huge.toml", b.Bytes())
	want := "huge.toml: spec is larger than 1 MiB\nhint: a spec is a short TOML file; check that this is the right file\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Exactly the limit is still read.
	small := bytes.Repeat([]byte("#"), maxSpecSize)
	if out := badOutput(t, "edge.toml", small); strings.Contains(out, "1 MiB") {
		t.Errorf("a spec of exactly 1 MiB was rejected for its size: %s", out)
	}
}
