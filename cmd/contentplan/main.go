// Command contentplan turns a short TOML spec into a dated social-media
// content calendar and exports it to .ics, .xlsx, CSV, JSON and .html.
//
// The commands live in internal/cli; main only connects them to the process.
package main

import (
	"os"

	"github.com/contentplan/contentplan/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
