package cli

import (
	"github.com/spf13/cobra"
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
  powershell:  contentplan completion powershell | Out-String | Invoke-Expression`,
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
