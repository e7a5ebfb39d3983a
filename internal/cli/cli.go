// Package cli is contentplan's command line: one file per command, each an
// options struct and a run function over injected streams, so that every
// command is tested without a terminal (the layout of cli/cli's pkg/cmd).
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
)

// Exit codes, as the README's "Errors and exit codes" lists them.
const (
	exitOK      = 0
	exitRuntime = 1 // I/O or another failure at run time
	exitUsage   = 2 // invalid spec or command line
	exitBroken  = 3 // a checked plan breaks a rule
)

// Env is everything a command may touch outside its arguments: streams,
// environment and clock. Tests build their own; main uses System.
type Env struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	Getenv func(string) string
	Now    func() time.Time
}

// System is the real process environment.
func System() *Env {
	return &Env{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv, Now: time.Now}
}

// usagef returns a mistake on the command line (exit 2), with hints on how
// to fix it: a *calendar.HintError, the error type the spec's values use
// too.
func usagef(hints []string, format string, args ...any) error {
	return calendar.Errorf(hints, format, args...)
}

// brokenError says that a checked plan breaks a rule (exit 3). The
// command has already printed what it breaks, on standard output.
type brokenError struct{ findings int }

func (e *brokenError) Error() string { return plural(e.findings, "finding") }

// exitError is a run that has printed its errors itself (generate with
// several specs prints each spec's) and ends with code.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// runError marks an error returned by a command's run function, as opposed
// to one cobra found in the arguments before running anything.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// Main runs contentplan with args (without the program name) and returns
// the process exit code.
func Main(args []string, env *Env) int {
	root := newRoot(env)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	return report(env.ErrOut, err)
}

// report prints err as the README's "Errors and exit codes" says (one
// problem per line, then hint lines) and returns its exit code.
func report(w io.Writer, err error) int {
	var specErr *calendar.SpecError
	var usage *calendar.HintError
	var run *runError
	var broken *brokenError
	var exit *exitError
	switch {
	case errors.As(err, &broken):
		return exitBroken
	case errors.As(err, &exit):
		return exit.code
	case errors.As(err, &specErr):
		fmt.Fprintln(w, specErr.Error())
		return exitUsage
	case errors.As(err, &usage):
		fmt.Fprintf(w, "error: %s\n", usage.Msg)
		for _, h := range usage.Hints {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
		return exitUsage
	case errors.As(err, &run):
		fmt.Fprintf(w, "error: %s\n", run.err)
		for _, h := range runHints(run.err) {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
		return exitRuntime
	default:
		// Cobra's own complaints: an unknown command or flag, a missing
		// argument. Its messages are already lowercase.
		fmt.Fprintf(w, "error: %s\n", err)
		fmt.Fprintln(w, "hint: run contentplan help for the commands and their flags")
		return exitUsage
	}
}

func newRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "contentplan",
		Short: "Turn a short TOML spec into a dated social-media content calendar",
		Long: `contentplan turns a short TOML spec (channels, formats, posting frequency,
the cap on borrowed content) into a dated content calendar, and exports it to
iCalendar (.ics), an Excel workbook (.xlsx), CSV, JSON and a calendar page
(.html).

Start with "contentplan init", edit plan.toml, then "contentplan generate plan.toml".
Hand plan.xlsx to the writers; when it comes back, "contentplan check plan.xlsx"
says what in it breaks the plan's rules, and the next "contentplan generate
plan.toml" keeps their work (--keep names a workbook kept elsewhere).
"contentplan export --to buffer plan.xlsx" writes its approved posts as the
files Buffer, Sprout Social or Hootsuite import in bulk.
"contentplan sync plan.toml --to URL" keeps a CalDAV calendar (Nextcloud,
iCloud, Fastmail, Yandex, Radicale) holding the plan's events.
Each month, enter the KPIs' actuals on its KPI sheet and "contentplan review
plan.xlsx" prints the month's review.

Exit codes: 0 ok, 1 runtime or I/O failure, 2 invalid spec or usage,
3 a checked plan breaks a rule.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.ErrOut)
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usagef(nil, "%s", err)
	})
	root.AddCommand(
		newInitCmd(env),
		newValidateCmd(env),
		newGenerateCmd(env),
		newShowCmd(env),
		newSchemaCmd(env),
		newCheckCmd(env),
		newExportCmd(env),
		newSyncCmd(env),
		newReviewCmd(env),
		newVersionCmd(env),
		newCompletionCmd(env, root),
	)
	registerCompletions(root)
	return root
}

// runE adapts a run function to cobra, marking what it returns as a run
// time error unless it already says what it is.
func runE(run func(args []string) error) func(*cobra.Command, []string) error {
	return func(_ *cobra.Command, args []string) error {
		err := run(args)
		if err == nil {
			return nil
		}
		var specErr *calendar.SpecError
		var usage *calendar.HintError
		if errors.As(err, &specErr) || errors.As(err, &usage) {
			return err
		}
		return &runError{err}
	}
}

// minArgs is cobra.MinimumNArgs(1) with a message that names what is
// missing: name is the argument, which may be repeated.
func minArgs(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return nil
		}
		return usagef([]string{"usage: " + cmd.UseLine()}, "%s wants at least one %s", cmd.Name(), name)
	}
}

// exactArgs is cobra.ExactArgs with a message that names what is missing.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == len(names) {
			return nil
		}
		return usagef([]string{"usage: " + cmd.UseLine()},
			"%s wants %d argument(s) (%s), got %d", cmd.Name(), len(names), strings.Join(names, ", "), len(args))
	}
}
