package cli

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/export/xlsx"
)

// TestSplitWriterCounts: generate --split writer prints, for each workbook,
// how many posts it holds, and those add up to the plan's posts; each
// workbook holds as many rows as it says, none of them twice, and together
// they hold every post of the plan once (the writers' and the one of the
// posts no writer could take).
func TestSplitWriterCounts(t *testing.T) {
	t.Parallel()
	wrote := regexp.MustCompile(`^wrote (.+\.xlsx) \((\d+) posts?\)$`)
	for _, spec := range []string{"agency.toml", "ru_bakery.toml", "hostile.toml"} {
		t.Run(spec, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			code, out, errOut := run(t, "", nil, "generate", example(spec), "-o", dir, "--split", "writer", "--format", "xlsx")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			plan, err := loadPlan(&Env{ErrOut: io.Discard}, example(spec))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			for p := range plan.Posts() {
				want[p.ID] = true
			}
			seen := map[string]string{}
			sum, files, unassigned := 0, 0, false
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				m := wrote.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				n, _ := strconv.Atoi(m[2])
				sum, files = sum+n, files+1
				unassigned = unassigned || strings.HasSuffix(m[1], "-unassigned.xlsx")
				b, err := xlsx.ReadFile(m[1])
				if err != nil {
					t.Fatal(err)
				}
				if len(b.Rows) != n {
					t.Errorf("%s says %d posts and holds %d", m[1], n, len(b.Rows))
				}
				for _, r := range b.Rows {
					if other, dup := seen[r.ID]; dup {
						t.Errorf("post %s in %s and %s", r.ID, other, m[1])
					}
					seen[r.ID] = m[1]
					if !want[r.ID] {
						t.Errorf("%s: post %s is not the plan's", m[1], r.ID)
					}
				}
			}
			if files != len(plan.Writers)+1 || !unassigned {
				t.Errorf("%d workbooks (unassigned: %v), want one per writer and the unassigned:\n%s", files, unassigned, out)
			}
			if sum != plan.Total || len(seen) != len(want) {
				t.Errorf("the workbooks say %d posts and hold %d; the plan has %d", sum, len(seen), plan.Total)
			}
			total := regexp.MustCompile(`(?m)^` + strconv.Itoa(files) + ` files hold the plan's ` + strconv.Itoa(plan.Total) + ` posts, each post in one$`)
			if !total.MatchString(out) {
				t.Errorf("no line adding them up:\n%s", out)
			}
		})
	}
}
