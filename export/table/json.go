package table

import (
	"io"
	"unicode/utf8"

	"github.com/contentplan/contentplan/calendar"
)

// WriteJSON writes the plan's posts as a JSON array of objects, one per post,
// with the keys of Fields in that order and cost as a number. It is written
// by hand rather than with encoding/json so that the keys keep their order
// and a plan of millions of posts streams in constant memory: one object per
// line, which also keeps diffs between runs readable.
func WriteJSON(w io.Writer, plan *calendar.Plan) error {
	e := newRowEncoder(plan, appendJSONString)
	for i, f := range Fields {
		if i == 0 {
			e.prefix[i] = append(e.prefix[i], '{')
		} else {
			e.prefix[i] = append(e.prefix[i], ',')
		}
		e.prefix[i] = appendJSONString(e.prefix[i], f)
		e.prefix[i] = append(e.prefix[i], ':')
	}
	e.suffix = []byte{'}'}
	e.quoteRaw = true
	return writeRows(w, plan, e, rowFrame{head: "[\n", sep: ",\n", tail: "\n]\n", empty: "[]\n"})
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Control characters are
// escaped, invalid UTF-8 becomes U+FFFD (JSON must be valid Unicode), and
// U+2028 and U+2029 are escaped so the output is also valid JavaScript.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
