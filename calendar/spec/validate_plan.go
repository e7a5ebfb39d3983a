package spec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// planState says which plan values later checks can rely on.
type planState struct {
	dates bool // Start and End are valid
	cap   bool // Borrowed is valid
}

// maxPlanYears bounds a plan's length: longer plans are never what a
// content calendar means, and the limit keeps outputs a sane size.
const maxPlanYears = 5

// Bounds of the plan's cap on borrowed content, from the method.
const (
	minPlanCap     calendar.Cap = 2000
	maxPlanCap     calendar.Cap = 5000
	defaultPlanCap calendar.Cap = 2000
)

func (c *checker) plan(root map[string]any, s *calendar.Spec) planState {
	var st planState
	p := &s.Plan
	p.Timezone, p.Location = "UTC", time.UTC
	p.Borrowed = defaultPlanCap
	p.Review, p.Language = "monthly", "en"

	v, ok := root["plan"]
	if !ok {
		c.errorAt("plan", "missing [plan] table",
			`start the spec with [plan] holding name, start and end; "contentplan init" writes an example`)
		return st
	}
	m, ok := v.(map[string]any)
	if !ok {
		hint := "write a single [plan] table"
		c.errorAt("plan", fmt.Sprintf("plan: want a [plan] table, got %s", describe(v)), hint)
		return st
	}
	t := table{c: c, m: m, path: "plan", subj: subject{text: "plan"}}
	t.known(planKeys...)

	if name, ok := t.str("name"); ok {
		if strings.TrimSpace(name) == "" {
			c.errorAt("plan.name", "plan.name: must not be empty", `name the plan, e.g. name = "Northwind Coffee, Q1 2027"`)
		}
		p.Name = name
	} else if !t.has("name") {
		t.missing("name", `add name = "…", the plan's title, e.g. name = "Northwind Coffee, Q1 2027"`)
	}
	c.planID(t, p)

	st.dates = c.planDates(t, p)
	c.planZone(t, p)
	st.cap = c.planCap(t, p)
	c.planHolidays(t, p)
	c.planSkip(t, p, st.dates)
	c.planOutputs(t, p)
	return st
}

// planID reads plan.id, the plan's identity in post ids (docs/spec.md,
// rule 7): 1 to 40 characters of a-z, 0-9 and -. Without one the id is
// derived from the name, and the run says so, once, with the line to add:
// renaming the plan would otherwise change every id.
func (c *checker) planID(t table, p *calendar.PlanSpec) {
	if !t.has("id") {
		if strings.TrimSpace(p.Name) == "" {
			return // the name's own error says what to do
		}
		p.ID = calendar.DerivePlanID(p.Name)
		c.warnAt("plan", fmt.Sprintf("plan: no id; post ids use %q, derived from the name", p.ID),
			fmt.Sprintf("add id = %q to [plan] so that renaming the plan keeps every post id", p.ID))
		return
	}
	id, ok := t.str("id")
	switch {
	case !ok:
	case calendar.ValidPlanID(id):
		p.ID = id
	case len(id) > calendar.MaxPlanID && calendar.ValidPlanID(id[:calendar.MaxPlanID]):
		short := strings.TrimRight(id[:calendar.MaxPlanID], "-")
		c.errorAt("plan.id", fmt.Sprintf("plan.id %q: %d characters, at most %d", id, len(id), calendar.MaxPlanID),
			fmt.Sprintf("shorten it, e.g. id = %q", short))
	default:
		hint := "use lowercase letters a-z, digits and -"
		if d := calendar.DerivePlanID(id); strings.TrimSpace(id) != "" && !strings.HasPrefix(d, "plan-") {
			hint = fmt.Sprintf("did you mean %q?", d)
		} else if name := strings.TrimSpace(p.Name); name != "" {
			hint = fmt.Sprintf("e.g. id = %q, or remove id to derive it from the name", calendar.DerivePlanID(name))
		}
		c.errorAt("plan.id", fmt.Sprintf("plan.id %q: want 1 to %d characters of a-z, 0-9 and -", id, calendar.MaxPlanID), hint)
	}
}

// planCap reads plan.borrowed, the plan's cap on borrowed content, and
// reports whether the plan's cap is valid (the default when absent).
func (c *checker) planCap(t table, p *calendar.PlanSpec) bool {
	v, ok := t.m["borrowed"]
	if !ok {
		return true
	}
	cp, ok := c.capValue(t, "borrowed", v)
	switch {
	case !ok:
		return false
	case cp < minPlanCap || cp > maxPlanCap:
		hint := `the method allows 20% to 50% borrowed content; e.g. borrowed = "30%"`
		c.errorAt("plan.borrowed", fmt.Sprintf("plan.borrowed %s: must be 20%% to 50%%", cp), hint)
		return false
	}
	p.Borrowed = cp
	return true
}

// planHolidays reads plan.holidays, a country code that calendar knows,
// and plan.skip_holidays.
func (c *checker) planHolidays(t table, p *calendar.PlanSpec) {
	if code, ok := t.str("holidays"); ok {
		up := strings.ToUpper(strings.TrimSpace(code))
		if slices.Contains(calendar.Countries(), up) || up == "" {
			p.Holidays = up
		} else {
			var hints []string
			if c, ok := guessCountry(code); ok {
				hints = append(hints, fmt.Sprintf("did you mean %q (%s)? holidays takes the two-letter ISO 3166 code", c.code, c.name))
			} else if g := suggest(up, calendar.Countries()); g != "" && len(up) > 2 {
				hints = append(hints, fmt.Sprintf("did you mean %q?", g))
			}
			hints = append(hints, "supported: "+strings.Join(calendar.Countries(), ", "))
			c.errorAt("plan.holidays", fmt.Sprintf("plan.holidays %q: unknown country code", code), hints...)
		}
	}
	p.SkipHolidays = t.boolean("skip_holidays", false)
	if p.SkipHolidays && p.Holidays == "" && !t.has("holidays") {
		c.warnAt("plan.skip_holidays", "plan.skip_holidays: no effect without plan.holidays",
			`set holidays = "RU" (or another country code) to skip its public holidays`)
	}
}

// planOutputs reads what only the outputs use: plan.review, plan.currency
// and plan.language.
func (c *checker) planOutputs(t table, p *calendar.PlanSpec) {
	if r, ok := t.str("review"); ok {
		switch strings.ToLower(strings.TrimSpace(r)) {
		case "monthly":
			p.Review = "monthly"
		case "none":
			p.Review = "none"
		default:
			c.errorAt("plan.review", fmt.Sprintf("plan.review %q: want monthly or none", r), hintFor(r, []string{"monthly", "none"})...)
		}
	}
	if cur, ok := t.str("currency"); ok {
		p.Currency = cur
	}
	if l, ok := t.str("language"); ok {
		langs := []string{"en", "ru", "bg"}
		if ll := strings.ToLower(strings.TrimSpace(l)); slices.Contains(langs, ll) {
			p.Language = ll
		} else {
			hints := hintFor(l, langs)
			if g := guessLanguage(l); g != "" {
				hints = []string{fmt.Sprintf("did you mean %q?", g)}
			}
			c.errorAt("plan.language", fmt.Sprintf("plan.language %q: want en, ru or bg", l), hints...)
		}
	}
}

// hintFor suggests the closest of choices to s, if any is close.
func hintFor(s string, choices []string) []string {
	if g := suggest(strings.TrimSpace(s), choices); g != "" {
		return []string{fmt.Sprintf("did you mean %q?", g)}
	}
	return nil
}

// planDates fills Start and End from start/end or quarter.
func (c *checker) planDates(t table, p *calendar.PlanSpec) bool {
	start, startOK := t.date("start")
	end, endOK := t.date("end")
	hasQ := t.has("quarter")
	if hasQ {
		if t.has("start") || t.has("end") {
			c.errorAt("plan.quarter", "plan.quarter: give start and end, or quarter, not both",
				"remove quarter, or remove start and end")
			return false
		}
		q, ok := t.str("quarter")
		if !ok {
			return false
		}
		qs, qe, err := parseQuarter(q)
		if err != nil {
			c.errorAt("plan.quarter", "plan."+err.Error(), calendar.HintsOf(err)...)
			return false
		}
		p.Start, p.End = qs, qe
		return true
	}
	hint := `add start = 2027-01-01 and end = 2027-03-31, or quarter = "2027-Q1"`
	if !t.has("start") {
		t.missing("start", hint)
	}
	if !t.has("end") {
		t.missing("end", hint)
	}
	if !startOK || !endOK {
		return false
	}
	if end < start {
		c.errorAt("plan.end", fmt.Sprintf("plan.end %s: before plan.start %s", end, start),
			"end is the plan's last day and must not come before start")
		return false
	}
	y, m, d := start.YMD()
	if end >= calendar.MakeDate(y+maxPlanYears, m, d) {
		c.errorAt("plan.end", fmt.Sprintf("plan: %s to %s is longer than %d years", start, end, maxPlanYears),
			fmt.Sprintf("a plan may be at most %d years long; split it into shorter plans", maxPlanYears))
		return false
	}
	p.Start, p.End = start, end
	return true
}

// parseQuarter reads "YYYY-QN" (case-insensitive) into its first and last day.
func parseQuarter(s string) (calendar.Date, calendar.Date, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	y, q, ok := strings.Cut(t, "-Q")
	bad := calendar.Errorf([]string{`write e.g. quarter = "2027-Q1" (Q1 to Q4)`}, "quarter %q: want YYYY-QN, e.g. 2027-Q1", s)
	if !ok || len(y) != 4 || strings.Trim(y, "0123456789") != "" || len(q) != 1 || q[0] < '1' || q[0] > '4' {
		return 0, 0, bad
	}
	year, _ := strconv.Atoi(y)
	n := int(q[0] - '0')
	start := calendar.MakeDate(year, time.Month(3*n-2), 1)
	end := calendar.MakeDate(year, time.Month(3*n+1), 0)
	return start, end, nil
}

// commonZones feed "did you mean" for time zones: the embedded database
// cannot be listed, and these are the zones our users name.
var commonZones = []string{
	"UTC", "Europe/Moscow", "Europe/Sofia", "Europe/London", "Europe/Berlin", "Europe/Paris",
	"Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Kyiv", "Europe/Kiev", "Europe/Minsk",
	"Europe/Warsaw", "Europe/Prague", "Europe/Vienna", "Europe/Istanbul", "Europe/Athens",
	"Europe/Bucharest", "Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Zurich",
	"Europe/Lisbon", "Europe/Dublin", "Europe/Belgrade", "Europe/Riga", "Europe/Vilnius",
	"Europe/Tallinn", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Omsk",
	"Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Vladivostok", "Asia/Almaty", "Asia/Tashkent",
	"Asia/Tbilisi", "Asia/Yerevan", "Asia/Baku", "Asia/Dubai", "Asia/Tokyo", "Asia/Shanghai",
	"Asia/Singapore", "Asia/Kolkata", "Asia/Hong_Kong", "Asia/Seoul", "Asia/Bangkok",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
	"America/Toronto", "America/Sao_Paulo", "America/Mexico_City", "America/Buenos_Aires",
	"Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland", "Africa/Johannesburg",
	"Africa/Cairo", "Africa/Lagos",
}

func (c *checker) planZone(t table, p *calendar.PlanSpec) {
	tz, ok := t.str("timezone")
	if !ok {
		return
	}
	name := strings.TrimSpace(tz)
	hint := `use an IANA zone name such as "Europe/Moscow" or "America/New_York"`
	switch {
	case name == "":
		c.errorAt("plan.timezone", `plan.timezone "": want an IANA zone name`, hint+`, or remove timezone for UTC`)
		return
	case strings.EqualFold(name, "local"):
		c.errorAt("plan.timezone", fmt.Sprintf("plan.timezone %q: the machine's zone would make the plan differ between machines", tz), hint)
		return
	}
	loc, err := time.LoadLocation(name)
	if err != nil || loc == nil {
		var hints []string
		if g := zoneGuess(name); g != "" {
			hints = append(hints, fmt.Sprintf("did you mean %q?", g))
		}
		hints = append(hints, hint)
		c.errorAt("plan.timezone", fmt.Sprintf("plan.timezone %q: unknown time zone", tz), hints...)
		return
	}
	p.Timezone, p.Location = name, loc
}

// zoneGuess finds a zone the user probably meant: the same name in the
// usual capitalisation ("europe/moscow"), or a near spelling of a common one.
func zoneGuess(name string) string {
	parts := strings.Split(name, "/")
	for i, part := range parts {
		words := strings.Split(part, "_")
		for j, w := range words {
			if len(w) > 0 {
				words[j] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
			}
		}
		parts[i] = strings.Join(words, "_")
	}
	for _, cand := range []string{strings.Join(parts, "/"), strings.ToUpper(name)} {
		if cand != name {
			if _, err := time.LoadLocation(cand); err == nil {
				return cand
			}
		}
	}
	return suggest(name, commonZones)
}

// capValue reads a share written as "30%" or as a number (0.3).
func (c *checker) capValue(t table, key string, v any) (calendar.Cap, bool) {
	path := t.keyPath(key)
	txt, ok := capText(v)
	if !ok {
		t.wrongType(path, key, v, capWant[len("want "):], `write e.g. "30%"`)
		return 0, false
	}
	if _, isText := v.(string); !isText {
		// A number above 1 is a percentage written without its sign.
		if f, _ := toNumber(v); f > 1 {
			c.errorAt(path, t.subj.on(fmt.Sprintf("%s %s: %s", key, txt, capWant)),
				fmt.Sprintf("did you mean \"%s%%\"?", txt))
			return 0, false
		}
	}
	cp, err := parseCap(key, txt)
	if err != nil {
		msg := err.Error()
		if _, isText := v.(string); !isText {
			msg = strings.Replace(msg, strconv.Quote(txt), txt, 1)
		}
		c.errorAt(path, t.subj.on(msg), calendar.HintsOf(err)...)
		return 0, false
	}
	return cp, true
}

// planSkip reads plan.skip: dates as TOML dates or "YYYY-MM-DD" strings.
func (c *checker) planSkip(t table, p *calendar.PlanSpec, datesOK bool) {
	v, ok := t.m["skip"]
	if !ok {
		return
	}
	arr, ok := v.([]any)
	if !ok {
		if _, isDate := v.(time.Time); isDate {
			t.wrongType("plan.skip", "skip", v, "an array of dates", "write skip = [2027-01-07] with brackets")
		} else {
			t.wrongType("plan.skip", "skip", v, "an array of dates", "write skip = [2027-01-07, 2027-02-23]")
		}
		return
	}
	for i, e := range arr {
		path := calendar.IndexPath("plan.skip", i+1)
		d, ok := t.dateValue(path, fmt.Sprintf("skip[%d]", i+1), e)
		if !ok {
			continue
		}
		if datesOK && (d < p.Start || d > p.End) {
			c.warnAt(path, fmt.Sprintf("plan.skip[%d] %s: outside the plan (%s to %s)", i+1, d, p.Start, p.End),
				"remove it, or check the year")
		}
		p.Skip = append(p.Skip, d)
	}
	slices.Sort(p.Skip)
	p.Skip = slices.Compact(p.Skip)
}
