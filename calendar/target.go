package calendar

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TargetKind says how a KPI's target reads (docs/spec.md, "How targets
// are read"): a number, a percentage, or words.
type TargetKind uint8

const (
	TargetText    TargetKind = iota // words, shown as written: no share of it is reached
	TargetNumber                    // a number, counted in the objective's unit
	TargetPercent                   // a percentage
)

// Target is a KPI's target for a month of the plan.
type Target struct {
	Text  string  // as the spec writes it: "300", "4%", "250000 per quarter"
	Value float64 // the number: 300, or 0.04 for 4%; 0 for words
	Kind  TargetKind
}

// Numeric reports whether the target is a number or a percentage, of
// which an actual reaches a share.
func (t Target) Numeric() bool { return t.Kind != TargetText }

// ParseTarget reads a target as written (docs/spec.md, "How targets are
// read"): a number, with spaces or commas between groups of thousands
// ("40 000", "1,500"); a percentage ("4%", "+4,5 %"); anything else words.
func ParseTarget(s string) Target {
	t := Target{Text: s}
	if v, pct, ok := ParseFigure(s); ok {
		t.Value, t.Kind = v, TargetNumber
		if pct {
			t.Kind = TargetPercent
		}
	}
	return t
}

// NumberTarget is the target of a number the spec gives as a TOML number,
// or that a percentage's fraction stands for.
func NumberTarget(v float64, percent bool) Target {
	if percent {
		return Target{Text: FormatFigure(v*100, ".") + "%", Value: v, Kind: TargetPercent}
	}
	return Target{Text: FormatFigure(v, "."), Value: v, Kind: TargetNumber}
}

// maxFigure bounds the figures ParseFigure reads: a KPI beyond it is
// none a plan sets, and the bound keeps every figure exact in a
// spreadsheet's 15 significant digits.
const maxFigure = 1e15

// ParseFigure reads a number as a person writes a KPI's target or actual,
// in English, Russian or Bulgarian: an optional sign, digits with spaces
// (also no-break and thin ones), "_" or "'" between groups of thousands, a
// decimal point or comma, and an optional "%", which makes it a
// percentage, returned as a fraction (4.5% is 0.045). A comma followed by
// three digits groups thousands unless a point follows ("1,500" is 1500,
// "4,5" is 4.5, "1.234,5" is 1234.5). ok is false for anything else.
func ParseFigure(s string) (v float64, percent bool, ok bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "%") {
		percent = true
		s = strings.TrimRightFunc(strings.TrimSuffix(s, "%"), isGroupSpace)
	}
	if len(s) > 64 || s == "" {
		return 0, false, false
	}
	sign := ""
	if s[0] == '+' || s[0] == '-' {
		sign, s = s[:1], strings.TrimLeftFunc(s[1:], isGroupSpace)
	}
	digits, ok := plainDigits(s)
	if !ok {
		return 0, false, false
	}
	v, err := strconv.ParseFloat(sign+digits, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) >= maxFigure {
		return 0, false, false
	}
	if percent {
		v /= 100
	}
	return v, percent, true
}

// isGroupSpace reports the spaces that group thousands.
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// plainDigits turns digits with group and decimal separators into the
// digits strconv reads: "40 000" → "40000", "4,5" → "4.5". Only digits and
// separators may appear, a separator only between digits.
func plainDigits(s string) (string, bool) {
	dec := decimalMark(s)
	if dec < 0 {
		return "", false
	}
	var b strings.Builder
	prevDigit, point := false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			prevDigit = true
			continue
		case r == dec:
			if point || !prevDigit {
				return "", false
			}
			b.WriteByte('.')
			point = true
		case isGroupSpace(r) || r == '_' || r == '\'' || r == ',' || r == '.':
			if point || !prevDigit {
				return "", false // a group mark after the decimal one
			}
		default:
			return "", false
		}
		prevDigit = false
	}
	return b.String(), prevDigit
}

// decimalMark is the character that separates a figure's decimals: the
// last of "." and "," when both appear; a lone "," unless three digits
// and nothing else follow each comma (then commas group thousands); a "."
// unless it appears more than once. 0 when there is none, -1 when the
// commas make no sense.
func decimalMark(s string) rune {
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && comma >= 0:
		if comma > dot {
			return ','
		}
		return '.'
	case comma >= 0:
		for _, part := range strings.Split(s, ",")[1:] {
			if len(part) != 3 || strings.Trim(part, "0123456789") != "" {
				if strings.Count(s, ",") == 1 {
					return ','
				}
				return -1 // several commas, not all of them groups: not a figure
			}
		}
		if strings.HasPrefix(s, "0,") {
			return ',' // "0,500" is a half, not five hundred
		}
		return 0
	case dot >= 0 && strings.Count(s, ".") == 1:
		return '.'
	}
	return 0
}

// FormatFigure writes v as a target or actual is shown: at most three
// decimals, no trailing zeros, dec as the decimal separator, no grouping
// ("40000", "4.5"). A percentage is written from its hundreds (4.5 for
// 4.5%) by the caller.
func FormatFigure(v float64, dec string) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", dec, 1)
}

// Show is the target as the review shows it, in a language's figures
// (dec separates decimals, group thousands): a number with its unit after
// it, a percentage, or the words as written. A "+" written before a
// number stays: "+20%" is a rise, not a level.
func (t Target) Show(unit, dec, group string) string {
	plus := ""
	if strings.HasPrefix(strings.TrimSpace(t.Text), "+") && t.Value > 0 {
		plus = "+"
	}
	switch t.Kind {
	case TargetPercent:
		return plus + FormatFigure(t.Value*100, dec) + "%"
	case TargetNumber:
		s := plus + GroupFigure(FormatFigure(t.Value, dec), group)
		if unit != "" {
			s += " " + unit
		}
		return s
	}
	return t.Text
}

// ShowActual is an actual as the review shows it against target t: a
// number in the target's kind (a percentage, or with the unit), in a
// language's figures as Show writes them; else the text entered, cut to
// 200 characters.
func ShowActual(actual string, v float64, hasValue bool, t Target, unit, dec, group string) string {
	if !hasValue {
		return ShortText(strings.TrimSpace(actual), 200)
	}
	kind := TargetNumber
	if t.Kind == TargetPercent {
		kind = TargetPercent
	}
	return Target{Value: v, Kind: kind}.Show(unit, dec, group)
}

// GroupFigure puts group between the thousands of a figure's whole part
// when it has five digits or more ("38000" → "38 000"; "1500" stays), as
// Russian and English style guides both allow.
func GroupFigure(s, group string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if whole < 0 {
		whole = len(s)
	}
	if whole < 5 || group == "" {
		return sign + s
	}
	var b strings.Builder
	for i := 0; i < whole; i++ {
		if i > 0 && (whole-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteByte(s[i])
	}
	return sign + b.String() + s[whole:]
}

// ShowShare writes a share as a percentage with at most one decimal,
// rounded half up ("87.5%"), dec as the decimal separator; shares beyond
// a million percent are written as that.
func ShowShare(v float64, dec string) string {
	tenths := int64(math.Floor(min(max(v, -1e4), 1e4)*1000 + 0.5))
	s := strconv.FormatInt(tenths/10, 10)
	if f := tenths % 10; f != 0 {
		if f < 0 {
			f = -f
		}
		s += dec + strconv.FormatInt(f, 10)
	}
	return s + "%"
}

// MonthTarget is the objective's target in month i of the plan, 0 being
// its first: targets[i] when the spec gives targets, else target.
func (o *ObjectiveSpec) MonthTarget(i int) Target {
	if i >= 0 && i < len(o.Targets) {
		return o.Targets[i]
	}
	return ParseTarget(o.Target)
}

// TargetText is the objective's targets as the Strategy and show state
// them, as written: target with its unit, then the months' targets, if
// any, in parentheses ("5% (4% / 4.5% / 5%)", "40 000 followers (35 000 /
// 40 000 / 45 000)"), or the months' alone ("10000 / 12000 / 15000
// followers").
func (o *ObjectiveSpec) TargetText() string {
	withUnit := func(s string, kind TargetKind) string {
		if kind == TargetNumber && o.Unit != "" {
			return s + " " + o.Unit
		}
		return s
	}
	base := withUnit(o.Target, ParseTarget(o.Target).Kind)
	if len(o.Targets) == 0 {
		return base
	}
	texts := make([]string, len(o.Targets))
	for i, t := range o.Targets {
		texts[i] = t.Text
	}
	months := strings.Join(texts, " / ")
	if base == "" {
		return withUnit(months, o.Targets[0].Kind)
	}
	return base + " (" + months + ")"
}

// MonthIndex is how many months after from's month d's month is: 0 in
// the same month, negative before it.
func MonthIndex(from, d Date) int {
	y0, m0, _ := from.YMD()
	y, m, _ := d.YMD()
	return (y-y0)*12 + int(m) - int(m0)
}

// Reached is the share of its target an actual value reaches, when the
// target is a number above 0 (docs/spec.md, "How targets are read").
func Reached(t Target, actual float64) (float64, bool) {
	if !t.Numeric() || !(t.Value > 0) {
		return 0, false
	}
	return actual / t.Value, true
}

// ShortText cuts s to at most n characters, with "…" for what is left
// out: a meeting's description and a terminal line quote a long decision
// in part.
func ShortText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max(n-1, 0)])) + "…"
}
