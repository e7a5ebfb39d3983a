package spec

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/i18n"
)

// goals reads [[goal]] with its [[goal.objective]] tables.
func (c *checker) goals(root map[string]any, s *calendar.Spec, st planState) {
	ts, _ := c.tables(root, "goal")
	goalIDs := unique{}
	objIDs := unique{} // id → the goal it is in
	for _, t := range ts {
		g := calendar.GoalSpec{ID: t.optName("id", "goal")}
		t.known(goalKeys...)
		if _, dup := goalIDs.add(g.ID, g.ID); dup && g.ID != "" {
			c.errorAt(t.keyPath("id"), t.subj.about("duplicate goal id"), "goal ids must be unique")
		}
		g.Why, _ = t.str("why")
		g.Owner, _ = t.str("owner")
		objs, _ := c.subTables(t, "objective")
		for _, o := range objs {
			ob := calendar.ObjectiveSpec{ID: o.optName("id", "objective")}
			o.known(objKeys...)
			if first, dup := objIDs.add(ob.ID, g.ID); dup && ob.ID != "" {
				c.errorAt(o.keyPath("id"), o.subj.about(fmt.Sprintf("duplicate objective id (also in goal %q)", first)),
					"objective ids must be unique across all goals: pillars refer to them")
			}
			ob.What, _ = o.str("what")
			ob.KPI, _ = o.str("kpi")
			c.objectiveTargets(o, &ob, s, st)
			ob.Actions, _, _ = o.strs("actions")
			ob.Metrics, _, _ = o.strs("metrics")
			g.Objectives = append(g.Objectives, ob)
		}
		s.Goals = append(s.Goals, g)
	}
}

// subTables returns the array of tables at key inside t ([[goal.objective]]).
func (c *checker) subTables(t table, key string) ([]table, bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, false
	}
	path := t.keyPath(key)
	out, isArray := c.tableArray(v, path, func(i int, e any) {
		t.wrongType(calendar.IndexPath(path, i+1), fmt.Sprintf("%s[%d]", key, i+1), e, "a table")
	})
	if !isArray {
		parent := strings.SplitN(t.path, "[", 2)[0]
		t.wrongType(path, key, v, fmt.Sprintf("[[%s]] tables", path[:len(path)-len(key)-1]+"."+key),
			fmt.Sprintf("write [[%s.%s]] below its [[%s]]", parent, key, parent))
	}
	return out, true
}

// objectiveIDs returns the declared objective ids, lower-cased, mapped to
// their spelling.
func objectiveIDs(s *calendar.Spec) map[string]string {
	ids := map[string]string{}
	for _, g := range s.Goals {
		for _, o := range g.Objectives {
			if o.ID != "" {
				ids[strings.ToLower(o.ID)] = o.ID
			}
		}
	}
	return ids
}

func (c *checker) pillars(root map[string]any, s *calendar.Spec) {
	ts, _ := c.tables(root, "pillar")
	ids := objectiveIDs(s)
	var idList []string
	for _, g := range s.Goals {
		for _, o := range g.Objectives {
			if o.ID != "" && !slices.Contains(idList, o.ID) {
				idList = append(idList, o.ID)
			}
		}
	}
	seen := unique{}
	for _, t := range ts {
		p := calendar.PillarSpec{Weight: 1, Name: t.name("name", "pillar")}
		t.known(pillarKeys...)
		if first, dup := seen.add(p.Name, p.Name); dup && p.Name != "" {
			c.errorAt(t.keyPath("name"), t.subj.about(fmt.Sprintf("duplicate pillar name (first as %q)", first)),
				"pillar names must be unique (case does not count)")
		}
		if w, ok := t.number("weight"); ok {
			switch {
			case w <= 0:
				c.errorAt(t.keyPath("weight"), t.subj.on(fmt.Sprintf("weight %g: must be positive", w)),
					"remove weight for the default of 1, or give a number above 0")
			case w > 1e9:
				c.errorAt(t.keyPath("weight"), t.subj.on(fmt.Sprintf("weight %g: too large", w)),
					"weights are relative: 3 and 1 mean three to one")
			default:
				p.Weight = w
			}
		}
		if o, ok := t.str("objective"); ok {
			if id, known := ids[strings.ToLower(strings.TrimSpace(o))]; known {
				p.Objective = id
			} else {
				var hints []string
				if len(idList) == 0 {
					hints = []string{"declare it as a [[goal.objective]] with id = \"…\", or remove objective"}
				} else {
					hints = hintFor(o, idList)
					hints = append(hints, "objectives: "+strings.Join(idList, ", "))
				}
				c.errorAt(t.keyPath("objective"), t.subj.on(fmt.Sprintf("objective %q: no such objective", o)), hints...)
			}
		}
		s.Pillars = append(s.Pillars, p)
	}
}

// channelRefs resolves an array of channel names (case-insensitive) to
// their declared spelling, reporting the unknown ones; nil when absent.
func (c *checker) channelRefs(t table, s *calendar.Spec) []string {
	if !t.has("channels") {
		return nil
	}
	names, paths, ok := t.strs("channels")
	if !ok {
		return nil
	}
	var all []string
	byKey := map[string]string{}
	for _, ch := range s.Channels {
		if ch.Name != "" {
			all = append(all, ch.Name)
			byKey[strings.ToLower(strings.TrimSpace(ch.Name))] = ch.Name
		}
	}
	out := []string{}
	for i, n := range names {
		name, ok := byKey[strings.ToLower(strings.TrimSpace(n))]
		if !ok {
			hints := hintFor(n, all)
			if len(all) > 0 {
				hints = append(hints, "channels: "+strings.Join(all, ", "))
			}
			c.errorAt(paths[i], t.subj.on(fmt.Sprintf("channels: no channel named %q", n)), hints...)
			continue
		}
		out = append(out, name)
	}
	if len(names) == 0 {
		c.errorAt(t.keyPath("channels"), t.subj.on("channels: empty"), "remove channels to mean all channels")
	}
	return out
}

func (c *checker) writers(root map[string]any, s *calendar.Spec) {
	ts, _ := c.tables(root, "writer")
	seen := unique{}
	for _, t := range ts {
		w := calendar.WriterSpec{Name: t.name("name", "writer")}
		t.known(writerKeys...)
		if _, dup := seen.add(w.Name, w.Name); dup && w.Name != "" {
			c.errorAt(t.keyPath("name"), t.subj.about("duplicate writer name"), "writer names must be unique")
		}
		w.Channels = c.channelRefs(t, s)
		if n, ok := toNumber(t.m["capacity"]); ok {
			// capacity = 10: a number of posts, which the key counts per week.
			if n != math.Trunc(n) || n < 1 || n > maxPerWeek {
				n = 10
			}
			t.wrongType(t.keyPath("capacity"), "capacity", t.m["capacity"], `"N/week"`,
				fmt.Sprintf(`write capacity = "%d/week", the posts the writer can take per ISO week`, int(n)))
		} else if capText, ok := t.str("capacity"); ok {
			f, err := parseFrequency("capacity", capText)
			switch {
			case err != nil && digits(strings.TrimSpace(capText), 1, 9):
				c.errorAt(t.keyPath("capacity"), t.subj.on(fmt.Sprintf("capacity %q: want N/week", capText)),
					fmt.Sprintf("did you mean \"%s/week\"?", strings.TrimSpace(capText)))
			case err != nil:
				c.errorAt(t.keyPath("capacity"), t.subj.on(fmt.Sprintf("capacity %q: want N/week", capText)),
					`the posts a writer can take per ISO week, e.g. capacity = "10/week"`)
			case f.Per != calendar.PerWeek || f.Weekdays:
				c.errorAt(t.keyPath("capacity"), t.subj.on(fmt.Sprintf("capacity %q: want N/week", capText)),
					fmt.Sprintf("posts a writer can take per ISO week, e.g. capacity = \"%d/week\"", f.Weekly()))
			default:
				w.Capacity = f.N
			}
		}
		s.Writers = append(s.Writers, w)
	}
}

func (c *checker) campaigns(root map[string]any, s *calendar.Spec, st planState) {
	ts, _ := c.tables(root, "campaign")
	var pillarNames []string
	pillarByKey := map[string]string{}
	for _, p := range s.Pillars {
		if p.Name != "" {
			pillarNames = append(pillarNames, p.Name)
			pillarByKey[strings.ToLower(p.Name)] = p.Name
		}
	}
	for _, t := range ts {
		cp := calendar.CampaignSpec{Name: t.name("name", "campaign")}
		t.known(campaignKeys...)
		start, startOK := t.date("start")
		end, endOK := t.date("end")
		if !t.has("start") {
			t.missing("start", "add start = 2027-02-01, the campaign's first day")
		}
		if !t.has("end") {
			t.missing("end", "add end = 2027-02-14, the campaign's last day")
		}
		if startOK && endOK {
			switch {
			case end < start:
				c.errorAt(t.keyPath("end"), t.subj.on(fmt.Sprintf("end %s: before start %s", end, start)))
			case st.dates && (start < s.Plan.Start || end > s.Plan.End):
				c.errorAt(t.keyPath("start"), t.subj.about(fmt.Sprintf("%s to %s is not inside the plan (%s to %s)", start, end, s.Plan.Start, s.Plan.End)),
					"move the campaign inside the plan, or widen the plan")
			default:
				cp.Start, cp.End = start, end
			}
		}
		cp.Channels = c.channelRefs(t, s)
		if p, ok := t.str("pillar"); ok {
			if name, known := pillarByKey[strings.ToLower(strings.TrimSpace(p))]; known {
				cp.Pillar = name
			} else {
				var hints []string
				if len(pillarNames) == 0 {
					hints = []string{`declare it as a [[pillar]] with name = "…"`}
				} else {
					hints = hintFor(p, pillarNames)
					hints = append(hints, "pillars: "+strings.Join(pillarNames, ", "))
				}
				c.errorAt(t.keyPath("pillar"), t.subj.on(fmt.Sprintf("pillar %q: no such pillar", p)), hints...)
			}
		}
		if e, ok := t.str("extra"); ok {
			f, err := parseFrequency("extra", e)
			switch {
			case err != nil:
				c.errorAt(t.keyPath("extra"), t.subj.on(fmt.Sprintf("extra %q: want N/day or N/week", e)),
					`write extra = "1/day" or extra = "2/week"`)
			case f.Per == calendar.PerMonth || f.Weekdays:
				c.errorAt(t.keyPath("extra"), t.subj.on(fmt.Sprintf("extra %q: want N/day or N/week", e)),
					`write extra = "1/day" or extra = "2/week"`)
			default:
				cp.Extra = f
			}
		}
		s.Campaigns = append(s.Campaigns, cp)
	}
}

// method warns where the spec departs from the planning method: these are
// advice, not errors, since a plan without them still schedules.
func (c *checker) method(s *calendar.Spec) {
	for gi, g := range s.Goals {
		gpath := calendar.IndexPath("goal", gi+1)
		gs := named("goal", g.ID, gpath)
		if n := len(g.Objectives); n < 4 || n > 8 {
			c.warnAt(gpath, gs.about(fmt.Sprintf("%s; the method asks for 4 to 8", plural(n, "objective"))),
				"break the goal into 4 to 8 measurable objectives")
		}
		for oi, o := range g.Objectives {
			opath := calendar.IndexPath(gpath+".objective", oi+1)
			os := named("objective", o.ID, opath)
			if strings.TrimSpace(o.KPI) == "" {
				c.warnAt(opath, os.about("no kpi"), "give each objective a KPI to review it against: kpi = \"…\"")
			}
			if n := len(o.Metrics); n < 2 || n > 5 {
				c.warnAt(opath, os.about(fmt.Sprintf("%s; the method asks for 2 to 5", plural(n, "metric"))),
					"list 2 to 5 metrics that show progress: metrics = [\"…\", \"…\"]")
			}
		}
	}
	c.responsible(s)
	if len(s.Goals) == 0 {
		return
	}
	served := map[string]bool{}
	for pi, p := range s.Pillars {
		if p.Objective == "" {
			c.warnAt(calendar.IndexPath("pillar", pi+1), named("pillar", p.Name, calendar.IndexPath("pillar", pi+1)).about("serves no objective"),
				"set objective = \"…\" to the id of the objective it serves")
			continue
		}
		served[strings.ToLower(p.Objective)] = true
	}
	if len(s.Pillars) == 0 {
		c.warnAt("goal", "no [[pillar]] serves the objectives", "add [[pillar]] tables with objective = \"…\" so posts serve the goals")
		return
	}
	for gi, g := range s.Goals {
		for oi, o := range g.Objectives {
			if o.ID == "" || served[strings.ToLower(o.ID)] {
				continue
			}
			opath := calendar.IndexPath(calendar.IndexPath("goal", gi+1)+".objective", oi+1)
			c.warnAt(opath, named("objective", o.ID, opath).about("no pillar serves it"),
				fmt.Sprintf("set objective = %q on a [[pillar]]", o.ID))
		}
	}
}

// responsible warns about channels whose posts would have no one
// responsible (the method: every post has someone), once the spec names
// people at all: a minimal spec without owners or writers is not nagged.
func (c *checker) responsible(s *calendar.Spec) {
	people := len(s.Writers) > 0
	for _, ch := range s.Channels {
		people = people || ch.Owner != ""
	}
	if !people {
		return
	}
	for ci, ch := range s.Channels {
		if ch.Owner != "" || slices.ContainsFunc(s.Writers, func(w calendar.WriterSpec) bool {
			return w.Channels == nil || slices.ContainsFunc(w.Channels, func(n string) bool { return strings.EqualFold(n, ch.Name) })
		}) {
			continue
		}
		path := calendar.IndexPath("channel", ci+1)
		c.warnAt(path, named("channel", ch.Name, path).about("no owner and no writer takes it: its posts have no one responsible"),
			fmt.Sprintf("set owner = \"…\" on the channel, or list %q in a writer's channels", ch.Name))
	}
}

// plural writes "1 metric", "2 metrics" (i18n's English rule).
func plural(n int, word string) string { return i18n.Count("en", n, i18n.N(word)) }
