package cli

import (
	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar/spec"
)

// schemaFile is the name init gives the schema beside a spec, and the one
// the spec's "#:schema" line names.
const schemaFile = "contentplan.schema.json"

func newSchemaCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the spec's JSON Schema, for TOML editors",
		Long: `Print a JSON Schema (draft 4) of the spec: every key of docs/spec.md with its
type, its form where a pattern can state it and its meaning. TOML editors
that read JSON Schema (Taplo, and Even Better TOML in VS Code) then complete
keys, explain them on hover and mark mistakes as they are typed. Save it
beside the spec and name it on the spec's first line:

  contentplan schema > contentplan.schema.json
  #:schema ./contentplan.schema.json

contentplan init does both for a new spec.`,
		Args: exactArgs(),
		RunE: runE(func([]string) error {
			_, err := env.Out.Write(spec.Schema())
			return err
		}),
	}
}
