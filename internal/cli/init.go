package cli

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar/spec"
)

// starter is the spec init writes, with a new plan id in place of
// starterID. A test checks that what init writes validates and generates
// as is.
//
//go:embed starter.toml
var starter []byte

// starterID is the placeholder of the plan's id in starter.toml. It is not
// a valid id, so that the file cannot pass for a spec without init.
const starterID = `"RANDOM-ID"`

// newStarter returns the starter spec with a random plan id: every plan
// that init starts gets an id of its own, so its post ids differ from
// every other plan's and survive renaming it (docs/spec.md, plan.id).
func newStarter() []byte {
	return bytes.Replace(starter, []byte(starterID), []byte(`"`+randomPlanID()+`"`), 1)
}

// randomPlanID returns 12 characters of a-z and 0-9 from crypto/rand:
// about 62 bits, so that no two plans share an id.
func randomPlanID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, 0, 12)
	var buf [16]byte
	for len(out) < cap(out) {
		rand.Read(buf[:]) // never fails (crypto/rand)
		for _, b := range buf {
			// 252 = 7·36: taking only bytes below it keeps the letters
			// equally likely.
			if b < 252 && len(out) < cap(out) {
				out = append(out, alphabet[b%36])
			}
		}
	}
	return string(out)
}

// schemaLine heads the spec init writes to a file: it points Taplo and Even
// Better TOML to the schema init writes beside it.
const schemaLine = "#:schema ./" + schemaFile + "\n"

type initOptions struct {
	env  *Env
	file string // "-" writes to standard output
}

func newInitCmd(env *Env) *cobra.Command {
	o := &initOptions{env: env}
	return &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter spec (never overwrites)",
		Long: `Write a commented starter spec to FILE (default plan.toml), or to standard
output when FILE is "-". An existing file is never overwritten. The spec gets
a random plan id (plan.id), so that its post ids are its own and survive
renaming the plan.

The spec's first line, "#:schema ./contentplan.schema.json", points TOML
editors (Taplo, Even Better TOML) to the spec's JSON Schema, which init writes
beside FILE: they then complete keys, explain them and mark mistakes as you
type. A schema file already there is left as it is (with a note when it is
not this version's schema). With "-", only the spec is written.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef([]string{"usage: " + cmd.UseLine()}, "init takes at most one file name, got %d", len(args))
			}
			return nil
		},
		RunE: runE(func(args []string) error {
			o.file = "plan.toml"
			if len(args) == 1 {
				o.file = args[0]
			}
			return runInit(o)
		}),
	}
}

func runInit(o *initOptions) error {
	text := newStarter()
	if o.file == "-" {
		_, err := o.env.Out.Write(text)
		return err
	}
	err := createNew(o.file, append([]byte(schemaLine), text...))
	if errors.Is(err, fs.ErrExist) {
		return usagef([]string{
			"contentplan init never overwrites a file",
			fmt.Sprintf("pick another name (contentplan init other.toml) or remove %s first", o.file),
		}, "%s already exists", o.file)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(o.env.Out, "wrote %s\n", o.file)
	schema, err := writeSchema(o.env, o.file)
	if err != nil {
		return err
	}
	if schema != "" {
		fmt.Fprintf(o.env.Out, "wrote %s\n", schema)
	}
	fmt.Fprintf(o.env.Out, "next: edit it, then run contentplan generate %s\n", o.file)
	return nil
}

// writeSchema writes the spec's JSON Schema beside the spec at specPath,
// where its "#:schema" line looks, and returns the path it wrote. A file
// already there is never replaced: one with the same schema is left
// silently ("" is returned), another with a note on how to update it.
func writeSchema(env *Env, specPath string) (string, error) {
	path := filepath.Join(filepath.Dir(specPath), schemaFile)
	schema := spec.Schema()
	err := createNew(path, schema)
	if !errors.Is(err, fs.ErrExist) {
		if err != nil {
			return "", err
		}
		return path, nil
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, schema) {
		return "", nil
	}
	fmt.Fprintf(env.ErrOut, "note: %s already exists and is not this version's schema; left as it is\n", path)
	fmt.Fprintf(env.ErrOut, "hint: contentplan schema > %s brings it up to date\n", path)
	return "", nil
}

// createNew writes data to path only if path does not exist yet, and
// atomically: the data goes to a temporary file that is then hard-linked to
// path, which fails rather than replaces when path exists (a rename would
// replace it). Where hard links are not supported, it falls back to an
// exclusive create.
func createNew(path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	err = os.Link(tmp.Name(), path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// No hard links here (some network and FAT file systems).
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
