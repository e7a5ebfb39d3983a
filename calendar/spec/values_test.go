package spec

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

func TestParseFrequency(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want calendar.Frequency
		err  string // substring; "" for success
		hint string
	}{
		{"daily", calendar.Frequency{N: 1, Per: calendar.PerDay}, "", ""},
		{"Daily", calendar.Frequency{N: 1, Per: calendar.PerDay}, "", ""},
		{"weekdays", calendar.Frequency{N: 1, Per: calendar.PerDay, Weekdays: true}, "", ""},
		{"3/week", calendar.Frequency{N: 3, Per: calendar.PerWeek}, "", ""},
		{" 3 / Week ", calendar.Frequency{N: 3, Per: calendar.PerWeek}, "", ""},
		{"2/day", calendar.Frequency{N: 2, Per: calendar.PerDay}, "", ""},
		{"1440/day", calendar.Frequency{N: 1440, Per: calendar.PerDay}, "", ""},
		{"10080/week", calendar.Frequency{N: 10080, Per: calendar.PerWeek}, "", ""},
		{"40320/month", calendar.Frequency{N: 40320, Per: calendar.PerMonth}, "", ""},
		{"5/month", calendar.Frequency{N: 5, Per: calendar.PerMonth}, "", ""},
		{"1441/day", calendar.Frequency{}, "at most 1440/day", "distinct minutes"},
		{"10081/week", calendar.Frequency{}, "at most 10080/week", ""},
		{"40321/month", calendar.Frequency{}, "at most 40320/month", ""},
		{"99999999999999999999/day", calendar.Frequency{}, "at most 1440/day", ""},
		{"0/week", calendar.Frequency{}, "want at least 1 post per week", ""},
		{"3/wek", calendar.Frequency{}, "want N/day, N/week, N/month, daily or weekdays", `did you mean "3/week"?`},
		{"3/mnth", calendar.Frequency{}, "want N/day", `did you mean "3/month"?`},
		{"dayly", calendar.Frequency{}, "want N/day", `did you mean "daily"?`},
		{"weekday", calendar.Frequency{}, "want N/day", `did you mean "weekdays"?`},
		{"-1/day", calendar.Frequency{}, "want N/day", ""},
		{"+1/day", calendar.Frequency{}, "want N/day", ""},
		{"1.5/day", calendar.Frequency{}, "want N/day", ""},
		{"/day", calendar.Frequency{}, "want N/day", ""},
		{"3", calendar.Frequency{}, "want N/day", ""},
		{"", calendar.Frequency{}, "want N/day", ""},
		{"3/week/day", calendar.Frequency{}, "want N/day", ""},
	}
	for _, tt := range tests {
		got, err := ParseFrequency(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseFrequency(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "frequency ") {
			t.Errorf("ParseFrequency(%q) error %v; want %q", tt.in, err, tt.err)
			continue
		}
		if tt.hint != "" && !slices.ContainsFunc(calendar.HintsOf(err), func(h string) bool { return strings.Contains(h, tt.hint) }) {
			t.Errorf("ParseFrequency(%q) hints %q; want %q", tt.in, calendar.HintsOf(err), tt.hint)
		}
	}
}

func TestFrequencyString(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"1/day", "weekdays", "3/week", "2/month"} {
		f, err := ParseFrequency(s)
		if err != nil || f.String() != s {
			t.Errorf("%q round-trips to %q (%v)", s, f, err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"30m", 30 * time.Minute, ""},
		{"1h", time.Hour, ""},
		{"1h30m", 90 * time.Minute, ""},
		{"90m", 90 * time.Minute, ""},
		{"24h", 24 * time.Hour, ""},
		{"1H", time.Hour, ""},
		{"0m", 0, "want more than zero"},
		{"0h0m", 0, "want more than zero"},
		{"25h", 0, "at most 24h"},
		{"1441m", 0, "at most 24h"},
		{"90s", 0, `want a length like "30m", "1h" or "1h30m"`},
		{"30m1h", 0, "want a length"},
		{"1h1h", 0, "want a length"},
		{"1.5h", 0, "want a length"},
		{"30", 0, "want a length"},
		{"h", 0, "want a length"},
		{"", 0, "want a length"},
		{"-30m", 0, "want a length"},
		{"9999999999h", 0, "want a length"},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseDuration(%q) error %v; want %q", tt.in, err, tt.err)
		}
	}
}

func TestParseLead(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"3d", 3, ""},
		{"0d", 0, ""},
		{"14D", 14, ""},
		{"365d", 365, ""},
		{"366d", 0, "at most 365d"},
		{"99999d", 0, "at most 365d"},
		{"3", 0, `want days like "3d"`},
		{"d", 0, "want days"},
		{"-1d", 0, "want days"},
		{"1w", 0, "want days"},
		{"", 0, "want days"},
	}
	for _, tt := range tests {
		got, err := ParseLead(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseLead(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseLead(%q) error %v; want %q", tt.in, err, tt.err)
		}
	}
	if _, err := ParseLead("3"); !slices.Contains(calendar.HintsOf(err), `did you mean "3d"?`) {
		t.Errorf("no hint for 3: %v", calendar.HintsOf(err))
	}
}

func TestParseCap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want calendar.Cap
		err  string
	}{
		{"30%", 3000, ""},
		{"29.5%", 2950, ""},
		{"29.55%", 2955, ""},
		{"29.50%", 2950, ""},
		{"0%", 0, ""},
		{"100%", 10000, ""},
		{" 30 % ", 3000, ""},
		{"0.3", 3000, ""},
		{"0.29", 2900, ""}, // 0.29*10000 is 2899.999… in floating point
		{"0.2955", 2955, ""},
		{"0.57", 5700, ""},
		{"1", 10000, ""},
		{"0", 0, ""},
		{".5", 5000, ""},
		{"0.12345", 0, "too precise"},
		{"29.555%", 0, "too precise"},
		{"101%", 0, "at most 100%"},
		{"30", 0, "at most 100%"},
		{"1.0001", 0, "at most 100%"},
		{"-5%", 0, "want 0% or more"},
		{"-0.1", 0, "want 0% or more"},
		{"lots", 0, `want a share like "30%" or 0.3`},
		{"", 0, "want a share"},
		{"%", 0, "want a share"},
		{"1.2.3", 0, "want a share"},
		{"1e-1", 0, "want a share"},
		{"30%%", 0, "want a share"},
		{"99999999999999999999%", 0, "at most 100%"},
	}
	for _, tt := range tests {
		got, err := ParseCap(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseCap(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseCap(%q) error %v; want %q", tt.in, err, tt.err)
		}
	}
	if _, err := ParseCap("30"); !slices.Contains(calendar.HintsOf(err), `did you mean "30%"?`) {
		t.Errorf("no hint for 30: %v", calendar.HintsOf(err))
	}
}

// TestCapFromTOMLNumbers checks that every fraction with at most four
// decimals, written as a TOML float, becomes exactly its basis points.
func TestCapFromTOMLNumbers(t *testing.T) {
	t.Parallel()
	for bp := 0; bp <= 10000; bp++ {
		f := float64(bp) / 10000
		txt, ok := capText(f)
		if !ok {
			t.Fatalf("capText(%v) failed", f)
		}
		got, err := ParseCap(txt)
		if err != nil || int(got) != bp {
			t.Fatalf("%v (%q) → %v, %v; want %d", f, txt, got, err, bp)
		}
	}
}

func TestParseQuarter(t *testing.T) {
	t.Parallel()
	for q, want := range map[string][2]calendar.Date{
		"2027-Q1": {calendar.MakeDate(2027, 1, 1), calendar.MakeDate(2027, 3, 31)},
		"2027-Q2": {calendar.MakeDate(2027, 4, 1), calendar.MakeDate(2027, 6, 30)},
		"2027-q3": {calendar.MakeDate(2027, 7, 1), calendar.MakeDate(2027, 9, 30)},
		"2027-Q4": {calendar.MakeDate(2027, 10, 1), calendar.MakeDate(2027, 12, 31)},
	} {
		s, e, err := parseQuarter(q)
		if err != nil || s != want[0] || e != want[1] {
			t.Errorf("%s → %s..%s %v", q, s, e, err)
		}
	}
	for _, bad := range []string{"2027-Q5", "2027-Q0", "27-Q1", "2027Q1", "Q1-2027", "2027-Q", "2027-Q12", ""} {
		if _, _, err := parseQuarter(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestDefaultTimes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    int
		want []calendar.Clock
	}{
		{1, []calendar.Clock{15 * 60}},
		{2, []calendar.Clock{12 * 60, 18 * 60}},
		{3, []calendar.Clock{11 * 60, 15 * 60, 19 * 60}},
		{4, []calendar.Clock{10*60 + 30, 13*60 + 30, 16*60 + 30, 19*60 + 30}},
		{7, []calendar.Clock{540 + 51, 540 + 154, 540 + 257, 540 + 360, 540 + 462, 540 + 565, 540 + 668}},
	}
	for _, tt := range tests {
		if got := DefaultTimes(tt.p); !slices.Equal(got, tt.want) {
			t.Errorf("DefaultTimes(%d) = %v, want %v", tt.p, got, tt.want)
		}
	}
	for _, p := range []int{1, 5, 100, 719, 720, 721, 1000, 1439, 1440} {
		got := DefaultTimes(p)
		if len(got) != p || !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != p {
			t.Fatalf("DefaultTimes(%d): %d times, sorted %v", p, len(got), slices.IsSorted(got))
		}
		lo, hi := calendar.Clock(9*60), calendar.Clock(21*60)
		if p > 720 {
			lo, hi = 0, 1440
		}
		if got[0] < lo || got[p-1] >= hi {
			t.Errorf("DefaultTimes(%d) spans %s..%s", p, got[0], got[p-1])
		}
	}
	if DefaultTimes(0) != nil {
		t.Error("DefaultTimes(0) not nil")
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	keys := []string{"name", "frequency", "days", "times", "formats", "borrowed", "owner"}
	tests := []struct{ in, want string }{
		{"frequncy", "frequency"},
		{"Frequency", "frequency"},
		{"time", "times"},
		{"format", "formats"},
		{"borowed", "borrowed"},
		{"nmae", "name"},
		{"colour", ""},
		{"x", ""},
		{strings.Repeat("a", 1000), ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.in, keys); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"nmae", "name", 1}, {"день", "дань", 1}, {"ABC", "abc", 0}} {
		if got := levenshtein(tt.a, tt.b); got != tt.d {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

func TestLocate(t *testing.T) {
	t.Parallel()
	src := `# comment [not a table]
[plan]
name = "a # b" # comment
"quoted key" = 1
dotted.key = 2

[[channel]]
name = 'lit'
formats = { text = 3, "my photo" = 1 }
times = [
  "09:00", # morning
  "18:00",
]
desc = """
multi [[not]]
"""

[[channel]]
name = "second"
[channel.formats]
reel = 1

[[goal]]
[[goal.objective]]
id = "a"
[[goal.objective]]
id = "b"
`
	l := locate(src)
	for path, want := range map[string]srcPos{
		"plan.name":                     {3, 8},
		`plan."quoted key"`:             {4, 16},
		"plan.dotted.key":               {5, 14},
		"channel[1].name":               {8, 8},
		"channel[1].formats":            {9, 11},
		"channel[1].formats.text":       {9, 20},
		`channel[1].formats."my photo"`: {9, 36},
		"channel[1].times[1]":           {11, 3},
		"channel[1].times[2]":           {12, 3},
		"channel[2].name":               {19, 8},
		"channel[2].formats.reel":       {21, 8},
		"goal[1].objective[1].id":       {25, 6},
		"goal[1].objective[2].id":       {27, 6},
	} {
		if got, ok := l.val(path); !ok || got != want {
			t.Errorf("val(%s) = %v, %v; want %v", path, got, ok, want)
		}
	}
	for path, want := range map[string]srcPos{
		"plan":                    {2, 1},
		"channel[2]":              {18, 1},
		"channel[2].formats":      {20, 1},
		"goal[1].objective[2]":    {26, 1},
		"channel[1].formats.text": {9, 13},
	} {
		if got, ok := l.key(path); !ok || got != want {
			t.Errorf("key(%s) = %v, %v; want %v", path, got, ok, want)
		}
	}
	if _, ok := l.key("not"); ok {
		t.Error("a header inside a multi-line string was recorded")
	}
}
