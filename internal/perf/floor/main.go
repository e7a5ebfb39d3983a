// Command floor runs perf.Floor as a process of its own, so that its peak
// memory can be read with /usr/bin/time -v beside contentplan's:
//
//	go build -o /tmp/floor ./internal/perf/floor && /usr/bin/time -v /tmp/floor -rows 985500 -o /tmp/floor
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contentplan/contentplan/internal/perf"
)

func main() {
	rows := flag.Int("rows", 985500, "rows to write")
	dir := flag.String("o", ".", "output folder for floor.xlsx and floor.ics")
	flag.Parse()
	if err := run(*rows, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(rows int, dir string) error {
	x, err := os.Create(filepath.Join(dir, "floor.xlsx"))
	if err != nil {
		return err
	}
	c, err := os.Create(filepath.Join(dir, "floor.ics"))
	if err != nil {
		x.Close()
		return err
	}
	err = perf.Floor(x, c, rows)
	if cerr := x.Close(); err == nil {
		err = cerr
	}
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	return err
}
