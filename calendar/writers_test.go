package calendar

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/mix"
)

// writerLoads builds s and counts each writer's posts ("" for unassigned).
func writerLoads(t *testing.T, s *Spec) (map[string]int, *Plan) {
	t.Helper()
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for post := range p.Posts() {
		out[post.Writer]++
	}
	return out, p
}

func TestWriters(t *testing.T) {
	t.Parallel()
	twoChannels := func(t *testing.T) *Spec {
		// Mon 2027-01-04 .. Sun 2027-01-17: two ISO weeks, 14 + 14 posts.
		s := oneChannel(t, "2027-01-04", "2027-01-17", Frequency{N: 1, Per: PerDay}, "09:00")
		s.Channels = append(s.Channels, s.Channels[0])
		s.Channels[1].Name, s.Channels[1].Owner = "VK", "Vera"
		s.Formats[0].Lead = 0 // draft due the day itself, moved back from weekends
		return s
	}
	tests := []struct {
		name       string
		writers    []WriterSpec
		want       map[string]int
		unassigned int
		warnings   []string
	}{
		{name: "no writers: the owner writes", want: map[string]int{"": 14, "Vera": 14}},
		{name: "two writers share evenly", writers: []WriterSpec{{Name: "Ann"}, {Name: "Bob"}},
			want: map[string]int{"Ann": 14, "Bob": 14}},
		{name: "a writer for one channel; the other keeps its owner", writers: []WriterSpec{{Name: "Ann", Channels: []string{"Telegram"}}},
			want: map[string]int{"Ann": 14, "Vera": 14}},
		{name: "fewest so far goes first", writers: []WriterSpec{{Name: "Ann", Channels: []string{"Telegram"}}, {Name: "Bob"}},
			// Telegram's post comes first at each instant and goes to Ann
			// on the tie; VK's must go to Bob, which keeps them level.
			want: map[string]int{"Ann": 14, "Bob": 14}},
		{name: "a narrow writer and a wide one stay level", writers: []WriterSpec{{Name: "Ann"}, {Name: "Bob", Channels: []string{"VK"}}},
			want: map[string]int{"Ann": 14, "Bob": 14}},
		{name: "capacity runs short", writers: []WriterSpec{{Name: "Ann", Capacity: 5}, {Name: "Bob", Capacity: 5}},
			// weekends move back to Friday: week 1 has 14 posts due, week 2
			// 14 as well; 10 a week fit
			want: map[string]int{"Ann": 10, "Bob": 10, "": 8}, unassigned: 8,
			warnings: []string{"writers: week 2027-W01: 4 posts unassigned (2 Telegram, 2 VK): Ann and Bob (capacity 10 together) are full, 14 posts due for Telegram and VK",
				"writers: week 2027-W02: 4 posts unassigned (2 Telegram, 2 VK): Ann and Bob (capacity 10 together) are full, 14 posts due for Telegram and VK"}},
		{name: "a wide writer leaves room for the specialist's channel", writers: []WriterSpec{{Name: "Ann", Capacity: 7}, {Name: "Bob", Channels: []string{"Telegram"}, Capacity: 7}},
			// Each week has 7 posts of each channel due. In stream order
			// the greedy gives Ann Monday's Telegram post (the tie), so
			// she fills up a VK post short; the quotas hand that
			// Telegram post to Bob.
			want: map[string]int{"Ann": 14, "Bob": 14}},
		{name: "a wide writer and a specialist, short", writers: []WriterSpec{{Name: "Ann", Capacity: 6}, {Name: "Bob", Channels: []string{"Telegram"}, Capacity: 7}},
			want: map[string]int{"Ann": 12, "Bob": 14, "": 2}, unassigned: 2,
			warnings: []string{"writers: week 2027-W01: 1 VK post unassigned: Ann (capacity 6) is full, 7 posts due for VK",
				"writers: week 2027-W02: 1 VK post unassigned: Ann (capacity 6) is full, 7 posts due for VK"}},
		{name: "unlimited writer takes the overflow", writers: []WriterSpec{{Name: "Ann", Capacity: 3}, {Name: "Bob"}},
			want: map[string]int{"Ann": 6, "Bob": 22}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := twoChannels(t)
			s.Writers = tt.writers
			got, p := writerLoads(t, s)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("loads %v, want %v", got, tt.want)
			}
			if p.Unassigned != tt.unassigned {
				t.Errorf("Unassigned = %d, want %d", p.Unassigned, tt.unassigned)
			}
			var ws []string
			for _, d := range p.Warnings {
				if strings.HasPrefix(d.Msg, "writers:") {
					ws = append(ws, d.Msg)
				}
			}
			if !slices.Equal(ws, tt.warnings) {
				t.Errorf("warnings\n\t%s\nwant\n\t%s", strings.Join(ws, "\n\t"), strings.Join(tt.warnings, "\n\t"))
			}
		})
	}
}

// A plan short all quarter lists a few weeks, then groups the rest.
func TestWriterWarningsGrouped(t *testing.T) {
	t.Parallel()
	s := oneChannel(t, "2027-01-04", "2027-03-28", Frequency{N: 2, Per: PerDay}, "09:00", "18:00")
	s.Writers = []WriterSpec{{Name: "Ann", Capacity: 10}}
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range p.Warnings {
		got = append(got, d.String())
	}
	want := []string{
		// 14 posts a week, due 3 days before: 2026-W53 has the first
		// three days' 6 and the last week the last four days' 8, both
		// within capacity.
		"warning: test.toml: writers: week 2027-W01: 4 Telegram posts unassigned: Ann (capacity 10) is full, 14 posts due for Telegram",
		"warning: test.toml: writers: week 2027-W02: 4 Telegram posts unassigned: Ann (capacity 10) is full, 14 posts due for Telegram",
		"warning: test.toml: writers: week 2027-W03: 4 Telegram posts unassigned: Ann (capacity 10) is full, 14 posts due for Telegram",
		"warning: test.toml: writers: 8 more weeks, 2027-W04 to 2027-W11: 32 posts unassigned" +
			"\nhint: raise the writers' capacity, add writers, or let more writers take these channels",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Unassigned != 11*4 {
		t.Errorf("Unassigned = %d", p.Unassigned)
	}
}

// The shortage line lists a few channels and writers, then counts the
// rest, and its numbers add up: posts due less capacity is the unassigned.
func TestWriterShortageMessage(t *testing.T) {
	t.Parallel()
	w := &writerSetup{names: []string{"Вера", "Ann", "Bob", "Cy", "Dee"}, channels: []string{"Дзен", "VK", "TG", "X", "YT"}}
	tests := []struct {
		s    mix.Shortage
		want string
	}{
		{mix.Shortage{Unassigned: []int{3, 0, 0, 0, 0}, Kinds: []int{0}, Workers: []int{0}, Items: 5, Capacity: 2},
			"3 Дзен posts unassigned: Вера (capacity 2) is full, 5 posts due for Дзен"},
		{mix.Shortage{Unassigned: []int{1, 0, 0, 0, 0}, Kinds: []int{0, 1}, Workers: []int{0, 1}, Items: 8, Capacity: 7},
			"1 Дзен post unassigned: Вера and Ann (capacity 7 together) are full, 8 posts due for Дзен and VK"},
		{mix.Shortage{Unassigned: []int{1, 1, 1, 1, 1}, Kinds: []int{0, 1, 2, 3, 4}, Workers: []int{0, 1, 2, 3, 4}, Items: 25, Capacity: 20},
			"5 posts unassigned (1 Дзен, 1 VK, 1 TG, 2 on other channels): Вера, Ann, Bob and 2 more (capacity 20 together) are full, 25 posts due for Дзен, VK, TG and 2 more"},
	}
	for _, tt := range tests {
		n := 0
		for _, u := range tt.s.Unassigned {
			n += u
		}
		if got := w.shortage(&tt.s, n); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
