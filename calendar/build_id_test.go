package calendar

import (
	"crypto/sha256"
	"fmt"
	"testing"
)

// refPostID is PostID as first written, with Sprintf and time's calendar:
// the fast one must give every post the same id (rule 7).
func refPostID(channel string, d Date, c Clock) string {
	y, m, dd := d.YMD()
	h := sha256.Sum256(fmt.Appendf(nil, "%s\n%04d-%02d-%02d\n%02d:%02d", channel, y, int(m), dd, c.Hour(), c.Minute()))
	return idEncoding.EncodeToString(h[:10])
}

func TestPostIDMatchesReference(t *testing.T) {
	t.Parallel()
	for d := MakeDate(0, 1, 1); d <= MakeDate(9999, 12, 31); d += 97 {
		for _, c := range []Clock{0, 9 * 60, 23*60 + 59} {
			if got, want := PostID("Канал", d, c), refPostID("Канал", d, c); got != want {
				t.Fatalf("PostID(%s, %s) = %s, want %s", d, c, got, want)
			}
		}
	}
	for d := MakeDate(2026, 1, 1); d <= MakeDate(2030, 12, 31); d++ {
		if got, want := PostID("Telegram", d, 13*60+30), refPostID("Telegram", d, 13*60+30); got != want {
			t.Fatalf("PostID(%s) = %s, want %s", d, got, want)
		}
	}
}

// TestStreamIDs: the ids a stream makes, with its days formatted once, are
// PostID's (posts at a DST change show a shifted time, so they are left
// out: their id is of the time asked for).
func TestStreamIDs(t *testing.T) {
	t.Parallel()
	p, err := Build(benchSpec(t, 5000))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for post := range p.Posts() {
		if post.DST != DSTNone {
			continue
		}
		n++
		if want := refPostID(post.Channel.Name, post.Date, post.Time); post.ID != want {
			t.Fatalf("post %s %s %s: id %s, want %s", post.Channel.Name, post.Date, post.Time, post.ID, want)
		}
	}
	if n < 4000 {
		t.Errorf("%d posts checked", n)
	}
}
