package bulk

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/contentplan/contentplan/export"
)

// schedule holds a channel's posts to the scheduler's times, in time
// order: a time between steps goes to the next step (said), and a post
// before the upload, less than the lead after it, or closer than Apart to
// the post kept before it is left out (said why). It returns the posts
// kept, and says what there is to say about them.
func (e *exporter) schedule(posts []Post) []Post {
	slices.SortStableFunc(posts, func(a, b Post) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Row.Line, b.Row.Line))
	})
	r, title := e.rules, e.opt.Vendor.Title()
	var kept []Post
	for _, p := range posts {
		if r.Step > 0 {
			if to := nextStep(p.At, r.Step); !to.Equal(p.At) {
				p.say(Moved, "%s to %s%s: %s takes times on %d-minute steps",
					p.At.Format("2006-01-02 15:04"), to.Format("15:04"), e.zoneName(), title, int(r.Step/time.Minute))
				p.At = to
			}
		}
		if why := e.tooSoon(p.At); why != "" {
			e.leaveOut(p.Row, "%s", why)
			continue
		}
		if n := len(kept); n > 0 && r.Apart > 0 && p.At.Sub(kept[n-1].At) < r.Apart {
			e.leaveOut(p.Row, "%s: %s wants a channel's posts at least %s apart", e.after(p, kept[n-1]), title, minutes(r.Apart))
			continue
		}
		kept = append(kept, p)
		e.res.Exported++
		e.res.Findings = append(e.res.Findings, p.said...)
		if slices.ContainsFunc(p.said, func(f Finding) bool { return f.Kind == Moved }) {
			e.res.Moved++
		}
	}
	return kept
}

// after says when p is against q, the post before it.
func (e *exporter) after(p, q Post) string {
	if d := p.At.Sub(q.At); d > 0 {
		return fmt.Sprintf("at %s, %s after post %s (row %d)", e.show(p.At), minutes(d), q.Row.ID, q.Row.Line)
	}
	return fmt.Sprintf("at %s, as post %s (row %d) is", e.show(p.At), q.Row.ID, q.Row.Line)
}

// tooSoon says why a post at t cannot be uploaded at the upload time, or
// "".
func (e *exporter) tooSoon(t time.Time) string {
	up, lead := e.opt.Upload, e.rules.Lead
	switch {
	case !t.After(up):
		return fmt.Sprintf("in the past: %s is not after the upload at %s", e.show(t), e.show(up))
	case lead > 0 && t.Before(up.Add(lead)):
		return fmt.Sprintf("too soon: %s is less than %s after the upload at %s, and %s takes posts %s ahead at least",
			e.show(t), minutes(lead), e.show(up), e.opt.Vendor.Title(), minutes(lead))
	}
	return ""
}

// nextStep is t, or the next time after it on a multiple of step on the
// wall clock.
func nextStep(t time.Time, step time.Duration) time.Time {
	m := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
	if rem := m % step; rem != 0 {
		return t.Add(step - rem)
	}
	return t
}

// minutes is a duration in whole minutes: "1 minute", "10 minutes".
func minutes(d time.Duration) string {
	n := int(d / time.Minute)
	if n == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", n)
}

// files cuts a channel's kept posts into files of at most PerFile posts.
func (e *exporter) files(channel string, posts []Post) {
	n := (len(posts) + e.opt.PerFile - 1) / e.opt.PerFile
	for i := range n {
		part := posts[i*e.opt.PerFile : min((i+1)*e.opt.PerFile, len(posts))]
		e.res.Files = append(e.res.Files, File{Channel: channel, Posts: part,
			vendor: e.opt.Vendor, order: e.opt.DateOrder, part: i + 1, parts: n})
	}
}

// name gives the files their suffixes, "-buffer-Telegram.csv" and
// "-buffer-Telegram-1of3.csv", made safe and told apart with
// export.UniqueNames: two channels whose names make the same file name
// ("Café!" and "Café?") get -2, -3.
func (e *exporter) name() {
	files := e.res.Files
	names := export.UniqueNames(len(files), func(i int) string {
		f := &files[i]
		if f.parts > 1 {
			return fmt.Sprintf("%s %dof%d", f.Channel, f.part, f.parts)
		}
		return f.Channel
	})
	for i := range files {
		files[i].Suffix = "-" + e.opt.Vendor.Name() + "-" + names[i] + ".csv"
	}
}

// channelOrder is the order of the channels' files: the workbook's
// channels as its hidden sheet lists them, then any other, in row order.
func (e *exporter) channelOrder(posts map[string][]Post) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if _, ok := posts[name]; ok && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, c := range e.b.Channels {
		add(c.Name)
	}
	for i := range e.b.Rows {
		add(e.b.Rows[i].Channel)
	}
	return out
}
