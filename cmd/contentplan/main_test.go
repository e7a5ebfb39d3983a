package main

import (
	"archive/zip"
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
			"status":  cmdStatus,
			"badxlsx": cmdBadXLSX,
			"xlsxset": cmdXLSXSet,
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

// cmdBadXLSX writes a file that no workbook reader should unpack, which a
// script cannot hold as text: "badxlsx KIND FILE", KIND one of bomb (a
// sheet that unpacks at 1000:1), encrypted (an OLE2 file, as a workbook
// with a password or an .xls is), truncated (the first half of a zip), ods
// (an OpenDocument spreadsheet) and huge (a sparse file over the size
// limit).
func cmdBadXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: badxlsx bomb|encrypted|truncated|ods|huge FILE")
	}
	path := ts.MkAbs(args[1])
	zipOf := func(name string, data []byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create(name)
		ts.Check(err)
		_, err = w.Write(data)
		ts.Check(err)
		ts.Check(zw.Close())
		return buf.Bytes()
	}
	var data []byte
	switch args[0] {
	case "bomb":
		data = zipOf("xl/worksheets/sheet1.xml", make([]byte, 20<<20))
	case "encrypted":
		data = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...)
	case "truncated":
		data = zipOf("xl/workbook.xml", bytes.Repeat([]byte("<workbook/>"), 100))
		data = data[:len(data)/2]
	case "ods":
		data = zipOf("mimetype", []byte("application/vnd.oasis.opendocument.spreadsheet"))
	case "huge":
		f, err := os.Create(path)
		ts.Check(err)
		ts.Check(f.Truncate(300 << 20))
		ts.Check(f.Close())
		return
	default:
		ts.Fatalf("badxlsx: unknown kind %q", args[0])
	}
	ts.Check(os.WriteFile(path, data, 0o644))
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
