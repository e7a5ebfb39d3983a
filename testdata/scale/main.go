// Command scale writes the agency-scale spec of the README's Performance
// section to stdout: many channels posting N/day for a year. With the defaults it is 900 channels at
// 3/day over 2027, 985,500 posts:
//
//	go run ./testdata/scale > /tmp/scale.toml
//	go run ./testdata/scale -channels 100 > /tmp/scale100.toml
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/contentplan/contentplan/internal/perf"
)

func main() {
	channels := flag.Int("channels", 900, "number of channels")
	perDay := flag.Int("per-day", 3, "posts per day per channel")
	start := flag.String("start", "2027-01-01", "first day")
	end := flag.String("end", "2027-12-31", "last day")
	flag.Parse()

	w := bufio.NewWriter(os.Stdout)
	err := perf.ScaleSpec(w, *channels, *perDay, *start, *end)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}
