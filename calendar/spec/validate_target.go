package spec

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// targetWant is what a target in targets may be, for messages.
const targetWant = `a number, or a percentage like "5%"`

// objectiveTargets reads an objective's target, unit and targets
// (docs/spec.md, "How targets are read"): target is a number or any
// text; targets one number or percentage per month of the plan (its
// count is checked when the plan's dates are valid); unit names what the
// numbers count, so it needs some number that is no percentage.
func (c *checker) objectiveTargets(o table, ob *calendar.ObjectiveSpec, s *calendar.Spec, st planState) {
	ob.Target = o.targetText()
	target := calendar.ParseTarget(ob.Target)
	if o.has("targets") {
		ob.Targets = c.monthTargets(o, s, st)
	}
	kind, mixed := targetsKind(ob.Targets)
	switch {
	case mixed:
		c.errorAt(o.keyPath("targets"), o.subj.on("targets: mixes percentages and numbers"),
			`write every month's target the same way: all percentages like "5%", or all numbers`)
	case kind != calendar.TargetText && target.Numeric() && target.Kind != kind:
		c.errorAt(o.keyPath("targets"), o.subj.on(fmt.Sprintf("targets are %s, and target %q is %s", kindWords(kind), ob.Target, kindWord(target.Kind))),
			"write target and targets the same way: both percentages, or both numbers")
	}
	unit, ok := o.str("unit")
	if !ok {
		return
	}
	ob.Unit = strings.TrimSpace(unit)
	switch {
	case ob.Unit == "":
	case target.Kind == calendar.TargetPercent || kind == calendar.TargetPercent:
		c.errorAt(o.keyPath("unit"), o.subj.on(fmt.Sprintf("unit %q: the target is a percentage, which needs none", unit)),
			"remove unit: the percentage says what it counts")
	case target.Kind == calendar.TargetNumber || kind == calendar.TargetNumber:
	case ob.Target != "":
		c.errorAt(o.keyPath("unit"), o.subj.on(fmt.Sprintf("unit %q: target %q is not a number to count in it", unit, ob.Target)),
			fmt.Sprintf("write the number alone: target = 2000 and unit = %q", ob.Unit))
	default:
		c.errorAt(o.keyPath("unit"), o.subj.on(fmt.Sprintf("unit %q: no target to count in it", unit)),
			"add target = … or targets = […], or remove unit")
	}
}

// targetText is the target as written: a string, or a number's text (a
// target of 5000 is as good as "5000").
func (t table) targetText() string {
	v, ok := t.m["target"]
	if !ok {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if f, ok := toNumber(x); ok {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	t.wrongType(t.keyPath("target"), "target", v, "a number or a string", `write target = 300, target = "4%" or target = "…"`)
	return ""
}

// monthTargets reads targets: one number or percentage per month of the
// plan, each checked; nil when any is wrong.
func (c *checker) monthTargets(o table, s *calendar.Spec, st planState) []calendar.Target {
	path := o.keyPath("targets")
	arr, ok := o.m["targets"].([]any)
	if !ok {
		o.wrongType(path, "targets", o.m["targets"], "an array", "write targets = [10000, 12000, 15000], one per month of the plan")
		return nil
	}
	out := make([]calendar.Target, 0, len(arr))
	bad := false
	for i, e := range arr {
		p := calendar.IndexPath(path, i+1)
		key := fmt.Sprintf("targets[%d]", i+1)
		t, ok := monthTarget(e)
		switch {
		case ok:
			out = append(out, t)
			continue
		case isText(e):
			c.errorAt(p, o.subj.on(fmt.Sprintf("%s %q: not a number", key, e)),
				`each month's target is a number, or a percentage like "5%"; words go in target`)
		default:
			o.wrongType(p, key, e, targetWant)
		}
		bad = true
	}
	if st.dates {
		first, last := s.Plan.Start.FirstOfMonth(), s.Plan.End.FirstOfMonth()
		if n := calendar.MonthIndex(first, last) + 1; len(arr) != n {
			c.errorAt(path, o.subj.on(fmt.Sprintf("targets: %d for the plan's %s (%s to %s)", len(arr), plural(n, "month"), monthText(first), monthText(last))),
				fmt.Sprintf("give %s, one per month, the plan's first month first", plural(n, "target")))
			bad = true
		}
	}
	if bad {
		return nil
	}
	return out
}

// monthTarget reads one element of targets.
func monthTarget(e any) (calendar.Target, bool) {
	if s, ok := e.(string); ok {
		t := calendar.ParseTarget(s)
		return t, t.Numeric()
	}
	if f, ok := toNumber(e); ok {
		return calendar.NumberTarget(f, false), true
	}
	return calendar.Target{}, false
}

func isText(v any) bool { _, ok := v.(string); return ok }

// targetsKind is the kind every target of ts has (TargetText for none),
// and whether they mix kinds.
func targetsKind(ts []calendar.Target) (calendar.TargetKind, bool) {
	kind := calendar.TargetText
	for _, t := range ts {
		if kind != calendar.TargetText && t.Kind != kind {
			return kind, true
		}
		kind = t.Kind
	}
	return kind, false
}

func kindWord(k calendar.TargetKind) string {
	if k == calendar.TargetPercent {
		return "a percentage"
	}
	return "a number"
}

func kindWords(k calendar.TargetKind) string {
	if k == calendar.TargetPercent {
		return "percentages"
	}
	return "numbers"
}

// monthText writes a month as docs/spec.md does: 2027-04.
func monthText(d calendar.Date) string { return d.String()[:7] }
