package mix

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestAssigner(t *testing.T) {
	type item struct{ kind, period int }
	tests := []struct {
		name     string
		capacity []int
		eligible [][]int
		items    []item
		want     []int
	}{
		{name: "alternates", capacity: []int{0, 0}, eligible: [][]int{{0, 1}},
			items: []item{{0, 0}, {0, 0}, {0, 0}, {0, 1}}, want: []int{0, 1, 0, 1}},
		{name: "capacity per period", capacity: []int{1, 1}, eligible: [][]int{{0, 1}},
			items: []item{{0, 0}, {0, 0}, {0, 0}, {0, 1}, {0, 1}}, want: []int{0, 1, Full, 0, 1}},
		{name: "nobody eligible", capacity: []int{0}, eligible: [][]int{{0}, nil},
			items: []item{{1, 0}, {0, 0}, {5, 0}}, want: []int{NoneWanted, 0, NoneWanted}},
		{name: "a narrow worker is caught up", capacity: []int{0, 0}, eligible: [][]int{{0, 1}, {1}},
			items: []item{{1, 0}, {1, 0}, {0, 0}, {0, 0}, {0, 0}}, want: []int{1, 1, 0, 0, 0}},
		{name: "tie on totals goes to the lighter period", capacity: []int{0, 0}, eligible: [][]int{{0, 1}},
			items: []item{{0, 1}, {0, 0}, {0, 1}}, want: []int{0, 1, 1}},
		{name: "periods clamp", capacity: []int{1}, eligible: [][]int{{0}},
			items: []item{{0, -4}, {0, 0}, {0, 99}}, want: []int{0, Full, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAssigner(tt.capacity, tt.eligible, 2)
			var got []int
			for _, it := range tt.items {
				got = append(got, a.Assign(it.kind, it.period))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Workers of one eligibility and capacity stay within one item of each
// other while none is full; nobody exceeds capacity; an item is refused
// only when every eligible worker is full.
func TestAssignerProperties(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		kinds, workers, periods := 1+r.IntN(4), 1+r.IntN(6), 1+r.IntN(10)
		capacity := make([]int, workers)
		elig := make([]uint, workers) // bit k: eligible for kind k
		eligible := make([][]int, kinds)
		for j := range workers {
			if r.IntN(3) > 0 {
				capacity[j] = 1 + r.IntN(8)
			}
			elig[j] = uint(r.IntN(1<<kinds)) | 1<<r.IntN(kinds)
			if j > 0 && r.IntN(2) == 0 {
				capacity[j], elig[j] = capacity[j-1], elig[j-1]
			}
			for k := range kinds {
				if elig[j]&(1<<k) != 0 {
					eligible[k] = append(eligible[k], j)
				}
			}
		}
		a := NewAssigner(capacity, eligible, periods)
		load := make([][]int, workers)
		for j := range load {
			load[j] = make([]int, periods)
		}
		total := make([]int, workers)
		full := make([]bool, workers)
		for range 20 + r.IntN(300) {
			k, p := r.IntN(kinds), r.IntN(periods)
			j := a.Assign(k, p)
			switch {
			case j == Full:
				for _, w := range eligible[k] {
					if capacity[w] == 0 || load[w][p] < capacity[w] {
						t.Fatalf("seed %d: refused while worker %d had room", seed, w)
					}
				}
				continue
			case j == NoneWanted:
				if len(eligible[k]) > 0 {
					t.Fatalf("seed %d: nobody wanted for kind %d, which has workers", seed, k)
				}
				continue
			case j < 0:
				t.Fatalf("seed %d: %d for kind %d", seed, j, k)
			case elig[j]&(1<<k) == 0:
				t.Fatalf("seed %d: worker %d is not eligible for kind %d", seed, j, k)
			}
			load[j][p]++
			total[j]++
			if capacity[j] > 0 {
				if load[j][p] > capacity[j] {
					t.Fatalf("seed %d: worker %d over capacity", seed, j)
				}
				full[j] = full[j] || load[j][p] == capacity[j]
			}
			for x := range workers {
				for y := range workers {
					if capacity[x] == capacity[y] && elig[x] == elig[y] && !full[x] && !full[y] && total[x]-total[y] > 1 {
						t.Fatalf("seed %d: like workers %d and %d carry %d and %d", seed, x, y, total[x], total[y])
					}
				}
			}
		}
	}
}
