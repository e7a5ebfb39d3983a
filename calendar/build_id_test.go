package calendar

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// refPostID is PostID written plainly, with Sprintf and time's calendar:
// the fast one must give every post the same id (rule 7).
func refPostID(plan, channel string, d Date, place int) string {
	y, m, dd := d.YMD()
	var b []byte
	for _, f := range []string{plan, strings.ToLower(strings.TrimSpace(channel)), fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd), strconv.Itoa(place)} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	h := sha256.Sum256(b)
	return idEncoding.EncodeToString(h[:10])
}

func TestPostIDMatchesReference(t *testing.T) {
	t.Parallel()
	for d := MakeDate(0, 1, 1); d <= MakeDate(9999, 12, 31); d += 97 {
		for _, place := range []int{1, 2, 1440} {
			if got, want := PostID("пекарня", "Канал", d, place), refPostID("пекарня", "Канал", d, place); got != want {
				t.Fatalf("PostID(%s, %d) = %s, want %s", d, place, got, want)
			}
		}
	}
	long := strings.Repeat("a long channel name ", 20) // past the stack buffer
	for d := MakeDate(2026, 1, 1); d <= MakeDate(2030, 12, 31); d++ {
		if got, want := PostID("x", "Telegram", d, 3), refPostID("x", "Telegram", d, 3); got != want {
			t.Fatalf("PostID(%s) = %s, want %s", d, got, want)
		}
	}
	if got, want := PostID("x", long, MakeDate(2027, 1, 1), 1), refPostID("x", long, MakeDate(2027, 1, 1), 1); got != want {
		t.Fatalf("long channel id: %s, want %s", got, want)
	}
}

// TestStreamIDs: the ids a stream makes, with the channel's fields encoded
// once and its days formatted once, are PostID's, each post's place its
// rank among its channel's posts of the day (posts at a DST change show a
// shifted time, so they are left out: their id is of the date asked for).
func TestStreamIDs(t *testing.T) {
	t.Parallel()
	p, err := Build(benchSpec(t, 5000))
	if err != nil {
		t.Fatal(err)
	}
	type day struct {
		ch *Channel
		d  Date
	}
	places := map[day]int{}
	n := 0
	for post := range p.Posts() {
		k := day{post.Channel, post.Date}
		places[k]++
		if post.DST != DSTNone {
			continue
		}
		n++
		if want := refPostID("bench", post.Channel.Name, post.Date, places[k]); post.ID != want {
			t.Fatalf("post %s %s %s: id %s, want %s", post.Channel.Name, post.Date, post.Time, post.ID, want)
		}
	}
	if n < 4000 {
		t.Errorf("%d posts checked", n)
	}
}

// TestSlotSize: a period's slots are copied and sorted over and over; the
// place in a post's id must not grow them past 32 bytes.
func TestSlotSize(t *testing.T) {
	t.Parallel()
	if n := unsafe.Sizeof(slot{}); n != 32 {
		t.Errorf("slot is %d bytes, want 32", n)
	}
}
