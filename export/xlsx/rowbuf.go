package xlsx

import (
	"bytes"
	"errors"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// rowBuf holds the Plan's rows, written by rowEncoder while the plan is
// read, until excelize saves the sheet's part, where spliceRows puts them
// (see rowxml.go for why they bypass SetRow). Like excelize's own stream
// buffer it keeps StreamChunkSize bytes in memory and moves the rest to a
// temporary file, so that a million rows cost no more memory than the
// library's StreamWriter does.
type rowBuf struct {
	enc  rowEncoder
	buf  []byte
	tmp  *os.File
	part string // the sheet's zip part
}

// row encodes row r into the buffer.
func (b *rowBuf) row(r int, cells []any, height float64) error {
	var err error
	if b.buf, err = b.enc.appendRow(b.buf, r, cells, height); err != nil {
		return err
	}
	if len(b.buf) < excelize.StreamChunkSize {
		return nil
	}
	if b.tmp == nil {
		if b.tmp, err = os.CreateTemp("", "contentplan-rows-"); err != nil {
			b.tmp = nil
			return nil // as excelize: memory, then, rather than failing
		}
	}
	return b.spill()
}

// spill moves the buffered bytes to the temporary file.
func (b *rowBuf) spill() error {
	if _, err := b.tmp.Write(b.buf); err != nil {
		return err
	}
	b.buf = b.buf[:0]
	return nil
}

// writeTo writes every row to w, in order.
func (b *rowBuf) writeTo(w io.Writer) error {
	if b.tmp != nil {
		if _, err := b.tmp.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, b.tmp); err != nil {
			return err
		}
	}
	_, err := w.Write(b.buf)
	return err
}

// close drops the rows and removes the temporary file.
func (b *rowBuf) close() error {
	b.buf = nil
	if b.tmp == nil {
		return nil
	}
	name := b.tmp.Name()
	err := b.tmp.Close()
	b.tmp = nil
	return errors.Join(err, os.Remove(name))
}

// sheetDataEnd ends a worksheet's rows. Nothing before it in a part
// excelize writes can hold these bytes: texts and attributes are escaped.
var sheetDataEnd = []byte("</sheetData>")

// spliceRows passes a worksheet part through to w, putting the rows of b
// just before its </sheetData>.
type spliceRows struct {
	w    io.Writer
	rows *rowBuf
	tail []byte // the last bytes seen, which may start </sheetData>
	done bool
	err  error
}

func (s *spliceRows) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.done {
		return s.w.Write(p)
	}
	data := append(s.tail, p...)
	i := bytes.Index(data, sheetDataEnd)
	if i < 0 {
		keep := min(len(data), len(sheetDataEnd)-1)
		if _, s.err = s.w.Write(data[:len(data)-keep]); s.err != nil {
			return 0, s.err
		}
		s.tail = append(s.tail[:0:0], data[len(data)-keep:]...)
		return len(p), nil
	}
	s.done, s.tail = true, nil
	if _, s.err = s.w.Write(data[:i]); s.err == nil {
		s.err = s.rows.writeTo(s.w)
	}
	if s.err == nil {
		_, s.err = s.w.Write(data[i:])
	}
	if s.err != nil {
		return 0, s.err
	}
	return len(p), nil
}

// errNoSheetData: the part ended without the rows going in.
var errNoSheetData = errors.New("the Plan sheet's part has no </sheetData> for its rows")

// finish reports whether the rows went in.
func (s *spliceRows) finish() error {
	if s.err != nil {
		return s.err
	}
	if !s.done {
		return errNoSheetData
	}
	return nil
}
