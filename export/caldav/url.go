package caldav

import (
	"net"
	"net/url"
	"strings"

	"github.com/contentplan/contentplan/calendar"
)

// ParseURL reads the URL of a calendar collection (sync --to). Credentials
// travel in the Authorization header, so the URL must be https, except to
// this machine (a server on a loopback address, where nothing crosses a
// network), and must not hold a user name or password: a URL is echoed in
// messages, and stays in shell histories and process lists. The path gets
// a final "/", as a collection's URL has (RFC 4918 5.2). Errors are
// *calendar.HintError, which never repeat the URL's userinfo.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, calendar.Errorf([]string{"give the calendar's full URL, e.g. https://cloud.example.com/remote.php/dav/calendars/USER/CALENDAR/"},
			"--to %q: not a URL", Redact(nil, raw))
	}
	if u.User != nil {
		return nil, calendar.Errorf([]string{
			"leave the user name and password out of the URL: set CONTENTPLAN_CALDAV_USERNAME and CONTENTPLAN_CALDAV_PASSWORD, or a machine line in ~/.netrc",
		}, "--to %s: the URL holds a user name or password", Redact(u, raw))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && Loopback(u.Hostname()):
	case u.Scheme == "http":
		return nil, calendar.Errorf([]string{
			"use https://" + u.Host + u.EscapedPath() + ": plain http would send the password unencrypted",
			"plain http is only for a server on this machine (127.0.0.1, ::1, localhost)",
		}, "--to %s: plain http to a host that is not this machine", Redact(u, raw))
	default:
		return nil, calendar.Errorf([]string{"give an https:// URL"}, "--to %s: scheme %q: want https", Redact(u, raw), u.Scheme)
	}
	if u.Fragment != "" {
		return nil, calendar.Errorf([]string{"leave out the part after #"}, "--to %s: a URL with a fragment", Redact(u, raw))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// Loopback reports whether host (without a port) is this machine:
// "localhost" or a loopback address (127.0.0.0/8, ::1).
func Loopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Redact is u as it may be shown: without any user name or password. raw
// is shown, cut at its "@" if any, when u is nil.
func Redact(u *url.URL, raw string) string {
	if u == nil {
		if i := strings.LastIndex(raw, "@"); i >= 0 {
			if j := strings.Index(raw, "//"); j >= 0 && j < i {
				return raw[:j+2] + raw[i+1:]
			}
			return raw[i+1:]
		}
		return raw
	}
	c := *u
	c.User = nil
	return c.String()
}
