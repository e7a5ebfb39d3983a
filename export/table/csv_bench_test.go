package table

import "testing"

func BenchmarkWriteCSV(b *testing.B) { benchWriter(b, WriteCSV) }
