package html

import (
	"sort"
	"strconv"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// The filters work by classes. Every post carries the classes of its
// channel (c0, c1, …), writer (w0 for none, w1, …), pillar (q0 for none,
// q1, …) and source (o or b); the script puts on the calendar's container
// an x-class for every value the filters hide (xc3, xw1, xb), and one
// rule per value, `.xc3 .c3{display:none}`, hides its posts. So a filter
// changes one attribute, and the browser finds the posts to hide by its
// own style matching.

// writer is the number of the writer called name in the page's classes.
func (b *builder) writer(name string) int {
	i, ok := b.writers[name]
	if !ok {
		i = len(b.writers) // "" is 0: the others count from 1
		b.writers[name] = i
	}
	return i
}

// pillar is the number of pillar p in the page's classes.
func (b *builder) pillar(p *calendar.Pillar) int {
	if p == nil {
		return 0
	}
	i, ok := b.pillars[p]
	if !ok {
		i = len(b.pillars) + 1
		b.pillars[p] = i
	}
	return i
}

// writerOptions are the writer filter's choices: the spec's writers in
// its order, then any other writer a post names (a channel's owner), then
// the posts without a writer; none when no post has a writer.
func (b *builder) writerOptions() []option {
	var opts []option
	add := func(name string) {
		if _, seen := b.writers[name]; !seen && name != "" && b.tally.Writer(name) > 0 {
			opts = append(opts, option{"w" + strconv.Itoa(b.writer(name)), name})
		}
	}
	for _, w := range b.plan.Writers {
		add(w.Name)
	}
	for _, w := range b.tally.Writers() {
		add(w)
	}
	if len(opts) > 0 && b.tally.Writer("") > 0 {
		opts = append(opts, option{"w0", b.t.Unassigned})
	}
	return opts
}

// pillarOptions are the pillar filter's choices, in the spec's order,
// then the posts without a pillar; none when no post has a pillar.
func (b *builder) pillarOptions() []option {
	var opts []option
	add := func(p *calendar.Pillar) {
		if _, seen := b.pillars[p]; !seen && b.tally.Pillar(p) > 0 {
			opts = append(opts, option{"q" + strconv.Itoa(b.pillar(p)), p.Name})
		}
	}
	for _, p := range b.plan.Pillars {
		add(p)
	}
	for _, p := range b.tally.Pillars() {
		add(p)
	}
	if len(opts) > 0 && b.tally.Pillar(nil) > 0 {
		opts = append(opts, option{"q0", b.t.NoPillar})
	}
	return opts
}

// hues are the channels' colours, as hues of one lightness and
// saturation (the style sets those for light and dark): the first twelve
// picked far apart, the rest stepped by the golden angle.
var hues = [...]int{212, 28, 140, 340, 268, 48, 182, 4, 100, 300, 236, 160}

func hue(i int) int {
	if i < len(hues) {
		return hues[i]
	}
	return (hues[len(hues)-1] + (i-len(hues)+1)*137) % 360
}

// rules are the page's style rules that depend on the plan: each
// channel's hue, a rule per filter value, and the widths of the mix's
// bars. They are made of numbers only.
func (b *builder) rules(fills map[int]bool) string {
	var css, hide strings.Builder
	sep := func() {
		if hide.Len() > 0 {
			hide.WriteByte(',')
		}
	}
	for i := range b.tally.Channels() {
		c := chanClass(i)
		css.WriteString("." + c + "{--h:" + strconv.Itoa(hue(i)) + "}\n")
		sep()
		hide.WriteString(".x" + c + " ." + c)
	}
	for i := range len(b.writers) {
		sep()
		hide.WriteString(".xw" + strconv.Itoa(i) + " .w" + strconv.Itoa(i))
	}
	for i := range len(b.pillars) + 1 {
		sep()
		hide.WriteString(".xq" + strconv.Itoa(i) + " .q" + strconv.Itoa(i))
	}
	sep()
	hide.WriteString(".xo .o,.xb .b")
	css.WriteString(hide.String() + "{display:none}\n")
	widths := make([]int, 0, len(fills))
	for w := range fills {
		widths = append(widths, w)
	}
	sort.Ints(widths)
	for _, w := range widths {
		css.WriteString(".f" + strconv.Itoa(w) + "{width:" + strconv.Itoa(w) + "%}\n")
	}
	return css.String()
}
