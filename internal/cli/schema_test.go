package cli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/contentplan/contentplan/calendar/spec"
)

// TestSchemaCommand checks that schema prints calendar/spec's schema, as
// JSON that names draft 4.
func TestSchemaCommand(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, "", nil, "schema")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !bytes.Equal([]byte(stdout), spec.Schema()) {
		t.Errorf("schema printed something else than spec.Schema()")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != "http://json-schema.org/draft-04/schema#" {
		t.Errorf("$schema is %v", doc["$schema"])
	}
}
