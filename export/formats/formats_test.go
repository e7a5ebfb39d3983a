package formats

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/export"
	"github.com/contentplan/contentplan/export/internal/testutil"
)

// TestAll: every format is listed once, in the order of --format's help,
// each found by its name and with its own extension.
func TestAll(t *testing.T) {
	t.Parallel()
	if got, want := strings.Join(Names(), ","), "ics,xlsx,csv,json,html"; got != want {
		t.Errorf("Names() = %s, want %s", got, want)
	}
	seen := map[string]bool{}
	for _, f := range All() {
		if seen[f.Name()] {
			t.Errorf("%s listed twice", f.Name())
		}
		seen[f.Name()] = true
		if f.Ext() != "."+f.Name() {
			t.Errorf("%s: extension %q", f.Name(), f.Ext())
		}
		if g, ok := Lookup(f.Name()); !ok || g.Name() != f.Name() {
			t.Errorf("Lookup(%q) = %v, %v", f.Name(), g, ok)
		}
	}
	if _, ok := Lookup("pdf"); ok {
		t.Error("Lookup(pdf) found a format")
	}
	if got := strings.Join(Splits(), ","); got != "channel,writer" {
		t.Errorf("Splits() = %s", got)
	}
}

// TestCheckOptions: an option no chosen format acts on is refused with the
// message and hints the command line has always given.
func TestCheckOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		formats   string
		split     string
		deadlines bool
		msg       string // "" for none
		hint      string
	}{
		{"ics,xlsx", "", false, "", ""},
		{"csv", "", false, "", ""},
		{"ics", "channel", true, "", ""},
		{"ics,xlsx", "writer", false, "", ""},
		{"xlsx,csv,json", "writer", false, "", ""},
		{"csv", "channel", false, "--split channel splits the calendar, but --format has no ics",
			"add ics: --format ics --split channel"},
		{"ics,csv", "writer", false, "--split writer splits the workbook, but --format has no xlsx",
			"add xlsx: --format xlsx --split writer"},
		{"ics", "month", false, `--split "month": want channel or writer`,
			"use --split channel (one .ics per channel) or --split writer (one .xlsx per writer)"},
		{"xlsx", "", true, "--deadlines adds events to the calendar, but --format has no ics",
			"add ics: --format ics --deadlines"},
		{"xlsx", "writer", true, "--deadlines adds events to the calendar, but --format has no ics",
			"add ics: --format ics --deadlines"},
		{"csv", "month", true, `--split "month": want channel or writer`, // the split is told first
			"use --split channel (one .ics per channel) or --split writer (one .xlsx per writer)"},
	} {
		err := CheckOptions(choose(t, tc.formats), export.Options{Split: tc.split, Deadlines: tc.deadlines})
		name := tc.formats + " --split " + tc.split
		if tc.msg == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", name, err)
			}
			continue
		}
		var ue *calendar.HintError
		if !errors.As(err, &ue) || ue.Msg != tc.msg || !slices.Equal(ue.Hints, []string{tc.hint}) {
			t.Errorf("%s: %#v, want %q with hint %q", name, err, tc.msg, tc.hint)
		}
	}
}

func choose(t *testing.T, names string) []export.Format {
	t.Helper()
	var out []export.Format
	for name := range strings.SplitSeq(names, ",") {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no format %q", name)
		}
		out = append(out, f)
	}
	return out
}

// TestOutputs: the files of each format and split, named after the
// channels and writers, with the review meetings and then the occasions in
// files of their own named last.
func TestOutputs(t *testing.T) {
	t.Parallel()
	plan := &calendar.Plan{
		Channels:  []*calendar.Channel{{Name: "Telegram"}, {Name: "reviews"}, {Name: "VK!"}},
		Reviews:   make([]calendar.Review, 1),
		Occasions: make([]calendar.Occasion, 1),
		Writers:   []calendar.WriterSpec{{Name: "Anna"}, {Name: "anna"}},
	}
	noReviews := *plan
	noReviews.Reviews = nil
	noOccasions := *plan
	noOccasions.Occasions = nil
	occasionsChannel := *plan
	occasionsChannel.Channels = []*calendar.Channel{{Name: "Occasions"}}
	for _, tc := range []struct {
		format, split string
		plan          *calendar.Plan
		want          string
	}{
		{"ics", "", plan, ".ics"},
		{"ics", "writer", plan, ".ics"},
		{"ics", "channel", plan, "-Telegram.ics -reviews.ics -VK.ics -reviews-2.ics -occasions.ics"},
		{"ics", "channel", &noReviews, "-Telegram.ics -reviews.ics -VK.ics -occasions.ics"},
		{"ics", "channel", &noOccasions, "-Telegram.ics -reviews.ics -VK.ics -reviews-2.ics"},
		{"ics", "channel", &occasionsChannel, "-Occasions.ics -reviews.ics -occasions-2.ics"},
		{"xlsx", "", plan, ".xlsx"},
		{"xlsx", "channel", plan, ".xlsx"},
		{"xlsx", "writer", plan, "-Anna.xlsx -anna-2.xlsx -unassigned.xlsx"},
		{"csv", "channel", plan, ".csv"},
		{"json", "writer", plan, ".json"},
	} {
		f, _ := Lookup(tc.format)
		outs, err := f.Outputs(tc.plan, export.Options{Split: tc.split})
		if err != nil {
			t.Errorf("%s --split %s: %v", tc.format, tc.split, err)
			continue
		}
		var got []string
		for _, o := range outs {
			got = append(got, o.Suffix)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s --split %s: %q, want %s", tc.format, tc.split, got, tc.want)
		}
	}
}

// TestPasses holds each output to its Passes: writing it reads the plan's
// posts exactly that many times over, which the progress bar relies on.
func TestPasses(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"agency.toml", "coffee.toml"} { // with and without review meetings
		plan := testutil.BuildExample(t, "../../testdata/"+spec)
		for _, f := range All() {
			for _, split := range []string{"", "channel", "writer"} {
				outs, err := f.Outputs(plan, export.Options{Split: split, Deadlines: true})
				if err != nil {
					if split == "writer" && len(plan.Writers) == 0 {
						continue
					}
					t.Fatalf("%s %s --split %s: %v", spec, f.Name(), split, err)
				}
				for _, out := range outs {
					read := 0
					counted := *plan
					counted.SetPosts(func(yield func(calendar.Post) bool) {
						for p := range plan.Posts() {
							read++
							if !yield(p) {
								return
							}
						}
					})
					if err := out.Write(io.Discard, &counted); err != nil {
						t.Fatalf("%s%s: %v", spec, out.Suffix, err)
					}
					if want := out.Passes * plan.Total; read != want {
						t.Errorf("%s%s: read %d posts, Passes says %d×%d", spec, out.Suffix, read, out.Passes, plan.Total)
					}
				}
			}
		}
	}
}

// TestWriterSplitRefused: the split by writer of a spec without writers is
// refused by the workbook, as a usage error.
func TestWriterSplitRefused(t *testing.T) {
	t.Parallel()
	f, _ := Lookup("xlsx")
	_, err := f.Outputs(&calendar.Plan{}, export.Options{Split: "writer"})
	var ue *calendar.HintError
	if !errors.As(err, &ue) || ue.Msg != "--split writer: the spec has no writers" ||
		!slices.Equal(ue.Hints, []string{"add [[writer]] tables to the spec (see docs/spec.md), or drop --split writer"}) {
		t.Errorf("%#v", err)
	}
}
