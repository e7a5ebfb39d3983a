package mix

import (
	"cmp"
	"slices"
)

// Table rounds a table of weighted shares so that both its rows and its
// columns stay fair: row r has counts[r] items (a channel's posts), split
// among columns (pillars) by weights. Every cell is the floor or ceiling of
// its share counts[r]·w/Σw, every row sums to counts[r] exactly, and every
// column sums to the floor or ceiling of its total share. So each pillar is
// within ±1 of its share per channel and plan-wide at once.
//
// Rounding each row on its own cannot promise the column bound (the
// remainders of many rows can pile onto one column). Such a "controlled
// rounding" always exists because the exact fractional table is a feasible
// flow in a network with integer capacities, which then has an integral
// flow too; Table finds one with a max-flow (Dinic), first filling every
// column up to the floor of its total, then raising columns to their
// ceilings in order of their largest remainder.
func Table(counts []int, weights []float64) [][]int {
	out := make([][]int, len(counts))
	P := len(weights)
	if P == 0 {
		for r := range out {
			out[r] = []int{}
		}
		return out
	}
	w := positive(weights)
	total := 0.0
	for _, x := range w {
		total += x
	}
	R := len(counts)
	frac := make([][]float64, R)
	colFrac := make([]float64, P)
	supply := make([]int, R)
	for r, n := range counts {
		out[r] = make([]int, P)
		frac[r] = make([]float64, P)
		if n <= 0 {
			continue
		}
		left := n
		for i := range P {
			share := float64(n) * w[i] / total
			f := floorEps(share)
			out[r][i] = f
			left -= f
			if d := share - float64(f); d > eps {
				frac[r][i] = d
				colFrac[i] += d
			}
		}
		supply[r] = left
	}

	// Nodes: source, rows, columns, sink.
	src, sink := 0, R+P+1
	g := newFlow(R + P + 2)
	cell := make([][]int, R) // edge ids of row→column, -1 when absent
	for r := range R {
		g.add(src, 1+r, supply[r])
		cell[r] = make([]int, P)
		// Larger remainders first, so that the flow prefers them.
		order := make([]int, P)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(frac[r][b], frac[r][a]) })
		for i := range cell[r] {
			cell[r][i] = -1
		}
		for _, i := range order {
			if frac[r][i] > 0 && supply[r] > 0 {
				cell[r][i] = g.add(1+r, 1+R+i, 1)
			}
		}
	}
	colEdge := make([]int, P)
	for i := range P {
		colEdge[i] = g.add(1+R+i, sink, floorEps(colFrac[i]))
	}
	g.maxflow(src, sink)
	order := make([]int, P)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa := colFrac[a] - float64(floorEps(colFrac[a]))
		fb := colFrac[b] - float64(floorEps(colFrac[b]))
		return cmp.Compare(fb, fa)
	})
	for _, i := range order {
		if colFrac[i]-float64(floorEps(colFrac[i])) <= eps {
			continue
		}
		g.cap[colEdge[i]]++
		g.maxflow(src, sink)
	}

	for r := range R {
		taken := make([]bool, P)
		got := 0
		for i := range P {
			if e := cell[r][i]; e >= 0 && g.cap[e] == 0 {
				taken[i] = true
				got++
			}
		}
		// Floating-point noise could leave a row short; deal what is
		// left by largest remainder so that the row sum stays exact.
		for ; got < supply[r]; got++ {
			best := -1
			for i := range P {
				if !taken[i] && (best < 0 || frac[r][i] > frac[r][best]) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			taken[best] = true
		}
		for i := range P {
			if taken[i] {
				out[r][i]++
			}
		}
	}
	return out
}

// flow is a small Dinic max-flow over integer capacities.
type flow struct {
	head, tail  []int
	to, next    []int
	cap         []int
	level, iter []int
}

func newFlow(n int) *flow {
	f := &flow{head: make([]int, n), tail: make([]int, n), level: make([]int, n), iter: make([]int, n)}
	for i := range f.head {
		f.head[i], f.tail[i] = -1, -1
	}
	return f
}

// add adds an edge u→v and its residual twin, returning the edge's id.
func (f *flow) add(u, v, c int) int {
	id := len(f.to)
	f.to = append(f.to, v, u)
	f.cap = append(f.cap, c, 0)
	f.next = append(f.next, -1, -1)
	// Append at the tail so adjacency keeps insertion order (preferences).
	f.appendEdge(u, id)
	f.appendEdge(v, id+1)
	return id
}

func (f *flow) appendEdge(u, id int) {
	if f.tail[u] < 0 {
		f.head[u] = id
	} else {
		f.next[f.tail[u]] = id
	}
	f.tail[u] = id
}

func (f *flow) maxflow(s, t int) int {
	total := 0
	for f.bfs(s, t) {
		copy(f.iter, f.head)
		for {
			d := f.dfs(s, t, int(^uint(0)>>1))
			if d == 0 {
				break
			}
			total += d
		}
	}
	return total
}

func (f *flow) bfs(s, t int) bool {
	for i := range f.level {
		f.level[i] = -1
	}
	f.level[s] = 0
	q := []int{s}
	for len(q) > 0 {
		u := q[0]
		q = q[1:]
		for e := f.head[u]; e >= 0; e = f.next[e] {
			if v := f.to[e]; f.cap[e] > 0 && f.level[v] < 0 {
				f.level[v] = f.level[u] + 1
				q = append(q, v)
			}
		}
	}
	return f.level[t] >= 0
}

// dfs is bounded by the graph's depth (source, row, column, sink and
// back-and-forth residual hops), so recursion is shallow enough.
func (f *flow) dfs(u, t, up int) int {
	if u == t {
		return up
	}
	for ; f.iter[u] >= 0; f.iter[u] = f.next[f.iter[u]] {
		e := f.iter[u]
		v := f.to[e]
		if f.cap[e] <= 0 || f.level[v] != f.level[u]+1 {
			continue
		}
		if d := f.dfs(v, t, min(up, f.cap[e])); d > 0 {
			f.cap[e] -= d
			f.cap[e^1] += d
			return d
		}
	}
	return 0
}
