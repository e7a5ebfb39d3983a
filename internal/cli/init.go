package cli

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// starter is the spec init writes. A test checks that it validates and
// generates as is.
//
//go:embed starter.toml
var starter []byte

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
output when FILE is "-". An existing file is never overwritten.`,
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
	if o.file == "-" {
		_, err := o.env.Out.Write(starter)
		return err
	}
	err := createNew(o.file, starter)
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
	fmt.Fprintf(o.env.Out, "next: edit it, then run contentplan generate %s\n", o.file)
	return nil
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
