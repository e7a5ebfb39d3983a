package spec

import (
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
)

// TestTablesPositions: Parse records where each table starts, by the key
// path Build names it by, so that Build's warnings about a channel or the
// writers carry the file's line and column.
func TestTablesPositions(t *testing.T) {
	t.Parallel()
	src := plan("id = \"x\"\nskip = [2027-01-10]", tg+"\n  [[channel]]\nname = \"VK\"\nfrequency = \"1/week\"\ndays = [\"sun\"]\nformats = [\"text\"]\n\n[[writer]]\nname = \"Ann\"\n")
	s, err := Parse("plan.toml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]calendar.Pos{
		"plan": {Line: 1, Col: 1}, "channel[1]": {Line: 7, Col: 1}, "channel[2]": {Line: 12, Col: 3}, "writer[1]": {Line: 18, Col: 1},
	} {
		if got := s.Tables[path]; got != want {
			t.Errorf("%s at %+v, want %+v", path, got, want)
		}
	}
	p, err := calendar.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`warning: plan.toml:7:1: channel "Telegram": 1 post dropped on 2027-01-10: skipped dates with no free later day in the same week`,
		`warning: plan.toml:12:3: channel "VK": 1 post dropped on 2027-01-10: skipped dates with no free later day in the same week`,
	}
	var got []string
	for _, d := range p.Warnings {
		got = append(got, d.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
}
