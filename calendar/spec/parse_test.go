package spec

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

const minimalSpec = `[plan]
name     = "Northwind Coffee, Q1 2027"
start    = 2027-01-01
end      = 2027-03-31
borrowed = "30%"

[[channel]]
name      = "Telegram"
frequency = "daily"
formats   = { text = 3, photo = 1 }
`

func mustParse(t *testing.T, src string) *calendar.Spec {
	t.Helper()
	s, err := Parse("plan.toml", strings.NewReader(src))
	if err != nil {
		t.Fatalf("parse: %v\n--- spec:\n%s", err, src)
	}
	checkSpec(t, s)
	return s
}

// parseErr parses src, which must fail, and returns the error text.
func parseErr(t *testing.T, src string) string {
	t.Helper()
	_, err := Parse("plan.toml", strings.NewReader(src))
	var se *calendar.SpecError
	if !errors.As(err, &se) {
		t.Fatalf("want a *SpecError, got %v\n--- spec:\n%s", err, src)
	}
	return err.Error()
}

// checkSpec asserts what every accepted spec guarantees to Build.
func checkSpec(t testing.TB, s *calendar.Spec) {
	t.Helper()
	p := s.Plan
	if p.Name == "" || p.Start > p.End || p.Location == nil || p.Timezone == "" {
		t.Fatalf("bad plan: %+v", p)
	}
	if p.Borrowed < minPlanCap || p.Borrowed > maxPlanCap {
		t.Fatalf("plan cap %s out of range", p.Borrowed)
	}
	if !slices.IsSorted(p.Skip) {
		t.Fatalf("skip not sorted: %v", p.Skip)
	}
	if !calendar.ValidPlanID(p.ID) {
		t.Fatalf("plan id %q", p.ID)
	}
	if len(s.Channels) == 0 {
		t.Fatal("no channels")
	}
	ids := map[string]bool{}
	for _, ch := range s.Channels {
		key := calendar.ChannelKey(ch.ID)
		if key == "" || ids[key] || ch.Limit < 0 || ch.Limit > maxCopyLimit {
			t.Fatalf("channel %q: id %q (twice: %t), limit %d", ch.Name, ch.ID, ids[key], ch.Limit)
		}
		ids[key] = true
	}
	formats := map[string]bool{}
	for _, f := range s.Formats {
		if f.Name == "" || formats[f.Name] || f.Duration <= 0 || f.Duration > 24*time.Hour || f.Lead < 0 {
			t.Fatalf("bad format %+v", f)
		}
		formats[f.Name] = true
	}
	for _, ch := range s.Channels {
		if ch.Name == "" || ch.Frequency.N < 1 || ch.Borrowed < 0 || ch.Borrowed > p.Borrowed {
			t.Fatalf("bad channel %+v", ch)
		}
		if len(ch.Times) == 0 || !slices.IsSorted(ch.Times) || len(slices.Compact(slices.Clone(ch.Times))) != len(ch.Times) {
			t.Fatalf("channel %q: bad times %v", ch.Name, ch.Times)
		}
		need := ch.Frequency.MostPerDay()
		if ch.Days != nil {
			need = 1
			if len(ch.Days) != ch.Frequency.N || ch.Frequency.Per != calendar.PerWeek {
				t.Fatalf("channel %q: days %v for %s", ch.Name, ch.Days, ch.Frequency)
			}
		}
		if len(ch.Times) < need {
			t.Fatalf("channel %q: %d times for %s", ch.Name, len(ch.Times), ch.Frequency)
		}
		for _, c := range ch.Times {
			if c < 0 || c >= 1440 {
				t.Fatalf("channel %q: time %d", ch.Name, c)
			}
		}
		if len(ch.Formats) == 0 {
			t.Fatalf("channel %q: no formats", ch.Name)
		}
		for _, w := range ch.Formats {
			if !formats[w.Name] || !(w.Weight > 0) {
				t.Fatalf("channel %q: bad format %+v", ch.Name, w)
			}
		}
	}
	for _, c := range s.Campaigns {
		if c.Start > c.End || c.Start < p.Start || c.End > p.End {
			t.Fatalf("campaign %+v outside plan", c)
		}
	}
	for _, pl := range s.Pillars {
		if !(pl.Weight > 0) {
			t.Fatalf("pillar %+v", pl)
		}
	}
	for _, d := range s.Dates {
		if strings.TrimSpace(d.Name) == "" || d.Date.Year() < 1 || d.Date.Year() > 9999 {
			t.Fatalf("date %+v", d)
		}
	}
}

func TestMinimalSpecDefaults(t *testing.T) {
	t.Parallel()
	s := mustParse(t, minimalSpec)
	p := s.Plan
	if p.Start != calendar.MakeDate(2027, 1, 1) || p.End != calendar.MakeDate(2027, 3, 31) {
		t.Errorf("dates %s..%s", p.Start, p.End)
	}
	if p.Timezone != "UTC" || p.Location != time.UTC || p.Borrowed != 3000 || p.Review != "monthly" ||
		p.Language != "en" || p.Holidays != "" || p.SkipHolidays || p.Skip != nil || p.Currency != "" {
		t.Errorf("plan defaults: %+v", p)
	}
	ch := s.Channels[0]
	want := calendar.ChannelSpec{Name: "Telegram", ID: "Telegram", Limit: 4096, Frequency: calendar.Frequency{N: 1, Per: calendar.PerDay}, Times: []calendar.Clock{15 * 60},
		Formats: []calendar.Weighted{{Name: "text", Weight: 3}, {Name: "photo", Weight: 1}}, Borrowed: 3000}
	if !equalChannel(ch, want) {
		t.Errorf("channel\n got %+v\nwant %+v", ch, want)
	}
	wantF := []calendar.FormatSpec{calendar.DefaultFormat("text"), calendar.DefaultFormat("photo")}
	if !slices.Equal(s.Formats, wantF) {
		t.Errorf("formats %+v", s.Formats)
	}
	// The minimal spec has no plan.id: it is derived from the name, and the
	// run says so, once, with the line to add.
	if s.Plan.ID != "northwind-coffee-q1-2027" {
		t.Errorf("plan id %q", s.Plan.ID)
	}
	if len(s.Warnings) != 1 || s.Warnings[0].String() != "warning: plan.toml:1:1: plan: no id; post ids use \"northwind-coffee-q1-2027\", derived from the name\n"+
		"hint: add id = \"northwind-coffee-q1-2027\" to [plan] so that renaming the plan keeps every post id" {
		t.Errorf("warnings: %v", s.Warnings)
	}
	if calendar.DefaultFormat("x").Duration != 30*time.Minute || calendar.DefaultFormat("x").Lead != 3 || !calendar.DefaultFormat("x").Borrowable {
		t.Error("format defaults")
	}
}

func equalChannel(a, b calendar.ChannelSpec) bool {
	return a.Name == b.Name && a.ID == b.ID && a.Limit == b.Limit && a.Frequency == b.Frequency && slices.Equal(a.Days, b.Days) &&
		slices.Equal(a.Times, b.Times) && slices.Equal(a.Formats, b.Formats) && a.Borrowed == b.Borrowed && a.Owner == b.Owner
}

func TestExamples(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../testdata/*.toml")
	if len(files) == 0 {
		t.Skip("no example specs yet")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s := mustParse(t, string(data))
			for _, w := range s.Warnings {
				t.Logf("%s", w)
			}
		})
	}
}

// besidesID drops the warning that plan.id was derived from the name,
// which a spec without plan.id always has.
func besidesID(ws []calendar.Diagnostic) []calendar.Diagnostic {
	return slices.DeleteFunc(slices.Clone(ws), func(d calendar.Diagnostic) bool { return strings.HasPrefix(d.Msg, "plan: no id;") })
}

// plan wraps channel TOML in a valid plan.
func plan(extra, channels string) string {
	return "[plan]\nname = \"x\"\nstart = 2027-01-01\nend = 2027-03-31\n" + extra + "\n" + channels
}

const tg = "[[channel]]\nname = \"Telegram\"\nfrequency = \"daily\"\nformats = [\"text\"]\n"

func TestPlanRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		check     func(*testing.T, *calendar.Spec)
		err       string // substring of the error; "" for success
	}{
		{"quarter", "[plan]\nname = \"x\"\nquarter = \"2027-q4\"\n" + tg, func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Start != calendar.MakeDate(2027, 10, 1) || s.Plan.End != calendar.MakeDate(2027, 12, 31) {
				t.Errorf("q4: %s..%s", s.Plan.Start, s.Plan.End)
			}
		}, ""},
		{"quarter q1 leap", "[plan]\nname = \"x\"\nquarter = \"2028-Q1\"\n" + tg, func(t *testing.T, s *calendar.Spec) {
			if s.Plan.End != calendar.MakeDate(2028, 3, 31) {
				t.Errorf("end %s", s.Plan.End)
			}
		}, ""},
		{"string dates", "[plan]\nname = \"x\"\nstart = \"2027-01-01\"\nend = \"2027-01-31\"\n" + tg, nil, ""},
		{"one day plan", "[plan]\nname = \"x\"\nstart = 2027-01-01\nend = 2027-01-01\n" + tg, nil, ""},
		{"exactly 5 years", "[plan]\nname = \"x\"\nstart = 2027-01-01\nend = 2031-12-31\n" + tg, nil, ""},
		{"5 years and a day", "[plan]\nname = \"x\"\nstart = 2027-01-01\nend = 2032-01-01\n" + tg, nil, "longer than 5 years"},
		{"end before start", "[plan]\nname = \"x\"\nstart = 2027-01-02\nend = 2027-01-01\n" + tg, nil, "before plan.start"},
		{"no dates", "[plan]\nname = \"x\"\n" + tg, nil, "plan: start is required"},
		{"quarter and end", "[plan]\nname = \"x\"\nquarter = \"2027-Q1\"\nend = 2027-01-01\n" + tg, nil, "not both"},
		{"quarter Q0", "[plan]\nname = \"x\"\nquarter = \"2027-Q0\"\n" + tg, nil, "want YYYY-QN"},
		{"quarter garbage", "[plan]\nname = \"x\"\nquarter = \"Q1\"\n" + tg, nil, "want YYYY-QN"},
		{"blank name", plan("", tg) + "", nil, ""},
		{"zone", plan(`timezone = "Europe/Sofia"`, tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Location.String() != "Europe/Sofia" || s.Plan.Timezone != "Europe/Sofia" {
				t.Errorf("zone %v", s.Plan.Location)
			}
		}, ""},
		{"zone empty", plan(`timezone = ""`, tg), nil, "want an IANA zone name"},
		{"zone local", plan(`timezone = "Local"`, tg), nil, "plan.timezone \"Local\""},
		{"zone unknown", plan(`timezone = "Moscow"`, tg), nil, "unknown time zone"},
		{"cap 20", plan(`borrowed = "20%"`, tg), nil, ""},
		{"cap 50", plan(`borrowed = 0.5`, tg), nil, ""},
		{"cap 19.99", plan(`borrowed = "19.99%"`, tg), nil, "must be 20% to 50%"},
		{"cap 50.01", plan(`borrowed = "50.01%"`, tg), nil, "must be 20% to 50%"},
		{"cap 0.29 exact", plan(`borrowed = 0.29`, tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Borrowed != 2900 || s.Channels[0].Borrowed != 2900 {
				t.Errorf("cap %d", s.Plan.Borrowed)
			}
		}, ""},
		{"cap bool", plan(`borrowed = true`, tg), nil, `want a share like "30%" or 0.3, got boolean true`},
		{"cap default", plan("", tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Borrowed != 2000 {
				t.Errorf("default cap %s", s.Plan.Borrowed)
			}
		}, ""},
		{"holidays lower", plan(`holidays = "ru"`, tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Holidays != "RU" {
				t.Errorf("holidays %q", s.Plan.Holidays)
			}
		}, ""},
		{"holidays unknown", plan(`holidays = "Russia"`, tg), nil, "unknown country code"},
		{"skip sorted dedup", plan(`skip = ["2027-02-01", 2027-01-07, 2027-01-07]`, tg), func(t *testing.T, s *calendar.Spec) {
			want := []calendar.Date{calendar.MakeDate(2027, 1, 7), calendar.MakeDate(2027, 2, 1)}
			if !slices.Equal(s.Plan.Skip, want) {
				t.Errorf("skip %v", s.Plan.Skip)
			}
		}, ""},
		{"skip outside warns", plan(`skip = [2028-01-07]`, tg), func(t *testing.T, s *calendar.Spec) {
			if ws := besidesID(s.Warnings); len(ws) != 1 || !strings.Contains(ws[0].String(), "warning: plan.toml:5:9: plan.skip[1] 2028-01-07: outside the plan") {
				t.Errorf("warnings %v", s.Warnings)
			}
		}, ""},
		{"skip bad", plan(`skip = ["2027-02-30"]`, tg), nil, `plan.skip[1]: want a date like 2027-01-01, got string "2027-02-30"`},
		{"skip_holidays alone warns", plan(`skip_holidays = true`, tg), func(t *testing.T, s *calendar.Spec) {
			if ws := besidesID(s.Warnings); len(ws) != 1 || !strings.Contains(ws[0].Msg, "no effect") {
				t.Errorf("warnings %v", s.Warnings)
			}
		}, ""},
		{"review none", plan(`review = "none"`, tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Review != "none" {
				t.Error(s.Plan.Review)
			}
		}, ""},
		{"review bad", plan(`review = "monthy"`, tg), nil, `did you mean "monthly"?`},
		{"language", plan(`language = "BG"`, tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.Language != "bg" {
				t.Error(s.Plan.Language)
			}
		}, ""},
		{"language bad", plan(`language = "de"`, tg), nil, "want en, ru or bg"},
		{"plan key at top", "name = \"x\"\n" + plan("", tg), nil, "name belongs in [plan]"},
		{"plan array", "[[plan]]\nname = \"x\"\n" + tg, nil, "plan: want a [plan] table, got an array"},
		{"channel as inline array", "channel = [{ name = \"A\", frequency = \"daily\", formats = [\"t\"] }]\n" + plan("", ""), nil, ""},
		{"channel array of strings", "channel = [\"A\"]\n" + plan("", ""), nil, `plan.toml:1:12: channel[1]: want a table, got string "A"`},
		{"empty name", "[plan]\nname = \" \"\nstart = 2027-01-01\nend = 2027-01-02\n" + tg, nil, "plan.name: must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err != "" {
				if got := parseErr(t, tt.src); !strings.Contains(got, tt.err) {
					t.Errorf("error\n%s\nwant it to contain %q", got, tt.err)
				}
				return
			}
			s := mustParse(t, tt.src)
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

func chanSpec(lines ...string) string {
	return "[[channel]]\nname = \"C\"\n" + strings.Join(lines, "\n") + "\n"
}

func TestChannelRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		src   string
		check func(*testing.T, calendar.ChannelSpec)
		err   string
	}{
		{"weekdays", chanSpec(`frequency = "weekdays"`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if c.Frequency != (calendar.Frequency{N: 1, Per: calendar.PerDay, Weekdays: true}) || !slices.Equal(c.Times, []calendar.Clock{900}) {
				t.Errorf("%+v", c)
			}
		}, ""},
		{"3/day default times", chanSpec(`frequency = "3/day"`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if !slices.Equal(c.Times, []calendar.Clock{11 * 60, 15 * 60, 19 * 60}) {
				t.Errorf("times %v", c.Times)
			}
		}, ""},
		{"10/week needs 2 times", chanSpec(`frequency = "10/week"`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if !slices.Equal(c.Times, []calendar.Clock{12 * 60, 18 * 60}) {
				t.Errorf("times %v", c.Times)
			}
		}, ""},
		{"30/month 2 times", chanSpec(`frequency = "30/month"`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if len(c.Times) != 2 {
				t.Errorf("times %v", c.Times)
			}
		}, ""},
		{"days sorted Monday first", chanSpec(`frequency = "3/week"`, `days = ["Sunday", "wed", "MON"]`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if !slices.Equal(c.Days, []time.Weekday{time.Monday, time.Wednesday, time.Sunday}) {
				t.Errorf("days %v", c.Days)
			}
		}, ""},
		{"times sorted", chanSpec(`frequency = "2/day"`, `times = ["18:00", "09:30"]`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if !slices.Equal(c.Times, []calendar.Clock{570, 1080}) {
				t.Errorf("times %v", c.Times)
			}
		}, ""},
		{"weekly with days needs one time", chanSpec(`frequency = "7/week"`, `days = ["mon","tue","wed","thu","fri","sat","sun"]`, `times = ["10:00"]`, `formats = ["a"]`), nil, ""},
		{"formats table in order", chanSpec(`frequency = "daily"`, `formats = { zeta = 1, alpha = 2.5, mid = 1 }`), func(t *testing.T, c calendar.ChannelSpec) {
			want := []calendar.Weighted{{Name: "zeta", Weight: 1}, {Name: "alpha", Weight: 2.5}, {Name: "mid", Weight: 1}}
			if !slices.Equal(c.Formats, want) {
				t.Errorf("formats %v", c.Formats)
			}
		}, ""},
		{"formats sub-table", "[[channel]]\nname = \"C\"\nfrequency = \"daily\"\n[channel.formats]\nb = 2\na = 1\n", func(t *testing.T, c calendar.ChannelSpec) {
			if !slices.Equal(c.Formats, []calendar.Weighted{{Name: "b", Weight: 2}, {Name: "a", Weight: 1}}) {
				t.Errorf("formats %v", c.Formats)
			}
		}, ""},
		{"owner and cap", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `owner = "Ann"`, `borrowed = "0%"`), func(t *testing.T, c calendar.ChannelSpec) {
			if c.Owner != "Ann" || c.Borrowed != 0 {
				t.Errorf("%+v", c)
			}
		}, ""},
		{"cap above plan", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `borrowed = "21%"`), nil, "above the plan's cap of 20%"},
		{"frequency missing", chanSpec(`formats = ["a"]`), nil, `channel "C": frequency is required`},
		{"frequency typo", chanSpec(`frequency = "2/mnth"`, `formats = ["a"]`), nil, `did you mean "2/month"?`},
		{"0/week", chanSpec(`frequency = "0/week"`, `formats = ["a"]`), nil, "want at least 1 post per week"},
		{"1441/day", chanSpec(`frequency = "1441/day"`, `formats = ["a"]`), nil, "at most 1440/day"},
		{"1440/day ok", chanSpec(`frequency = "1440/day"`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if len(c.Times) != 1440 || c.Times[0] != 0 || c.Times[1439] != 1439 {
				t.Errorf("%d times", len(c.Times))
			}
		}, ""},
		{"days for monthly", chanSpec(`frequency = "2/month"`, `days = ["mon", "tue"]`, `formats = ["a"]`), nil, "only for N/week"},
		{"days wrong count", chanSpec(`frequency = "2/week"`, `days = ["mon"]`, `formats = ["a"]`), nil, "needs exactly 2 days, got 1"},
		{"days typo", chanSpec(`frequency = "1/week"`, `days = ["tus"]`, `formats = ["a"]`), nil, `did you mean "tue"?`},
		{"days in Russian", chanSpec(`frequency = "3/week"`, `days = ["пт", "пн", "ср"]`, `formats = ["текст"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if !slices.Equal(c.Days, []time.Weekday{time.Monday, time.Wednesday, time.Friday}) {
				t.Errorf("days %v", c.Days)
			}
		}, ""},
		{"days duplicate", chanSpec(`frequency = "2/week"`, `days = ["mon", "Monday"]`, `formats = ["a"]`), nil, `"Monday" is listed twice`},
		{"times too few", chanSpec(`frequency = "2/day"`, `times = ["10:00"]`, `formats = ["a"]`), nil, "2/day needs at least 2 times, got 1"},
		{"times empty", chanSpec(`frequency = "daily"`, `times = []`, `formats = ["a"]`), nil, "times: empty"},
		{"times bad", chanSpec(`frequency = "daily"`, `times = ["24:00"]`, `formats = ["a"]`), nil, `"24:00": want HH:MM`},
		{"times number", chanSpec(`frequency = "daily"`, `times = [9]`, `formats = ["a"]`), nil, "times[1]: want a string, got integer 9"},
		{"formats missing", chanSpec(`frequency = "daily"`), nil, "formats is required"},
		{"formats empty array", chanSpec(`frequency = "daily"`, `formats = []`), nil, "formats: empty"},
		{"formats zero weight", chanSpec(`frequency = "daily"`, `formats = { a = 0 }`), nil, "weight 0 must be positive"},
		{"formats negative weight", chanSpec(`frequency = "daily"`, `formats = { a = -1.5 }`), nil, "weight -1.5 must be positive"},
		{"formats nan weight", chanSpec(`frequency = "daily"`, `formats = { a = nan }`), nil, "want a weight (a positive number), got float NaN"},
		{"formats duplicate", chanSpec(`frequency = "daily"`, `formats = ["a", "A"]`), nil, `"A" is listed twice`},
		{"formats empty name", chanSpec(`frequency = "daily"`, `formats = [""]`), nil, "empty format name"},
		{"duplicate channel", chanSpec(`frequency = "daily"`, `formats = ["a"]`) + chanSpec(`frequency = "daily"`, `formats = ["a"]`), nil, "duplicate channel name"},
		{"unknown key", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `time = ["10:00"]`), nil, `channel "C": unknown key "time"` + "\nhint: did you mean \"times\"?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := plan("", tt.src)
			if tt.err != "" {
				if got := parseErr(t, src); !strings.Contains(got, tt.err) {
					t.Errorf("error\n%s\nwant it to contain %q", got, tt.err)
				}
				return
			}
			s := mustParse(t, src)
			if tt.check != nil {
				tt.check(t, s.Channels[0])
			}
		})
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	src := plan("", `
[[format]]
name = "Reel"
duration = "1h30m"
lead = "0d"
cost = 1500.5
borrowable = false

[[format]]
name = "unused"

[[channel]]
name = "A"
frequency = "daily"
formats = { photo = 1, reel = 2 }

[[channel]]
name = "B"
frequency = "daily"
formats = ["text", "PHOTO"]
`)
	s := mustParse(t, src)
	var names []string
	for _, f := range s.Formats {
		names = append(names, f.Name)
	}
	// declared first, then first use; a name in another case is the same format
	if want := []string{"Reel", "unused", "photo", "text"}; !slices.Equal(names, want) {
		t.Errorf("formats %v, want %v", names, want)
	}
	if f := s.Formats[0]; f.Duration != 90*time.Minute || f.Lead != 0 || f.Cost != 1500.5 || f.Borrowable {
		t.Errorf("reel %+v", f)
	}
	if got := s.Channels[0].Formats[1].Name; got != "Reel" {
		t.Errorf("channel A names %q, want the declared spelling", got)
	}
	if got := s.Channels[1].Formats[1].Name; got != "photo" {
		t.Errorf("channel B names %q, want the first spelling", got)
	}
}

func TestStrategy(t *testing.T) {
	t.Parallel()
	// Telegram gets a second time for the campaign's extra post, on the
	// line that keeps the warnings' lines where they were.
	twoTimes := strings.Replace(tg, "formats", "times = [\"09:00\", \"18:00\"]\nformats", 1)
	src := plan("", twoTimes+`[[goal]]
id = "growth"
why = "more regulars"
owner = "Katya"

[[goal.objective]]
id = "reach"
what = "reach locals"
kpi = "followers"
target = 5000
actions = ["post daily"]
metrics = ["views", "follows"]

[[goal.objective]]
id = "loyalty"
metrics = ["repeat visits"]

[[pillar]]
name = "menu"
weight = 2
objective = "REACH"

[[pillar]]
name = "memes"

[[writer]]
name = "Ann"
channels = ["telegram"]
capacity = "10/week"

[[writer]]
name = "Bob"

[[campaign]]
name = "Valentine"
start = 2027-02-07
end = "2027-02-14"
pillar = "Menu"
extra = "1/day"
channels = ["Telegram"]
`)
	s := mustParse(t, src)
	g := s.Goals[0]
	if g.ID != "growth" || g.Why != "more regulars" || g.Owner != "Katya" || len(g.Objectives) != 2 {
		t.Fatalf("goal %+v", g)
	}
	o := g.Objectives[0]
	if o.Target != "5000" || o.KPI != "followers" || !slices.Equal(o.Metrics, []string{"views", "follows"}) || !slices.Equal(o.Actions, []string{"post daily"}) {
		t.Errorf("objective %+v", o)
	}
	if s.Pillars[0].Objective != "reach" || s.Pillars[0].Weight != 2 || s.Pillars[1].Weight != 1 {
		t.Errorf("pillars %+v", s.Pillars)
	}
	if w := s.Writers[0]; !slices.Equal(w.Channels, []string{"Telegram"}) || w.Capacity != 10 {
		t.Errorf("writer %+v", w)
	}
	if w := s.Writers[1]; w.Channels != nil || w.Capacity != 0 {
		t.Errorf("writer %+v", w)
	}
	c := s.Campaigns[0]
	if c.Start != calendar.MakeDate(2027, 2, 7) || c.End != calendar.MakeDate(2027, 2, 14) || c.Pillar != "menu" ||
		c.Extra != (calendar.Frequency{N: 1, Per: calendar.PerDay}) || !slices.Equal(c.Channels, []string{"Telegram"}) {
		t.Errorf("campaign %+v", c)
	}
	var warns []string
	for _, w := range besidesID(s.Warnings) {
		warns = append(warns, w.String())
	}
	want := []string{
		"warning: plan.toml:11:1: goal \"growth\": 2 objectives; the method asks for 4 to 8\nhint: break the goal into 4 to 8 measurable objectives",
		"warning: plan.toml:24:1: objective \"loyalty\": no kpi\nhint: give each objective a KPI to review it against: kpi = \"…\"",
		"warning: plan.toml:24:1: objective \"loyalty\": 1 metric; the method asks for 2 to 5\nhint: list 2 to 5 metrics that show progress: metrics = [\"…\", \"…\"]",
		"warning: plan.toml:24:1: objective \"loyalty\": no pillar serves it\nhint: set objective = \"loyalty\" on a [[pillar]]",
		"warning: plan.toml:33:1: pillar \"memes\": serves no objective\nhint: set objective = \"…\" to the id of the objective it serves",
	}
	if !slices.Equal(warns, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(want, "\n"))
	}
}

func TestErrorsSortedAndComplete(t *testing.T) {
	t.Parallel()
	// Problems in every table are all reported, in file order.
	src := `[[channel]]
name = "A"
frequency = "3/wek"
formats = ["a"]

[plan]
name = 1
start = 2027-01-01
end = "soon"
`
	got := parseErr(t, src)
	want := `plan.toml:3:13: channel "A": frequency "3/wek": want N/day, N/week, N/month, daily or weekdays
hint: did you mean "3/week"?
plan.toml:7:8: plan.name: want a string, got integer 1
hint: write name = "…"
plan.toml:9:7: plan.end: want a date like 2027-01-01, got string "soon"`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadError(t *testing.T) {
	t.Parallel()
	_, err := Parse("x.toml", errReader{})
	var se *calendar.SpecError
	if err == nil || errors.As(err, &se) {
		t.Fatalf("want an I/O error, got %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestBOM(t *testing.T) {
	t.Parallel()
	mustParse(t, "\ufeff"+minimalSpec)
}

func TestUTF16(t *testing.T) {
	t.Parallel()
	got := parseErr(t, "\xff\xfe[\x00p\x00")
	if !strings.Contains(got, "UTF-16") {
		t.Errorf("got %s", got)
	}
}

func TestOptionalIDs(t *testing.T) {
	t.Parallel()
	s := mustParse(t, plan("", tg+"\n[[goal]]\nwhy = \"x\"\n[[goal.objective]]\nwhat = \"y\"\nkpi = \"k\"\nmetrics = [\"a\", \"b\"]\n"))
	if len(s.Goals) != 1 || s.Goals[0].ID != "" || len(s.Goals[0].Objectives) != 1 {
		t.Errorf("goals %+v", s.Goals)
	}
	got := parseErr(t, plan("", tg+"\n[[goal]]\nid = \"\"\n"))
	if !strings.Contains(got, "goal[1].id: must not be empty") {
		t.Errorf("got %s", got)
	}
}

// TestResponsible: once a spec names people, a channel that none of them
// takes is warned about; a spec without owners or writers is not.
func TestResponsible(t *testing.T) {
	t.Parallel()
	vk := "[[channel]]\nname = \"VK\"\nfrequency = \"2/week\"\nformats = [\"text\"]\n"
	owned := func(ch, owner string) string { return ch + "owner = \"" + owner + "\"\n" }
	warning := `channel "VK": no owner and no writer takes it: its posts have no one responsible`
	for _, tc := range []struct {
		name, src string
		warn      bool
	}{
		{"no people at all", plan("", tg+vk), false},
		{"one channel owned", plan("", owned(tg, "Ann")+vk), true},
		{"both owned", plan("", owned(tg, "Ann")+owned(vk, "Bo")), false},
		{"a writer of every channel", plan("", tg+vk+"[[writer]]\nname = \"Cy\"\n"), false},
		{"a writer of Telegram only", plan("", tg+vk+"[[writer]]\nname = \"Cy\"\nchannels = [\"telegram\"]\n"), true},
		{"a writer of vk, any case", plan("", owned(tg, "Ann")+vk+"[[writer]]\nname = \"Cy\"\nchannels = [\"vk\"]\n"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustParse(t, tc.src)
			found := false
			for _, w := range s.Warnings {
				found = found || strings.Contains(w.String(), warning)
			}
			if found != tc.warn {
				t.Errorf("warning %q: got %v, want %v (warnings: %v)", warning, found, tc.warn, s.Warnings)
			}
		})
	}
}

// TestChannelIDDuplicateOnce: a duplicate name is not reported again as a
// duplicate id, the id being the name.
func TestChannelIDDuplicateOnce(t *testing.T) {
	t.Parallel()
	got := parseErr(t, plan("", chanSpec(`frequency = "daily"`, `formats = ["a"]`)+chanSpec(`frequency = "daily"`, `formats = ["a"]`)))
	if !strings.Contains(got, "duplicate channel name") || strings.Contains(got, "duplicate channel id") {
		t.Errorf("error\n%s", got)
	}
}

// TestChannelLimits: channel.limit defaults to the network's own limit,
// found by the channel's name or else its id (docs/spec.md, Copy limits).
func TestChannelLimits(t *testing.T) {
	t.Parallel()
	src := plan(`id = "limits"`, `
[[channel]]
name = "X"
frequency = "daily"
formats = ["text"]

[[channel]]
name = "Main feed"
id = "instagram"
frequency = "daily"
formats = ["photo"]

[[channel]]
name = "telegram"
frequency = "daily"
formats = ["text"]
limit = 1024

[[channel]]
name = "LinkedIn"
frequency = "daily"
formats = ["text"]

[[channel]]
name = "ВКонтакте"
frequency = "daily"
formats = ["text"]
`)
	s := mustParse(t, src)
	var got []int
	for _, c := range s.Channels {
		got = append(got, c.Limit)
	}
	if want := []int{280, 2200, 1024, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("limits %v, want %v", got, want)
	}
}

func TestDefaultLimit(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]int{
		"X": 280, " twitter ": 280, "INSTAGRAM": 2200, "Инстаграм": 2200, "Telegram": 4096, "Телеграм": 4096,
		"Threads": 500, "TikTok": 2200, "YouTube": 5000, "Pinterest": 500,
		"LinkedIn": 0, "VK": 0, "Facebook": 0, "Instagram Reels": 0, "": 0,
	} {
		if got := DefaultLimit(name); got != want {
			t.Errorf("DefaultLimit(%q) = %d, want %d", name, got, want)
		}
	}
	for _, n := range networkLimits {
		if n.limit < 1 || n.limit > maxCopyLimit {
			t.Errorf("%v: limit %d out of range", n.names, n.limit)
		}
		for _, alias := range n.names {
			if alias != strings.ToLower(strings.TrimSpace(alias)) {
				t.Errorf("alias %q: not lowercase and trimmed", alias)
			}
		}
	}
}

// planCase is a spec that parses (err "") or fails with an error holding
// err; check looks at what parsed.
type planCase struct {
	name, src string
	check     func(*testing.T, *calendar.Spec)
	err       string
}

func runPlanCases(t *testing.T, tests []planCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err != "" {
				if got := parseErr(t, tt.src); !strings.Contains(got, tt.err) {
					t.Errorf("error\n%s\nwant it to contain %q", got, tt.err)
				}
				return
			}
			s := mustParse(t, tt.src)
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

// TestPlanID: plan.id, given or derived from the name (docs/spec.md).
func TestPlanID(t *testing.T) {
	t.Parallel()
	runPlanCases(t, []planCase{
		{"id", plan(`id = "k3x9q2m7p1ab"`, tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.ID != "k3x9q2m7p1ab" || len(s.Warnings) != 0 {
				t.Errorf("id %q, warnings %v", s.Plan.ID, s.Warnings)
			}
		}, ""},
		{"id of 40", plan(`id = "`+strings.Repeat("a-", 20)+`"`, tg), nil, ""},
		{"id derived warns once", plan("", tg), func(t *testing.T, s *calendar.Spec) {
			if s.Plan.ID != "x" || len(s.Warnings) != 1 || s.Warnings[0].Line != 1 ||
				!strings.Contains(s.Warnings[0].String(), `hint: add id = "x" to [plan] so that renaming the plan keeps every post id`) {
				t.Errorf("id %q, warnings %v", s.Plan.ID, s.Warnings)
			}
		}, ""},
		{"id derived from Cyrillic", "[plan]\nname = \"Пекарня «Колосок», II квартал 2027\"\nquarter = \"2027-Q2\"\n" + tg, func(t *testing.T, s *calendar.Spec) {
			if s.Plan.ID != "pekarnya-kolosok-ii-kvartal-2027" {
				t.Errorf("id %q", s.Plan.ID)
			}
		}, ""},
		{"id derived from Bulgarian", "[plan]\nname = \"Щастлива пекарна\"\nquarter = \"2027-Q2\"\n" + tg, func(t *testing.T, s *calendar.Spec) {
			if s.Plan.ID != "shchastliva-pekarna" {
				t.Errorf("id %q", s.Plan.ID)
			}
		}, ""},
		{"id upper case", plan(`id = "Northwind-Q1"`, tg), nil, `plan.id "Northwind-Q1": want 1 to 40 characters of a-z, 0-9 and -` + "\nhint: did you mean \"northwind-q1\"?"},
		{"id spaces", plan(`id = "north wind"`, tg), nil, `did you mean "north-wind"?`},
		{"id underscore", plan(`id = "north_wind"`, tg), nil, `did you mean "north-wind"?`},
		{"id empty", plan(`id = ""`, tg), nil, `plan.id "": want 1 to 40 characters of a-z, 0-9 and -` + "\nhint: e.g. id = \"x\", or remove id to derive it from the name"},
		{"id Cyrillic", plan(`id = "пекарня"`, tg), nil, `did you mean "pekarnya"?`},
		{"id Chinese", plan(`id = "咖啡"`, tg), nil, "hint: e.g. id = \"x\""},
		{"id too long", plan(`id = "`+strings.Repeat("a", 41)+`"`, tg), nil, "41 characters, at most 40\nhint: shorten it, e.g. id = \"" + strings.Repeat("a", 40) + "\""},
		{"id number", plan(`id = 42`, tg), nil, "plan.id: want a string, got integer 42"},
		{"id typo", plan(`ids = "x"`, tg), nil, `plan: unknown key "ids"` + "\nhint: did you mean \"id\"?"},
	})
}

// channelCase is TestPlanID's planCase for the first channel of a plan.
func channelCase(name, src string, check func(*testing.T, calendar.ChannelSpec), err string) planCase {
	c := planCase{name: name, src: plan("", src), err: err}
	if check != nil {
		c.check = func(t *testing.T, s *calendar.Spec) { check(t, s.Channels[0]) }
	}
	return c
}

// TestChannelIDAndLimit: channel.id and channel.limit (docs/spec.md).
func TestChannelIDAndLimit(t *testing.T) {
	t.Parallel()
	runPlanCases(t, []planCase{
		channelCase("id is the name", chanSpec(`frequency = "daily"`, `formats = ["a"]`), func(t *testing.T, c calendar.ChannelSpec) {
			if c.ID != "C" || c.Limit != 0 {
				t.Errorf("id %q, limit %d", c.ID, c.Limit)
			}
		}, ""),
		channelCase("id trimmed", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `id = " old name "`), func(t *testing.T, c calendar.ChannelSpec) {
			if c.ID != "old name" || c.Name != "C" {
				t.Errorf("id %q, name %q", c.ID, c.Name)
			}
		}, ""),
		channelCase("id empty", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `id = ""`), nil, `channel "C": id: must not be empty`),
		channelCase("id number", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `id = 7`), nil, `channel "C": id: want a string, got integer 7`),
		channelCase("id duplicate", chanSpec(`frequency = "daily"`, `formats = ["a"]`)+"[[channel]]\nname = \"D\"\nid = \"c\"\nfrequency = \"daily\"\nformats = [\"a\"]\n",
			nil, `plan.toml:12:6: channel "D": duplicate channel id "c" (first of channel "C")`),
		channelCase("id clashes with a name", "[[channel]]\nname = \"Old\"\nid = \"C\"\nfrequency = \"daily\"\nformats = [\"a\"]\n"+chanSpec(`frequency = "daily"`, `formats = ["a"]`),
			nil, `plan.toml:12:8: channel "C": duplicate channel id "C" (first of channel "Old")`),
		channelCase("ids swapped with names", "[[channel]]\nname = \"A\"\nid = \"B\"\nfrequency = \"daily\"\nformats = [\"a\"]\n"+
			"[[channel]]\nname = \"B\"\nid = \"A\"\nfrequency = \"daily\"\nformats = [\"a\"]\n", nil, ""),
		channelCase("limit", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limit = 1024`), func(t *testing.T, c calendar.ChannelSpec) {
			if c.Limit != 1024 {
				t.Errorf("limit %d", c.Limit)
			}
		}, ""),
		channelCase("limit 0", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limit = 0`), nil, `channel "C": limit 0: must be at least 1`),
		channelCase("limit negative", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limit = -280`), nil, `limit -280: must be at least 1`),
		channelCase("limit float", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limit = 280.5`), nil, `limit: want a whole number of characters, got float 280.5`),
		channelCase("limit string", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limit = "280"`), nil, "hint: write limit = 280, without quotes"),
		channelCase("limit huge", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limit = 1000001`), nil, "limit 1000001: at most 1000000 characters"),
		channelCase("limit typo", chanSpec(`frequency = "daily"`, `formats = ["a"]`, `limt = 280`), nil, `did you mean "limit"?`),
	})
}
