package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// complete runs cobra's hidden __complete command, as the shell scripts do,
// on the command tree of Main, and returns its stdout: one completion a
// line, then the directive (":4" is no file completion). show is given the
// flags --channel, --month and --writer first where it lacks them, so that
// the completion of those flags is tested before and after show has its
// own.
func complete(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Getenv: func(string) string { return "" }, Now: time.Now}
	root := newRoot(env)
	show, _, err := root.Find([]string{"show"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"channel", "month", "writer"} {
		if show.Flags().Lookup(name) == nil {
			show.Flags().String(name, "", "")
		}
	}
	registerCompletions(root)
	root.SetArgs(append([]string{cobra.ShellCompRequestCmd}, args...))
	if err := root.Execute(); err != nil {
		t.Fatalf("__complete %q: %v", args, err)
	}
	return out.String(), errOut.String()
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	newYear := filepath.Join(dir, "new_year.toml")
	os.WriteFile(newYear, []byte("[plan]\nname = \"x\"\nstart = 2026-11-15\nend = 2027-02-01\n"+
		"[[channel]]\nname = \"VK\"\nfrequency = \"daily\"\nformats = [\"text\"]\n"), 0o644)
	coffee, agency := example("coffee.toml"), example("agency.toml")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"channels", []string{"show", coffee, "--channel", ""}, "Instagram\t4/week\nTelegram\t1/day\nVK\t3/week\n:4\n"},
		{"channels typed", []string{"show", coffee, "--channel", "te"}, "Telegram\t1/day\n:4\n"},
		{"channels of two specs", []string{"show", coffee, agency, "--channel", "T"}, "Telegram\t1/day\nTikTok\t"},
		{"months", []string{"show", coffee, "--month", ""}, "2027-01\tJanuary 2027\n2027-02\tFebruary 2027\n2027-03\tMarch 2027\n:4\n"},
		{"months over new year", []string{"show", newYear, "--month", "202"}, "2026-11\tNovember 2026\n2026-12\tDecember 2026\n2027-01\tJanuary 2027\n2027-02\tFebruary 2027\n:4\n"},
		{"months typed", []string{"show", coffee, "--month", "2027-02"}, "2027-02\tFebruary 2027\n:4\n"},
		{"writers", []string{"show", agency, "--writer", ""}, "Ana\tX, Telegram\nMila\tInstagram, TikTok, Pinterest\nJonas\tall channels\n:4\n"},
		{"no writers", []string{"show", coffee, "--writer", ""}, ":4\n"},
		{"invalid spec", []string{"show", example("bad/frequency_typo.toml"), "--channel", ""}, ":4\n"},
		{"no such spec", []string{"show", filepath.Join(dir, "nope.toml"), "--channel", ""}, ":4\n"},
		{"standard input", []string{"show", "-", "--channel", ""}, ":4\n"},
		{"no spec yet", []string{"show", "--channel", ""}, ":4\n"},
		{"spec files", []string{"show", ""}, "toml\n:8\n"},
		{"spec files of generate", []string{"generate", coffee, ""}, "toml\n:8\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, stderr := complete(t, tc.args...)
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("__complete %q:\n%s\nwant\n%s", tc.args, got, tc.want)
			}
			if strings.Contains(stderr, "error") {
				t.Errorf("stderr: %s", stderr)
			}
		})
	}
}
