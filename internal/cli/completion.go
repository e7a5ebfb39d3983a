package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contentplan/contentplan/calendar"
	"github.com/contentplan/contentplan/calendar/spec"
)

func newCompletionCmd(env *Env, root *cobra.Command) *cobra.Command {
	shells := []string{"bash", "zsh", "fish", "powershell"}
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Print the completion script for a shell. For example:

  bash:        source <(contentplan completion bash)
  zsh:         contentplan completion zsh > "${fpath[1]}/_contentplan"
  fish:        contentplan completion fish > ~/.config/fish/completions/contentplan.fish
  powershell:  contentplan completion powershell | Out-String | Invoke-Expression

Besides commands and flags, it completes spec files (*.toml), and from the
spec on the command line the values of the flags that take one of its
channels (--channel), writers (--writer) or months (--month, YYYY-MM).`,
		ValidArgs: shells,
		Args:      exactArgs("SHELL"),
		RunE: runE(func(args []string) error {
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(env.Out, true)
			case "zsh":
				return root.GenZshCompletion(env.Out)
			case "fish":
				return root.GenFishCompletion(env.Out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(env.Out)
			}
			return usagef([]string{"choose one of bash, zsh, fish, powershell"}, "completion: unknown shell %q", args[0])
		}),
	}
}

// specValue is what a flag takes from a spec.
type specValue int

const (
	specChannels specValue = iota // the channels' names
	specWriters                   // the writers' names
	specMonths                    // the plan's months, YYYY-MM
)

// specFlags are the flags that take a value from the spec, by name.
var specFlags = map[string]specValue{"channel": specChannels, "writer": specWriters, "month": specMonths}

// specCommands are the commands whose arguments are specs.
var specCommands = []string{"validate", "show", "generate", "sync"}

// registerCompletions completes the arguments of the commands that read
// specs: *.toml files, and the values of those of specFlags that a command
// has. A flag that a command gains later needs only its name in specFlags.
func registerCompletions(root *cobra.Command) {
	for _, cmd := range root.Commands() {
		if !slices.Contains(specCommands, cmd.Name()) {
			continue
		}
		if cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = completeSpecFiles
		}
		for name, kind := range specFlags {
			if cmd.Flags().Lookup(name) != nil {
				// The only error is "already registered": a command's own
				// completion stands.
				_ = cmd.RegisterFlagCompletionFunc(name, completeFromSpec(kind))
			}
		}
	}
}

// completeSpecFiles offers the files a spec may be in.
func completeSpecFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"toml"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeFromSpec completes a flag's value from the specs already on the
// command line: their channels, writers or months, whichever kind says,
// each once, those starting with what is typed (any case). A spec that
// cannot be read or is invalid offers nothing: completion never prints an
// error (BASH_COMP_DEBUG_FILE, if set, gets it).
func completeFromSpec(kind specValue) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		seen := map[string]bool{}
		for _, path := range args {
			s, err := readSpec(path)
			if err != nil {
				cobra.CompDebugln(fmt.Sprintf("completion: %v", err), false)
				continue
			}
			for _, c := range specValues(s, kind) {
				value, _, _ := strings.Cut(c, "\t")
				if !seen[value] && strings.HasPrefix(strings.ToLower(value), strings.ToLower(toComplete)) {
					seen[value] = true
					out = append(out, c)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// readSpec parses the spec at path; standard input ("-") is not read.
func readSpec(path string) (*calendar.Spec, error) {
	if path == "-" {
		return nil, fmt.Errorf("a spec on standard input is not read for completion")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return spec.Parse(path, f)
}

// specValues lists the values of kind in s, each with a description.
func specValues(s *calendar.Spec, kind specValue) []cobra.Completion {
	var out []cobra.Completion
	switch kind {
	case specChannels:
		for _, c := range s.Channels {
			out = append(out, cobra.CompletionWithDesc(c.Name, c.Frequency.String()))
		}
	case specWriters:
		for _, w := range s.Writers {
			desc := "all channels"
			if w.Channels != nil {
				desc = strings.Join(w.Channels, ", ")
			}
			out = append(out, cobra.CompletionWithDesc(w.Name, desc))
		}
	case specMonths:
		y, m, _ := s.Plan.Start.YMD()
		ey, em, _ := s.Plan.End.YMD()
		for ; y < ey || y == ey && m <= em; y, m = y+int(m)/12, m%12+1 {
			out = append(out, cobra.CompletionWithDesc(fmt.Sprintf("%04d-%02d", y, m), fmt.Sprintf("%s %d", m, y)))
		}
	}
	return out
}
