package xlsx

import (
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
)

// TestCheck: a workbook that cannot hold its posts is refused before any
// work, naming --split writer, in the words the command line has always
// used; a split whose every writer fits goes ahead.
func TestCheck(t *testing.T) {
	t.Parallel()
	shared := func(writers ...string) *calendar.Plan {
		p := &calendar.Plan{File: "big.toml", Total: maxPlanPosts + 1}
		for _, w := range writers {
			p.Writers = append(p.Writers, calendar.WriterSpec{Name: w})
		}
		p.SetPosts(iter.Seq[calendar.Post](func(yield func(calendar.Post) bool) {
			for i := range p.Total {
				if !yield(calendar.Post{Writer: writers[i%len(writers)]}) {
					return
				}
			}
		}))
		return p
	}
	rest := []string{"plan a shorter period, or fewer channels per spec", "or leave the workbook out: --format ics,csv,json"}
	for _, tc := range []struct {
		name  string
		plan  *calendar.Plan
		split string
		msg   string // "" for no error
		hints []string
	}{
		{"fits", &calendar.Plan{File: "big.toml", Total: maxPlanPosts}, "", "", nil},
		{"too big, no writers", &calendar.Plan{File: "big.toml", Total: maxPlanPosts + 1}, "",
			"big.toml: 1048576 posts do not fit one workbook sheet, which holds 1048575; nothing written",
			append([]string{"--split writer makes one workbook per writer: add [[writer]] tables to share the posts out"}, rest...)},
		{"too big, with writers", shared("Anna", "Oleg"), "",
			"big.toml: 1048576 posts do not fit one workbook sheet, which holds 1048575; nothing written",
			append([]string{"use --split writer: one workbook per writer, each with only their posts"}, rest...)},
		{"split over writers", shared("Anna", "Oleg"), "writer", "", nil},
		{"split, one writer", shared("Anna"), "writer",
			`big.toml: writer "Anna" has 1048576 posts, more than one workbook sheet holds (1048575); nothing written`,
			append([]string{"add writers to share the posts out: --split writer gives each one a workbook of their own"}, rest...)},
		{"split, no writers", &calendar.Plan{File: "big.toml"}, "writer", "--split writer: the spec has no writers",
			[]string{"add [[writer]] tables to the spec (see docs/spec.md), or drop --split writer"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := Format{}.Check(tc.plan, export.Options{Split: tc.split})
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ue *calendar.HintError
			if !errors.As(err, &ue) || ue.Msg != tc.msg || !slices.Equal(ue.Hints, tc.hints) {
				t.Errorf("%#v\nwant %q with hints %q", err, tc.msg, tc.hints)
			}
		})
	}
}
