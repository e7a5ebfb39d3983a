package caldav

import "testing"

// TestFollow: discovery sends the credentials only where the URL's own
// domain is.
func TestFollow(t *testing.T) {
	cases := []struct {
		base, href string
		want       string // "" when not followed
	}{
		{"https://caldav.icloud.com/", "/123/principal/", "https://caldav.icloud.com/123/principal/"},
		{"https://caldav.icloud.com/", "https://p42-caldav.icloud.com/123/calendars/", "https://p42-caldav.icloud.com/123/calendars/"},
		{"https://caldav.icloud.com/", "https://caldav.icloud.com.evil.example/x/", ""},
		{"https://caldav.icloud.com/", "http://p42-caldav.icloud.com/x/", ""},
		{"https://caldav.icloud.com/", "https://u:p@p42-caldav.icloud.com/x/", ""},
		{"https://cal.example.co.uk/", "https://other.co.uk/x/", ""},
		{"https://cal.example.co.uk/", "https://dav.example.co.uk/x/?q=1#f", "https://dav.example.co.uk/x/"},
		{"https://cal.example.com/", "https://dav.example.com:8443/x/", ""},
		{"http://127.0.0.1:5232/", "http://localhost:5232/x/", ""},
		{"http://127.0.0.1:5232/", "/alice/", "http://127.0.0.1:5232/alice/"},
		{"https://cal.example.com/", "", ""},
	}
	for _, tc := range cases {
		u, err := ParseURL(tc.base)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if f := New(Config{URL: u}).follow(tc.href); f != nil {
			got = f.String()
		}
		if got != tc.want {
			t.Errorf("%s + %q = %q, want %q", tc.base, tc.href, got, tc.want)
		}
	}
}
