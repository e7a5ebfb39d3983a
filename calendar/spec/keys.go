package spec

import "slices"

// Keys returns the keys the checker knows, by the path of their table: ""
// for the top level, "plan", "channel", "format", "pillar", "goal",
// "goal.objective", "writer", "campaign" and "date". They are the lists
// the checker reports unknown keys against (docs/spec.md: "Keys not listed
// here are an error"), so that the JSON Schema of the spec is kept in step
// with them by a test. The caller owns the result.
func Keys() map[string][]string {
	return map[string][]string{
		"":               slices.Clone(topKeys),
		"plan":           slices.Clone(planKeys),
		"channel":        slices.Clone(channelKeys),
		"format":         slices.Clone(formatKeys),
		"pillar":         slices.Clone(pillarKeys),
		"goal":           slices.Clone(goalKeys),
		"goal.objective": slices.Clone(objKeys),
		"writer":         slices.Clone(writerKeys),
		"campaign":       slices.Clone(campaignKeys),
		"date":           slices.Clone(dateKeys),
	}
}
