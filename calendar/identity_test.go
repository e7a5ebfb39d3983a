package calendar

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDerivePlanID(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, want string }{
		{"Northwind Coffee, Q1 2027", "northwind-coffee-q1-2027"},
		{"  --Acme__Analytics!!  ", "acme-analytics"},
		{"Пекарня «Колосок», II квартал 2027", "pekarnya-kolosok-ii-kvartal-2027"},
		{"Щи да каша — пища наша", "shchi-da-kasha-pishcha-nasha"},
		{"Объявление", "obyavlenie"},        // ъ is a letter that spells as nothing: no "-"
		{"Хлебница ЁЖ", "khlebnitsa-ezh"},   // upper case too
		{"Българска роза", "blgarska-roza"}, // one table whatever the language
		{"Київ Їжа", "kiyiv-yizha"},         // и is spelt the Russian way
		{"Café Müller", "cafe-muller"},
		{"İstanbul", "istanbul"},
		{"a" + strings.Repeat("b", 50), "a" + strings.Repeat("b", 39)},
		{strings.Repeat("abcd ", 20), "abcd-abcd-abcd-abcd-abcd-abcd-abcd-abcd"}, // cut at 40, no "-" left at the end
		{strings.Repeat("x", 39) + " yz", strings.Repeat("x", 39)},
	}
	for _, tt := range tests {
		got := DerivePlanID(tt.name)
		if got != tt.want {
			t.Errorf("DerivePlanID(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if !ValidPlanID(got) {
			t.Errorf("DerivePlanID(%q) = %q: not a valid plan id", tt.name, got)
		}
	}
	// Nothing spellable: a short hash of the name, different per name.
	a, b := DerivePlanID("咖啡店"), DerivePlanID("茶店")
	if !strings.HasPrefix(a, "plan-") || len(a) != len("plan-")+8 || a == b || !ValidPlanID(a) || !ValidPlanID(b) {
		t.Errorf("hashed ids %q, %q", a, b)
	}
	if DerivePlanID("咖啡店") != a {
		t.Error("the hashed id is not stable")
	}
}

func TestValidPlanID(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"a", "northwind-q1", "0", "-", strings.Repeat("z", 40), "k3x9q2m7p1ab"} {
		if !ValidPlanID(s) {
			t.Errorf("%q: want valid", s)
		}
	}
	for _, s := range []string{"", "Northwind", "north wind", "north_wind", "пекарня", strings.Repeat("z", 41), "a.b"} {
		if ValidPlanID(s) {
			t.Errorf("%q: want invalid", s)
		}
	}
}

// planIDs builds s and returns its posts' ids, each with its channel's
// name, a tab, its date and time; it fails on a duplicate id.
func planIDs(t *testing.T, s *Spec) map[string]string {
	t.Helper()
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for post := range p.Posts() {
		v := post.Channel.Name + "\t" + post.Date.String() + " " + post.Time.String()
		if prev, dup := out[post.ID]; dup {
			t.Fatalf("id %s twice: %s and %s", post.ID, prev, v)
		}
		out[post.ID] = v
	}
	return out
}

// idsOf returns the ids of channel's posts, each with its date.
func idsOf(ids map[string]string, channel string) map[string]string {
	out := map[string]string{}
	for id, v := range ids {
		if name, rest, _ := strings.Cut(v, "\t"); name == channel {
			out[id] = rest[:len("2027-01-01")]
		}
	}
	return out
}

func sameIDs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// twoClients is an agency's two clients with the same channels, posting at
// the same times.
func twoClients(t *testing.T) (*Spec, *Spec) {
	a := oneChannel(t, "2027-01-01", "2027-03-31", Frequency{N: 1, Per: PerDay}, "10:00")
	a.Channels[0].Name = "Instagram"
	a.Channels = append(a.Channels, ChannelSpec{Name: "Telegram", Frequency: Frequency{N: 2, Per: PerDay},
		Times: clocks(t, "09:00", "18:00"), Formats: []Weighted{{Name: "text", Weight: 1}}, Borrowed: 2000})
	b := *a
	b.Plan.Name, a.Plan.ID, b.Plan.ID = "test", "client-a", "client-b"
	return a, &b
}

func TestIdentityRules(t *testing.T) {
	t.Parallel()
	a, b := twoClients(t)
	base := planIDs(t, a)
	if len(base) != 90*3 {
		t.Fatalf("%d posts", len(base))
	}

	// Two plans with the same channels share no id.
	for id := range planIDs(t, b) {
		if _, shared := base[id]; shared {
			t.Fatalf("plans client-a and client-b share id %s", id)
		}
	}
	// Nor do two plans without an id but with different names.
	c, d := *a, *a
	c.Plan.ID, d.Plan.ID, c.Plan.Name, d.Plan.Name = "", "", "Lumen Shoes", "Northwind Coffee"
	dIDs := planIDs(t, &d)
	for id := range planIDs(t, &c) {
		if _, shared := dIDs[id]; shared {
			t.Fatalf("plans named differently share id %s", id)
		}
	}

	// Moving Instagram from 10:00 to 09:00 keeps every id of its posts, on
	// its date.
	moved := cloneSpec(a)
	moved.Channels[0].Times = clocks(t, "09:00")
	if got := planIDs(t, moved); !sameIDs(idsOf(got, "Instagram"), idsOf(base, "Instagram")) || !sameIDs(got, plusTimes(base, got)) {
		t.Error("changing Instagram's time changed ids")
	}
	// So does swapping Telegram's times for others, in another order.
	moved.Channels[1].Times = clocks(t, "07:30", "21:15")
	if got := planIDs(t, moved); !sameIDs(idsOf(got, "Telegram"), idsOf(base, "Telegram")) {
		t.Error("changing Telegram's times changed ids")
	}

	// Renaming the plan keeps every id when it has one.
	renamed := cloneSpec(a)
	renamed.Plan.Name = "Client A, Q1 2027 (revised)"
	if !sameIDs(planIDs(t, renamed), base) {
		t.Error("renaming a plan with an id changed ids")
	}
	// Renaming a channel keeps its ids when it has one...
	renamed.Channels[1].ID, renamed.Channels[1].Name = "Telegram", "Telegram channel"
	if got := planIDs(t, renamed); !sameIDs(idsOf(got, "Telegram channel"), idsOf(base, "Telegram")) {
		t.Error("renaming a channel with an id changed its ids")
	}
	// ...or when only its case changes...
	renamed.Channels[1].ID, renamed.Channels[1].Name = "", "TELEGRAM"
	if got := planIDs(t, renamed); !sameIDs(idsOf(got, "TELEGRAM"), idsOf(base, "Telegram")) {
		t.Error("renaming a channel in case changed its ids")
	}
	// ...and gives it new ones without, the other channel's kept.
	renamed.Channels[1].Name = "TG"
	got := planIDs(t, renamed)
	if !sameIDs(idsOf(got, "Instagram"), idsOf(base, "Instagram")) {
		t.Error("renaming a channel changed another's ids")
	}
	for id := range idsOf(got, "TG") {
		if _, kept := base[id]; kept {
			t.Fatalf("renamed channel without an id kept id %s", id)
		}
	}

	// Adding a channel changes no other id.
	added := cloneSpec(a)
	added.Channels = append([]ChannelSpec{{Name: "VK", Frequency: Frequency{N: 3, Per: PerWeek},
		Times: clocks(t, "10:00"), Formats: []Weighted{{Name: "text", Weight: 1}}}}, added.Channels...)
	got = planIDs(t, added)
	for id, v := range base {
		if got[id] != v {
			t.Errorf("adding a channel changed post %s (%s) to %q", id, v, got[id])
		}
	}
}

// plusTimes returns want's ids with got's values, so that sameIDs compares
// the set of ids and nothing else.
func plusTimes(want, got map[string]string) map[string]string {
	out := map[string]string{}
	for id := range want {
		out[id] = got[id]
	}
	return out
}

func cloneSpec(s *Spec) *Spec {
	c := *s
	c.Channels = slices.Clone(s.Channels)
	return &c
}

// TestIdentityProperties checks rule 7 on generated plans: ids are unique
// within a plan and across plans; a channel's ids (with their dates) do not
// change when its times do, the other channels', formats and writers stay.
func TestIdentityProperties(t *testing.T) {
	t.Parallel()
	for i, seed := range propertySeeds()[:120] {
		r := rand.New(rand.NewPCG(seed, seed^0x1d))
		s := randomSpec(r, i%4 == 3)
		if i%2 == 0 {
			extendSpec(rand.New(rand.NewPCG(seed, 0x7ea3)), s)
		}
		s.Plan.ID = fmt.Sprintf("plan-%d", seed)
		base := planIDs(t, s) // unique within the plan
		other := cloneSpec(s)
		other.Plan.ID += "-b"
		for id := range planIDs(t, other) {
			if _, shared := base[id]; shared {
				t.Fatalf("seed %d: plans %s and %s share id %s", seed, s.Plan.ID, other.Plan.ID, id)
			}
		}

		// New times, as many as before: without DST changes to shift or
		// drop a post, every day keeps its number of posts, so every id.
		utc := cloneSpec(s)
		utc.Plan.Location, utc.Plan.Timezone = time.UTC, "UTC"
		before := planIDs(t, utc)
		ci := r.IntN(len(utc.Channels))
		ch := &utc.Channels[ci]
		ch.Times = newTimes(r, len(ch.Times))
		ch.Formats = []Weighted{{Name: "video", Weight: 1}}
		after := planIDs(t, utc)
		for _, c := range utc.Channels {
			if !sameIDs(idsOf(after, c.Name), idsOf(before, c.Name)) {
				t.Fatalf("seed %d: new times and formats for %s changed the ids of %s", seed, ch.Name, c.Name)
			}
		}
	}
}

// newTimes returns n distinct times at random, sorted.
func newTimes(r *rand.Rand, n int) []Clock {
	var out []Clock
	for _, m := range r.Perm(24 * 60)[:n] {
		out = append(out, Clock(m))
	}
	slices.Sort(out)
	return out
}
