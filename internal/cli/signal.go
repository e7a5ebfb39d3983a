package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// interruptContext returns a context that Ctrl-C (SIGINT) or SIGTERM
// cancels, so that generate stops writing, removes its temporary files and
// leaves the earlier outputs as they were, instead of dying with a
// temporary file in the output folder and excelize's in os.TempDir.
//
// Only the first signal is caught: after it the default handling is back, so
// a second Ctrl-C kills a run that takes too long to stop. SIGKILL cannot be
// caught at all; export.WriteFiles still leaves no damaged output then.
func interruptContext(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}
