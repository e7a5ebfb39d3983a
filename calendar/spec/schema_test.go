package spec

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// pendingKeys are keys of docs/spec.md's contract that the schema already
// has and the checker is gaining in parallel work. While the checker does
// not know one, the tests leave it out of the comparisons with the checker
// and docs/spec.md; once it does, the entry must go (a test says so).
var pendingKeys = map[string]bool{}

// compiled is the schema as a validator that is not ours reads it, with
// draft 4's meta-schema checked on the way.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("contentplan.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("contentplan.schema.json")
})

// validateSchema validates a decoded TOML document against the schema, as
// an editor sees it: dates become strings.
func validateSchema(t *testing.T, doc map[string]any) error {
	t.Helper()
	sch, err := compiled()
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	b, err := json.Marshal(jsonValue(doc))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// jsonValue turns a decoded TOML value into JSON's: dates and times as
// the strings TOML writes them as (as Taplo and the CI's Python do).
func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return x.Format("2006-01-02")
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05")
		case "time-local":
			return x.Format("15:04:05")
		}
		return x.Format(time.RFC3339)
	}
	return v
}

func decodeFile(t *testing.T, path string) map[string]any {
	t.Helper()
	var doc map[string]any
	if _, err := toml.DecodeFile(path, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// schemaTables returns the schema's keys by table path, as schemaKeys
// lists them.
func schemaTables() map[string][]string {
	out := map[string][]string{}
	for _, k := range schemaKeys {
		out[k.table] = append(out[k.table], k.key)
	}
	return out
}

// TestSchemaKeysAreTheCheckers checks that the schema has every key the
// checker knows, in the same table, and no other.
func TestSchemaKeysAreTheCheckers(t *testing.T) {
	t.Parallel()
	checker, schema := Keys(), schemaTables()
	for _, table := range checker[""] {
		if _, ok := checker[table]; !ok {
			t.Errorf("Keys has no entry for the table %q (add its key list)", table)
		}
	}
	for _, table := range slices.Sorted(maps.Keys(mergeKeys(checker, schema))) {
		for _, k := range checker[table] {
			path := strings.TrimPrefix(table+"."+k, ".")
			switch {
			case pendingKeys[path]:
				t.Errorf("the checker now knows %s: remove it from pendingKeys", path)
			case !slices.Contains(schema[table], k):
				t.Errorf("the checker knows %s, the schema does not", path)
			}
		}
		for _, k := range schema[table] {
			path := strings.TrimPrefix(table+"."+k, ".")
			if !slices.Contains(checker[table], k) && !pendingKeys[path] {
				t.Errorf("the schema has %s, the checker does not know it", path)
			}
		}
	}
	for i, k := range schemaKeys {
		if slices.ContainsFunc(schemaKeys[:i], func(o keyDoc) bool { return o.table == k.table && o.key == k.key }) {
			t.Errorf("schemaKeys lists %s.%s twice", k.table, k.key)
		}
	}
}

func mergeKeys(a, b map[string][]string) map[string][]string {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// docRow matches a row of a key table in docs/spec.md.
var docRow = regexp.MustCompile("^\\| ([a-z_, ]+) \\|.*\\|.*\\| (.*) \\|$")

// docHeading matches a heading naming a table: ## `[plan]`, ### `[[goal.objective]]`.
var docHeading = regexp.MustCompile("^#+ `\\[\\[?([a-z.]+)\\]\\]?`")

// specDocs reads docs/spec.md: the meaning of each key by its path, and
// the first paragraph under each table's heading.
func specDocs(t *testing.T) (meanings, intros map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "spec.md"))
	if err != nil {
		t.Fatal(err)
	}
	meanings, intros = map[string]string{}, map[string]string{}
	table, intro := "", false
	for line := range strings.SplitSeq(string(b), "\n") {
		if m := docHeading.FindStringSubmatch(line); m != nil {
			table, intro = m[1], true
			continue
		}
		if strings.HasPrefix(line, "#") {
			table, intro = "", false // a heading of something else: Copy limits, Post ids
		}
		switch {
		case table == "":
		case intro && line != "":
			intros[table] = strings.TrimSpace(intros[table] + " " + line)
		case intro && intros[table] != "":
			intro = false
		}
		if m := docRow.FindStringSubmatch(line); m != nil && table != "" && m[1] != "key" {
			for k := range strings.SplitSeq(m[1], ",") {
				meanings[table+"."+strings.TrimSpace(k)] = m[2]
			}
		}
	}
	return meanings, intros
}

// TestSchemaDescriptionsAreTheDocs checks that each key's description is
// its meaning in docs/spec.md (for a key holding tables, the paragraph
// under their heading), and that docs/spec.md documents no key the schema
// lacks.
func TestSchemaDescriptionsAreTheDocs(t *testing.T) {
	t.Parallel()
	meanings, intros := specDocs(t)
	checker := Keys()
	for _, k := range schemaKeys {
		path := strings.TrimPrefix(k.table+"."+k.key, ".")
		if pendingKeys[path] && !slices.Contains(checker[k.table], k.key) {
			continue
		}
		want, ok := meanings[path]
		if k.tables != "" {
			want, ok = intros[k.tables], intros[k.tables] != ""
		}
		switch {
		case !ok:
			t.Errorf("%s: docs/spec.md does not document it", path)
		case k.desc != want:
			t.Errorf("%s: description\n\t%q\ndocs/spec.md says\n\t%q", path, k.desc, want)
		}
	}
	schema := schemaTables()
	for path := range meanings {
		i := strings.LastIndexByte(path, '.')
		if !slices.Contains(schema[path[:i]], path[i+1:]) {
			t.Errorf("docs/spec.md documents %s, the schema does not have it", path)
		}
	}
	if len(meanings) < 40 {
		t.Errorf("read only %d keys from docs/spec.md: has its layout changed?", len(meanings))
	}
}

// examples are the specs that must validate: testdata's and init's, with
// a plan id in place of the placeholder init replaces.
func examples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	if err != nil || len(files) < 4 {
		t.Fatalf("examples: %v %v", files, err)
	}
	starter, err := os.ReadFile(filepath.Join("..", "..", "internal", "cli", "starter.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "starter.toml")
	if err := os.WriteFile(path, bytes.Replace(starter, []byte(`"RANDOM-ID"`), []byte(`"starter0spec"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return append(files, path)
}

// TestSchemaValidatesExamples checks that every example spec, which the
// checker accepts, validates against the schema.
func TestSchemaValidatesExamples(t *testing.T) {
	t.Parallel()
	for _, f := range examples(t) {
		if err := validateSchema(t, decodeFile(t, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// schemaCatches are the bad specs of testdata/bad that are bad for a reason
// the schema states, so that an editor marks them too. The others are bad
// for what needs the whole spec, or are not TOML at all.
var schemaCatches = []string{
	"cap_above_50", "cap_below_20", "cap_garbage", "cap_integer", "cap_too_precise",
	"channel_single_brackets", "dates_bad", "days_bad_names", "empty", "format_bad_values",
	"frequency_1441_day", "frequency_garbage", "frequency_typo", "frequency_zero",
	"holidays_unknown", "missing_channel", "missing_channel_keys", "missing_name_and_dates",
	"missing_plan", "pillar_weights", "quarter_bad", "review_language",
	"several_errors", "skip_bad_dates", "skip_not_array", "times_bad", "times_duplicate",
	"type_many", "type_name_number", "type_start_datetime", "type_start_string",
	"unknown_channel_key", "unknown_plan_key", "unknown_table", "weights_bad",
	"weights_empty",
}

// TestSchemaRejectsBadSpecs checks that the schema fails the bad specs it
// can tell are bad.
func TestSchemaRejectsBadSpecs(t *testing.T) {
	t.Parallel()
	for _, name := range schemaCatches {
		f := filepath.Join("..", "..", "testdata", "bad", name+".toml")
		if err := validateSchema(t, decodeFile(t, f)); err == nil {
			t.Errorf("%s: the schema accepts it", f)
		}
	}
}
