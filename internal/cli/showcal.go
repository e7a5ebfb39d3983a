package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// show's calendar: a month grid like a wall calendar for each month
// shown, Monday to Sunday with the ISO week in front, each day with its
// posts per channel ("TG2 VK1"), its marks, and under the grid what the
// marks stand for that month. It is laid out for 80 columns: the week
// takes weekWidth cells, each day cellWidth, with dayGap between days so
// that two full cells do not run together; the legend and the notes under
// a month take up to gridWidth.
const (
	weekWidth   = 4
	cellWidth   = 9
	dayGap      = 2
	gridWidth   = 80
	maxTagLines = 4 // lines of posts in a day; more channels show as "+N"
)

// dayCounts holds the posts of each channel on each day, for the
// calendar, counted in the same pass as the Tally of the other sections.
type dayCounts struct {
	channels []*calendar.Channel // as Tally.Channels lists them
	index    map[*calendar.Channel]int
	posts    map[calendar.Date][]int // day → posts per channel
}

// countPlan counts plan's posts once, for the calendar and the tally.
func countPlan(plan *calendar.Plan) (*calendar.Tally, *dayCounts) {
	t := calendar.NewTally(plan)
	dc := &dayCounts{index: map[*calendar.Channel]int{}, posts: map[calendar.Date][]int{}}
	for _, c := range plan.Channels {
		dc.add(c)
	}
	for p := range plan.Posts() {
		t.Add(&p)
		i, ok := dc.index[p.Channel]
		if !ok {
			i = dc.add(p.Channel)
		}
		n := dc.posts[p.Date]
		for len(n) < len(dc.channels) {
			n = append(n, 0)
		}
		n[i]++
		dc.posts[p.Date] = n
	}
	return t, dc
}

// add adds channel c, as Tally does: a channel listed twice is counted in
// its last row.
func (dc *dayCounts) add(c *calendar.Channel) int {
	dc.index[c] = len(dc.channels)
	dc.channels = append(dc.channels, c)
	return len(dc.channels) - 1
}

// count is the posts of channel i on d.
func (dc *dayCounts) count(d calendar.Date, i int) int {
	if n := dc.posts[d]; i < len(n) {
		return n[i]
	}
	return 0
}

// calView is the calendar of a plan as show prints it.
type calView struct {
	plan     *calendar.Plan
	days     *dayCounts
	tags     []string
	holidays map[calendar.Date][]string // public holidays' names, in the plan's language
	keyDates map[calendar.Date][]string // the spec's [[date]]s
	skipped  map[calendar.Date]bool
	reviews  map[calendar.Date]string
	used     map[ink]bool // the marks the grids show, for the legend
	overflow bool         // some day shows "+N"
}

func newCalView(plan *calendar.Plan, dc *dayCounts) *calView {
	c := &calView{
		plan: plan, days: dc, tags: channelTags(dc.channels),
		holidays: map[calendar.Date][]string{}, keyDates: map[calendar.Date][]string{},
		skipped: map[calendar.Date]bool{}, reviews: map[calendar.Date]string{}, used: map[ink]bool{},
	}
	for _, o := range plan.Occasions {
		if o.Holiday {
			c.holidays[o.Date] = append(c.holidays[o.Date], o.Name)
		} else {
			c.keyDates[o.Date] = append(c.keyDates[o.Date], o.Name)
		}
	}
	for _, d := range plan.Skip {
		c.skipped[d] = true
	}
	for _, r := range plan.Reviews {
		c.reviews[r.Date] = r.Title
	}
	return c
}

// months lists the first day of each month shown: the plan's, and any
// other in which a post falls (only a hand-made plan has such posts).
func (c *calView) months() []calendar.Date {
	ms := months(c.plan)
	for d := range c.days.posts {
		if m := d.FirstOfMonth(); !slices.Contains(ms, m) {
			ms = append(ms, m)
		}
	}
	slices.Sort(ms)
	return ms
}

// lines returns the whole calendar: the legend, then each month's grid.
func (c *calView) lines() []line {
	var grids []line
	for _, m := range c.months() {
		grids = append(grids, line{})
		grids = append(grids, c.month(m)...)
	}
	return append(c.legend(), grids...)
}

// monthStats is what a month's title sums up.
type monthStats struct{ posts, gaps, over int }

// month returns the grid of the month starting on first, its title
// first, its notes last.
func (c *calView) month(first calendar.Date) []line {
	last := first + calendar.Date(first.DaysInMonth()) - 1
	head := line{{"    ", inkPlain}}
	for _, wd := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		head = append(head, line{{wd, inkBold}}.pad(cellWidth+dayGap)...)
	}
	var st monthStats
	var rows []line
	var notes []note
	for mon := first.Monday(); mon <= last; mon += 7 {
		r, n := c.week(mon, first, last, &st)
		rows = append(rows, r...)
		notes = append(notes, n...)
	}
	y, m, _ := first.YMD()
	title := line{{fmt.Sprintf("%s %d", m, y), inkBold},
		{fmt.Sprintf(": %s, %s, %s", plural(st.posts, "post"), plural(st.gaps, "gap"),
			plural(st.over, "over-full day")), inkPlain}}
	out := append([]line{title, head}, rows...)
	return append(out, c.noteLines(notes)...)
}

// week returns the rows of the ISO week starting on mon, within the
// month [first, last], and the notes of its days.
func (c *calView) week(mon, first, last calendar.Date, st *monthStats) ([]line, []note) {
	var cells [7][]line
	var notes []note
	height := 1
	for i := range cells {
		d := mon + calendar.Date(i)
		if d < first || d > last {
			continue
		}
		cells[i] = c.cell(d, st, &notes)
		height = max(height, len(cells[i]))
	}
	_, wk := mon.ISOWeek()
	rows := make([]line, height)
	for r := range rows {
		l := line{}
		if r == 0 {
			l = line{{fmt.Sprintf("W%02d", wk), inkFaint}}
		}
		l = l.pad(weekWidth)
		for i, cell := range cells {
			if i > 0 {
				l = append(l, piece{strings.Repeat(" ", dayGap), inkPlain})
			}
			var cl line
			if r < len(cell) {
				cl = cell[r]
			}
			l = append(l, cl.pad(cellWidth)...)
		}
		rows[r] = l
	}
	return rows, notes
}
