package cli

import (
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// What show's calendar is made of: lines of pieces of text, each with an
// ink that says what the piece is (a channel's posts, a holiday, a gap).
// Widths are counted in terminal cells (x/ansi: a CJK character takes two,
// a Cyrillic letter one), so that the calendar fits 80 columns whatever
// the names are written in. The painter turns inks into colours on a
// terminal, and into nothing elsewhere.

// ink is what a piece of text shows; inkChannel+i is the i-th channel's.
type ink int

const (
	inkPlain ink = iota
	inkBold
	inkFaint
	inkGap
	inkHoliday
	inkKeyDate
	inkSkip
	inkReview
	inkOver
	inkChannel
)

type piece struct {
	text string
	ink  ink
}

type line []piece

func plainLine(s string) line { return line{{s, inkPlain}} }

// width is l's width in terminal cells.
func (l line) width() int {
	n := 0
	for _, p := range l {
		n += ansi.StringWidth(p.text)
	}
	return n
}

// pad returns l filled with spaces to width cells, or l when it is as wide.
func (l line) pad(width int) line {
	l = slices.Clip(l) // never write into the backing array of another line
	if w := l.width(); w < width {
		l = append(l, piece{strings.Repeat(" ", width-w), inkPlain})
	}
	return l
}

// plain is l's text without colours, trailing blanks trimmed.
func (l line) plain() string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.text)
	}
	return strings.TrimRight(b.String(), " ")
}

// truncate cuts s to at most width cells, ending in "..." when cut.
func truncate(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "...")
}

// wrap lays items out after label on lines of at most width cells,
// separated by ", "; the lines after the first are indented as deep as
// the label.
func wrap(label string, items []line, width int) []line {
	indent := ansi.StringWidth(label)
	cur := plainLine(label)
	var out []line
	for i, it := range items {
		sep := ""
		if i < len(items)-1 {
			sep = ","
		}
		if i > 0 && cur.width()+1+it.width()+len(sep) > width {
			out = append(out, cur)
			cur = line{}.pad(indent)
		} else if i > 0 {
			cur = append(cur, piece{" ", inkPlain})
		}
		cur = append(cur, it...)
		cur = append(cur, piece{sep, inkPlain})
	}
	return append(out, cur)
}

// channelColours are the channels' colours, by index into the terminal's
// own 16-colour palette (so they follow its theme, light or dark), taken
// in turn. Red is left for holidays and over-full days, yellow for gaps;
// white and black vanish on one background or the other.
var channelColours = []string{"4", "2", "5", "6", "12", "10", "13", "14"}

// painter renders lines: with colours when r is set, as plain text when
// it is nil.
type painter struct {
	r        *lipgloss.Renderer
	styles   map[ink]lipgloss.Style
	channels []lipgloss.Style // by channelColours
}

// newPainter returns a painter for w, colouring when colour is true.
func newPainter(w io.Writer, colour bool) *painter {
	if !colour {
		return &painter{}
	}
	r := lipgloss.NewRenderer(w)
	// The 16 basic colours: whether to colour at all is decided by the
	// caller (--color, NO_COLOR, TERM, a terminal), not by lipgloss's own
	// look at the process's stdout.
	r.SetColorProfile(termenv.ANSI)
	s := r.NewStyle()
	red := lipgloss.Color("1")
	var channels []lipgloss.Style
	for _, c := range channelColours {
		channels = append(channels, s.Foreground(lipgloss.Color(c)))
	}
	return &painter{r: r, channels: channels, styles: map[ink]lipgloss.Style{
		inkBold:    s.Bold(true),
		inkFaint:   s.Faint(true),
		inkGap:     s.Foreground(lipgloss.Color("3")),
		inkHoliday: s.Foreground(red).Bold(true),
		inkKeyDate: s.Bold(true).Underline(true),
		inkSkip:    s.Faint(true),
		inkReview:  s.Reverse(true),
		inkOver:    s.Foreground(lipgloss.Color("15")).Background(red).Bold(true),
	}}
}

// style returns the style of ink k.
func (p *painter) style(k ink) (lipgloss.Style, bool) {
	if k >= inkChannel {
		return p.channels[int(k-inkChannel)%len(p.channels)], true
	}
	s, ok := p.styles[k]
	return s, ok
}

// render returns l as it is printed, trailing blanks trimmed.
func (p *painter) render(l line) string {
	if p.r == nil {
		return l.plain()
	}
	for len(l) > 0 && strings.TrimRight(l[len(l)-1].text, " ") == "" {
		l = l[:len(l)-1]
	}
	var b strings.Builder
	for i, pc := range l {
		text := pc.text
		if i == len(l)-1 {
			text = strings.TrimRight(text, " ")
		}
		if s, ok := p.style(pc.ink); ok && strings.TrimSpace(text) != "" {
			text = s.Render(text)
		}
		b.WriteString(text)
	}
	return b.String()
}
