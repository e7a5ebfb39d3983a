package spec

import "strings"

// levenshtein returns the edit distance between a and b, counted in runes
// and compared case-insensitively, since a user who typed "Frequency" meant
// "frequency". Swapping two neighbours counts as one edit (optimal string
// alignment): "nmae" for "name" is one slip of the fingers, not two.
func levenshtein(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	rows := make([][]int, len(ra)+1)
	for i := range rows {
		rows[i] = make([]int, len(rb)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(ra)][len(rb)]
}

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo: at most a third of the word may differ
// (at least one edit, at most three), so "frequncy" finds "frequency" but
// "colour" does not find "cost". Of candidates equally close, the first.
func suggest(s string, candidates []string) string {
	if all := suggestAll(s, candidates); len(all) > 0 {
		return all[0]
	}
	return ""
}

// suggestAll returns every candidate as close to s as the closest, in the
// order given: "субота" is one letter from Russian «суббота» and from
// Bulgarian «събота», and a hint names both.
func suggestAll(s string, candidates []string) []string {
	if len([]rune(s)) > 64 {
		// Long garbage is never a typo, and the distance is quadratic.
		return nil
	}
	var best []string
	bestD := 0
	for _, c := range candidates {
		limit := min(max(len([]rune(c))/3, 1), 3)
		d := levenshtein(s, c)
		switch {
		case d > limit || (best != nil && d > bestD):
		case best != nil && d == bestD:
			best = append(best, c)
		default:
			best, bestD = []string{c}, d
		}
	}
	return best
}
