package calendar

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Date is a civil date (no zone), counted in days since 1970-01-01.
// Dates are compared and stepped as plain integers, which keeps the
// scheduler free of time-zone arithmetic until a post gets its instant.
type Date int32

// MakeDate returns the Date of year, month and day (normalised like time.Date).
func MakeDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date { return MakeDate(t.Date()) }

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

func (d Date) utc() time.Time              { return time.Unix(int64(d)*86400, 0).UTC() }
func (d Date) YMD() (int, time.Month, int) { return d.utc().Date() }
func (d Date) Year() int                   { return d.utc().Year() }
func (d Date) Month() time.Month           { return d.utc().Month() }
func (d Date) Day() int                    { return d.utc().Day() }
func (d Date) Weekday() time.Weekday       { return d.utc().Weekday() }
func (d Date) AddDays(n int) Date          { return d + Date(n) }
func (d Date) String() string              { var b [16]byte; return string(d.AppendTo(b[:0])) }
func (d Date) ISOWeek() (year, week int)   { return d.utc().ISOWeek() }
func (d Date) Time(loc *time.Location) time.Time {
	y, m, dd := d.YMD()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// AppendTo appends d as YYYY-MM-DD, the bytes of d.String, without
// allocating: the csv and json writers format two dates a post, and
// time.Format was the largest cost of a row. Years outside 0..9999 (only a
// hand-made Date reaches them) go through time's own formatting.
func (d Date) AppendTo(b []byte) []byte {
	y, m, dd := civil(int64(d))
	if y < 0 || y > 9999 {
		return d.utc().AppendFormat(b, "2006-01-02")
	}
	yy, mm, ddd := uint32(y), uint32(m), uint32(dd) // unsigned: cheaper divisions
	return append(b, byte('0'+yy/1000), byte('0'+yy/100%10), byte('0'+yy/10%10), byte('0'+yy%10), '-',
		byte('0'+mm/10), byte('0'+mm%10), '-', byte('0'+ddd/10), byte('0'+ddd%10))
}

// civil returns the proleptic Gregorian year, month and day of z days since
// 1970-01-01, in integers (Howard Hinnant's days_from_civil inverse), which
// is several times cheaper than going through time.Time.
func civil(z int64) (y, m, d int64) {
	z += 719468 // days from 0000-03-01 to 1970-01-01
	if z >= 0 {
		// Years from 0 on, the common case, in unsigned arithmetic: its
		// constant divisions compile to a multiply and a shift, without
		// the fix-ups that signed ones need.
		era := uint64(z) / 146097
		doe := uint32(uint64(z) - era*146097)
		yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
		doy := doe - (365*yoe + yoe/4 - yoe/100)
		mp := (5*doy + 2) / 153
		d = int64(doy - (153*mp+2)/5 + 1)
		m = int64(mp + 3)
		if mp >= 10 {
			m = int64(mp) - 9
		}
		y = int64(yoe) + int64(era)*400
		if m <= 2 {
			y++
		}
		return y, m, d
	}
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era-- // floor division
	}
	doe := z - era*146097                                  // day of the 400-year era, 0..146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era, 0..399
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the year from March 1st, 0..365
	mp := (5*doy + 2) / 153                                // month from March, 0..11
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// FirstOfMonth returns the first day of d's month.
func (d Date) FirstOfMonth() Date { y, m, _ := d.YMD(); return MakeDate(y, m, 1) }

// ISOWeekday is d's place in its ISO week, Monday = 0 to Sunday = 6,
// worked out in integers (1970-01-01 was a Thursday): the scheduler asks it
// of every day it looks at, and time.Time's Weekday costs a conversion.
func (d Date) ISOWeekday() int {
	i := (int(d) + 3) % 7
	if i < 0 {
		i += 7
	}
	return i
}

// ISOWeekday is w's place in an ISO week, Monday = 0 to Sunday = 6; a
// Weekday outside 0..6 (only a hand-made spec holds one) wraps around.
func ISOWeekday(w time.Weekday) int { return ((int(w) % 7) + 13) % 7 }

// Weekend reports whether d is a Saturday or Sunday: no working day for a
// draft or a review, and no day of a "weekdays" channel (docs/spec.md).
func (d Date) Weekend() bool { return d.ISOWeekday() >= 5 }

// Monday returns the Monday of d's ISO week.
func (d Date) Monday() Date { return d - Date(d.ISOWeekday()) }

// DaysInMonth returns the number of days in d's month.
func (d Date) DaysInMonth() int { y, m, _ := d.YMD(); return MakeDate(y, m+1, 0).Day() }

// Clock is a wall-clock time of day in minutes since midnight (0..1439).
type Clock int16

// ParseClock reads HH:MM (24-hour).
func ParseClock(s string) (Clock, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, fmt.Errorf("time %q: want HH:MM, 00:00 to 23:59", s)
	}
	return Clock(t.Hour()*60 + t.Minute()), nil
}

func (c Clock) Hour() int      { return int(c) / 60 }
func (c Clock) Minute() int    { return int(c) % 60 }
func (c Clock) String() string { var b [8]byte; return string(c.AppendTo(b[:0])) }

// AppendTo appends c as HH:MM, the bytes of c.String, without allocating.
// A Clock outside a day (only a hand-made one) keeps fmt's rendering.
func (c Clock) AppendTo(b []byte) []byte {
	if c < 0 || c >= 24*60 {
		return fmt.Appendf(b, "%02d:%02d", c.Hour(), c.Minute())
	}
	h, m := byte(c/60), byte(c%60)
	return append(b, '0'+h/10, '0'+h%10, ':', '0'+m/10, '0'+m%10)
}

// Cap is a share in whole basis points (10000 = 100%), so that floor(c·k)
// is exact integer arithmetic (docs/spec.md, rule 3).
type Cap int

// Floor returns floor(c·k) computed in integers.
func (c Cap) Floor(k int) int { return int(int64(c) * int64(k) / 10000) }

func (c Cap) String() string {
	if c%100 == 0 {
		return fmt.Sprintf("%d%%", int(c)/100)
	}
	return fmt.Sprintf("%d.%02d%%", int(c)/100, int(c)%100)
}

// Period is the unit a frequency counts in.
type Period int

const (
	PerDay Period = iota
	PerWeek
	PerMonth
)

func (p Period) String() string { return [...]string{"day", "week", "month"}[p] }

// Frequency is a parsed channel frequency: N posts per Period; Weekdays
// restricts a 1/day frequency to Monday–Friday ("weekdays").
type Frequency struct {
	N        int
	Per      Period
	Weekdays bool
}

// MostPerDay is the most posts f puts on one day: N for N/day, 1 for
// weekdays, ⌈N/7⌉ for N/week and ⌈N/28⌉ for N/month (its shortest month).
// A channel needs that many distinct times.
func (f Frequency) MostPerDay() int {
	if f.Per == PerMonth && !f.Weekdays {
		return f.MostPerDayOver(28)
	}
	return f.MostPerDayOver(7)
}

// MostPerDayOver is MostPerDay for a week or month whose posts are spread
// over days days (a weekly channel's listed days, a month's length): ⌈N/days⌉.
// N/day and weekdays do not depend on days.
func (f Frequency) MostPerDayOver(days int) int {
	switch {
	case f.N <= 0:
		return 0
	case f.Weekdays:
		return 1
	case f.Per == PerDay || days < 1:
		return f.N
	}
	return int(ceilDiv(int64(f.N), int64(days)))
}

// Weekly is about how many posts f gives in a week: 5 for weekdays, 7·N
// for N/day, N for N/week and N/4 for N/month (at least 1).
func (f Frequency) Weekly() int {
	switch {
	case f.Weekdays:
		return 5
	case f.Per == PerDay:
		return f.N * 7
	case f.Per == PerMonth:
		return max(1, f.N/4)
	}
	return f.N
}

func (f Frequency) String() string {
	if f.Weekdays {
		return "weekdays"
	}
	return fmt.Sprintf("%d/%s", f.N, f.Per)
}

// Source tells own content from borrowed (curated, third-party) content.
type Source string

const (
	Own      Source = "own"
	Borrowed Source = "borrowed"
)

// Spec is a parsed spec after defaults: every field holds its final value.
type Spec struct {
	File      string // the name errors are reported against
	Plan      PlanSpec
	Channels  []ChannelSpec
	Formats   []FormatSpec // declared formats plus defaults for undeclared ones named by channels
	Pillars   []PillarSpec
	Goals     []GoalSpec
	Writers   []WriterSpec
	Campaigns []CampaignSpec
	Dates     []DateSpec   // the plan's own occasions ([[date]]), in spec order
	Warnings  []Diagnostic // what the spec's checker found that does not stop the plan (e.g. method counts); Build adds none here
	// Tables is where each table of the spec starts in its file, by key
	// path ("channel[3]", "writer[1]"), so that what Build finds about a
	// channel or the writers is reported at file:line:col (docs/spec.md:
	// every message has its position where one is known); nil for a spec
	// made in code.
	Tables map[string]Pos
}

// Pos is a 1-based line and column of a spec's file.
type Pos struct{ Line, Col int }

// diag is a diagnostic about the table at path, positioned where the spec
// shows it, else named by its path.
func (s *Spec) diag(sev Severity, path, msg string, hints ...string) Diagnostic {
	d := Diagnostic{Severity: sev, File: s.File, Path: path, Msg: msg, Hints: hints}
	if p, ok := s.Tables[path]; ok {
		d.Line, d.Col = p.Line, p.Col
	}
	return d
}

type PlanSpec struct {
	Name         string
	ID           string // the plan's identity in post ids (docs/spec.md, rule 7)
	Start, End   Date   // inclusive
	Location     *time.Location
	Timezone     string // IANA name, "UTC" by default
	Borrowed     Cap
	Holidays     string // ISO 3166 code, "" for none
	SkipHolidays bool
	Skip         []Date
	Review       string // "monthly" or "none"
	Currency     string
	Language     string // "en", "ru" or "bg"
}

type ChannelSpec struct {
	Name      string
	ID        string // the channel's identity in post ids; the name when not set
	Limit     int    // most characters of a post's copy; 0 when unknown
	Frequency Frequency
	Days      []time.Weekday // for N/week: exactly N days, or nil to spread evenly
	Times     []Clock        // sorted, distinct; defaults already filled in
	Formats   []Weighted     // in spec order
	Borrowed  Cap            // the channel's cap (defaults to the plan's)
	Owner     string
}

// Weighted is a name with its positive weight.
type Weighted struct {
	Name   string
	Weight float64
}

// Defaults of a format that a channel names without declaring it
// (docs/spec.md, [[format]]).
const (
	defaultDuration = 30 * time.Minute
	defaultLead     = 3
)

// DefaultFormat is the format called name as a spec gets it when a channel
// names it without a [[format]] table.
func DefaultFormat(name string) FormatSpec {
	return FormatSpec{Name: name, Duration: defaultDuration, Lead: defaultLead, Borrowable: true}
}

type FormatSpec struct {
	Name       string
	Duration   time.Duration
	Lead       int // days before publishing that the draft is due
	Cost       float64
	Borrowable bool
}

type PillarSpec struct {
	Name      string
	Weight    float64
	Objective string // id of an objective, or ""
}

type GoalSpec struct {
	ID, Why, Owner string
	Objectives     []ObjectiveSpec
}

type ObjectiveSpec struct {
	ID, What, KPI, Target string // Target as the spec writes it (a number's text for a TOML number)
	// Unit is what a number target counts ("followers"); "" for none.
	Unit string
	// Targets are the month's targets, one per month of the plan, first
	// month first (targets); nil when the spec gives none (MonthTarget).
	Targets          []Target
	Actions, Metrics []string
}

type WriterSpec struct {
	Name     string
	Channels []string // nil means all
	Capacity int      // posts per ISO week; 0 means unlimited
}

type CampaignSpec struct {
	Name       string
	Start, End Date
	Channels   []string // nil means all
	Pillar     string
	Extra      Frequency // N/day or N/week; N == 0 for none
}

// Covers reports whether the campaign runs on the channel called name.
func (c CampaignSpec) Covers(name string) bool {
	return c.Channels == nil || slices.Contains(c.Channels, name)
}

// Post is one planned publication. Posts are produced in order and streamed
// to the writers; the pointers share the plan's channel, format and pillar.
type Post struct {
	ID       string // stable: PostID of the plan's and channel's ids, the date and the place in it (docs/spec.md, rule 7)
	Date     Date   // local date of Start
	Time     Clock  // local wall clock of Start
	Start    time.Time
	End      time.Time // Start + the format's duration
	Channel  *Channel
	Format   *Format
	Source   Source
	Pillar   *Pillar // nil when the plan has no pillars
	Campaign string
	Title    string
	Writer   string
	DraftDue Date
	Status   string // "planned"
	Cost     float64
	DST      DSTShift // how a local time at a DST change was read (docs/spec.md, rule 8)
}

// Objective returns the id of the objective the post's pillar serves, or "".
func (p *Post) Objective() string {
	if p.Pillar == nil {
		return ""
	}
	return p.Pillar.Objective
}

// DSTShift records how a post's wall-clock time met a DST change. It is a
// byte so that the slot generator's slots stay 32 bytes.
type DSTShift uint8

const (
	DSTNone      DSTShift = iota
	DSTGap                // the time did not exist; it was moved forward (02:30 → 03:30)
	DSTAmbiguous          // the time occurred twice; the first occurrence is meant
)

// Channel is a channel of a built plan, with what the build counted.
type Channel struct {
	Index     int
	Name      string
	ID        string // identity in post ids (ChannelSpec.ID)
	Limit     int    // most characters of a post's copy; 0 when unknown
	Frequency Frequency
	Days      []time.Weekday
	Times     []Clock
	Formats   []*Format // the channel's formats, in spec order
	Weights   []float64 // Weights[i] is the weight of Formats[i]
	Cap       Cap
	Owner     string

	// Counted by Build.
	Posts    int // posts planned
	Borrowed int // of which borrowed
	Dropped  int // posts lost to skipped dates with no free later day
}

type Format struct {
	FormatSpec
}

type Pillar struct {
	PillarSpec
}

// Holiday is a public holiday of plan.holidays on its real date, with the
// days off it causes: its own date and, when the law moves it, the day off
// it moves to (docs/spec.md, "Holidays").
type Holiday struct {
	Date Date
	Name string // in English; NameIn has it in a plan's language
	Off  []Date
	// The Russian and Bulgarian names, where our own lists have them
	// (Russia's and Bulgaria's holidays); "" means the English name.
	ru, bg string
}

// NameIn is the holiday's name in lang, a plan.language: the short names
// our lists of Russia's and Bulgaria's holidays carry in en, ru and bg,
// and for every other country its English name in any language
// (docs/spec.md, "Holidays").
func (h Holiday) NameIn(lang string) string {
	switch {
	case lang == "ru" && h.ru != "":
		return h.ru
	case lang == "bg" && h.bg != "":
		return h.bg
	}
	return h.Name
}

// Review is a monthly review meeting (plan.review).
type Review struct {
	Date  Date
	Start time.Time
	End   time.Time
	Title string
}

// Severity of a Diagnostic.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a spec, positioned by line and column
// when known, else by key path (e.g. "channel[2].frequency").
type Diagnostic struct {
	Severity  Severity
	File      string
	Line, Col int    // 1-based; 0 when unknown
	Path      string // key path, used when Line is 0
	Msg       string // lowercase, no final period
	Hints     []string
}

// String formats the diagnostic as the CLI prints it, hints on their own lines.
func (d Diagnostic) String() string {
	var s string
	switch {
	case d.Line > 0 && d.Col > 0:
		s = fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Msg)
	case d.Line > 0:
		s = fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Msg)
	case d.Path != "":
		s = fmt.Sprintf("%s: %s: %s", d.File, d.Path, d.Msg)
	default:
		s = fmt.Sprintf("%s: %s", d.File, d.Msg)
	}
	if d.Severity == Warning {
		s = "warning: " + s
	}
	for _, h := range d.Hints {
		s += "\nhint: " + h
	}
	return s
}

// IndexPath names the n-th (1-based) element of the array at path, as a
// Diagnostic's Path does: IndexPath("channel", 2) is "channel[2]".
func IndexPath(path string, n int) string { return path + "[" + strconv.Itoa(n) + "]" }

// SpecError is every error found in a spec, in source order.
type SpecError struct {
	Diags []Diagnostic
}

func (e *SpecError) Error() string {
	s := ""
	for i, d := range e.Diags {
		if i > 0 {
			s += "\n"
		}
		s += d.String()
	}
	return s
}
