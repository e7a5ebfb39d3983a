package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/internal/cli"
	"github.com/contentplan/contentplan/internal/golden"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as the contentplan command inside the
// scripts (testscript installs it on their PATH under that name).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"contentplan": main})
}

// TestScripts runs the end-to-end scripts of testdata/script: every command
// as a user types it, with its exit code, output and files. Each script
// starts with the example specs in $WORK/testdata.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		UpdateScripts:       golden.Updating(),
		Setup: func(env *testscript.Env) error {
			// Timestamps come from the clock unless a script sets it.
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return copyExamples(filepath.Join(env.WorkDir, "testdata"))
		},
		Condition: func(cond string) (bool, error) {
			switch {
			case cond == "canwritereadonly":
				return canWriteReadOnly(t), nil
			case strings.HasPrefix(cond, "flag:"):
				return hasFlag(strings.TrimPrefix(cond, "flag:"))
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
	})
}

// cmdStatus runs a program and checks its exit code, which exec alone
// cannot: "status 2 contentplan generate bad.toml". Its stdout and stderr
// are kept for the stdout and stderr commands that follow.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: exit code %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("status: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// hasFlag reports whether a command has a flag, for the condition
// [flag:COMMAND:NAME]: a script may test a flag that parallel work adds
// as soon as the command has it.
func hasFlag(cmdFlag string) (bool, error) {
	cmd, flag, ok := strings.Cut(cmdFlag, ":")
	if !ok {
		return false, errors.New("want [flag:COMMAND:NAME], got [flag:" + cmdFlag + "]")
	}
	var out bytes.Buffer
	env := &cli.Env{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard, Getenv: func(string) string { return "" }, Now: time.Now}
	if code := cli.Main([]string{"help", cmd}, env); code != 0 {
		return false, errors.New("no command " + cmd)
	}
	return strings.Contains(out.String(), "--"+flag+" "), nil
}

// copyExamples copies the example specs (testdata/*.toml) to dir.
func copyExamples(dir string) error {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*.toml"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// canWriteReadOnly reports whether this process can create files in a
// read-only folder anyway (root can), in which case the read-only test
// proves nothing and is skipped.
func canWriteReadOnly(t *testing.T) bool {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		return true
	}
	defer os.Chmod(ro, 0o755)
	f, err := os.Create(filepath.Join(ro, "probe"))
	if err != nil {
		return false
	}
	f.Close()
	return true
}
