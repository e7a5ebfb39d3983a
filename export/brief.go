package export

import (
	"fmt"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// Brief is the writer's brief for a post: what to make, for which channel,
// under which pillar, serving which objective and KPI. Every output that
// shows a brief (the workbook, the calendar) uses this text.
func Brief(plan *calendar.Plan, p *calendar.Post) string {
	var b strings.Builder
	kind := "an own"
	if p.Source == calendar.Borrowed {
		kind = "a borrowed (curated)"
	}
	fmt.Fprintf(&b, "Make %s %s post for %s", kind, p.Format.Name, p.Channel.Name)
	if p.Pillar != nil {
		fmt.Fprintf(&b, " on the pillar %q", p.Pillar.Name)
	}
	if p.Campaign != "" {
		fmt.Fprintf(&b, " for the campaign %q", p.Campaign)
	}
	b.WriteString(".")
	if o := FindObjective(plan, p.Objective()); o != nil {
		fmt.Fprintf(&b, " Objective: %s", o.What)
		if o.KPI != "" {
			fmt.Fprintf(&b, " (KPI: %s", o.KPI)
			if o.Target != "" {
				fmt.Fprintf(&b, ", target %s", o.Target)
			}
			b.WriteString(")")
		}
		b.WriteString(".")
	}
	return b.String()
}

// FindObjective returns the objective with the given id, or nil.
func FindObjective(plan *calendar.Plan, id string) *calendar.ObjectiveSpec {
	if id == "" {
		return nil
	}
	for gi := range plan.Goals {
		for oi := range plan.Goals[gi].Objectives {
			if o := &plan.Goals[gi].Objectives[oi]; o.ID == id {
				return o
			}
		}
	}
	return nil
}
