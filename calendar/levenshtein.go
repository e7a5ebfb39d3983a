package calendar

import "strings"

// levenshtein returns the edit distance between a and b, counted in runes
// and compared case-insensitively, since a user who typed "Frequency" meant
// "frequency".
func levenshtein(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo: at most a third of the word may differ
// (at least one edit, at most three), so "frequncy" finds "frequency" but
// "colour" does not find "cost".
func suggest(s string, candidates []string) string {
	if len([]rune(s)) > 64 {
		// Long garbage is never a typo, and the distance is quadratic.
		return ""
	}
	best, bestD := "", 0
	for _, c := range candidates {
		limit := min(max(len([]rune(c))/3, 1), 3)
		d := levenshtein(s, c)
		if d > limit || (best != "" && d >= bestD) {
			continue
		}
		best, bestD = c, d
	}
	return best
}
