package interop

import (
	"os/exec"
	"testing"
)

// Tmux returns tmux (Debian: tmux), a terminal emulator that runs a
// program in a pseudo-terminal of a given size and shows what it drew,
// escape codes and all (capture-pane -e).
func Tmux(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("tmux")
	if err != nil {
		missing(t, "tmux is not installed (Debian: tmux)")
	}
	return p
}
