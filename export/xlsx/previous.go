package xlsx

import (
	"os"
	"sync"

	"github.com/contentplan/contentplan/calendar"
)

// lastPrevious is what generate needs again of the earlier workbook it
// read last, with the identity of its file. A run reads that workbook for
// the work the new one keeps (keepOf) and for the facts the review
// meetings report (ReadFacts); a big workbook takes seconds to read, so
// the second asks this, and reads the file again only when it changed.
// Only the facts are held (the KPI rows and the published posts' ids),
// not the workbook's rows, which a run would otherwise keep alive.
var lastPrevious struct {
	sync.Mutex
	path         string
	info         os.FileInfo
	plan, planID string
	facts        *calendar.Facts
}

// readPrevious is ReadFile of an earlier workbook, noting its facts.
func readPrevious(path string) (*Workbook, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	b, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	l := &lastPrevious
	l.Lock()
	defer l.Unlock()
	l.path, l.info, l.plan, l.planID, l.facts = path, fi, b.Plan, b.PlanID, b.Facts()
	return b, nil
}

// previousFacts are the facts of the earlier workbook at path, with its
// plan's name and id: those noted when it was last read, while its file
// is the same (same file, size and time of change), else read now.
func previousFacts(path string) (facts *calendar.Facts, plan, planID string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", "", err
	}
	l := &lastPrevious
	l.Lock()
	if l.facts != nil && l.path == path && os.SameFile(l.info, fi) && l.info.Size() == fi.Size() && l.info.ModTime().Equal(fi.ModTime()) {
		defer l.Unlock()
		return l.facts, l.plan, l.planID, nil
	}
	l.Unlock()
	b, err := readPrevious(path)
	if err != nil {
		return nil, "", "", err
	}
	return b.Facts(), b.Plan, b.PlanID, nil
}
