package calendar

import (
	"math"
	"testing"
)

func TestParseFigure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		v       float64
		percent bool
		ok      bool
	}{
		{"300", 300, false, true},
		{" 40 000 ", 40000, false, true},
		{"40\u00a0000", 40000, false, true},
		{"1\u202f234\u202f567", 1234567, false, true},
		{"1,500", 1500, false, true},
		{"1,234,567", 1234567, false, true},
		{"1.234.567", 1234567, false, true},
		{"4,5", 4.5, false, true},
		{"0,500", 0.5, false, true},
		{"1,50", 1.5, false, true},
		{"1.5", 1.5, false, true},
		{"1.234,5", 1234.5, false, true},
		{"1,234.5", 1234.5, false, true},
		{"10_000", 10000, false, true},
		{"4%", 0.04, true, true},
		{"4,5 %", 0.045, true, true},
		{"+20%", 0.2, true, true},
		{"- 5", -5, false, true},
		{"150%", 1.5, true, true},
		{"", 0, false, false},
		{"%", 0, false, false},
		{"lots", 0, false, false},
		{"2000 hours", 0, false, false},
		{"1e5", 0, false, false},
		{"Inf", 0, false, false},
		{"NaN", 0, false, false},
		{"0x10", 0, false, false},
		{"1,2,3", 0, false, false},
		{"1.2,3.4", 0, false, false},
		{",5", 0, false, false},
		{"5,", 0, false, false},
		{"5 ", 5, false, true},
		{"1 000 000 000 000 000", 0, false, false}, // beyond a spreadsheet's exact digits
		{"4%%", 0, false, false},
	} {
		v, pct, ok := ParseFigure(tc.in)
		if ok != tc.ok || ok && (pct != tc.percent || v != tc.v) {
			t.Errorf("ParseFigure(%q) = %v, %t, %t; want %v, %t, %t", tc.in, v, pct, ok, tc.v, tc.percent, tc.ok)
		}
	}
}

func TestFormatFigure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v    float64
		dec  string
		want string
	}{{40000, ".", "40000"}, {4.5, ",", "4,5"}, {0.1 + 0.2, ".", "0.3"}, {-0.0001, ".", "0"}, {2.12345, ".", "2.123"}} {
		if got := FormatFigure(tc.v, tc.dec); got != tc.want {
			t.Errorf("FormatFigure(%v, %q) = %q, want %q", tc.v, tc.dec, got, tc.want)
		}
	}
	if got := NumberTarget(0.045, true); got.Text != "4.5%" || got.Kind != TargetPercent {
		t.Errorf("NumberTarget = %+v", got)
	}
}

func TestReviewedObjectives(t *testing.T) {
	t.Parallel()
	p := &Plan{Goals: []GoalSpec{
		{Objectives: []ObjectiveSpec{{ID: "reach", What: "grow"}, {KPI: "ER", What: "talk"}, {What: "hire"}, {}}},
		{Objectives: []ObjectiveSpec{{KPI: " ER "}, {ID: "reach"}}},
	}}
	var got [][2]string
	for _, r := range p.ReviewedObjectives() {
		got = append(got, [2]string{r.Key, r.Label})
	}
	want := [][2]string{{"reach", "reach"}, {"kpi: ER", "talk"}, {"what: hire", "hire"}, {"kpi: ER #2", "ER"}, {"reach #2", "reach"}}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("objective %d: %q, want %q", i, got[i], want[i])
		}
	}
}

func TestReached(t *testing.T) {
	t.Parallel()
	if r, ok := Reached(ParseTarget("4%"), 0.05); !ok || r != 1.25 {
		t.Errorf("Reached = %v, %t", r, ok)
	}
	for _, s := range []string{"0", "-10", "a lot"} {
		if _, ok := Reached(ParseTarget(s), 5); ok {
			t.Errorf("Reached of a target %q", s)
		}
	}
	if MonthIndex(MakeDate(2027, 11, 5), MakeDate(2028, 2, 1)) != 3 || MonthIndex(MakeDate(2027, 3, 5), MakeDate(2027, 1, 1)) != -2 {
		t.Error("MonthIndex")
	}
	f := &Facts{KPIs: []KPIFact{{Objective: "a", Month: MakeDate(2027, 2, 1), Actual: "5"}}}
	if f.KPI("a", MakeDate(2027, 2, 17)) == nil || f.KPI("a", MakeDate(2027, 3, 1)) != nil || (*Facts)(nil).KPI("a", 0) != nil {
		t.Error("Facts.KPI")
	}
}

func TestTargetText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		o    ObjectiveSpec
		want string
	}{
		{ObjectiveSpec{Target: "300"}, "300"},
		{ObjectiveSpec{Target: "2000", Unit: "hours"}, "2000 hours"},
		{ObjectiveSpec{Target: "4%", Unit: "x"}, "4%"},
		{ObjectiveSpec{Target: "a lot", Unit: "x"}, "a lot"},
		{ObjectiveSpec{Targets: []Target{NumberTarget(10, false), NumberTarget(12, false)}, Unit: "k"}, "10 / 12 k"},
		{ObjectiveSpec{Target: "5%", Targets: []Target{ParseTarget("4%"), ParseTarget("4,5%")}}, "5% (4% / 4,5%)"},
		{ObjectiveSpec{}, ""},
	} {
		if got := tc.o.TargetText(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.o, got, tc.want)
		}
	}
}

func TestShow(t *testing.T) {
	t.Parallel()
	pct, num := ParseTarget("4%"), ParseTarget("40 000")
	for _, tc := range []struct{ got, want string }{
		{num.Show("views", ",", "\u00a0"), "40\u00a0000 views"},
		{num.Show("", ".", ","), "40,000"},
		{ParseTarget("1500").Show("", ".", ","), "1500"},
		{ParseTarget("-123456.5").Show("", ",", " "), "-123 456,5"},
		{pct.Show("views", ",", " "), "4%"},
		{ParseTarget("4,5 %").Show("", ".", ","), "4.5%"},
		{ParseTarget(" +20%").Show("", ".", ","), "+20%"},
		{ParseTarget("+12000").Show("new", ".", ","), "+12,000 new"},
		{ParseTarget("a lot").Show("views", ".", ","), "a lot"},
		{ShowActual("0.045", 0.045, true, pct, "", ",", " "), "4,5%"},
		{ShowActual("38000", 38000, true, num, "views", ".", ","), "38,000 views"},
		{ShowActual("38000", 38000, true, ParseTarget("a lot"), "views", ".", ","), "38,000 views"},
		{ShowActual(" grew ", 0, false, num, "views", ".", ","), "grew"},
		{ShowShare(0.875, ","), "87,5%"},
		{ShowShare(1.12499, "."), "112.5%"},
		{ShowShare(0.8, "."), "80%"},
		{ShowShare(-0.25, "."), "-25%"},
		{ShowShare(1e300, "."), "1000000%"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

// FuzzParseFigure: any text reads as a finite figure or as none, and a
// figure written back by FormatFigure reads as itself.
func FuzzParseFigure(f *testing.F) {
	for _, s := range []string{"300", "40 000", "4,5%", "1,500", "1.234,5", "+20%", "-5", "lots", "1e5", "0,500", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, pct, ok := ParseFigure(s)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= maxFigure {
			t.Fatalf("ParseFigure(%q) = %v", s, v)
		}
		if !pct {
			if w, _, ok := ParseFigure(FormatFigure(v, ".")); !ok || math.Abs(w-math.Round(v*1000)/1000) > 1e-6*math.Max(1, math.Abs(v)) {
				t.Fatalf("%q: %v written as %q reads as %v", s, v, FormatFigure(v, "."), w)
			}
		}
		_ = ParseTarget(s).Show("u", ",", " ")
	})
}
