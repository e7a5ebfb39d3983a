package xlsx

import (
	"archive/zip"
	"bytes"
	stdflate "compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/flate"
)

// deflateInputs are what a workbook's entries look like to the encoder:
// sheet XML that packs tightly, bytes that do not pack at all, a single
// byte, nothing, and runs longer than the encoder's blocks.
func deflateInputs() map[string][]byte {
	var xml strings.Builder
	for i := range 20_000 {
		fmt.Fprintf(&xml, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>agency-scale-test-%07d</t></is></c><c r="B%d" s="3"><v>%d</v></c></row>`,
			i+2, i+2, i, i+2, 46388+i/2700)
	}
	noise := make([]byte, 300_000)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	return map[string][]byte{
		"xml":   []byte(xml.String()),
		"noise": noise,
		"byte":  {'<'},
		"empty": nil,
		"run":   bytes.Repeat([]byte("z"), 3<<20),
	}
}

// deflate compresses b with newDeflater, in the 32 KiB writes io.Copy makes
// from excelize's streamed sheets.
func deflate(b []byte) ([]byte, error) {
	var out bytes.Buffer
	w, err := newDeflater(&out)
	if err != nil {
		return nil, err
	}
	for len(b) > 0 {
		n := min(len(b), 32<<10)
		if _, err := w.Write(b[:n]); err != nil {
			return nil, err
		}
		b = b[n:]
	}
	err = w.Close()
	return out.Bytes(), err
}

// TestDeflater: what the pooled encoder writes inflates back, with the
// standard library, to its input; an encoder back from the pool writes
// the same bytes as a new one, whatever it wrote before, and so do
// encoders used on several goroutines at once (several workbooks of one
// run, or of several specs); an entry is not written to after it is
// closed.
func TestDeflater(t *testing.T) {
	inputs := deflateInputs()
	fresh := map[string][]byte{}
	for name, in := range inputs {
		fw, err := flate.NewWriter(io.Discard, deflateLevel)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		fw.Reset(&out)
		fw.Write(in)
		fw.Close()
		fresh[name] = out.Bytes()
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for round := range 3 {
				for name, in := range inputs {
					got, err := deflate(in)
					if err != nil {
						t.Errorf("%s: %v", name, err)
					} else if !bytes.Equal(got, fresh[name]) {
						t.Errorf("goroutine %d, round %d, %s: %d bytes differ from a new encoder's %d", g, round, name, len(got), len(fresh[name]))
					}
					back, err := io.ReadAll(stdflate.NewReader(bytes.NewReader(got)))
					if err != nil || !bytes.Equal(back, in) {
						t.Errorf("%s: compress/flate reads back %d bytes (%v), want the %d written", name, len(back), err, len(in))
					}
				}
			}
		})
	}
	wg.Wait()

	w, err := newDeflater(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("late")); err == nil {
		t.Error("a write after Close was taken")
	}
	if err := w.Close(); err == nil {
		t.Error("a second Close was taken")
	}
}

// TestWriteXLSXDeflated: every entry of a workbook is deflated, and the
// standard library's zip reader unpacks each to what excelize wrote.
func TestWriteXLSXDeflated(t *testing.T) {
	t.Parallel()
	data, _ := writeXLSX(t, xlsxPlan(), Options{Now: testNow})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		// Reading to the end checks the CRC-32 and the size.
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		rc.Close()
	}
}

// BenchmarkDeflatePlan deflates the Plan sheet of a workbook of 100,000
// posts (about 100 MB of XML) as archive/zip does by default
// (compress/flate, level 5) and with klauspost/compress/flate at several
// levels, reporting the compressed size: the measure deflateLevel was
// chosen by.
//
//	go test ./export/xlsx -run '^$' -bench DeflatePlan -benchtime 3x
func BenchmarkDeflatePlan(b *testing.B) {
	var book bytes.Buffer
	if err := Write(&book, benchPlan(100_000), Options{}); err != nil {
		b.Fatal(err)
	}
	sheet := planSheetXML(b, book.Bytes())
	run := func(name string, w func(io.Writer) (io.WriteCloser, error)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(sheet)))
			for b.Loop() {
				var cw countWriter
				z, err := w(&cw)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := io.Copy(z, bytes.NewReader(sheet)); err != nil {
					b.Fatal(err)
				}
				if err := z.Close(); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cw), "bytes/sheet")
			}
		})
	}
	run("stdlib-5", func(w io.Writer) (io.WriteCloser, error) { return stdflate.NewWriter(w, 5) })
	for _, level := range []int{1, 3, 4, 5, 6, 7} {
		run(fmt.Sprintf("klauspost-%d", level), func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, level) })
	}
	run("newDeflater", newDeflater)
}

// planSheetXML unpacks the Plan sheet, the first entry, of a workbook.
func planSheetXML(b *testing.B, book []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		b.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		b.Fatal(err)
	}
	defer rc.Close()
	sheet, err := io.ReadAll(rc)
	if err != nil {
		b.Fatal(err)
	}
	// The Plan sheet, of 100,000 rows, is the one with a table.
	if len(sheet) < 10<<20 || !bytes.Contains(sheet[len(sheet)-4096:], []byte("<tableParts")) {
		b.Fatalf("%s (%d bytes) is not the Plan sheet", zr.File[0].Name, len(sheet))
	}
	return sheet
}
