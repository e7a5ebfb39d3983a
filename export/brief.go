package export

import (
	"fmt"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// Brief is the writer's brief for a post, in the plan's language: what to
// make, for which channel, under which pillar and campaign, serving which
// objective and KPI. Every output that shows a brief uses this text.
func Brief(plan *calendar.Plan, p *calendar.Post) string {
	t := i18n.For(plan.Language)
	var b strings.Builder
	verb := t.MakeOwn
	if p.Source == calendar.Borrowed {
		verb = t.MakeBorrowed
	}
	fmt.Fprintf(&b, verb, p.Format.Name)
	b.WriteString(" ")
	fmt.Fprintf(&b, t.ForChannel, p.Channel.Name)
	if p.Pillar != nil {
		b.WriteString(" ")
		fmt.Fprintf(&b, t.OnPillar, p.Pillar.Name)
	}
	if p.Campaign != "" {
		b.WriteString(" ")
		fmt.Fprintf(&b, t.ForCampaign, p.Campaign)
	}
	if p.Source == calendar.Borrowed {
		b.WriteString(t.CreditSource) // a borrowed post names where it comes from
	}
	b.WriteString(".")
	if o := FindObjective(plan, p.Objective()); o != nil {
		fmt.Fprintf(&b, " %s: %s", t.Objective, o.What)
		if o.KPI != "" {
			fmt.Fprintf(&b, " (%s: %s", t.KPI, o.KPI)
			if o.Target != "" {
				fmt.Fprintf(&b, ", %s", o.Target)
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
