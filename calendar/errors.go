package calendar

import (
	"errors"
	"fmt"
)

// HintError is an error that knows how the user can fix it: a value of the
// spec that cannot be read, or a mistake on the command line. The spec's
// checker turns Hints into the "hint:" lines of a Diagnostic; the CLI
// prints them under its "error:" line (docs/spec.md: every error is
// followed by hint lines where a fix is known).
type HintError struct {
	Msg   string   // lowercase, no final period
	Hints []string // each a line of its own, no final period
}

func (e *HintError) Error() string { return e.Msg }

// Errorf returns a *HintError with the formatted message and hints.
func Errorf(hints []string, format string, args ...any) error {
	return &HintError{Msg: fmt.Sprintf(format, args...), Hints: hints}
}

// HintsOf returns the hints of the *HintError in err's chain, or nil.
func HintsOf(err error) []string {
	var h *HintError
	if errors.As(err, &h) {
		return h.Hints
	}
	return nil
}
