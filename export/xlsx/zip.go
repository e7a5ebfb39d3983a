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
// scale, about 850 MB of XML for a million posts, and deflating it with
// archive/zip's compress/flate at its default level took as long as the
// calendar beside it. github.com/klauspost/compress/flate writes the same
// format (RFC 1951) several times faster; at level 5 the file comes out
// about a tenth bigger than compress/flate's, so a million posts still make
// a workbook far under MaxWorkbookSize, for a fraction of the time
// (BenchmarkDeflatePlan measures the levels on a Plan sheet).
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
