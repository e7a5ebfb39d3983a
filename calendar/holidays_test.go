package calendar

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestCountries(t *testing.T) {
	t.Parallel()
	got := Countries()
	if !slices.IsSorted(got) || len(got) != len(countryHolidays) {
		t.Fatalf("Countries() = %v", got)
	}
	for _, c := range []string{"RU", "BG", "US", "DE", "GB", "AU", "NC"} {
		if !slices.Contains(got, c) {
			t.Errorf("%s missing", c)
		}
	}
	for _, c := range got {
		if len(c) != 2 || strings.ToUpper(c) != c {
			t.Errorf("code %q is not an upper-case ISO 3166 alpha-2 code", c)
		}
		if len(countryHolidays[c]) == 0 {
			t.Errorf("%s has no holidays", c)
		}
	}
}

// TestCountriesCoverCal checks that every country package of the vendored
// rickar/cal is offered, so an upgrade that adds one is noticed.
func TestCountriesCoverCal(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/rickar/cal/v2").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	entries, err := os.ReadDir(strings.TrimSpace(string(out)))
	if err != nil {
		t.Skipf("module source not found: %v", err)
	}
	notCountries := map[string]bool{"aa": true, "ecb": true, "tests": true}
	for _, e := range entries {
		if !e.IsDir() || notCountries[e.Name()] || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if _, ok := countryHolidays[strings.ToUpper(e.Name())]; !ok {
			t.Errorf("package %s of rickar/cal is not offered", e.Name())
		}
	}
}

func TestHolidaysIn(t *testing.T) {
	t.Parallel()
	d := MakeDate
	tests := []struct {
		code       string
		start, end Date
		want       []Date
	}{
		// Russia, Q1 2027: the New Year holidays 1–8 Jan with Christmas on
		// 7 Jan (Labour Code art. 112); 23 Feb; 8 Mar (a Monday).
		{"RU", d(2027, 1, 1), d(2027, 3, 31), []Date{d(2027, 1, 1), d(2027, 1, 2), d(2027, 1, 3), d(2027, 1, 4),
			d(2027, 1, 5), d(2027, 1, 6), d(2027, 1, 7), d(2027, 1, 8), d(2027, 2, 23), d(2027, 3, 8)}},
		// 1 May, 9 May and 12 June 2027 fall on weekends: marked on their
		// own dates, the days off move to Monday.
		{"RU", d(2027, 5, 1), d(2027, 6, 30), []Date{d(2027, 5, 1), d(2027, 5, 9), d(2027, 6, 12)}},
		// US: Independence Day 2027 is a Sunday, marked on 4 July.
		{"US", d(2027, 7, 1), d(2027, 7, 31), []Date{d(2027, 7, 4)}},
		// 2028's New Year (a Saturday) is not in 2027, though its day off is.
		{"US", d(2027, 12, 31), d(2027, 12, 31), nil},
		// Bulgaria 2027: Good Friday, Holy Saturday and Labour Day, Easter
		// Sunday and Monday, St George's Day (Labour Code art. 154).
		{"BG", d(2027, 4, 30), d(2027, 5, 6), []Date{d(2027, 4, 30), d(2027, 5, 1), d(2027, 5, 1), d(2027, 5, 2), d(2027, 5, 3), d(2027, 5, 6)}},
		{"BG", d(2027, 3, 3), d(2027, 3, 3), []Date{d(2027, 3, 3)}},
		{"RU", d(2027, 3, 31), d(2027, 1, 1), nil},
	}
	for _, tt := range tests {
		hs, err := HolidaysIn(tt.code, tt.start, tt.end)
		if err != nil {
			t.Fatal(err)
		}
		var got []Date
		for _, h := range hs {
			if h.Name == "" {
				t.Errorf("%s %s: no name", tt.code, h.Date)
			}
			got = append(got, h.Date)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("HolidaysIn(%s, %s, %s) = %v, want %v", tt.code, tt.start, tt.end, got, tt.want)
		}
	}
	if _, err := HolidaysIn("XX", d(2027, 1, 1), d(2027, 2, 1)); err == nil {
		t.Error("XX accepted")
	}
}

func TestHolidaysEveryCountry(t *testing.T) {
	t.Parallel()
	// Every country has public holidays in any year, all inside the range,
	// sorted, and never on a date outside it.
	start, end := MakeDate(2027, 1, 1), MakeDate(2027, 12, 31)
	for _, c := range Countries() {
		hs, err := HolidaysIn(c, start, end)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) == 0 {
			t.Errorf("%s: no public holidays in 2027", c)
		}
		for i, h := range hs {
			if h.Date < start || h.Date > end || (i > 0 && h.Date < hs[i-1].Date) {
				t.Errorf("%s: %v out of range or order", c, h)
			}
		}
	}
}

func TestHolidaysTypes(t *testing.T) {
	t.Parallel()
	// Bank holidays are the UK's days off; Swedish Midsummer Eve is not a
	// public holiday and stays out.
	hs, _ := HolidaysIn("GB", MakeDate(2027, 12, 24), MakeDate(2027, 12, 31))
	if len(hs) != 2 || hs[0].Date != MakeDate(2027, 12, 25) || hs[1].Date != MakeDate(2027, 12, 26) {
		t.Errorf("GB Christmas 2027 (a Saturday, on its own date): %v", hs)
	}
	off, _ := DaysOff("GB", MakeDate(2027, 12, 24), MakeDate(2027, 12, 31))
	if !slices.Equal(off, []Date{MakeDate(2027, 12, 25), MakeDate(2027, 12, 26), MakeDate(2027, 12, 27), MakeDate(2027, 12, 28)}) {
		t.Errorf("GB days off, Christmas 2027: %v", off)
	}
	hs, _ = HolidaysIn("SE", MakeDate(2027, 6, 25), MakeDate(2027, 6, 25))
	if len(hs) != 0 {
		t.Errorf("SE Midsummer Eve counted: %v", hs)
	}
}

func TestDaysOff(t *testing.T) {
	t.Parallel()
	d := MakeDate
	tests := []struct {
		code       string
		start, end Date
		want       []Date
	}{
		// Decree No 1335 (2025): 4 Jan to 2 May, 23 Feb to 8 May.
		{"RU", d(2025, 5, 1), d(2025, 5, 11), []Date{d(2025, 5, 1), d(2025, 5, 2), d(2025, 5, 8), d(2025, 5, 9)}},
		// Decree No 1466 (2026): 3 Jan to 9 Jan, 4 Jan to 31 Dec.
		{"RU", d(2026, 12, 31), d(2027, 1, 9), []Date{d(2026, 12, 31), d(2027, 1, 1), d(2027, 1, 2), d(2027, 1, 3),
			d(2027, 1, 4), d(2027, 1, 5), d(2027, 1, 6), d(2027, 1, 7), d(2027, 1, 8)}},
		// 2027, by art. 112's rule: 1 May (Sat) to 3 May, 9 May (Sun) to 10 May.
		{"RU", d(2027, 5, 1), d(2027, 5, 11), []Date{d(2027, 5, 1), d(2027, 5, 3), d(2027, 5, 9), d(2027, 5, 10)}},
		// Bulgaria 2027: Labour Day on Holy Saturday moves past Easter Monday.
		{"BG", d(2027, 4, 30), d(2027, 5, 6), []Date{d(2027, 4, 30), d(2027, 5, 1), d(2027, 5, 2), d(2027, 5, 3), d(2027, 5, 4), d(2027, 5, 6)}},
		// US: 2028's New Year (Saturday) gives Friday 31 Dec 2027 off.
		{"US", d(2027, 12, 31), d(2027, 12, 31), []Date{d(2027, 12, 31)}},
	}
	for _, tt := range tests {
		got, err := DaysOff(tt.code, tt.start, tt.end)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("DaysOff(%s, %s, %s) = %v, want %v", tt.code, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestHolidaysRUBGComplete(t *testing.T) {
	t.Parallel()
	// Labour Code: Russia art. 112 (14 days), Bulgaria art. 154 (14 days
	// with the four of Easter); every day off of a year is a weekday.
	for y := 2025; y <= 2030; y++ {
		for _, c := range []string{"RU", "BG"} {
			hs, _ := HolidaysIn(c, MakeDate(y, 1, 1), MakeDate(y, 12, 31))
			if len(hs) != 14 {
				t.Errorf("%s %d: %d holidays, want 14", c, y, len(hs))
			}
			for _, h := range hs {
				if len(h.Off) == 0 || h.Off[0] != h.Date {
					t.Errorf("%s %v: its own date is not its first day off", c, h)
				}
				for _, d := range h.Off[1:] {
					if weekend(d) {
						t.Errorf("%s %v: moved to a weekend", c, h)
					}
				}
			}
		}
	}
}
