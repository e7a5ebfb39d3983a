package spec

import (
	"os"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
)

// specIDs parses and builds src and returns its posts' ids by channel
// name, each with its date.
func specIDs(t *testing.T, src string) map[string]map[string]string {
	t.Helper()
	p, err := calendar.Build(mustParse(t, src))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for post := range p.Posts() {
		if out[post.Channel.Name] == nil {
			out[post.Channel.Name] = map[string]string{}
		}
		out[post.Channel.Name][post.ID] = post.Date.String()
	}
	return out
}

func sameChannelIDs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for id, d := range a {
		if b[id] != d {
			return false
		}
	}
	return true
}

// TestSpecEditsKeepIDs edits the coffee shop's spec as its manager would
// between runs, through the spec's text, and checks rule 7 of docs/spec.md.
func TestSpecEditsKeepIDs(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../testdata/coffee.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	edit := func(old, new string) string {
		t.Helper()
		if !strings.Contains(src, old) {
			t.Fatalf("coffee.toml has no %q", old)
		}
		return strings.Replace(src, old, new, 1)
	}
	base := specIDs(t, src)

	// Telegram moves from 08:30 to 10:00, Instagram to other times.
	moved := specIDs(t, strings.Replace(edit(`times     = ["08:30"]`, `times     = ["10:00"]`),
		`times     = ["12:00", "18:30"]`, `times     = ["09:00", "21:00"]`, 1))
	for name, ids := range base {
		if !sameChannelIDs(moved[name], ids) {
			t.Errorf("new times changed %s's ids", name)
		}
	}

	// A plan id of its own: every id changes, and no id is any other plan's.
	withID := edit(`name     = "Northwind Coffee, Q1 2027"`, "name     = \"Northwind Coffee, Q1 2027\"\nid = \"k3x9q2m7p1ab\"")
	own := specIDs(t, withID)
	for name, ids := range own {
		for id := range ids {
			if _, shared := base[name][id]; shared {
				t.Fatalf("plan ids northwind-coffee-q1-2027 and k3x9q2m7p1ab share post id %s", id)
			}
		}
	}
	// Renamed, with its id: every id kept; a channel renamed with its old
	// name as id keeps its ids too.
	src = withID
	renamed := specIDs(t, strings.Replace(edit(`name     = "Northwind Coffee, Q1 2027"`, `name     = "Northwind Coffee, Q2 2027 (draft)"`),
		`name      = "VK"`, "name      = \"ВКонтакте\"\nid        = \"VK\"", 1))
	for name, ids := range own {
		if name == "VK" {
			name = "ВКонтакте"
		}
		if !sameChannelIDs(renamed[name], ids) {
			t.Errorf("renaming changed %s's ids", name)
		}
	}

	// A new channel changes no other id.
	added := specIDs(t, src+"\n[[channel]]\nname = \"Threads\"\nfrequency = \"2/day\"\nformats = [\"text\"]\n")
	for name, ids := range own {
		if !sameChannelIDs(added[name], ids) {
			t.Errorf("adding a channel changed %s's ids", name)
		}
	}
}
