package cli

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/contentplan/contentplan/calendar"
)

// count tallies the plan's posts in one pass, for validate and show. It
// counts the posts themselves rather than taking the counters Build
// keeps, so the summary shows what the outputs will contain.
func count(plan *calendar.Plan) *calendar.Tally {
	t := calendar.NewTally(plan)
	for p := range plan.Posts() {
		t.Add(&p)
	}
	return t
}

// named adds up counts of things by their names: formats or pillars that
// share a name are one in the summaries.
func named[T any](items []T, name func(T) string, n func(T) int) map[string]int {
	m := map[string]int{}
	for _, it := range items {
		m[name(it)] += n(it)
	}
	return m
}

// money formats cents as 12500 or 12500.50.
func money(c int64) string {
	neg := c < 0
	if neg {
		c = -c
	}
	s := itoa(int(c / 100))
	if r := c % 100; r != 0 {
		s += "." + string(rune('0'+r/10)) + string(rune('0'+r%10))
	}
	if neg {
		s = "-" + s
	}
	return s
}

func channelName(ch *calendar.Channel) string {
	if ch == nil {
		return "(none)"
	}
	return term(ch.Name)
}

// term makes a name from the spec safe to print on a terminal, on one line
// and in one table cell: control characters (a newline or a tab in a name,
// or an escape sequence that would drive the terminal) are shown escaped,
// as Go writes them in a string.
func term(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\n', '\x1b', '\u0085'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// share formats part/whole as a percentage with one decimal.
func share(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	// Integer arithmetic, rounded half up, so 1/3 prints 33.3% everywhere.
	tenths := (part*1000 + whole/2) / whole
	if tenths%10 == 0 {
		return itoa(tenths/10) + "%"
	}
	return itoa(tenths/10) + "." + itoa(tenths%10) + "%"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
