package calendar

import (
	"iter"
	"time"
)

// Plan is a built content calendar: the resolved spec plus a schedule that
// produces its posts on demand. Posts are not held in memory: each call of
// Posts runs the (deterministic) schedule again, so a plan of a million posts
// costs what its channels cost, not what its posts cost.
type Plan struct {
	File      string // spec file name, for messages
	Name      string
	ID        string // identity in post ids (PlanSpec.ID)
	Start     Date
	End       Date
	Location  *time.Location
	Timezone  string
	Cap       Cap
	Language  string
	Currency  string
	Channels  []*Channel
	Formats   []*Format
	Pillars   []*Pillar
	Goals     []GoalSpec
	Writers   []WriterSpec
	Campaigns []CampaignSpec
	Holidays  []Holiday  // public holidays of plan.holidays inside [Start, End], named in English (Holiday.NameIn)
	Occasions []Occasion // the holidays and the spec's [[date]]s inside [Start, End], by date (OccasionsOn looks a date up)
	Skip      []Date     // skipped dates (plan.skip, [[date]]s with skip, plus holidays when skip_holidays)
	Reviews   []Review
	Warnings  []Diagnostic // what scheduling found: dropped posts, DST shifts, writers' shortfall (the spec's own are Spec.Warnings)
	// Facts are what the team recorded in the plan's last workbook (KPI
	// actuals, decisions, published posts), for the review meetings; nil
	// when there is none. Build leaves it nil: the command line sets it.
	Facts *Facts

	Total      int // posts in the plan
	Borrowed   int // of which borrowed
	Unassigned int // posts no writer could take: every eligible writer was at capacity that week

	posts iter.Seq[Post]
}

// Posts yields every post in chronological order (by start instant, then by
// channel order in the spec).
func (p *Plan) Posts() iter.Seq[Post] {
	if p.posts == nil {
		return func(func(Post) bool) {}
	}
	return p.posts
}

// SetPosts replaces the plan's schedule. Build sets it; tests of the writers
// use it to feed hand-made posts.
func (p *Plan) SetPosts(posts iter.Seq[Post]) { p.posts = posts }
