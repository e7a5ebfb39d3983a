package spec

// Suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo: the "did you mean" of the spec's own
// messages, for the command line's names (a channel given to a flag) to
// be read the same way.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }
