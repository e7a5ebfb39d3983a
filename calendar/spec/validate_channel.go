package spec

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// formats reads the declared [[format]] tables.
func (c *checker) formats(root map[string]any, s *calendar.Spec) {
	ts, _ := c.tables(root, "format")
	seen := unique{}
	for _, t := range ts {
		f := calendar.DefaultFormat("")
		f.Name = t.name("name", "format")
		t.known(formatKeys...)
		if d, ok := t.str("duration"); ok {
			if v, err := parseDuration("duration", d); err != nil {
				c.errorAt(t.keyPath("duration"), t.subj.on(err.Error()), calendar.HintsOf(err)...)
			} else {
				f.Duration = v
			}
		}
		if v, ok := t.m["lead"]; ok {
			switch x := v.(type) {
			case string:
				if n, err := parseLead("lead", x); err != nil {
					c.errorAt(t.keyPath("lead"), t.subj.on(err.Error()), calendar.HintsOf(err)...)
				} else {
					f.Lead = n
				}
			case int64:
				t.wrongType(t.keyPath("lead"), "lead", v, `days like "3d"`, fmt.Sprintf("did you mean \"%dd\"?", x))
			default:
				t.wrongType(t.keyPath("lead"), "lead", v, `days like "3d"`)
			}
		}
		if cost, ok := t.number("cost"); ok {
			if cost < 0 {
				c.errorAt(t.keyPath("cost"), t.subj.on(fmt.Sprintf("cost %g: must not be negative", cost)))
			} else {
				f.Cost = cost
			}
		}
		f.Borrowable = t.boolean("borrowable", true)
		if f.Name == "" {
			continue
		}
		if first, dup := seen.add(f.Name, f.Name); dup {
			c.errorAt(t.keyPath("name"), t.subj.about(fmt.Sprintf("declared twice (first as %q)", first)),
				"format names must be unique (case does not count); merge the two [[format]] tables")
			continue
		}
		s.Formats = append(s.Formats, f)
	}
}

// weekdayNames maps what users write for days to weekdays (any case):
// English, and for plans written in Russian or Bulgarian their usual
// two-letter abbreviations and full names (docs/spec.md, [[channel]]).
var weekdayNames = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	// Russian and Bulgarian (вт, ср, чт, пт, сб, вторник are both).
	"пн": time.Monday, "вт": time.Tuesday, "ср": time.Wednesday, "чт": time.Thursday,
	"пт": time.Friday, "сб": time.Saturday, "вс": time.Sunday, "нд": time.Sunday,
	"понедельник": time.Monday, "вторник": time.Tuesday, "среда": time.Wednesday, "четверг": time.Thursday,
	"пятница": time.Friday, "суббота": time.Saturday, "воскресенье": time.Sunday,
	"понеделник": time.Monday, "сряда": time.Wednesday, "четвъртък": time.Thursday,
	"петък": time.Friday, "събота": time.Saturday, "неделя": time.Sunday,
}

// dayNames are the names of weekdayNames, sorted: what a misspelt day is
// compared with.
var dayNames = func() []string {
	names := make([]string, 0, len(weekdayNames))
	for n := range weekdayNames {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}()

// daysHint lists the names channel.days takes.
const daysHint = "days are mon, tue, wed, thu, fri, sat, sun (in Russian пн … вс or понедельник … воскресенье; in Bulgarian пн … нд or понеделник … неделя)"

var shortDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// DefaultTimes returns p times centred in p equal bins of 09:00–21:00 (the
// whole day when p > 720, since 12 hours hold only 720 distinct minutes).
func DefaultTimes(p int) []calendar.Clock {
	if p < 1 {
		return nil
	}
	p = min(p, maxPerDay)
	from, span := 9*60, 12*60
	if p > span {
		from, span = 0, 24*60
	}
	out := make([]calendar.Clock, p)
	for i := range out {
		out[i] = calendar.Clock(from + (2*i+1)*span/(2*p))
	}
	return out
}

func (c *checker) channels(root map[string]any, s *calendar.Spec, st planState) {
	ts, present := c.tables(root, "channel")
	if !present {
		c.errorAt("channel", "no [[channel]]: a plan needs at least one channel",
			"add a [[channel]] table with name, frequency and formats, e.g. name = \"Telegram\", frequency = \"daily\", formats = [\"text\"]")
	} else if len(ts) == 0 {
		if _, isArr := root["channel"].([]any); isArr {
			c.errorAt("channel", "channel: empty; a plan needs at least one channel")
		}
	}
	declared := map[string]int{}
	for i, f := range s.Formats {
		declared[strings.ToLower(f.Name)] = i
	}
	names, ids := unique{}, map[string]string{}
	for _, t := range ts {
		ch := calendar.ChannelSpec{Borrowed: s.Plan.Borrowed}
		ch.Name = t.name("name", "channel")
		t.known(channelKeys...)
		nameDup := false
		if ch.Name != "" {
			if first, dup := names.add(ch.Name, ch.Name); dup {
				nameDup = true
				c.errorAt(t.keyPath("name"), t.subj.about(fmt.Sprintf("duplicate channel name (first as %q)", first)),
					"channel names must be unique (case does not count)")
			}
		}
		c.channelID(t, &ch, ids, nameDup)

		freqOK := false
		if n, ok := t.m["frequency"].(int64); ok {
			t.wrongType(t.keyPath("frequency"), "frequency", n, "a string",
				fmt.Sprintf(`write frequency = "%d/week" (or "%d/day", "%d/month")`, n, n, n))
		} else if f, ok := t.str("frequency"); ok {
			if fr, err := ParseFrequency(f); err != nil {
				c.errorAt(t.keyPath("frequency"), t.subj.on(err.Error()), calendar.HintsOf(err)...)
			} else {
				ch.Frequency, freqOK = fr, true
			}
		} else if !t.has("frequency") {
			t.missing("frequency", `add frequency = "3/week" (or "N/day", "N/month", "daily", "weekdays")`)
		}

		c.channelDays(t, &ch, freqOK)
		c.channelTimes(t, &ch, freqOK)
		c.channelFormats(t, &ch, s, declared)

		if v, ok := t.m["borrowed"]; ok {
			if cp, ok := c.capValue(t, "borrowed", v); ok {
				if st.cap && cp > s.Plan.Borrowed {
					c.errorAt(t.keyPath("borrowed"), t.subj.on(fmt.Sprintf("borrowed %s: above the plan's cap of %s", cp, s.Plan.Borrowed)),
						fmt.Sprintf("a channel may only tighten the cap: use 0%% to %s, or raise plan.borrowed", s.Plan.Borrowed))
				} else {
					ch.Borrowed = cp
				}
			}
		}
		if o, ok := t.str("owner"); ok {
			ch.Owner = o
		}
		c.channelLimit(t, &ch)
		s.Channels = append(s.Channels, ch)
	}
}

// channelID reads channel.id, the channel's identity in post ids
// (docs/spec.md, rule 7), its name by default, and checks that no two
// channels share one (case does not count, as in the ids themselves). A
// name already reported as a duplicate is not reported again as an id.
func (c *checker) channelID(t table, ch *calendar.ChannelSpec, seen map[string]string, nameDup bool) {
	ch.ID = ch.Name
	path := t.keyPath("name")
	if t.has("id") {
		id, ok := t.str("id")
		if !ok {
			return
		}
		if strings.TrimSpace(id) == "" {
			c.errorAt(t.keyPath("id"), t.subj.on("id: must not be empty"), "remove id to use the channel's name")
			return
		}
		ch.ID, path = strings.TrimSpace(id), t.keyPath("id")
	} else if nameDup || ch.Name == "" {
		return
	}
	key := calendar.ChannelKey(ch.ID)
	if first, dup := seen[key]; dup {
		c.errorAt(path, t.subj.about(fmt.Sprintf("duplicate channel id %q (first of channel %q)", ch.ID, first)),
			"channel ids must be unique (case does not count): give one of the two an id of its own")
		return
	}
	seen[key] = ch.Name
}

// maxCopyLimit bounds channel.limit: no network takes posts anywhere near
// this long, so a larger number is a typo.
const maxCopyLimit = 1_000_000

// channelLimit reads channel.limit, the most characters of a post's copy
// (a whole number, 1 to maxCopyLimit); by default the limit of the network
// the channel's name or id names (DefaultLimit), else 0: none known.
func (c *checker) channelLimit(t table, ch *calendar.ChannelSpec) {
	v, ok := t.m["limit"]
	if !ok {
		ch.Limit = cmp.Or(DefaultLimit(ch.Name), DefaultLimit(ch.ID))
		return
	}
	path := t.keyPath("limit")
	n, isInt := v.(int64)
	switch {
	case !isInt:
		var hints []string
		if f, ok := v.(float64); ok && f == math.Trunc(f) && f >= 1 && f <= maxCopyLimit {
			hints = append(hints, fmt.Sprintf("write limit = %d, without a decimal point", int64(f)))
		} else if str, ok := v.(string); ok {
			if i, err := strconv.Atoi(strings.TrimSpace(str)); err == nil && i >= 1 {
				hints = append(hints, fmt.Sprintf("write limit = %d, without quotes", i))
			}
		}
		t.wrongType(path, "limit", v, "a whole number of characters", hints...)
	case n < 1:
		c.errorAt(path, t.subj.on(fmt.Sprintf("limit %d: must be at least 1", n)),
			"remove limit to use the network's own where docs/spec.md lists it")
	case n > maxCopyLimit:
		c.errorAt(path, t.subj.on(fmt.Sprintf("limit %d: at most %d characters", n, maxCopyLimit)),
			"limit is the most characters of one post's copy, e.g. limit = 2200")
	default:
		ch.Limit = int(n)
	}
}

func (c *checker) channelDays(t table, ch *calendar.ChannelSpec, freqOK bool) {
	if !t.has("days") {
		return
	}
	days, paths, ok := t.strs("days")
	if !ok {
		return
	}
	if freqOK && (ch.Frequency.Per != calendar.PerWeek || ch.Frequency.Weekdays) {
		c.errorAt(t.keyPath("days"), t.subj.on(fmt.Sprintf("days: only for N/week frequencies, not %q", ch.Frequency)),
			"remove days, or use a weekly frequency such as \"3/week\"")
		return
	}
	var out []time.Weekday
	bad := false
	for i, d := range days {
		wd, known := weekdayNames[strings.ToLower(strings.TrimSpace(d))]
		if !known {
			bad = true
			var hints []string
			if g := suggestAll(strings.ToLower(strings.TrimSpace(d)), dayNames); len(g) > 0 {
				hints = append(hints, "did you mean "+quotedOr(g)+"?")
			}
			hints = append(hints, daysHint)
			c.errorAt(paths[i], t.subj.on(fmt.Sprintf("days: %q is not a day of the week", d)), hints...)
			continue
		}
		if slices.Contains(out, wd) {
			bad = true
			c.errorAt(paths[i], t.subj.on(fmt.Sprintf("days: %q is listed twice", d)))
			continue
		}
		out = append(out, wd)
	}
	if bad || !freqOK {
		return
	}
	n := ch.Frequency.N
	if n > 7 {
		c.errorAt(t.keyPath("days"), t.subj.on(fmt.Sprintf("days: %d/week would need %d days, but a week has 7", n, n)),
			"remove days to spread the posts over the week")
		return
	}
	if len(out) != n {
		c.errorAt(t.keyPath("days"), t.subj.on(fmt.Sprintf("days: %d/week needs exactly %s, got %d", n, plural(n, "day"), len(out))),
			fmt.Sprintf("list %s, or remove days to spread the posts evenly", plural(n, "day")))
		return
	}
	// Monday first, as a planning week runs.
	slices.SortFunc(out, func(a, b time.Weekday) int { return calendar.ISOWeekday(a) - calendar.ISOWeekday(b) })
	ch.Days = out
}

func (c *checker) channelTimes(t table, ch *calendar.ChannelSpec, freqOK bool) {
	need := 0
	if freqOK {
		need = ch.Frequency.MostPerDay()
		if ch.Days != nil {
			need = 1
		}
	}
	if !t.has("times") {
		if freqOK {
			ch.Times = DefaultTimes(need)
		}
		return
	}
	times, paths, ok := t.strs("times")
	if !ok {
		return
	}
	var out []calendar.Clock
	bad := false
	for i, s := range times {
		cl, err := calendar.ParseClock(strings.TrimSpace(s))
		if err != nil {
			bad = true
			hint := "write 24-hour times such as \"09:00\" or \"18:30\""
			if g := guessClock(s); g != "" {
				hint = fmt.Sprintf("write %q: times are HH:MM on a 24-hour clock", g)
			}
			c.errorAt(paths[i], t.subj.on(fmt.Sprintf("times: %q: want HH:MM, 00:00 to 23:59", s)), hint)
			continue
		}
		if slices.Contains(out, cl) {
			bad = true
			c.errorAt(paths[i], t.subj.on(fmt.Sprintf("times: %s is listed twice", cl)), "posts of a channel need distinct times")
			continue
		}
		out = append(out, cl)
	}
	if bad {
		return
	}
	if len(out) == 0 {
		c.errorAt(t.keyPath("times"), t.subj.on("times: empty"), "list at least one time, or remove times to spread posts over 09:00–21:00")
		return
	}
	if freqOK && len(out) < need {
		why := fmt.Sprintf("%s needs at least %d times", ch.Frequency, need)
		if ch.Frequency.Per != calendar.PerDay {
			why = fmt.Sprintf("%s puts up to %d posts on a day, so it needs at least %d times", ch.Frequency, need, need)
		}
		c.errorAt(t.keyPath("times"), t.subj.on(fmt.Sprintf("times: %s, got %d", why, len(out))),
			"add times, or remove times to spread them over 09:00–21:00")
		return
	}
	slices.Sort(out)
	ch.Times = out
}

// channelFormats reads a channel's formats: a table of weights or an
// array of names, each format named once (case does not count). A format
// that no [[format]] declares is declared with the defaults.
func (c *checker) channelFormats(t table, ch *calendar.ChannelSpec, s *calendar.Spec, declared map[string]int) {
	v, ok := t.m["formats"]
	if !ok {
		t.missing("formats", `add formats = { text = 3, photo = 1 } (name = weight) or formats = ["text", "photo"]`)
		return
	}
	path := t.keyPath("formats")
	ws, paths, empty, ok := c.formatWeights(t, v, path)
	if !ok {
		return
	}
	if len(ws) == 0 {
		if empty {
			c.errorAt(path, t.subj.on("formats: empty; a channel needs at least one format"),
				`e.g. formats = ["text"]`)
		}
		return
	}
	seen := map[string]bool{}
	for i := range ws {
		name := strings.TrimSpace(ws[i].Name)
		if name == "" {
			c.errorAt(paths[i], t.subj.on("formats: empty format name"))
			continue
		}
		key := strings.ToLower(name)
		if seen[key] {
			c.errorAt(paths[i], t.subj.on(fmt.Sprintf("formats: %q is listed twice", ws[i].Name)))
			continue
		}
		seen[key] = true
		// A format is the same format whatever its case: use the declared
		// spelling so the plan finds it by name.
		if j, ok := declared[key]; ok {
			ws[i].Name = s.Formats[j].Name
		} else {
			ws[i].Name = name
			declared[key] = len(s.Formats)
			s.Formats = append(s.Formats, calendar.DefaultFormat(name))
		}
		ch.Formats = append(ch.Formats, ws[i])
	}
}

// formatWeights reads the formats value v at path: a table of positive
// weights, or an array of names that weigh 1 each. It returns the valid
// entries with their key paths, whether v was empty, and false when v is
// neither (which is reported).
func (c *checker) formatWeights(t table, v any, path string) (ws []calendar.Weighted, paths []string, empty, ok bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, name := range sortedKeys(x, c.loc, path) {
			p := joinPath(path, name)
			w, ok := toNumber(x[name])
			switch {
			case !ok:
				t.wrongType(p, fmt.Sprintf("formats.%s", name), x[name], "a weight (a positive number)")
				continue
			case w <= 0:
				c.errorAt(p, t.subj.on(fmt.Sprintf("formats.%s: weight %g must be positive", name, w)),
					"remove the format, or give it a weight above 0")
				continue
			case w > 1e9:
				c.errorAt(p, t.subj.on(fmt.Sprintf("formats.%s: weight %g is too large", name, w)),
					"weights are relative: 3 and 1 mean three to one")
				continue
			}
			ws = append(ws, calendar.Weighted{Name: name, Weight: w})
			paths = append(paths, p)
		}
		return ws, paths, len(x) == 0, true
	case []any:
		for i, e := range x {
			p := calendar.IndexPath(path, i+1)
			name, ok := e.(string)
			if !ok {
				hint := "list format names, or write a table of weights: formats = { text = 3, photo = 1 }"
				t.wrongType(p, fmt.Sprintf("formats[%d]", i+1), e, "a format name", hint)
				continue
			}
			ws = append(ws, calendar.Weighted{Name: name, Weight: 1})
			paths = append(paths, p)
		}
		return ws, paths, len(x) == 0, true
	}
	t.wrongType(path, "formats", v, `a table of weights or an array of names`,
		`write formats = { text = 3, photo = 1 } or formats = ["text", "photo"]`)
	return nil, nil, false, false
}
