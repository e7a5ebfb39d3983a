package calendar

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxPlanID is the longest plan id: plan.id is 1 to 40 characters of a-z,
// 0-9 and - (docs/spec.md, [plan]).
const MaxPlanID = 40

// ValidPlanID reports whether s is a plan id as docs/spec.md defines it.
func ValidPlanID(s string) bool {
	if len(s) == 0 || len(s) > MaxPlanID {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !idByte(s[i]) {
			return false
		}
	}
	return true
}

func idByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

// DerivePlanID is the plan id of a plan that names none (docs/spec.md,
// plan.id): its name in lowercase, Cyrillic letters spelt in Latin, each
// run of other characters one "-", trimmed of "-" and cut to MaxPlanID;
// when nothing is left (a name in another script), "plan-" and a short
// hash of the name. It depends on the name alone, not on plan.language,
// so that nothing but a rename changes it.
func DerivePlanID(name string) string {
	var b strings.Builder
	dash := false // a "-" is pending: written before the next letter or digit
	for _, r := range strings.ToLower(name) {
		lat, ok := latin(r)
		if !ok {
			dash = b.Len() > 0
			continue
		}
		for i := 0; i < len(lat) && b.Len() < MaxPlanID; i++ {
			if dash {
				b.WriteByte('-')
				dash = false
				if b.Len() == MaxPlanID {
					break
				}
			}
			b.WriteByte(lat[i])
		}
	}
	id := strings.TrimRight(b.String(), "-")
	if id == "" {
		h := sha256.Sum256([]byte(name))
		id = "plan-" + idEncoding.EncodeToString(h[:5])
	}
	return id
}

// latin spells a lowercase letter or digit in a-z and 0-9: ASCII as it
// is, Cyrillic and accented Latin letters by translitTable; ok is false
// for anything else (punctuation, spaces, other scripts).
func latin(r rune) (string, bool) {
	if r < utf8.RuneSelf {
		if idByte(byte(r)) && r != '-' {
			return string(rune(r)), true
		}
		return "", false
	}
	s, ok := translitTable[r]
	return s, ok
}

// translitTable spells the Russian and Bulgarian alphabets (and the other
// Cyrillic letters of Ukrainian, Belarusian, Serbian and Macedonian) in
// Latin, one fixed table whatever the plan's language, the Russian way
// where the two differ (щ is "shch", ъ is dropped); and the common accented
// Latin letters without their accents. A letter that spells as "" (ъ, ь)
// is still a letter: it joins, never splits, the word around it.
var translitTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j",
	'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u",
	'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss", 'č': "c", 'ć': "c",
	'š': "s", 'ž': "z", 'đ': "d", 'ł': "l", 'ń': "n", 'ś': "s", 'ź': "z", 'ż': "z",
	'ą': "a", 'ę': "e", 'ě': "e", 'ř': "r", 'ů': "u", 'ő': "o", 'ű': "u", 'ğ': "g",
	'ş': "s", 'ı': "i", 'ă': "a", 'ș': "s", 'ț': "t",
	'\u0307': "", // the dot that lowercasing leaves of İ
}

// ChannelKey is the form of a channel's id that post ids hash, and that
// the spec's checker compares: trimmed, in lowercase, since channel ids
// are unique without regard to case (docs/spec.md, channel.id). A channel
// renamed only in case keeps its ids.
func ChannelKey(id string) string { return strings.ToLower(strings.TrimSpace(id)) }

// PostID is a post's id (docs/spec.md, rule 7): the lowercase base32 of
// the first 10 bytes of the SHA-256 of the plan's id, the channel's id
// (as ChannelKey has it), the post's date and its place (1, 2, …) among
// the channel's posts of that date in the order of their times. The date
// is the post's nominal one (after a skipped date moved it, before any DST
// shift). Nothing else goes in: re-runs, other channels, this channel's
// times, formats, pillars, writers and costs, and renames of a plan or
// channel that has an id all keep it; two plans' ids differ.
//
// The fields are hashed each after its length (an unsigned varint), the
// date as YYYY-MM-DD and the place in decimal, so no two different sets
// of fields hash the same bytes.
func PostID(plan, channel string, d Date, place int) string {
	var pb [96]byte
	var db [24]byte
	return postID(appendIDPrefix(pb[:0], plan, channel), appendIDDate(db[:0], d), place)
}

// appendIDPrefix appends the fields of PostID that a channel's posts
// share: a stream encodes them once.
func appendIDPrefix(b []byte, plan, channel string) []byte {
	return appendIDField(appendIDField(b, plan), ChannelKey(channel))
}

func appendIDField(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// postID is PostID with the plan's and channel's fields encoded by
// appendIDPrefix and the date formatted by appendIDDate.
func postID(prefix, date []byte, place int) string {
	// Built in a stack buffer: a million posts should not cost a million
	// allocations for their hash input.
	var buf [128]byte
	b := append(buf[:0], prefix...)
	b = binary.AppendUvarint(b, uint64(len(date)))
	b = append(b, date...)
	var pl [20]byte
	p := appendInt(pl[:0], max(place, 0), 1)
	b = binary.AppendUvarint(b, uint64(len(p)))
	b = append(b, p...)
	h := sha256.Sum256(b)
	var out [16]byte
	idEncoding.Encode(out[:], h[:10])
	return string(out[:])
}

// appendIDDate appends d as PostID hashes it: YYYY-MM-DD.
func appendIDDate(b []byte, d Date) []byte {
	// civil is the integer reading of d.YMD, several times cheaper; every
	// year of a spec that spec.Parse accepts is in its checked range.
	y, m, dd := 0, time.Month(0), 0
	if cy, cm, cd := civil(int64(d)); cy >= 0 && cy <= 9999 {
		y, m, dd = int(cy), time.Month(cm), int(cd)
	} else {
		y, m, dd = d.YMD()
	}
	b = appendInt(b, y, 4)
	b = append(b, '-')
	b = appendInt(b, int(m), 2)
	b = append(b, '-')
	return appendInt(b, dd, 2)
}

// idEncoding is base32 (RFC 4648) in lowercase, without padding: 10 bytes
// make 16 characters.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)
