package spec

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// Upper limits of a frequency. Posts of a channel need distinct minutes, so
// a day holds at most 1440; a week or month holds at most its days times
// that, counting the shortest month (28 days).
const (
	maxPerDay   = 1440
	maxPerWeek  = 7 * maxPerDay
	maxPerMonth = 28 * maxPerDay
)

const frequencyWant = "want N/day, N/week, N/month, daily or weekdays"

// ParseFrequency reads a channel frequency: "N/day", "N/week", "N/month",
// "daily" (1/day) or "weekdays" (1/day, Monday to Friday). Case and spaces
// around the slash are forgiven; N is a whole number from 1.
func ParseFrequency(s string) (calendar.Frequency, error) { return parseFrequency("frequency", s) }

func parseFrequency(label, s string) (calendar.Frequency, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "daily":
		return calendar.Frequency{N: 1, Per: calendar.PerDay}, nil
	case "weekdays":
		return calendar.Frequency{N: 1, Per: calendar.PerDay, Weekdays: true}, nil
	}
	bad := func() error {
		var hints []string
		cands := []string{"daily", "weekdays"}
		if n, _, ok := strings.Cut(t, "/"); ok {
			n = strings.TrimSpace(n)
			cands = append(cands, n+"/day", n+"/week", n+"/month")
		}
		if g := suggest(t, cands); g != "" {
			hints = append(hints, fmt.Sprintf("did you mean %q?", g))
		} else {
			hints = append(hints, `write e.g. "3/week", "1/day", "2/month", "daily" or "weekdays"`)
		}
		return calendar.Errorf(hints, "%s %q: %s", label, s, frequencyWant)
	}
	num, unit, ok := strings.Cut(t, "/")
	if !ok {
		return calendar.Frequency{}, bad()
	}
	num, unit = strings.TrimSpace(num), strings.TrimSpace(unit)
	var per calendar.Period
	var limit int
	switch unit {
	case "day":
		per, limit = calendar.PerDay, maxPerDay
	case "week":
		per, limit = calendar.PerWeek, maxPerWeek
	case "month":
		per, limit = calendar.PerMonth, maxPerMonth
	default:
		return calendar.Frequency{}, bad()
	}
	if num == "" || strings.Trim(num, "0123456789") != "" {
		return calendar.Frequency{}, bad()
	}
	if len(num) > 9 {
		return calendar.Frequency{}, calendar.Errorf(nil, "%s %q: at most %d/%s", label, s, limit, unit)
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return calendar.Frequency{}, bad()
	}
	if n < 1 {
		return calendar.Frequency{}, calendar.Errorf([]string{"remove the channel, or post at least once: e.g. \"1/" + unit + "\""},
			"%s %q: want at least 1 post per %s", label, s, unit)
	}
	if n > limit {
		hint := "posts of a channel need distinct minutes"
		return calendar.Frequency{}, calendar.Errorf([]string{hint}, "%s %q: at most %d/%s", label, s, limit, unit)
	}
	return calendar.Frequency{N: n, Per: per}, nil
}

const durationWant = `want a length like "30m", "1h" or "1h30m"`

// ParseDuration reads an event length: hours and/or minutes, "30m", "1h",
// "1h30m", "90m". It must be more than zero and at most 24h.
func ParseDuration(s string) (time.Duration, error) { return parseDuration("duration", s) }

func parseDuration(label, s string) (time.Duration, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	bad := func() error { return calendar.Errorf(nil, "%s %q: %s", label, s, durationWant) }
	if t == "" {
		return 0, bad()
	}
	var total int64 // minutes
	seenH, seenM := false, false
	for t != "" {
		i := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i == len(t) {
			return 0, bad()
		}
		n, _ := strconv.ParseInt(t[:i], 10, 64)
		switch t[i] {
		case 'h':
			if seenH || seenM {
				return 0, bad()
			}
			seenH = true
			total += n * 60
		case 'm':
			if seenM {
				return 0, bad()
			}
			seenM = true
			total += n
		default:
			return 0, bad()
		}
		t = t[i+1:]
	}
	if total <= 0 {
		return 0, calendar.Errorf(nil, "%s %q: want more than zero", label, s)
	}
	if total > 24*60 {
		return 0, calendar.Errorf(nil, "%s %q: at most 24h", label, s)
	}
	return time.Duration(total) * time.Minute, nil
}

// maxLead is the longest draft lead time: a year ahead is already a plan of
// its own.
const maxLead = 365

// ParseLead reads a draft lead time in days: "3d", "0d".
func ParseLead(s string) (int, error) { return parseLead("lead", s) }

func parseLead(label, s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	num, ok := strings.CutSuffix(t, "d")
	if !ok || num == "" || strings.Trim(num, "0123456789") != "" {
		var hints []string
		if num != "" && strings.Trim(num, "0123456789") == "" {
			hints = []string{fmt.Sprintf("did you mean %q?", num+"d")}
		}
		return 0, calendar.Errorf(hints, `%s %q: want days like "3d" or "0d"`, label, s)
	}
	if len(num) > 4 {
		return 0, calendar.Errorf(nil, "%s %q: at most %dd", label, s, maxLead)
	}
	n, _ := strconv.Atoi(num)
	if n > maxLead {
		return 0, calendar.Errorf(nil, "%s %q: at most %dd", label, s, maxLead)
	}
	return n, nil
}

const capWant = `want a share like "30%" or 0.3`

// ParseCap reads a share as whole basis points: "30%", "29.5%", "29.55%", or
// a plain fraction such as "0.3" (the text of a TOML number). The decimal
// text is read digit by digit, never through a float, so 0.29 is exactly
// 2900 (0.29 × 10000 in floating point is 2899.999…).
func ParseCap(s string) (calendar.Cap, error) { return parseCap("share", s) }

func parseCap(label, s string) (calendar.Cap, error) {
	t := strings.TrimSpace(s)
	pct := false
	if x, ok := strings.CutSuffix(t, "%"); ok {
		pct, t = true, strings.TrimSpace(x)
	}
	intPart, frac, _ := strings.Cut(t, ".")
	if intPart == "" && frac == "" || strings.Trim(intPart, "0123456789") != "" ||
		strings.Trim(frac, "0123456789") != "" || strings.Count(t, ".") > 1 {
		if strings.HasPrefix(t, "-") {
			return 0, calendar.Errorf(nil, "%s %q: want 0%% or more", label, s)
		}
		return 0, calendar.Errorf(nil, "%s %q: %s", label, s, capWant)
	}
	// scale: digits of a percentage keep 2 decimals, of a fraction 4.
	scale := 4
	if pct {
		scale = 2
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > scale {
		return 0, calendar.Errorf([]string{"shares are whole basis points (0.01%)"}, "%s %q: too precise", label, s)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 6 {
		return 0, calendar.Errorf(nil, "%s %q: at most 100%%", label, s)
	}
	v := 0
	for _, c := range intPart + frac + strings.Repeat("0", scale-len(frac)) {
		v = v*10 + int(c-'0')
	}
	if v > 10000 {
		var hints []string
		if !pct && len(frac) == 0 && v <= 100*10000 {
			hints = []string{fmt.Sprintf("did you mean \"%s%%\"?", intPart)}
		}
		return 0, calendar.Errorf(hints, "%s %q: at most 100%%", label, s)
	}
	return calendar.Cap(v), nil
}

// capText renders a TOML number as the text ParseCap reads. Floats use the
// shortest text that reads back as the same float, which is the text the
// user wrote (0.29 stays "0.29").
func capText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		if x != x || x > 1e9 || x < -1e9 {
			return "", false
		}
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}
