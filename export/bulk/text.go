package bulk

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/contentplan/contentplan/export/xlsx"
)

// text makes a row's message and fills p's media and link columns, or
// says why the post cannot go: no copy, a link that is no web address, a
// media link the file cannot take, a control character, a text over the
// channel's limit.
func (e *exporter) text(r *xlsx.Row, p *Post) (string, string) {
	body := clean(r.Copy)
	if body == "" {
		return "", "no copy"
	}
	link, why := webLink("source link", r.SourceLink)
	if why != "" {
		return "", why
	}
	if why := e.media(r, p); why != "" {
		return "", why
	}
	inText := link
	if e.rules.Link {
		// The scheduler adds the link column to the message: a link the
		// copy has already would be there twice.
		if !strings.Contains(body, link) {
			p.Link = link
		}
		inText = ""
	}
	text, parts := compose(body, clean(r.Hashtags), inText)
	if c, ok := control(text); ok {
		return "", fmt.Sprintf("the copy or hashtags hold a control character (%U): retype the text", c)
	}
	n := xlsx.CopyLength(text)
	if p.Link != "" {
		// The scheduler adds the link to the message it publishes.
		n += 1 + xlsx.CopyLength(p.Link)
		parts = append(parts, "source link")
	}
	if limit := e.limit(r); limit > 0 && n > limit {
		return "", fmt.Sprintf("%s of %d characters, over the channel's limit of %d", measured(parts), n, limit)
	}
	if s := formulaStart(text); s != "" {
		p.say(Note, "the text starts with %q, which a spreadsheet opening the file would read as a formula: upload the file as it is", s)
	}
	return text, ""
}

// media fills p's media column, or notes that the file has none, or says
// why the media link cannot go.
func (e *exporter) media(r *xlsx.Row, p *Post) string {
	raw := strings.TrimSpace(r.MediaLink)
	if raw == "" {
		return ""
	}
	title := e.opt.Vendor.Title()
	if e.rules.Media == MediaNotCarried {
		p.say(Note, "the media link is not in the file (%s's has no column for it): attach the media in %s", title, title)
		return ""
	}
	if len(strings.Fields(raw)) > 1 {
		return fmt.Sprintf("several media links: %s's Image URL takes one", title)
	}
	link, why := webLink("media link", raw)
	if why != "" {
		return why
	}
	u, _ := url.Parse(link)
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png":
	default:
		return fmt.Sprintf("media link %q: %s's Image URL takes a direct link to a .jpg or .png image", link, title)
	}
	p.Media = link
	return ""
}

// limit is the channel's copy limit: the workbook's, else the row's Limit
// cell; 0 when unknown.
func (e *exporter) limit(r *xlsx.Row) int {
	if c := e.b.Channel(r.Channel); c != nil && c.Limit > 0 {
		return c.Limit
	}
	return r.Limit
}

// measured names what an over-long text is made of: "copy", or "text
// (copy, hashtags and source link)".
func measured(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return "text (" + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + ")"
}

// clean is a cell's text with its line breaks as LF and without blanks
// around it; invalid UTF-8 becomes U+FFFD.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// compose is a post's message: the copy, then the hashtags and the link,
// each after a blank line, unless the copy has them already. parts names
// what it is made of: "copy", "hashtags", "source link".
func compose(body, tags, link string) (text string, parts []string) {
	text, parts = body, []string{"copy"}
	for i, s := range []string{tags, link} {
		if s != "" && !strings.Contains(text, s) {
			text += "\n\n" + s
			parts = append(parts, []string{"hashtags", "source link"}[i])
		}
	}
	return text, parts
}

// webLink reads a link cell: an http or https address, or why not.
func webLink(what, s string) (string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsFunc(s, unicode.IsSpace) {
		return "", fmt.Sprintf("%s %q: not a web address (http:// or https://)", what, s)
	}
	return s, ""
}

// control finds a control character other than a line break or a tab.
func control(s string) (rune, bool) {
	for _, c := range s {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			return c, true
		}
	}
	return 0, false
}

// formulaStart is the first character of s when a spreadsheet would read
// a cell starting with it as a formula (OWASP's list, and the fullwidth
// forms some spreadsheets read alike), else "".
func formulaStart(s string) string {
	for _, p := range []string{"=", "+", "-", "@", "＝", "＋", "－", "＠"} {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}
