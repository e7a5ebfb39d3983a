// Package mix decides the content mix of a channel: which posts are
// borrowed under the cap, which format and which pillar each post takes.
// It is pure arithmetic over counts and sequences: no TOML, no I/O, no
// dates, so every rule can be tested on its own.
package mix

import (
	"cmp"
	"math"
	"math/bits"
)

// eps absorbs floating-point noise in weighted shares, so that a share
// that is an integer on paper (3 × 1/3 of 9) is not floored to one less.
const eps = 1e-9

// Apportion splits n units among weights by largest remainder (Hamilton's
// method): each part is the floor or the ceiling of its exact share
// n·w/Σw, and the parts sum to n. Ties go to the earlier weight, so the
// result is deterministic. Non-positive weights get nothing unless every
// weight is non-positive, in which case the weights count as equal.
func Apportion(n int, weights []float64) []int {
	out := make([]int, len(weights))
	if n <= 0 || len(weights) == 0 {
		return out
	}
	w := positive(weights)
	total := 0.0
	for _, x := range w {
		total += x
	}
	rem := make([]float64, len(w))
	left := n
	for i, x := range w {
		share := float64(n) * x / total
		f := floorEps(share)
		out[i] = f
		rem[i] = share - float64(f)
		left -= f
	}
	for ; left > 0; left-- {
		best := -1
		for i := range rem {
			if w[i] <= 0 {
				continue
			}
			if best < 0 || rem[i] > rem[best]+eps {
				best = i
			}
		}
		out[best]++
		rem[best] = math.Inf(-1)
	}
	return out
}

// positive returns weights with non-positive entries zeroed, or all ones
// if nothing positive is left (a spec validator refuses such weights; the
// mix must still not divide by zero).
func positive(weights []float64) []float64 {
	w := make([]float64, len(weights))
	any := false
	for i, x := range weights {
		if x > 0 && !math.IsInf(x, 0) && !math.IsNaN(x) {
			w[i] = x
			any = true
		}
	}
	if !any {
		for i := range w {
			w[i] = 1
		}
	}
	return w
}

// floorEps is floor(x), except that x within eps below an integer counts
// as that integer.
func floorEps(x float64) int {
	f := math.Floor(x)
	if x-f > 1-eps {
		f++
	}
	return int(f)
}

// floorBP is floor(bp·k/10000) in integers: caps are whole basis points so
// that the cap arithmetic is exact (0.29 × 100 is 28.999… in floating point).
func floorBP(bp, k int) int { return int(int64(bp) * int64(k) / 10000) }

// IsBorrowed reports whether post k (1-based, in date order) of a channel
// with cap bp (basis points) is borrowed. Post k is borrowed exactly when
// floor(c·k) steps up, so after every post the borrowed count equals
// floor(c·k): never above the cap for any prefix, spread evenly, and
// floor(c·N) in total.
func IsBorrowed(bp, k int) bool {
	if k <= 0 || bp <= 0 {
		return false
	}
	return floorBP(bp, k) > floorBP(bp, k-1)
}

// BorrowedTotal is the number of borrowed posts among n under cap bp.
func BorrowedTotal(bp, n int) int {
	if n <= 0 || bp <= 0 {
		return 0
	}
	return floorBP(bp, n)
}

// FormatTargets returns how many of a channel's n posts take each format:
// the weighted shares by largest remainder, so each count is the floor or
// ceiling of its share. When the borrowable formats' targets cannot hold
// the b borrowed posts, the borrowable formats together get exactly b and
// the others n−b, each group again by largest remainder of its weights:
// the least change that makes the borrowed posts placeable. With no
// borrowable format at all, b cannot be placed and the caller must not
// borrow.
func FormatTargets(n, b int, weights []float64, borrowable []bool) []int {
	t := Apportion(n, weights)
	sum, any := 0, false
	for i, ok := range borrowable {
		if ok {
			sum += t[i]
			any = true
		}
	}
	if sum >= b || !any {
		return t
	}
	w := positive(weights)
	var bw, ow []float64
	for i, ok := range borrowable {
		if ok {
			bw = append(bw, w[i])
		} else {
			ow = append(ow, w[i])
		}
	}
	bt, ot := Apportion(b, bw), Apportion(n-b, ow)
	for i, ok := range borrowable {
		if ok {
			t[i], bt = bt[0], bt[1:]
		} else {
			t[i], ot = ot[0], ot[1:]
		}
	}
	return t
}

// Sequencer deals out n items among kinds with exact targets, one item at
// a time, spreading each kind evenly: item k takes the kind with the
// largest deficit target·k/n − count among those still under target (ties
// to the earlier kind). Some kinds may be restricted (borrowable formats):
// restricted items (borrowed posts) take only restricted kinds, and an
// unrestricted item takes a restricted kind only while enough restricted
// capacity remains for the restricted items still to come. Kinds that only
// unrestricted items can take count their deficit along the unrestricted
// items alone.
type Sequencer struct {
	target, count []int
	restricted    []bool
	n, k          int
	capLeft       int // restricted capacity left: Σ target−count over restricted kinds
	needLeft      int // restricted items still to come
	need, ko      int // restricted items in all; unrestricted items so far
}

// NewSequencer prepares a sequence of Σ targets items, need of them
// restricted. If the restricted kinds' targets sum below need, restricted
// items beyond that capacity fall back to any kind (the caller should
// have made targets feasible with FormatTargets).
func NewSequencer(targets []int, restricted []bool, need int) *Sequencer {
	s := &Sequencer{
		target:     append([]int(nil), targets...),
		count:      make([]int, len(targets)),
		restricted: make([]bool, len(targets)),
		needLeft:   need,
		need:       need,
	}
	copy(s.restricted, restricted)
	for i, t := range targets {
		if t < 0 {
			s.target[i] = 0
		}
		s.n += s.target[i]
		if s.restricted[i] {
			s.capLeft += s.target[i]
		}
	}
	return s
}

// Next returns the kind of the next item, restricted or not. Past Σ
// targets items (a caller's miscount) it keeps dealing kinds in turn
// rather than fail; with no kinds at all it returns -1.
func (s *Sequencer) Next(restricted bool) int {
	s.k++
	best := -1
	var bestA, bestD int64
	for pass := 0; pass < 2 && best < 0; pass++ {
		for i := range s.target {
			if s.count[i] >= s.target[i] {
				continue
			}
			if pass == 0 {
				if restricted && !s.restricted[i] {
					continue
				}
				if !restricted && s.restricted[i] && s.capLeft-1 < s.needLeft {
					continue
				}
			}
			// The deficit target·k/n − count as the fraction a/d, exact
			// in integers. A kind that only unrestricted items can take
			// (a non-borrowable reel) is measured along those items,
			// since they are all the places it has: measured along all
			// items it would fall behind while borrowed posts pass and
			// pile up at the end.
			var a, d int64
			if own := int64(s.n - s.need); !s.restricted[i] && own > 0 {
				a, d = int64(s.target[i])*int64(s.ko+1)-int64(s.count[i])*own, own
			} else {
				a, d = int64(s.target[i])*int64(s.k)-int64(s.count[i])*int64(s.n), max(int64(s.n), 1)
			}
			if best < 0 || cmpFrac(a, d, bestA, bestD) > 0 {
				best, bestA, bestD = i, a, d
			}
		}
	}
	if best < 0 {
		// More items than targets: deal kinds in turn instead of
		// failing, so a caller's miscount cannot panic.
		if len(s.target) == 0 {
			return -1
		}
		best = s.k % len(s.target)
	}
	s.count[best]++
	if s.restricted[best] {
		s.capLeft--
	}
	if restricted && s.needLeft > 0 {
		s.needLeft--
	} else {
		s.ko++
	}
	return best
}

// cmpFrac compares a1/d1 with a2/d2 (d1, d2 > 0) exactly: the cross
// products of a channel of millions of posts overflow 64 bits, so they are
// taken in 128.
func cmpFrac(a1, d1, a2, d2 int64) int {
	n1, n2 := a1 < 0, a2 < 0
	switch {
	case n1 && !n2:
		return -1
	case !n1 && n2:
		return 1
	}
	h1, l1 := bits.Mul64(abs64(a1), uint64(d2))
	h2, l2 := bits.Mul64(abs64(a2), uint64(d1))
	c := 0
	switch {
	case h1 != h2:
		c = cmp.Compare(h1, h2)
	default:
		c = cmp.Compare(l1, l2)
	}
	if n1 {
		c = -c
	}
	return c
}

func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}
