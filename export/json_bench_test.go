package export

import "testing"

func BenchmarkWriteJSON(b *testing.B) { benchWriter(b, WriteJSON) }
