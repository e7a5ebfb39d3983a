package mix

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		weights []float64
		want    []int
	}{
		{"empty", 5, nil, []int{}},
		{"zero units", 0, []float64{1, 2}, []int{0, 0}},
		{"exact", 9, []float64{1, 1, 1}, []int{3, 3, 3}},
		{"largest remainder", 10, []float64{3, 1}, []int{8, 2}},
		{"tie goes first", 1, []float64{1, 1}, []int{1, 0}},
		{"thirds", 10, []float64{1, 1, 1}, []int{4, 3, 3}},
		{"fractional weights", 7, []float64{0.5, 0.25, 0.25}, []int{3, 2, 2}},
		{"zero weight gets nothing", 5, []float64{0, 1}, []int{0, 5}},
		{"all zero counts as equal", 4, []float64{0, 0}, []int{2, 2}},
		{"nan ignored", 3, []float64{math.NaN(), 1}, []int{0, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Apportion(tt.n, tt.weights)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Apportion(%d, %v) = %v, want %v", tt.n, tt.weights, got, tt.want)
			}
		})
	}
}

func TestIsBorrowed(t *testing.T) {
	tests := []struct {
		bp   int
		n    int
		want string // B for borrowed, . for own
	}{
		{3000, 10, "...B..B..B"},
		{2000, 10, "....B....B"},
		{5000, 6, ".B.B.B"},
		{0, 4, "...."},
		{2900, 100, ""}, // checked by total below: floor(0.29·100) = 29, not 28
	}
	for _, tt := range tests {
		got, b := "", 0
		for k := 1; k <= tt.n; k++ {
			if IsBorrowed(tt.bp, k) {
				got += "B"
				b++
			} else {
				got += "."
			}
			if b > floorBP(tt.bp, k) {
				t.Fatalf("cap %d: %d borrowed after %d posts", tt.bp, b, k)
			}
		}
		if tt.want != "" && got != tt.want {
			t.Errorf("cap %d: %s, want %s", tt.bp, got, tt.want)
		}
		if b != BorrowedTotal(tt.bp, tt.n) {
			t.Errorf("cap %d, %d posts: %d borrowed, BorrowedTotal says %d", tt.bp, tt.n, b, BorrowedTotal(tt.bp, tt.n))
		}
	}
	if got := BorrowedTotal(2900, 100); got != 29 {
		t.Errorf("BorrowedTotal(29%%, 100) = %d, want 29", got)
	}
}

func TestFormatTargets(t *testing.T) {
	tests := []struct {
		name       string
		n, b       int
		weights    []float64
		borrowable []bool
		want       []int
	}{
		{"feasible as is", 10, 3, []float64{3, 1}, []bool{true, false}, []int{8, 2}},
		{"moved to borrowable", 10, 3, []float64{1, 9}, []bool{true, false}, []int{3, 7}},
		{"two borrowable share the move", 20, 6, []float64{1, 1, 8}, []bool{true, true, false}, []int{3, 3, 14}},
		{"none borrowable", 10, 3, []float64{1, 1}, []bool{false, false}, []int{5, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatTargets(tt.n, tt.b, tt.weights, tt.borrowable)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSequencer deals random targets with a borrowed pattern and checks
// that targets are met exactly, restricted items only take restricted
// kinds, and no kind runs longer than its share forces.
func TestSequencer(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		kinds := 1 + r.IntN(5)
		weights := make([]float64, kinds)
		borrowable := make([]bool, kinds)
		anyB := false
		for i := range weights {
			weights[i] = float64(1 + r.IntN(10))
			borrowable[i] = r.IntN(3) > 0
			anyB = anyB || borrowable[i]
		}
		n := r.IntN(300)
		bp := 2000 + r.IntN(3001)
		b := BorrowedTotal(bp, n)
		if !anyB {
			b = 0
		}
		targets := FormatTargets(n, b, weights, borrowable)
		s := NewSequencer(targets, borrowable, b)
		count := make([]int, kinds)
		for k := 1; k <= n; k++ {
			borrowed := anyB && IsBorrowed(bp, k)
			i := s.Next(borrowed)
			if i < 0 {
				t.Fatalf("no kind for item %d of %d (targets %v)", k, n, targets)
			}
			if borrowed && !borrowable[i] {
				t.Fatalf("borrowed item %d took unrestricted kind %d (targets %v, borrowable %v)", k, i, targets, borrowable)
			}
			count[i]++
		}
		if !slices.Equal(count, targets) {
			t.Fatalf("counts %v, targets %v", count, targets)
		}
	}
}

// TestSequencerSpreads checks the no-clustering promise: at every prefix k
// each kind's count stays within 1.5 of its pro-rata target·k/n, so no kind
// runs longer than about 2n/(n−target) in a row.
func TestSequencerSpreads(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		targets := make([]int, 1+r.IntN(6))
		n := 0
		for i := range targets {
			targets[i] = r.IntN(80)
			n += targets[i]
		}
		s := NewSequencer(targets, nil, 0)
		count := make([]int, len(targets))
		for k := 1; k <= n; k++ {
			count[s.Next(false)]++
			for i, tg := range targets {
				if d := math.Abs(float64(count[i]) - float64(tg*k)/float64(n)); d > 1.5 {
					t.Fatalf("targets %v: after %d items kind %d has %d, pro rata %.2f", targets, k, i, count[i], float64(tg*k)/float64(n))
				}
			}
		}
	}
}

func TestTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := range 3000 {
		rows := 1 + r.IntN(30)
		if iter%100 == 0 {
			rows = 400
		}
		cols := r.IntN(7)
		counts := make([]int, rows)
		for i := range counts {
			counts[i] = r.IntN(200)
		}
		weights := make([]float64, cols)
		for i := range weights {
			weights[i] = float64(1+r.IntN(9)) / float64(1+r.IntN(3))
		}
		got := Table(counts, weights)
		checkTable(t, counts, weights, got)
	}
}

func checkTable(t *testing.T, counts []int, weights []float64, got [][]int) {
	t.Helper()
	total := 0.0
	for _, w := range weights {
		total += w
	}
	colShare := make([]float64, len(weights))
	colGot := make([]int, len(weights))
	for r, n := range counts {
		sum := 0
		for i, w := range weights {
			share := float64(n) * w / total
			colShare[i] += share
			colGot[i] += got[r][i]
			if float64(got[r][i]) < math.Floor(share+1e-9) || float64(got[r][i]) > math.Ceil(share-1e-9) {
				t.Fatalf("row %d (n=%d) col %d: %d for share %.4f (weights %v)", r, n, i, got[r][i], share, weights)
			}
			sum += got[r][i]
		}
		if len(weights) > 0 && sum != n {
			t.Fatalf("row %d sums to %d, want %d", r, sum, n)
		}
	}
	for i := range weights {
		if float64(colGot[i]) < math.Floor(colShare[i]+1e-6) || float64(colGot[i]) > math.Ceil(colShare[i]-1e-6) {
			t.Fatalf("column %d: %d for share %.4f (counts %v, weights %v)", i, colGot[i], colShare[i], counts, weights)
		}
	}
}

func BenchmarkTable(b *testing.B) {
	counts := make([]int, 900)
	for i := range counts {
		counts[i] = 1095 + i%7
	}
	weights := []float64{3, 2, 2, 1, 1, 1}
	b.ReportAllocs()
	for b.Loop() {
		Table(counts, weights)
	}
}
