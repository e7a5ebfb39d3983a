package spec

import (
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
)

// objective is a spec of a quarter (three months) whose one objective has
// the lines given, from line 9 on.
func objective(lines string) string {
	return plan("", tg) + "[[goal]]\n[[goal.objective]]\nid = \"reach\"\n" + lines
}

// TestTargets reads target, unit and targets as docs/spec.md, "How targets
// are read", says.
func TestTargets(t *testing.T) {
	t.Parallel()
	num := func(v float64) calendar.Target { return calendar.Target{Kind: calendar.TargetNumber, Value: v} }
	pct := func(v float64) calendar.Target { return calendar.Target{Kind: calendar.TargetPercent, Value: v} }
	words := calendar.Target{Kind: calendar.TargetText}
	for _, tc := range []struct {
		name, lines string
		target      string // Target as kept
		unit        string
		months      [3]calendar.Target // MonthTarget(0..2), text left out
	}{
		{"a TOML number", "target = 5000\n", "5000", "", [3]calendar.Target{num(5000), num(5000), num(5000)}},
		{"a float", "target = 2.5\n", "2.5", "", [3]calendar.Target{num(2.5), num(2.5), num(2.5)}},
		{"grouped by a space", "target = \"40 000\"\n", "40 000", "", [3]calendar.Target{num(40000), num(40000), num(40000)}},
		{"a percentage", "target = \"4,5%\"\n", "4,5%", "", [3]calendar.Target{pct(0.045), pct(0.045), pct(0.045)}},
		{"words stay words", "target = \"250000 per quarter\"\n", "250000 per quarter", "", [3]calendar.Target{words, words, words}},
		{"with a unit", "target = 2000\nunit = \"hours\"\n", "2000", "hours", [3]calendar.Target{num(2000), num(2000), num(2000)}},
		{"per month", "targets = [10000, \"12 000\", 15000.5]\nunit = \" followers \"\n", "", "followers",
			[3]calendar.Target{num(10000), num(12000), num(15000.5)}},
		{"per month, as percentages", "target = \"5%\"\ntargets = [\"4%\", \"4.5%\", \"5 %\"]\n", "5%", "",
			[3]calendar.Target{pct(0.04), pct(0.045), pct(0.05)}},
		{"words for the quarter, numbers per month", "target = \"100 a quarter\"\ntargets = [30, 30, 40]\n", "100 a quarter", "",
			[3]calendar.Target{num(30), num(30), num(40)}},
		{"an empty unit is none", "target = \"4%\"\nunit = \"\"\n", "4%", "", [3]calendar.Target{pct(0.04), pct(0.04), pct(0.04)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := mustParse(t, objective(tc.lines)).Goals[0].Objectives[0]
			if o.Target != tc.target || o.Unit != tc.unit {
				t.Errorf("target %q, unit %q; want %q, %q", o.Target, o.Unit, tc.target, tc.unit)
			}
			for i, want := range tc.months {
				got := o.MonthTarget(i)
				if got.Kind != want.Kind || got.Value != want.Value {
					t.Errorf("month %d: %+v, want %+v", i, got, want)
				}
			}
		})
	}
}

// TestTargetErrors: every mistake in a target is said at its place, with
// a hint, all at once.
func TestTargetErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, lines string
		want        []string
	}{
		{"too few months", "targets = [1, 2]\n",
			[]string{`plan.toml:13:11: objective "reach": targets: 2 for the plan's 3 months (2027-01 to 2027-03)`, `hint: give 3 targets, one per month, the plan's first month first`}},
		{"too many months", "targets = [1, 2, 3, 4]\n",
			[]string{`targets: 4 for the plan's 3 months`}},
		{"words in targets", "targets = [1, \"lots\", 3]\n",
			[]string{`plan.toml:13:15: objective "reach": targets[2] "lots": not a number`, `hint: each month's target is a number, or a percentage like "5%"; words go in target`}},
		{"a boolean in targets", "targets = [1, 2, true]\n",
			[]string{`plan.toml:13:18: objective "reach": targets[3]: want a number, or a percentage like "5%", got boolean true`}},
		{"targets not an array", "targets = 5\n",
			[]string{`objective "reach": targets: want an array, got integer 5`, `hint: write targets = [10000, 12000, 15000], one per month of the plan`}},
		{"mixed kinds", "targets = [1, \"2%\", 3]\n",
			[]string{`objective "reach": targets: mixes percentages and numbers`}},
		{"target and targets differ", "target = \"5%\"\ntargets = [1, 2, 3]\n",
			[]string{`objective "reach": targets are numbers, and target "5%" is a percentage`}},
		{"a unit for a percentage", "target = \"5%\"\nunit = \"%\"\n",
			[]string{`plan.toml:14:8: objective "reach": unit "%": the target is a percentage, which needs none`}},
		{"a unit for words", "target = \"2000 hours\"\nunit = \"hours\"\n",
			[]string{`objective "reach": unit "hours": target "2000 hours" is not a number to count in it`, `hint: write the number alone: target = 2000 and unit = "hours"`}},
		{"a unit and no target", "unit = \"hours\"\n",
			[]string{`objective "reach": unit "hours": no target to count in it`}},
		{"a target of the wrong type", "target = true\n",
			[]string{`objective "reach": target: want a number or a string, got boolean true`}},
		{"a unit of the wrong type", "target = 5\nunit = 5\n",
			[]string{`objective "reach": unit: want a string, got integer 5`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := parseErr(t, objective(tc.lines))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("got\n%s\nwant it to say\n%s", got, w)
				}
			}
		})
	}
}

// TestTargetsWithBadDates: without valid dates the months cannot be
// counted, and only the dates are wrong.
func TestTargetsWithBadDates(t *testing.T) {
	t.Parallel()
	src := strings.Replace(objective("targets = [1, 2]\n"), "end = 2027-03-31", "end = \"soon\"", 1)
	got := parseErr(t, src)
	if strings.Contains(got, "targets") || !strings.Contains(got, "plan.end") {
		t.Errorf("got\n%s", got)
	}
}
