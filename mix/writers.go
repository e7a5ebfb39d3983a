package mix

// Assigner shares items (posts) out among workers (writers), one item at a
// time in the order they come: each item goes to the eligible worker with
// room in the item's period (ISO week) who has the fewest items so far,
// ties to the lighter load in that period, then to the earlier worker. So
// workers with the same eligibility and capacity stay within one item of
// each other wherever capacity lets them, and no worker goes over capacity
// in a period. Its state is a count per worker and per worker and period,
// so it streams: it never holds the items.
//
// On its own the greedy can leave an item unassigned although another
// assignment would place it: a worker who may take every kind fills up with
// items others could have taken, and an item only they may take then finds
// them full. A Counter runs the greedy once and records how many items of
// each kind it gave each worker in each period; Quotas then raises those
// counts to a maximum assignment per period, and the Assigner of the
// Quotas replays the stream within them.
type Assigner struct {
	capacity []int   // per worker, per period; 0 is unlimited
	eligible [][]int // per kind of item (channel): worker indices, in order of preference for ties
	periods  int
	total    []int
	load     []int32 // load[worker*periods + period]

	// rec, when set, records every pick (a Counter's run).
	rec *Quotas
	// left, when set, is what the Quotas still allow per cell (a
	// quota run); q holds the cells' layout.
	left []int32
	q    *Quotas
}

// Assign results besides a worker index.
const (
	Full       = -1 // every eligible worker is at capacity in the period
	NoneWanted = -2 // no worker is eligible for the kind
)

// NewAssigner prepares a greedy assignment over periods periods. capacity
// and eligible are kept, not copied; negative capacities count as
// unlimited.
func NewAssigner(capacity []int, eligible [][]int, periods int) *Assigner {
	periods = max(periods, 1)
	return &Assigner{capacity: capacity, eligible: eligible, periods: periods,
		total: make([]int, len(capacity)), load: make([]int32, len(capacity)*periods)}
}

// Assign gives the next item, of kind k and due in period p (clamped to
// the assigner's periods), to a worker and returns its index, or Full, or
// NoneWanted.
func (a *Assigner) Assign(k, p int) int {
	if k < 0 || k >= len(a.eligible) || len(a.eligible[k]) == 0 {
		return NoneWanted
	}
	p = min(max(p, 0), a.periods-1)
	cell := int32(-1)
	if a.q != nil {
		cell = a.q.at[p*a.q.kinds+k]
	}
	best, bestPos := Full, -1
	for pos, j := range a.eligible[k] {
		if j < 0 || j >= len(a.capacity) {
			continue
		}
		l := a.load[j*a.periods+p]
		if c := a.capacity[j]; c > 0 && int(l) >= c {
			continue
		}
		// A quota run keeps to the quotas; an item the count never saw
		// (a different stream) falls back to the greedy.
		if cell >= 0 && a.left[int(cell)+pos] <= 0 {
			continue
		}
		if best < 0 || a.total[j] < a.total[best] || a.total[j] == a.total[best] && l < a.load[best*a.periods+p] {
			best, bestPos = j, pos
		}
	}
	if best >= 0 {
		a.total[best]++
		a.load[best*a.periods+p]++
		if cell >= 0 {
			a.left[int(cell)+bestPos]--
		}
	}
	if a.rec != nil {
		a.rec.record(k, p, bestPos)
	}
	return best
}

// Quotas is how many items of each kind each worker takes in each period:
// per (period, kind) that occurs, a count per eligible worker and the
// items left unassigned. Its memory is bounded by the periods and kinds
// that occur times the workers eligible for them, not by the items.
type Quotas struct {
	capacity       []int
	eligible       [][]int
	kinds, periods int
	// at[p*kinds + k] is the offset in n of the cell of kind k in period
	// p, -1 when no such item came: n[at+pos] counts the items given to
	// eligible[k][pos], n[at+len(eligible[k])] those left unassigned.
	at []int32
	n  []int32

	maximized bool
	total     []int   // per worker, the counter's totals, then the maximized ones
	load      []int32 // load[worker*periods + period], likewise
}

func (q *Quotas) record(k, p, pos int) {
	i := p*q.kinds + k
	if q.at[i] < 0 {
		q.at[i] = int32(len(q.n))
		q.n = append(q.n, make([]int32, len(q.eligible[k])+1)...)
	}
	if pos < 0 {
		pos = len(q.eligible[k])
	}
	q.n[int(q.at[i])+pos]++
}

// Counter is the greedy Assigner of a first pass over the items, which
// records its picks for Quotas.
type Counter struct{ a *Assigner }

// NewCounter prepares a counting pass; the arguments are NewAssigner's.
func NewCounter(capacity []int, eligible [][]int, periods int) *Counter {
	a := NewAssigner(capacity, eligible, periods)
	a.rec = &Quotas{capacity: capacity, eligible: eligible, kinds: len(eligible), periods: a.periods,
		at: make([]int32, len(eligible)*a.periods)}
	for i := range a.rec.at {
		a.rec.at[i] = -1
	}
	return &Counter{a: a}
}

// Assign is the greedy's pick for the item, as Assigner.Assign.
func (c *Counter) Assign(k, p int) int { return c.a.Assign(k, p) }

// Quotas ends the count (the Counter is not to be used after) and returns
// the quotas: in every period where the
// greedy left items unassigned, the most items the capacities can place
// (a maximum flow from kinds through eligible workers to their capacity,
// grown from the greedy's by augmenting paths); elsewhere the greedy's
// own counts. Each augmenting path ends at a worker with room and moves
// nobody else's load, so workers only gain items, and the one to gain is
// the one with the fewest items so far, as the greedy would pick.
func (c *Counter) Quotas() *Quotas {
	q := c.a.rec
	if !q.maximized {
		q.total, q.load = c.a.total, c.a.load
		q.maximize()
		q.maximized = true
	}
	return q
}

// maximize augments the flow of every period with unassigned items.
func (q *Quotas) maximize() {
	// A hop joins a kind and a worker: node is the end it leads to (or
	// comes from), pos the worker's position among the kind's eligible,
	// which indexes the cell counting the kind's items the worker holds.
	type hop struct{ node, pos int }
	// kindsOf[j]: the kinds worker j may take, for the residual edges
	// worker → kind (the worker hands an item of that kind on).
	kindsOf := make([][]hop, len(q.capacity))
	for k, el := range q.eligible {
		for pos, j := range el {
			if j >= 0 && j < len(q.capacity) {
				kindsOf[j] = append(kindsOf[j], hop{k, pos})
			}
		}
	}
	var (
		seenK   = make([]bool, q.kinds)
		viaK    = make([]hop, q.kinds) // the worker who hands an item of the kind on; node -1 for an unassigned item
		seenW   = make([]bool, len(q.capacity))
		viaW    = make([]hop, len(q.capacity)) // the kind a worker takes an item of
		queue   []int                          // kinds
		targets []int                          // workers with room
	)
	for p := range q.periods {
		row := p * q.kinds
		for {
			short := false
			for k := range q.kinds {
				if at := q.at[row+k]; at >= 0 && q.n[int(at)+len(q.eligible[k])] > 0 {
					short = true
				}
			}
			if !short {
				break
			}
			clear(seenK)
			clear(seenW)
			queue, targets = queue[:0], targets[:0]
			for k := range q.kinds {
				if at := q.at[row+k]; at >= 0 && q.n[int(at)+len(q.eligible[k])] > 0 {
					seenK[k], viaK[k] = true, hop{-1, -1}
					queue = append(queue, k)
				}
			}
			// Breadth first over the residual graph: an item of kind k
			// may go to any eligible worker; a worker may hand an item
			// of a kind they hold to another worker eligible for it.
			for len(queue) > 0 {
				k := queue[0]
				queue = queue[1:]
				for pos, j := range q.eligible[k] {
					if j < 0 || j >= len(q.capacity) || seenW[j] {
						continue
					}
					seenW[j], viaW[j] = true, hop{k, pos}
					if q.room(j, p) > 0 {
						targets = append(targets, j)
					}
					for _, h := range kindsOf[j] {
						if at := q.at[row+h.node]; at >= 0 && !seenK[h.node] && q.n[int(at)+h.pos] > 0 {
							seenK[h.node], viaK[h.node] = true, hop{j, h.pos}
							queue = append(queue, h.node)
						}
					}
				}
			}
			if len(targets) == 0 {
				break
			}
			// The greedy's rule picks the worker to gain: fewest items,
			// then the lighter period, then the earlier worker.
			t := targets[0]
			for _, j := range targets[1:] {
				if q.total[j] < q.total[t] || q.total[j] == q.total[t] && (q.load[j*q.periods+p] < q.load[t*q.periods+p] ||
					q.load[j*q.periods+p] == q.load[t*q.periods+p] && j < t) {
					t = j
				}
			}
			// Move as much as the path allows, but no more than keeps t
			// within one item of the next lightest target, so that like
			// workers stay balanced.
			d := q.room(t, p)
			for _, j := range targets {
				if j != t {
					d = min(d, q.total[j]-q.total[t]+1)
				}
			}
			// Walk the path back from t: each kind's item comes from
			// the worker who hands it on, or from the unassigned.
			j := t
			for {
				k := viaW[j].node
				if prev := viaK[k]; prev.node >= 0 {
					d = min(d, int(q.n[int(q.at[row+k])+prev.pos]))
					j = prev.node
					continue
				}
				d = min(d, int(q.n[int(q.at[row+k])+len(q.eligible[k])]))
				break
			}
			d = max(d, 1)
			j = t
			for {
				h := viaW[j]
				at := int(q.at[row+h.node])
				q.n[at+h.pos] += int32(d)
				prev := viaK[h.node]
				if prev.node < 0 {
					q.n[at+len(q.eligible[h.node])] -= int32(d)
					break
				}
				q.n[at+prev.pos] -= int32(d)
				j = prev.node
			}
			q.total[t] += d
			q.load[t*q.periods+p] += int32(d)
		}
	}
}

// room is what worker j can still take in period p (a large number when
// unlimited).
func (q *Quotas) room(j, p int) int {
	c := q.capacity[j]
	if c <= 0 {
		return 1 << 30
	}
	return max(c-int(q.load[j*q.periods+p]), 0)
}

// Assigner starts a run that assigns a stream of items (the one counted,
// in the same order) within the quotas: each item goes to the eligible
// worker with quota left for its kind and period and the fewest items so
// far (ties as the greedy's), so each worker ends with exactly their
// quotas and the run is deterministic. Where the quotas are the greedy's,
// so are the picks, until the first period that gained. Items beyond the
// quotas return Full.
func (q *Quotas) Assigner() *Assigner {
	a := NewAssigner(q.capacity, q.eligible, q.periods)
	a.q, a.left = q, append([]int32(nil), q.n...)
	// The unassigned slots must never be taken: they are past every
	// worker's position, so Assign never reads them.
	return a
}

// Items is the number of items of kind k counted in period p, and of them
// those the quotas leave unassigned.
func (q *Quotas) Items(k, p int) (items, unassigned int) {
	if k < 0 || k >= q.kinds || p < 0 || p >= q.periods {
		return 0, 0
	}
	at := q.at[p*q.kinds+k]
	if at < 0 {
		return 0, 0
	}
	for _, n := range q.n[at : int(at)+len(q.eligible[k])+1] {
		items += int(n)
	}
	return items, int(q.n[int(at)+len(q.eligible[k])])
}

// Shortage is a period where items stay unassigned, and why: its Workers
// are full, and they are all the workers eligible for Kinds, whose items
// they hold (the cut a maximum flow stops at). So Items − Capacity is
// exactly the sum of Unassigned.
type Shortage struct {
	Period     int
	Unassigned []int // per kind, the items left without a worker
	Kinds      []int // the kinds with unassigned items and those their workers hold
	Workers    []int // every worker eligible for Kinds; all are full
	Items      int   // items of Kinds in the period
	Capacity   int   // the Workers' capacity in the period
}

// Shortages lists, in period order, the periods where the quotas leave
// items unassigned.
func (q *Quotas) Shortages() []Shortage {
	var out []Shortage
	for p := range q.periods {
		var s *Shortage
		for k := range q.kinds {
			if _, un := q.Items(k, p); un > 0 {
				if s == nil {
					out = append(out, Shortage{Period: p, Unassigned: make([]int, q.kinds)})
					s = &out[len(out)-1]
				}
				s.Unassigned[k] = un
			}
		}
		if s == nil {
			continue
		}
		// Close the kinds under "a worker eligible for it holds an item
		// of it": the workers met are full (or the flow would go on).
		inK := make([]bool, q.kinds)
		inW := make([]bool, len(q.capacity))
		var queue []int
		for k, un := range s.Unassigned {
			if un > 0 {
				inK[k] = true
				queue = append(queue, k)
			}
		}
		for len(queue) > 0 {
			k := queue[0]
			queue = queue[1:]
			for _, j := range q.eligible[k] {
				if j < 0 || j >= len(q.capacity) || inW[j] {
					continue
				}
				inW[j] = true
				for k2, el := range q.eligible {
					at := q.at[p*q.kinds+k2]
					if inK[k2] || at < 0 {
						continue
					}
					for pos, w := range el {
						if w == j && q.n[int(at)+pos] > 0 {
							inK[k2] = true
							queue = append(queue, k2)
							break
						}
					}
				}
			}
		}
		for k, ok := range inK {
			if ok {
				s.Kinds = append(s.Kinds, k)
				n, _ := q.Items(k, p)
				s.Items += n
			}
		}
		for j, ok := range inW {
			if ok {
				s.Workers = append(s.Workers, j)
				s.Capacity += max(q.capacity[j], 0)
			}
		}
	}
	return out
}
