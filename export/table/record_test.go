package table

import (
	"math"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export/internal/testutil"
)

func TestFormatCost(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1500, "1500"},
		{12.5, "12.5"},
		{1e7, "10000000"},
		{1.0 / 3, "0.3333333333333333"},
		{math.NaN(), "0"},
		{math.Inf(1), "0"},
	} {
		if got := formatCost(tc.in); got != tc.want {
			t.Errorf("formatCost(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWritersStopOnError checks that a failing destination stops the run
// early instead of producing (and discarding) the whole schedule.
func TestWritersStopOnError(t *testing.T) {
	t.Parallel()
	for name, write := range map[string]func(*testutil.FailWriter, *calendar.Plan) error{
		"csv":  func(w *testutil.FailWriter, p *calendar.Plan) error { return WriteCSV(w, p) },
		"json": func(w *testutil.FailWriter, p *calendar.Plan) error { return WriteJSON(w, p) },
	} {
		t.Run(name, func(t *testing.T) {
			pulled := 0
			err := write(&testutil.FailWriter{N: 1000}, testutil.ManyPosts(1_000_000, &pulled))
			if err == nil {
				t.Fatal("no error from a failing writer")
			}
			if pulled > 10_000 {
				t.Errorf("pulled %d posts after the writer failed", pulled)
			}
		})
	}
}
