// Package check finds where a workbook the writers sent back breaks the
// plan's rules (docs/spec.md, "Checking a workbook"): the borrowed share of
// each channel against its cap (rule 3, now that writers may have switched
// a post's Source), two posts of a channel at one date and time (rule 1),
// posts without a writer in a plan that has writers, drafts past due, copy
// over the channel's limit, approved posts without copy, and cells that did
// not read.
//
// It is pure: a *xlsx.Workbook (and, when given, the spec) in, findings
// out, each about one row of the Plan sheet. Reading the file, the spec and
// the clock, printing and the exit code are the command line's.
package check
