package spec

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, must fail
// only with a *SpecError whose every diagnostic is well formed, and must
// accept only specs that keep the promises Build relies on.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../testdata/*.toml", "../../testdata/bad/*.toml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(minimalSpec))
	// The identity keys, valid and not: plan.id, channel.id, channel.limit.
	f.Add([]byte(strings.Replace(minimalSpec, "[plan]\n", "[plan]\nid = \"k3x9q2m7p1ab\"\n", 1) +
		"[[channel]]\nname = \"Old\"\nid = \"telegram\"\nfrequency = \"daily\"\nformats = [\"text\"]\nlimit = 0\n"))
	f.Add([]byte(strings.Replace(minimalSpec, "[plan]\n", "[plan]\nid = \"Пекарня Q2\"\n", 1) +
		"[[channel]]\nname = \"X\"\nid = \" \"\nfrequency = \"daily\"\nformats = [\"text\"]\nlimit = 280.0\n"))
	f.Add([]byte("[plan]\nname = \"Щи, каша и хлеб\"\nquarter = \"2027-Q2\"\n[[channel]]\nname = \"Main\"\nid = \"Instagram\"\nfrequency = \"3/week\"\nformats = [\"photo\"]\nlimit = 2200\n"))
	// The plan's own dates: a good one, a string date, flags, a duplicate,
	// one outside the plan, and bad ones.
	f.Add([]byte(minimalSpec + "\n[[date]]\nname = \"Launch\"\ndate = 2027-02-10\nskip = true\nday_off = true\n" +
		"[[date]]\nname = \"launch\"\ndate = \"2027-02-10\"\n[[date]]\nname = \"Old\"\ndate = 2020-01-01\n"))
	f.Add([]byte("date = [{ name = \"\", date = \"2027-13-01\", day_off = \"yes\" }, 3]\n" + minimalSpec))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", bytes.NewReader(data))
		if err != nil {
			var se *calendar.SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error is %T, not *SpecError: %v", err, err)
			}
			if len(se.Diags) == 0 {
				t.Fatal("SpecError without diagnostics")
			}
			for _, d := range se.Diags {
				if d.Msg == "" || d.File != "fuzz.toml" || d.Line < 0 || d.Col < 0 || d.Severity != calendar.Error {
					t.Fatalf("bad diagnostic %+v", d)
				}
				if strings.Contains(d.Msg, "\n") {
					t.Fatalf("message spans lines: %q", d.Msg)
				}
			}
			return
		}
		checkSpec(t, s)
		if s.Plan.End-s.Plan.Start > 5*366 {
			t.Fatalf("plan longer than 5 years: %s..%s", s.Plan.Start, s.Plan.End)
		}
		for _, w := range s.Warnings {
			if w.Severity != calendar.Warning || w.Msg == "" {
				t.Fatalf("bad warning %+v", w)
			}
		}
	})
}

func FuzzParseFrequency(f *testing.F) {
	for _, s := range []string{"daily", "weekdays", "3/week", "1440/day", "0/week", "3/wek", " 2 / Month ", "1441/day", "-1/day", "9999999999/week"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fr, err := ParseFrequency(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "frequency ") {
				t.Fatalf("error %q does not name the frequency", err)
			}
			return
		}
		limit := map[calendar.Period]int{calendar.PerDay: maxPerDay, calendar.PerWeek: maxPerWeek, calendar.PerMonth: maxPerMonth}[fr.Per]
		if fr.N < 1 || fr.N > limit || (fr.Weekdays && (fr.N != 1 || fr.Per != calendar.PerDay)) {
			t.Fatalf("ParseFrequency(%q) = %+v", s, fr)
		}
		// The canonical text reads back the same.
		if again, err := ParseFrequency(fr.String()); err != nil || again != fr {
			t.Fatalf("%q → %v → %v, %v", s, fr, again, err)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"30m", "1h", "1h30m", "90m", "24h", "25h", "0m", "90s", "1.5h", "999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if d <= 0 || d > 24*time.Hour || d%time.Minute != 0 {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
	})
}

func FuzzParseCap(f *testing.F) {
	for _, s := range []string{"30%", "29.5%", "0.29", "0.3", "1", "0", "100%", "101%", "30", "-1%", "0.12345", ".5", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCap(s)
		if err != nil {
			return
		}
		if c < 0 || c > 10000 {
			t.Fatalf("ParseCap(%q) = %d", s, c)
		}
		// The canonical text reads back the same.
		if again, err := ParseCap(c.String()); err != nil || again != c {
			t.Fatalf("%q → %v → %v, %v", s, c, again, err)
		}
	})
}

func FuzzParseLead(f *testing.F) {
	for _, s := range []string{"3d", "0d", "365d", "366d", "3", "d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseLead(s)
		if err == nil && (n < 0 || n > maxLead) {
			t.Fatalf("ParseLead(%q) = %d", s, n)
		}
	})
}

// FuzzLocate runs the position scanner on any text, valid TOML or not: it
// must end and never panic, and every position it records must exist.
func FuzzLocate(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/*.toml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("a = [[[{ b = '''x'''}]]]\n[[c.d]]\ne.\"f\" = \"\"\"\n\"\"\"")
	f.Fuzz(func(t *testing.T, src string) {
		l := locate(src)
		lines := strings.Count(src, "\n") + 1
		for _, m := range []map[string]srcPos{l.keys, l.vals} {
			for path, p := range m {
				if p.Line < 1 || p.Line > lines || p.Col < 1 {
					t.Fatalf("%s at %v in a text of %d lines", path, p, lines)
				}
			}
		}
	})
}
