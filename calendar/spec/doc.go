// Package spec reads a contentplan spec: TOML in, a *calendar.Spec out,
// with every default filled in and every value checked (docs/spec.md is
// the reference of the keys and their rules).
//
// Parse reports every problem at once, each positioned by line and column
// where the source shows it (else by key path, such as campaign[2].extra),
// with hints on how to fix it, as a *calendar.SpecError; what does not stop
// the plan goes to Spec.Warnings (a plan id derived from the name among
// them). The networks' own copy limits, channel.limit's defaults, are one
// table here (DefaultLimit). A spec that Parse accepts is one that
// calendar.Build can schedule. This is the one package that imports the
// TOML library: its positions cover only syntax errors, so a small scanner
// here finds where each key and value sits.
package spec
