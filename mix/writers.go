package mix

// Assigner shares items (posts) out among workers (writers), one item at a
// time in the order they come: each item goes to the eligible worker with
// room in the item's period (ISO week) who has the fewest items so far,
// ties to the lighter load in that period, then to the earlier worker. So
// workers with the same eligibility and capacity stay within one item of
// each other wherever capacity lets them, and no worker goes over capacity
// in a period. Its state is a count per worker and per worker and period,
// so it streams: it never holds the items.
type Assigner struct {
	capacity []int   // per worker, per period; 0 is unlimited
	eligible [][]int // per kind of item (channel): worker indices, in order of preference for ties
	periods  int
	total    []int
	load     []int32 // load[worker*periods + period]
}

// Assign results besides a worker index.
const (
	Full       = -1 // every eligible worker is at capacity in the period
	NoneWanted = -2 // no worker is eligible for the kind
)

// NewAssigner prepares an assignment over periods periods. capacity and
// eligible are kept, not copied; negative capacities count as unlimited.
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
	best := Full
	for _, j := range a.eligible[k] {
		if j < 0 || j >= len(a.capacity) {
			continue
		}
		l := a.load[j*a.periods+p]
		if c := a.capacity[j]; c > 0 && int(l) >= c {
			continue
		}
		if best < 0 || a.total[j] < a.total[best] || a.total[j] == a.total[best] && l < a.load[best*a.periods+p] {
			best = j
		}
	}
	if best >= 0 {
		a.total[best]++
		a.load[best*a.periods+p]++
	}
	return best
}
