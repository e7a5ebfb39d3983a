package xlsx

import (
	"github.com/contentplan/contentplan/calendar"
)

// maxLivePosts is the largest workbook whose Mix, Writers and Budget are
// live formulas. Each of their cells is a COUNTIFS or SUMIFS over the
// whole Plan sheet, so a full calculation costs about cells × posts
// comparisons, which Excel pays on opening a workbook another program
// wrote, and Excel and LibreOffice on an edit of a column many of them
// count. A year of twenty channels (about 100,000 posts and a thousand Mix,
// Writers and Budget cells) still calculates in seconds; the agency-scale
// plan, 900 channels and a million posts, has some 50,000 such cells over
// a million rows and would recalculate for minutes. Past this many posts
// the sheets hold the figures computed here alone, with a note saying so.
const maxLivePosts = 100_000

// static reports whether this workbook gets figures rather than formulas.
func (x *xlsxWriter) static() bool {
	limit := maxLivePosts
	if x.opt.liveLimit > 0 {
		limit = x.opt.liveLimit
	}
	return x.count > limit
}

// share is the Mix's borrowed share, as its IF(posts=0,0,…) formula has it.
func share(c calendar.Counts) float64 {
	if c.Posts == 0 {
		return 0
	}
	return float64(c.Borrowed) / float64(c.Posts)
}
