package cli

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/contentplan/contentplan/calendar"
)

// tagWidth is the widest a channel's tag may be, in terminal cells: a
// tag and a count ("TG2") must leave room for another in a day's cell.
const tagWidth = 2

// knownTags are the abbreviations people use for the networks, by the
// channel's name in lower case without spaces or punctuation.
var knownTags = map[string]string{
	"instagram": "IG", "telegram": "TG", "vk": "VK", "vkontakte": "VK", "вконтакте": "VK", "вк": "VK",
	"facebook": "FB", "youtube": "YT", "tiktok": "TT", "linkedin": "LI", "x": "X", "twitter": "TW",
	"pinterest": "PI", "threads": "TH", "dzen": "DZ", "дзен": "DZ", "яндексдзен": "DZ",
	"odnoklassniki": "OK", "одноклассники": "OK", "ok": "OK", "rutube": "RT", "whatsapp": "WA",
	"reddit": "RD", "snapchat": "SC", "bluesky": "BS", "mastodon": "MA",
}

// channelTags gives each channel a tag for the calendar's cells, unique
// and at most tagWidth cells wide, made of letters only (a digit would
// run into the count after it). A channel with a well-known network's
// name gets its usual abbreviation (Instagram IG); any other gets the
// initials of its first two words, else its first two letters (Дзен
// Бизнес ДБ, Podcast PO); a tag already taken gives way to the first
// letter and a later one, then to the first free pair of letters A–Z.
func channelTags(chs []*calendar.Channel) []string {
	tags := make([]string, len(chs))
	used := map[string]bool{}
	for i, c := range chs {
		if c == nil {
			continue
		}
		if t, ok := knownTags[tagKey(c.Name)]; ok && !used[t] {
			tags[i], used[t] = t, true
		}
	}
	for i, c := range chs {
		if tags[i] != "" {
			continue
		}
		name := ""
		if c != nil {
			name = c.Name
		}
		tags[i] = freeTag(tagCandidates(name), used)
		used[tags[i]] = true
	}
	return tags
}

// tagKey is a name as knownTags holds it.
func tagKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, name)
}

// tagCandidates lists the tags a channel called name may take, best
// first.
func tagCandidates(name string) []string {
	// The letters of an escape sequence in a name ("\x1b[31m") are not
	// the name's.
	words := strings.FieldsFunc(ansi.Strip(name), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return nil
	}
	letters := []rune(strings.ToUpper(strings.Join(words, "")))
	var out []string
	if len(words) > 1 {
		first, _ := firstRune(words[0])
		second, _ := firstRune(words[1])
		out = append(out, strings.ToUpper(string(first)+string(second)))
	}
	for _, r := range letters[1:] {
		out = append(out, string(letters[0])+string(r))
	}
	// A lone letter: a one-letter name, or a wide letter (a CJK
	// character fills a tag's two cells by itself).
	for _, r := range letters {
		out = append(out, string(r))
	}
	return out
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// freeTag returns the first candidate that fits and is not used, else the
// first free pair of letters A–Z, else a number.
func freeTag(candidates []string, used map[string]bool) string {
	for _, c := range candidates {
		if !used[c] && ansi.StringWidth(c) <= tagWidth {
			return c
		}
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if t := string(a) + string(b); !used[t] {
				return t
			}
		}
	}
	// Past 676 channels a tag is a number with a mark, "#700": the
	// calendar of such a plan is read with --channel anyway.
	for n := 1; ; n++ {
		if t := "#" + itoa(n); !used[t] {
			return t
		}
	}
}
