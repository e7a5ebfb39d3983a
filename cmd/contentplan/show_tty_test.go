package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/contentplan/contentplan/internal/interop"
)

// TestShowTerminal runs the built contentplan show in tmux, a terminal 80
// columns wide: the calendar comes out in colour and no wider than the
// terminal, and once the colours are taken out, as the plain output is,
// line for line (tmux joins the lines it wrapped, -J). Through a pipe, and
// with NO_COLOR in the terminal, it comes out without escape codes. Every
// line fits, the calendar's and those of the sections after it.
func TestShowTerminal(t *testing.T) {
	t.Parallel()
	tmux := interop.Tmux(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "contentplan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	spec, err := filepath.Abs(filepath.Join("..", "..", "testdata", "ru_bakery.toml"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{bin, "show", spec, "--month", "2027-05"}

	piped, err := exec.Command(args[0], args[1:]...).Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(piped), "\x1b") {
		t.Errorf("escape codes in a pipe:\n%q", piped)
	}
	plain := strings.Split(strings.TrimRight(string(piped), "\n"), "\n")

	screen := inTmux(t, tmux, filepath.Join(dir, "tmux.sock"), "", args)
	for _, want := range []string{"\x1b[34mTG1", "\x1b[32mVK1", "hol", "rev"} {
		if !strings.Contains(strings.Join(screen, "\n"), want) {
			t.Errorf("no %q on the terminal", want)
		}
	}
	if len(screen) != len(plain) {
		t.Errorf("the terminal shows %d lines, the pipe gets %d: a line wrapped", len(screen), len(plain))
	}
	for i, l := range screen {
		text := strings.TrimRight(ansi.Strip(l), " ")
		if w := ansi.StringWidth(text); w > 80 {
			t.Errorf("line %d is %d cells wide: %q", i+1, w, text)
		}
		if i < len(plain) && text != plain[i] {
			t.Errorf("line %d on the terminal:\n%q\nin the pipe:\n%q", i+1, text, plain[i])
		}
	}

	noColour := inTmux(t, tmux, filepath.Join(dir, "tmux2.sock"), "NO_COLOR=1", args)
	if s := strings.Join(noColour, "\n"); strings.Contains(s, "\x1b") {
		t.Errorf("NO_COLOR=1: escape codes on the terminal:\n%q", s)
	}
}

// inTmux runs args, with the environment assignment env if not "", in a
// new tmux server on socket sock with an 80×50 window, and returns every
// line the program drew (scrolled off or not), with its escape codes.
func inTmux(t *testing.T, tmux, sock, env string, args []string) []string {
	t.Helper()
	const done = "__contentplan_done__"
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	// unset NO_COLOR: the test's own environment must not decide.
	script := "unset NO_COLOR; " + env + " " + strings.Join(quoted, " ") + " 2>/dev/null; echo " + done + "; sleep 60"
	run := func(args ...string) string {
		cmd := exec.Command(tmux, append([]string{"-S", sock, "-f", os.DevNull}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("new-session", "-d", "-x", "80", "-y", "50", "-s", "show", "sh", "-c", script)
	t.Cleanup(func() { exec.Command(tmux, "-S", sock, "kill-server").Run() })
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(run("capture-pane", "-p", "-S", "-", "-t", "show"), done) {
		if time.Now().After(deadline) {
			t.Fatalf("contentplan did not finish in tmux:\n%s", run("capture-pane", "-p", "-S", "-", "-t", "show"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	lines := strings.Split(run("capture-pane", "-p", "-e", "-J", "-S", "-", "-t", "show"), "\n")
	for i, l := range lines {
		if strings.Contains(l, done) {
			return lines[:i]
		}
	}
	return lines
}
