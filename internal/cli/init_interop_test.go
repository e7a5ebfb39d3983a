package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/internal/interop"
)

// TestInitSchemaTaplo checks what init writes the way an editor reads it:
// Taplo follows the spec's "#:schema" line to the schema beside it, finds
// the starter spec valid, and marks a misspelt frequency and an unknown key.
// Skipped, saying why, when @taplo/cli is not installed in testdata/interop,
// unless CONTENTPLAN_INTEROP=1.
func TestInitSchemaTaplo(t *testing.T) {
	t.Parallel()
	node := interop.Node(t, "@taplo/cli")
	cli := filepath.Join(interop.Dir(), "node_modules", "@taplo", "cli", "dist", "cli.js")
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.toml")
	if code, _, stderr := run(t, "", nil, "init", path); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	lint := exec.Command(node, cli, "lint", "plan.toml", "bad.toml")
	lint.Dir = dir
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `frequency = "3/week"`, `frequency = "3/wek"`, 1)
	bad = strings.Replace(bad, "[plan]\n", "[plan]\ncolour = \"blue\"\n", 1)
	if bad == string(good) || !strings.HasPrefix(bad, schemaLine) {
		t.Fatal("the starter spec changed: adjust the edits of this test")
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.toml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := lint.CombinedOutput()
	for _, want := range []string{`"3/wek" does not match`, `'colour' was unexpected`, `bad.toml"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("taplo lint does not say %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), `plan.toml"`) {
		t.Errorf("taplo lint fails the starter spec:\n%s", out)
	}
}
