package export

import (
	"math"
	"strconv"

	"github.com/contentplan/contentplan/calendar"
)

// Fields are the columns of the csv and the keys of the json, in the order
// DESIGN.md section 3 fixes: people script against them, so they never move.
var Fields = [...]string{
	"id", "date", "time", "timezone", "channel", "format", "source", "pillar",
	"objective", "campaign", "title", "writer", "draft_due", "status", "cost",
}

// Indexes into a record.
const (
	fieldCost   = 14
	numFields   = len(Fields)
	statusDraft = "planned"
)

// record is one post as the text of each field, in Fields order. The csv and
// json writers share it, so both files always say the same about a post.
type record [numFields]string

// fill sets r from p. It tolerates a post with missing pointers (a hand-made
// plan in a test, say) by leaving those fields empty rather than panicking.
func (r *record) fill(plan *calendar.Plan, p *calendar.Post) {
	r[0] = p.ID
	r[1] = p.Date.String()
	r[2] = p.Time.String()
	r[3] = plan.Timezone
	r[4], r[5], r[7] = "", "", ""
	if p.Channel != nil {
		r[4] = p.Channel.Name
	}
	if p.Format != nil {
		r[5] = p.Format.Name
	}
	r[6] = string(p.Source)
	if p.Pillar != nil {
		r[7] = p.Pillar.Name
	}
	r[8] = p.Objective()
	r[9] = p.Campaign
	r[10] = p.Title
	r[11] = p.Writer
	r[12] = p.DraftDue.String()
	r[13] = p.Status
	if r[13] == "" {
		r[13] = statusDraft
	}
	r[fieldCost] = formatCost(p.Cost)
}

// formatCost writes a cost as the shortest decimal that reads back exactly,
// never in exponent form (spreadsheets read 1e+06 as text in some locales).
// A cost that is not a finite number cannot come from a validated spec; it is
// written as 0 rather than as NaN, which neither csv readers nor JSON accept.
func formatCost(c float64) string {
	if math.IsNaN(c) || math.IsInf(c, 0) {
		return "0"
	}
	if c == 0 {
		return "0" // also turns -0 into 0
	}
	return strconv.FormatFloat(c, 'f', -1, 64)
}
