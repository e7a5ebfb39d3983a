package export

import (
	"strings"
	"testing"
)

func TestUniqueNames(t *testing.T) {
	t.Parallel()
	names := []string{"Café Paris", "Café/Paris", "café paris", "CON", "", "../.."}
	got := UniqueNames(len(names), func(i int) string { return names[i] })
	want := []string{"Café-Paris", "Café-Paris-2", "café-paris-3", "xCON", "x", "x-2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
