package spec

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contentplan/contentplan/internal/interop"
)

// TestSchemaInteropPython checks the schema with Python's jsonschema (draft
// 4, formats checked): every example spec and fullSpec validate, and the bad
// specs the schema catches, plus one with an unknown key, do not. Skipped, saying why,
// when python3-jsonschema is missing, unless CONTENTPLAN_INTEROP=1.
func TestSchemaInteropPython(t *testing.T) {
	t.Parallel()
	py := interop.Python(t, "jsonschema", "tomllib")
	schema, valid, invalid := interopFiles(t)
	args := []string{filepath.Join(interop.Dir(), "schema_check.py"), schema, "--valid"}
	args = append(args, valid...)
	args = append(args, "--invalid")
	args = append(args, invalid...)
	out, err := exec.Command(py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("schema_check.py: %v\n%s", err, out)
	}
	if n, want := strings.Count(string(out), "ok "), len(valid)+len(invalid); n != want {
		t.Errorf("schema_check.py checked %d files, want %d:\n%s", n, want, out)
	}
}

// interopFiles writes the schema and two specs to a temporary folder, and
// returns the schema's path, the specs that must validate (the examples and
// fullSpec) and those that must not (schemaCatches and fullSpec with an
// unknown key).
func interopFiles(t *testing.T) (schema string, valid, invalid []string) {
	t.Helper()
	dir := t.TempDir()
	schema = filepath.Join(dir, "contentplan.schema.json")
	full := filepath.Join(dir, "full.toml")
	unknown := filepath.Join(dir, "unknown_key.toml")
	for path, data := range map[string]string{
		schema:  string(Schema()),
		full:    fullSpec,
		unknown: strings.Replace(fullSpec, "[[format]]", "[[format]]\ncolour = \"blue\"", 1),
	} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	valid = append(examples(t), full)
	invalid = []string{unknown}
	for _, name := range schemaCatches {
		f, err := filepath.Abs(filepath.Join("..", "..", "testdata", "bad", name+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		invalid = append(invalid, f)
	}
	return schema, valid, invalid
}

// TestSchemaInteropTaplo checks the schema with Taplo, the validator of the
// TOML editors that read it (Even Better TOML is Taplo): the same specs as
// TestSchemaInteropPython. Skipped, saying why, when @taplo/cli is not
// installed in testdata/interop, unless CONTENTPLAN_INTEROP=1.
func TestSchemaInteropTaplo(t *testing.T) {
	t.Parallel()
	node := interop.Node(t, "@taplo/cli")
	cli := filepath.Join(interop.Dir(), "node_modules", "@taplo", "cli", "dist", "cli.js")
	schema, valid, invalid := interopFiles(t)
	lint := func(files ...string) ([]byte, error) {
		args := append([]string{cli, "lint", "--schema", "file://" + filepath.ToSlash(schema)}, files...)
		return exec.Command(node, args...).CombinedOutput()
	}
	if out, err := lint(valid...); err != nil {
		t.Errorf("taplo lint of the valid specs: %v\n%s", err, out)
	}
	// One run for all the invalid ones (taplo takes seconds to start): it
	// names each file that fails the schema.
	out, err := lint(invalid...)
	if err == nil {
		t.Errorf("taplo lint of the invalid specs passes")
	}
	for _, f := range invalid {
		if !strings.Contains(string(out), `schema validation failed path="`+f+`"`) {
			t.Errorf("taplo lint does not fail %s on the schema:\n%s", f, out)
		}
	}
}
