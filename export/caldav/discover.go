package caldav

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// A user often knows the server (https://caldav.icloud.com/,
// https://caldav.fastmail.com/) but not the URL of one calendar, which
// services bury in settings or do not show at all. When --to is not a
// calendar, sync looks for the calendars it leads to, as a calendar
// program sets up an account (RFC 6764 6: the current user's principal,
// RFC 5397; its calendar home, RFC 4791 6.2.1; the calendars in it), and
// names them in its hints. Nothing is written there: the user picks one.

// calendarRef is a calendar found near a URL that is not one.
type calendarRef struct {
	URL  string
	Name string
}

// maxListed bounds the calendars named in hints.
const maxListed = 20

// discoverBody asks where the user's calendars are.
const discoverBody = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:resourcetype/><D:displayname/><C:supported-calendar-component-set/><D:current-user-principal/><C:calendar-home-set/></D:prop>
</D:propfind>`

// calendarsNear lists the calendars of events that the collection at the
// client's URL leads to: those in the calendar home of the URL or of its
// principal, or else in the collection itself. Failures give no
// calendars: the hint then says what a calendar's URL looks like.
func (c *Client) calendarsNear(ctx context.Context) []calendarRef {
	first := c.propfindOne(ctx, c.base)
	if first == nil {
		first = &msResponse{}
	}
	home := c.follow(first.Home)
	if home == nil && first.Principal != "" {
		if pu := c.follow(first.Principal); pu != nil {
			if r := c.propfindOne(ctx, pu); r != nil {
				home = c.follow(r.Home)
			}
		}
	}
	if home == nil {
		home = c.base
	}
	var cals []calendarRef
	r := request{method: "PROPFIND", url: home, body: []byte(propfindBody),
		header: header("Depth", "1", "Content-Type", "application/xml; charset=utf-8")}
	err := c.multistatus(ctx, r, msLimits{Total: 4 << 20, Text: 8 << 10, Count: 1000}, func(m *msResponse) error {
		u := c.follow(m.Href)
		if u == nil || !m.Calendar || len(m.Components) > 0 && !slices.Contains(m.Components, "VEVENT") {
			return nil
		}
		cals = append(cals, calendarRef{URL: Redact(u, ""), Name: sanitize(m.DisplayName, 60)})
		return nil
	})
	if err != nil {
		return nil
	}
	slices.SortFunc(cals, func(a, b calendarRef) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.URL, b.URL)) })
	return cals[:min(len(cals), maxListed)]
}

// propfindOne asks for the discovery properties of the resource at u
// alone; nil when that fails.
func (c *Client) propfindOne(ctx context.Context, u *url.URL) *msResponse {
	var found *msResponse
	r := request{method: "PROPFIND", url: u, body: []byte(discoverBody),
		header: header("Depth", "0", "Content-Type", "application/xml; charset=utf-8")}
	err := c.multistatus(ctx, r, msLimits{Total: 1 << 20, Text: 8 << 10, Count: 100}, func(m *msResponse) error {
		if found == nil {
			found = m
		}
		return nil
	})
	if err != nil {
		return nil
	}
	return found
}

// follow resolves an href of the server's for discovery: nil when it is
// empty, or leads where the credentials should not go (another scheme, or
// a host outside the URL's own domain: iCloud sends its users from
// caldav.icloud.com to pNN-caldav.icloud.com, nobody anywhere else).
func (c *Client) follow(href string) *url.URL {
	if href == "" {
		return nil
	}
	u, err := c.base.Parse(href)
	if err != nil || u.Scheme != c.base.Scheme || u.User != nil {
		return nil
	}
	if !strings.EqualFold(u.Hostname(), c.base.Hostname()) {
		if Loopback(c.base.Hostname()) || u.Port() != c.base.Port() {
			return nil
		}
		a, err1 := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(u.Hostname()))
		b, err2 := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(c.base.Hostname()))
		if err1 != nil || err2 != nil || a != b {
			return nil
		}
	}
	u.RawQuery, u.Fragment = "", ""
	return u
}
