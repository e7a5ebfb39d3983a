package ics

import (
	"bufio"
	"io"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Floor writes one VEVENT per row with golang-ical to w, and nothing more:
// no time zones, no descriptions, no alarms. It is the bare cost of the
// library, the measure the performance figures in the README are stated
// against (internal/perf); it lives here because this package is the one
// importer of golang-ical.
//
// The calendar goes through a bufio.Writer, as Write's does: golang-ical
// writes each line with a write call of its own, and unbuffered on a file
// that made the floor mostly system calls (14 s of system time at 985,500
// rows), a floor no program would stand on.
func Floor(w io.Writer, rows int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	start := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	ser := &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: string(ics.WithNewLineWindows)}
	io.WriteString(bw, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//contentplan//floor//EN\r\n")
	for i := 0; i < rows; i++ {
		t := start.Add(time.Duration(i) * time.Minute)
		ev := ics.NewEvent("p" + strconv.Itoa(i) + "@contentplan")
		ev.SetDtStampTime(start)
		ev.SetStartAt(t)
		ev.SetEndAt(t.Add(30 * time.Minute))
		ev.SetSummary("Brand 001 Instagram · photo · Product")
		if err := ev.SerializeTo(bw, ser); err != nil {
			return err
		}
	}
	io.WriteString(bw, "END:VCALENDAR\r\n")
	return bw.Flush()
}
