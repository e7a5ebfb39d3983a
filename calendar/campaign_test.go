package calendar

import (
	"slices"
	"strings"
	"testing"
)

// campaignPosts lists a plan's posts as "Wed 2027-01-06 13:00 launch/promo"
// (campaign/pillar, "-" for none).
func campaignPosts(t *testing.T, s *Spec) ([]string, *Plan) {
	t.Helper()
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for post := range p.Posts() {
		c := post.Campaign
		if c == "" {
			c = "-"
		}
		out = append(out, post.Date.Weekday().String()[:3]+" "+post.Date.String()+" "+post.Time.String()+" "+c+"/"+propPillarName(&post))
	}
	return out, p
}

func TestCampaignExtras(t *testing.T) {
	t.Parallel()
	day := func(n int) Frequency { return Frequency{N: n, Per: PerDay} }
	week := func(n int) Frequency { return Frequency{N: n, Per: PerWeek} }
	tests := []struct {
		name         string
		start, end   string
		freq         Frequency
		times        []string
		skip         []string
		camp         CampaignSpec // dates as offsets are filled below
		cstart, cend string
		also         CampaignSpec // a second campaign, when named
		astart, aend string
		want         []string
		warn         string // a warning that must be there
	}{
		{name: "1/day takes the free time", start: "2027-01-04", end: "2027-01-07", freq: day(1), times: []string{"09:00", "13:00"},
			camp: CampaignSpec{Name: "launch", Pillar: "promo", Extra: day(1)}, cstart: "2027-01-05", cend: "2027-01-06",
			want: []string{"Mon 2027-01-04 09:00 -/tips", "Tue 2027-01-05 09:00 launch/promo", "Tue 2027-01-05 13:00 launch/promo",
				"Wed 2027-01-06 09:00 launch/promo", "Wed 2027-01-06 13:00 launch/promo", "Thu 2027-01-07 13:00 -/tips"}},
		{name: "2/week spreads over 7-day blocks from the window's first day", start: "2027-01-04", end: "2027-01-24", freq: week(1), times: []string{"09:00", "18:00"},
			camp: CampaignSpec{Name: "launch", Extra: week(2)}, cstart: "2027-01-06", cend: "2027-01-19",
			want: []string{"Mon 2027-01-04 09:00 -/tips", "Wed 2027-01-06 09:00 launch/tips", "Sat 2027-01-09 18:00 launch/tips",
				"Mon 2027-01-11 18:00 launch/tips", "Wed 2027-01-13 09:00 launch/tips", "Sat 2027-01-16 18:00 launch/tips",
				"Mon 2027-01-18 09:00 launch/tips"}}, // Mondays are the regular posts
		{name: "a window shorter than a week still gets a post", start: "2027-01-04", end: "2027-01-10", freq: week(1), times: []string{"09:00", "18:00"},
			camp: CampaignSpec{Name: "weekend", Extra: week(2)}, cstart: "2027-01-09", cend: "2027-01-10",
			want: []string{"Mon 2027-01-04 09:00 -/tips", "Sat 2027-01-09 09:00 weekend/tips"}},
		{name: "a skipped date drops N/day extras with the day", start: "2027-01-04", end: "2027-01-06", freq: day(1), times: []string{"09:00", "13:00"}, skip: []string{"2027-01-05"},
			camp: CampaignSpec{Name: "launch", Extra: day(1)}, cstart: "2027-01-04", cend: "2027-01-06",
			want: []string{"Mon 2027-01-04 09:00 launch/tips", "Mon 2027-01-04 13:00 launch/tips", "Wed 2027-01-06 09:00 launch/tips", "Wed 2027-01-06 13:00 launch/tips"},
			warn: `channel "Telegram": 1 extra post of campaigns dropped on 2027-01-05: skipped dates`},
		{name: "a skipped date moves N/week extras to the next day", start: "2027-01-04", end: "2027-01-10", freq: week(1), times: []string{"09:00", "18:00"}, skip: []string{"2027-01-06"},
			camp: CampaignSpec{Name: "launch", Extra: week(1)}, cstart: "2027-01-06", cend: "2027-01-10",
			want: []string{"Mon 2027-01-04 09:00 -/tips", "Thu 2027-01-07 09:00 launch/tips"}},
		{name: "overlapping campaigns drop what the day cannot hold", start: "2027-01-04", end: "2027-01-06", freq: day(1), times: []string{"09:00", "18:00"},
			// each campaign fits on its own (the check is per campaign);
			// together they ask for a third time on Tuesday
			camp: CampaignSpec{Name: "launch", Extra: day(1)}, cstart: "2027-01-04", cend: "2027-01-05",
			also: CampaignSpec{Name: "sale", Extra: day(1)}, astart: "2027-01-05", aend: "2027-01-06",
			want: []string{"Mon 2027-01-04 09:00 launch/tips", "Mon 2027-01-04 18:00 launch/tips", "Tue 2027-01-05 09:00 launch/tips", "Tue 2027-01-05 18:00 launch/tips",
				"Wed 2027-01-06 09:00 sale/tips", "Wed 2027-01-06 18:00 sale/tips"},
			warn: "1 extra post of campaigns dropped on 2027-01-05: no free time left on the day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := oneChannel(t, tt.start, tt.end, tt.freq, tt.times...)
			s.Pillars = []PillarSpec{{Name: "tips", Weight: 1}}
			for _, d := range tt.skip {
				s.Plan.Skip = append(s.Plan.Skip, mustDate(t, d))
			}
			c := tt.camp
			c.Start, c.End = mustDate(t, tt.cstart), mustDate(t, tt.cend)
			s.Campaigns = []CampaignSpec{c}
			if a := tt.also; a.Name != "" {
				a.Start, a.End = mustDate(t, tt.astart), mustDate(t, tt.aend)
				s.Campaigns = append(s.Campaigns, a)
			}
			got, p := campaignPosts(t, s)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			if p.Total != len(got) || p.Channels[0].Posts != len(got) {
				t.Errorf("Total %d, channel posts %d, streamed %d", p.Total, p.Channels[0].Posts, len(got))
			}
			if tt.warn != "" && !slices.ContainsFunc(p.Warnings, func(d Diagnostic) bool { return strings.Contains(d.Msg, tt.warn) }) {
				t.Errorf("no warning %q in %v", tt.warn, p.Warnings)
			}
		})
	}
}

// Extras never move a regular post: the campaign's posts take the times
// that are left, so every regular post keeps its id, date and time.
func TestCampaignExtrasKeepRegularPosts(t *testing.T) {
	t.Parallel()
	s := oneChannel(t, "2027-01-01", "2027-03-31", Frequency{N: 2, Per: PerDay}, "09:00", "13:00", "18:00", "21:00")
	s.Plan.Skip = []Date{mustDate(t, "2027-02-10")}
	ids := func(s *Spec) map[string]string {
		p, err := Build(s)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for post := range p.Posts() {
			out[post.ID] = post.Date.String() + " " + post.Time.String()
		}
		return out
	}
	base := ids(s)
	s.Campaigns = []CampaignSpec{{Name: "launch", Start: mustDate(t, "2027-02-01"), End: mustDate(t, "2027-02-28"), Extra: Frequency{N: 2, Per: PerDay}}}
	with := ids(s)
	for id, at := range base {
		if with[id] != at {
			t.Errorf("post %s at %s moved to %q", id, at, with[id])
		}
	}
	if got, want := len(with)-len(base), 2*27; got != want {
		t.Errorf("%d extra posts, want %d (28 days less the skipped one, 2 a day)", got, want)
	}
}

func TestExtraRuleOn(t *testing.T) {
	t.Parallel()
	start := MakeDate(2027, 1, 6)
	for n := 1; n <= 20; n++ {
		x := extraRule{start: start, end: start + 27, freq: Frequency{N: n, Per: PerWeek}}
		// Any 7 consecutive days hold exactly N.
		for d := start; d+6 <= x.end; d++ {
			sum := 0
			for e := d; e <= d+6; e++ {
				sum += x.on(e)
			}
			if sum != n {
				t.Fatalf("%d/week: %d posts in the 7 days from %s", n, sum, d)
			}
		}
		if x.on(start) < 1 || x.on(start-1) != 0 || x.on(x.end+1) != 0 || x.freq.MostPerDay() < x.on(start) {
			t.Fatalf("%d/week: window edges or maximum wrong", n)
		}
	}
}
