// Package calendar is contentplan's domain: the types a plan is made of
// (Date, Clock, Cap, Frequency, the Spec with its parts, Plan, Post,
// Diagnostic) and Build, which schedules a Spec into a Plan.
//
// Build turns each channel's frequency into dated, timed posts in the
// plan's zone: skipped dates and public holidays, campaign windows and
// their extra posts, wall-clock times read at DST changes as RFC 5545
// reads them, the content mix (formats, pillars, the cap on borrowed
// content, from package mix) and the writers' weekly capacity. The rules
// every plan it builds satisfies are listed in docs/spec.md ("What every
// generated plan satisfies"). The posts are not held in memory: Plan.Posts
// regenerates them on demand, so a plan costs what its channels cost.
//
// Each post has an id (PostID) of the plan's id, its channel's id, its
// date and its place among the channel's posts that day, and nothing else,
// so that re-runs and edits of the spec keep it (docs/spec.md, "Post
// ids"); a plan without an id takes DerivePlanID of its name.
//
// Reading a spec and checking its values is package calendar/spec's work;
// Build reports only what scheduling finds (dropped posts, DST shifts, the
// writers' shortfall), as warnings in Plan.Warnings. The arithmetic of
// dates and frequencies (ISO weekdays, posts per day) is written once here,
// as methods, for both.
package calendar
