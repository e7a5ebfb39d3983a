package xlsx

import (
	"archive/zip"
	"errors"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflateLevel is the compression level of every part of a written
// workbook. The Plan sheet of a big plan is most of the bytes: at agency
// scale, about 850 MB of XML for a million posts, which archive/zip's
// compress/flate deflates at its default level 5 in seconds.
// github.com/klauspost/compress/flate writes the same format (RFC 1951);
// on a Plan sheet of 100,000 posts its level 5 took a third of the CPU time
// of compress/flate's for a part 9–13% bigger (level 4 was faster still but
// 30% bigger, level 7 as small but no faster), so a million posts make a
// workbook of about 96 MB, far under MaxWorkbookSize. BenchmarkDeflatePlan
// measures the levels.
const deflateLevel = 5

// newZipWriter is archive/zip's writer on w, deflating with
// klauspost/compress/flate at deflateLevel. The zip format, the entries and
// their order are archive/zip's as before; only the deflate stream of each
// entry is another encoder's, which every inflater reads. The same parts
// written the same way give the same bytes: the encoder has no state but
// its input, and its Reset clears that.
func newZipWriter(w io.Writer) *zip.Writer {
	z := zip.NewWriter(w)
	z.RegisterCompressor(zip.Deflate, newDeflater)
	return z
}

// flateWriters holds encoders between entries and workbooks: one holds
// about a megabyte of tables, and a workbook has dozens of entries (a
// month grid per month), so making one per entry would be most of the
// garbage of a small workbook, as archive/zip's own pool avoids.
var flateWriters sync.Pool

// newDeflater is the zip.Compressor of newZipWriter.
func newDeflater(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledFlate{fw: fw}, nil
	}
	fw, err := flate.NewWriter(w, deflateLevel)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw: fw}, nil
}

// pooledFlate is one entry's encoder; Close ends the deflate stream and
// gives the encoder back to the pool. It is not used after Close:
// archive/zip closes each entry's compressor once, when the next entry
// starts or the archive closes.
type pooledFlate struct {
	fw *flate.Writer
}

func (p *pooledFlate) Write(b []byte) (int, error) {
	if p.fw == nil {
		return 0, errClosedEntry
	}
	return p.fw.Write(b)
}

func (p *pooledFlate) Close() error {
	if p.fw == nil {
		return errClosedEntry
	}
	err := p.fw.Close()
	flateWriters.Put(p.fw)
	p.fw = nil
	return err
}

var errClosedEntry = errors.New("workbook: write to a closed zip entry")
