package table

import "testing"

func BenchmarkWriteJSON(b *testing.B) { benchWriter(b, WriteJSON) }
