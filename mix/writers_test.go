package mix

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

// countAndReplay runs a Counter over items, then the Quotas' Assigner over
// the same items, and returns the replay's picks and the quotas.
func countAndReplay(capacity []int, eligible [][]int, periods int, items [][2]int) ([]int, *Quotas) {
	c := NewCounter(capacity, eligible, periods)
	for _, it := range items {
		c.Assign(it[0], it[1])
	}
	q := c.Quotas()
	a := q.Assigner()
	got := make([]int, len(items))
	for i, it := range items {
		got[i] = a.Assign(it[0], it[1])
	}
	return got, q
}

func TestQuotas(t *testing.T) {
	type item = [2]int // kind, period
	tests := []struct {
		name       string
		capacity   []int
		eligible   [][]int
		items      []item
		want       []int
		unassigned int
	}{
		// The greedy gives the wide worker 0 both kind-0 items, then
		// the kind-1 item only worker 0 may take finds them full;
		// the quotas move a kind-0 item to worker 1.
		{name: "a wide worker and a specialist", capacity: []int{2, 2}, eligible: [][]int{{0, 1}, {0}},
			items: []item{{0, 0}, {0, 0}, {0, 0}, {1, 0}}, want: []int{0, 1, 1, 0}},
		{name: "the greedy's own result where nothing is short", capacity: []int{2, 2}, eligible: [][]int{{0, 1}, {0}},
			items: []item{{0, 0}, {0, 0}, {1, 0}}, want: []int{0, 1, 0}},
		{name: "a chain of hand-overs", capacity: []int{1, 1, 1}, eligible: [][]int{{0, 1}, {1, 2}, {0}},
			// greedy: k0→0, k1→1, k2 Full; max: k0→1, k1→2, k2→0
			items: []item{{0, 0}, {1, 0}, {2, 0}}, want: []int{1, 2, 0}},
		{name: "short for real", capacity: []int{1, 1}, eligible: [][]int{{0, 1}, {0}},
			// the greedy places two, as many as capacity allows: the
			// quotas keep them
			items: []item{{0, 0}, {0, 0}, {0, 0}, {1, 0}}, want: []int{0, 1, Full, Full}, unassigned: 2},
		{name: "the greedy was a maximum", capacity: []int{1, 1}, eligible: [][]int{{0, 1}, {0}},
			items: []item{{0, 0}, {0, 0}, {1, 0}}, want: []int{0, 1, Full}, unassigned: 1},
		{name: "periods apart", capacity: []int{1, 5}, eligible: [][]int{{0, 1}, {0}},
			items: []item{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, want: []int{1, 1, 0, 0}},
		{name: "nobody eligible", capacity: []int{1}, eligible: [][]int{{0}, nil},
			items: []item{{1, 0}, {0, 0}}, want: []int{NoneWanted, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, q := countAndReplay(tt.capacity, tt.eligible, 2, tt.items)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			un := 0
			for _, s := range q.Shortages() {
				for _, n := range s.Unassigned {
					un += n
				}
			}
			if un != tt.unassigned {
				t.Errorf("Shortages count %d unassigned, want %d", un, tt.unassigned)
			}
		})
	}
}

// The shortage names the full workers and the kinds they hold, and adds up.
func TestShortages(t *testing.T) {
	// Worker 0 takes kinds 0 and 1, worker 1 only kind 1, worker 2 only
	// kind 2 (unlimited, not involved). Kind 0 is short: 4 items, and
	// worker 0 (capacity 2) is its only worker, but worker 0 also holds
	// none of kind 1 in the maximum, which worker 1 takes.
	capacity := []int{2, 3, 0}
	eligible := [][]int{{0}, {0, 1}, {2}}
	items := [][2]int{{1, 0}, {1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {2, 0}}
	_, q := countAndReplay(capacity, eligible, 1, items)
	got := fmt.Sprintf("%+v", q.Shortages())
	want := "[{Period:0 Unassigned:[2 0 0] Kinds:[0] Workers:[0] Items:4 Capacity:2}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// With worker 1 at capacity 1, one kind-1 item must stay with worker
	// 0: the cut takes in kind 1 and worker 1.
	capacity[1] = 1
	_, q = countAndReplay(capacity, eligible, 1, items)
	got = fmt.Sprintf("%+v", q.Shortages())
	want = "[{Period:0 Unassigned:[3 0 0] Kinds:[0 1] Workers:[0 1] Items:6 Capacity:3}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// maxPlaced is an independent maximum of the items a period can place
// (the Dinic of table.go over kinds, workers and capacities).
func maxPlaced(capacity []int, eligible [][]int, count []int) int {
	K, W := len(eligible), len(capacity)
	g := newFlow(K + W + 2)
	src, sink := 0, K+W+1
	for k, n := range count {
		g.add(src, 1+k, n)
		for _, j := range eligible[k] {
			g.add(1+k, 1+K+j, n)
		}
	}
	for j, c := range capacity {
		if c <= 0 {
			c = 1 << 30
		}
		g.add(1+K+j, sink, c)
	}
	return g.maxflow(src, sink)
}

// Over random eligibilities, capacities and streams: the replay places as
// many items per period as a maximum flow, keeps to capacity, gives each
// worker exactly their quotas, refuses an item only when every eligible
// worker ends the period full, matches the greedy up to the first period
// it had to augment, and keeps like workers within one item where none is
// ever full; the shortages add up.
func TestQuotasProperties(t *testing.T) {
	augmented, placedMore, balanced := 0, 0, 0
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 2))
		kinds, workers, periods := 1+r.IntN(4), 1+r.IntN(6), 1+r.IntN(6)
		capacity := make([]int, workers)
		elig := make([]uint, workers)
		eligible := make([][]int, kinds)
		for j := range workers {
			if r.IntN(4) > 0 {
				capacity[j] = 1 + r.IntN(6)
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
		items := make([][2]int, 10+r.IntN(150))
		for i := range items {
			items[i] = [2]int{r.IntN(kinds), r.IntN(periods)}
		}
		greedy := NewAssigner(capacity, eligible, periods)
		greedyPicks := make([]int, len(items))
		for i, it := range items {
			greedyPicks[i] = greedy.Assign(it[0], it[1])
		}
		got, q := countAndReplay(capacity, eligible, periods, items)

		count := make([][]int, periods) // per period, per kind
		load := make([][]int, workers)  // per worker, per period
		for p := range count {
			count[p] = make([]int, kinds)
		}
		for j := range load {
			load[j] = make([]int, periods)
		}
		total := make([]int, workers)
		placed := make([]int, periods)
		greedyPlaced := make([]int, periods)
		for i, it := range items {
			k, p := it[0], it[1]
			count[p][k]++
			if greedyPicks[i] >= 0 {
				greedyPlaced[p]++
			}
			switch j := got[i]; {
			case j >= 0:
				if elig[j]&(1<<k) == 0 {
					t.Fatalf("seed %d: worker %d not eligible for kind %d", seed, j, k)
				}
				load[j][p]++
				total[j]++
				placed[p]++
			case j == NoneWanted:
				if len(eligible[k]) > 0 {
					t.Fatalf("seed %d: nobody wanted for kind %d", seed, k)
				}
			}
		}
		firstAugmented := periods
		for p := range periods {
			el := make([][]int, kinds)
			cnt := make([]int, kinds)
			for k := range kinds {
				el[k], cnt[k] = eligible[k], count[p][k]
			}
			if want := maxPlaced(capacity, el, cnt); placed[p] != want {
				t.Fatalf("seed %d period %d: %d placed, a maximum flow places %d", seed, p, placed[p], want)
			}
			if placed[p] > greedyPlaced[p] {
				placedMore++
				firstAugmented = min(firstAugmented, p)
			}
			for j := range workers {
				if capacity[j] > 0 && load[j][p] > capacity[j] {
					t.Fatalf("seed %d: worker %d over capacity in period %d", seed, j, p)
				}
			}
		}
		for i, it := range items {
			k, p := it[0], it[1]
			if got[i] == Full {
				for _, j := range eligible[k] {
					if capacity[j] == 0 || load[j][p] < capacity[j] {
						t.Fatalf("seed %d: kind %d refused in period %d while worker %d had room", seed, k, p, j)
					}
				}
			}
			if p < firstAugmented && got[i] != greedyPicks[i] {
				// Periods come in any order here, so the match holds
				// only while no augmented period came before.
				before := false
				for _, prev := range items[:i] {
					before = before || prev[1] >= firstAugmented
				}
				if !before {
					t.Fatalf("seed %d: item %d differs from the greedy before any augmented period", seed, i)
				}
			}
		}
		if firstAugmented < periods {
			augmented++
		}
		full := make([]bool, workers)
		for j := range workers {
			for p := range periods {
				full[j] = full[j] || capacity[j] > 0 && load[j][p] >= capacity[j]
			}
		}
		for x := range workers {
			for y := range workers {
				if capacity[x] == capacity[y] && elig[x] == elig[y] && !full[x] && !full[y] {
					if total[x]-total[y] > 1 {
						t.Fatalf("seed %d: like workers %d and %d carry %d and %d", seed, x, y, total[x], total[y])
					}
					balanced++
				}
			}
		}
		for _, s := range q.Shortages() {
			un := 0
			for _, n := range s.Unassigned {
				un += n
			}
			if s.Items-s.Capacity != un {
				t.Fatalf("seed %d: shortage %+v does not add up", seed, s)
			}
			for _, j := range s.Workers {
				if capacity[j] == 0 || load[j][s.Period] != capacity[j] {
					t.Fatalf("seed %d: shortage names worker %d, who is not full", seed, j)
				}
			}
			for _, k := range s.Kinds {
				for _, j := range eligible[k] {
					if !slices.Contains(s.Workers, j) {
						t.Fatalf("seed %d: shortage leaves out worker %d of kind %d", seed, j, k)
					}
				}
			}
		}
	}
	t.Logf("%d runs augmented, %d periods placed more than the greedy, %d like pairs balanced", augmented, placedMore, balanced)
	if augmented == 0 || balanced == 0 {
		t.Error("vacuous")
	}
}

// FuzzQuotas feeds arbitrary capacities (negative ones too), eligibility
// lists (with unknown and repeated workers) and items (kinds and periods
// out of range too): no panic, nobody over capacity, and each period
// places as many items as a maximum flow.
func FuzzQuotas(f *testing.F) {
	f.Add([]byte{2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, uint8(2))
	f.Add([]byte{1, 1, 1, 0, 1, 2, 0, 2, 0, 1, 0, 2, 0}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, shape uint8) {
		workers, kinds, periods := 1+int(shape%5), 1+int(shape/5%4), 1+int(shape/20%4)
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return int(int8(b))
		}
		capacity := make([]int, workers)
		for j := range capacity {
			capacity[j] = next() % 6
		}
		eligible := make([][]int, kinds)
		for k := range eligible {
			for range next() & 7 {
				eligible[k] = append(eligible[k], next()%(workers+2)) // may be unknown or negative
			}
		}
		var items [][2]int
		for len(data) >= 2 && len(items) < 200 {
			items = append(items, [2]int{next() % (kinds + 1), next() % (periods + 1)})
		}
		got, q := countAndReplay(capacity, eligible, periods, items)
		load := make([]int, workers*periods)
		placed := make([]int, periods)
		count := make([][]int, periods)
		for p := range count {
			count[p] = make([]int, kinds)
		}
		for i, it := range items {
			k, p := it[0], min(max(it[1], 0), periods-1)
			if k >= 0 && k < kinds {
				count[p][k]++
			}
			if j := got[i]; j >= 0 {
				load[j*periods+p]++
				placed[p]++
				if c := capacity[j]; c > 0 && load[j*periods+p] > c {
					t.Fatalf("worker %d over capacity %d", j, c)
				}
			}
		}
		// The independent flow only knows real workers, once each.
		clean := make([][]int, kinds)
		for k, el := range eligible {
			for _, j := range el {
				if j >= 0 && j < workers && !slices.Contains(clean[k], j) {
					clean[k] = append(clean[k], j)
				}
			}
		}
		for p := range periods {
			if want := maxPlaced(capacity, clean, count[p]); placed[p] != want {
				t.Fatalf("period %d: %d placed, a maximum flow places %d", p, placed[p], want)
			}
		}
		_ = q.Shortages()
	})
}
