package spec

import "strings"

// networkLimits are the copy limits that channel.limit defaults to: the
// most characters of a post's text on each network whose own documentation
// states it, with the names a channel of that network goes by. Each number
// and its source are listed in docs/spec.md ("Copy limits"); a network
// whose limit no documentation of its own states is not here, and its
// channels get 0 (no limit known) unless they set one.
var networkLimits = []struct {
	names []string // lowercase
	limit int
}{
	{[]string{"x", "twitter", "x (twitter)", "twitter (x)", "x.com", "твиттер"}, 280},
	{[]string{"instagram", "инстаграм", "инстаграмм"}, 2200},
	{[]string{"telegram", "телеграм", "телеграмм"}, 4096},
	{[]string{"threads"}, 500},
	{[]string{"tiktok", "tik tok", "тикток", "тик ток"}, 2200},
	{[]string{"youtube", "you tube", "ютуб", "ютюб"}, 5000},
	{[]string{"pinterest", "пинтерест"}, 500},
}

// DefaultLimit is the copy limit of the network a channel called name is
// on, matched without regard to case or surrounding spaces, or 0 when the
// network is not one of those docs/spec.md lists.
func DefaultLimit(name string) int {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, n := range networkLimits {
		for _, alias := range n.names {
			if key == alias {
				return n.limit
			}
		}
	}
	return 0
}
