// Command clients writes the specs of an agency's clients into a folder
// (perf.QuarterSpec: a quarter on five channels each), for the README's
// figure of many specs in one run against one run per spec:
//
//	go run ./testdata/perf/clients -n 200 -o /tmp/clients
//	contentplan generate /tmp/clients/*.toml -o /tmp/out
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contentplan/contentplan/internal/perf"
)

func main() {
	n := flag.Int("n", 200, "number of clients")
	dir := flag.String("o", ".", "folder to write client-NNN.toml into")
	flag.Parse()
	if err := run(*n, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "clients:", err)
		os.Exit(1)
	}
}

func run(n int, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		var b bytes.Buffer
		if err := perf.QuarterSpec(&b, i); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("client-%03d.toml", i)), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
