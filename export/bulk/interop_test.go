package bulk

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/contentplan/contentplan/internal/interop"
)

// readCSVPy prints the records of a CSV file as Python's csv module reads
// it, as JSON: the reader of the many import scripts written in Python, and
// not ours.
const readCSVPy = `import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(json.dumps(list(csv.reader(f, strict=True))))`

// TestPythonCSV reads every golden file with Python's csv module: each
// reads as the same records as encoding/csv reads, the texts' quotes,
// commas, line breaks, Cyrillic and emoji intact, and Buffer's and Sprout
// Social's headers as their pages give them.
func TestPythonCSV(t *testing.T) {
	py := interop.Python(t, "csv", "json")
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.csv"))
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	headers := map[string][]string{
		"buffer": {"Text", "Image URL", "Tags", "Posting Time"},
		"sprout": {"date", "time_24hr", "message_text"},
	}
	for _, path := range files {
		out, err := exec.Command(py, "-c", readCSVPy, path).Output()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got [][]string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Python reads %q, Go %q", path, got, want)
		}
		if h, ok := headers[filepath.Base(filepath.Dir(path))]; ok && !reflect.DeepEqual(got[0], h) {
			t.Errorf("%s: header %q, want %q", path, got[0], h)
		}
	}
}
