package calendar

import (
	"testing"
	"time"
)

func TestReadWall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone  string
		date  string
		clock string
		want  string // the instant in UTC
		local string // the wall clock it shows, in the zone
		shift DSTShift
	}{
		{"UTC", "2027-03-28", "02:30", "2027-03-28T02:30:00Z", "02:30", DSTNone},
		{"Europe/Berlin", "2027-01-15", "09:00", "2027-01-15T08:00:00Z", "09:00", DSTNone},
		{"Europe/Berlin", "2027-07-15", "09:00", "2027-07-15T07:00:00Z", "09:00", DSTNone},
		// Spring forward 02:00 → 03:00: 02:30 does not exist, read with +01:00.
		{"Europe/Berlin", "2027-03-28", "02:30", "2027-03-28T01:30:00Z", "03:30", DSTGap},
		{"Europe/Berlin", "2027-03-28", "02:00", "2027-03-28T01:00:00Z", "03:00", DSTGap},
		{"Europe/Berlin", "2027-03-28", "03:00", "2027-03-28T01:00:00Z", "03:00", DSTNone},
		{"Europe/Berlin", "2027-03-28", "01:59", "2027-03-28T00:59:00Z", "01:59", DSTNone},
		// Fall back 03:00 → 02:00: 02:30 occurs twice, the first is CEST.
		{"Europe/Berlin", "2027-10-31", "02:30", "2027-10-31T00:30:00Z", "02:30", DSTAmbiguous},
		{"Europe/Berlin", "2027-10-31", "03:00", "2027-10-31T02:00:00Z", "03:00", DSTNone},
		{"America/New_York", "2027-03-14", "02:15", "2027-03-14T07:15:00Z", "03:15", DSTGap},
		{"America/New_York", "2027-11-07", "01:30", "2027-11-07T05:30:00Z", "01:30", DSTAmbiguous},
		// Lord Howe changes by 30 minutes at 02:00.
		{"Australia/Lord_Howe", "2027-10-03", "02:10", "2027-10-02T15:40:00Z", "02:40", DSTGap},
		{"Australia/Lord_Howe", "2027-04-04", "01:45", "2027-04-03T14:45:00Z", "01:45", DSTAmbiguous},
		// Dublin's winter time is the "negative DST" of tzdata; the reading
		// only looks at offsets, so it behaves like any other zone.
		{"Europe/Dublin", "2027-03-28", "01:30", "2027-03-28T01:30:00Z", "02:30", DSTGap},
		{"Europe/Dublin", "2027-10-31", "01:30", "2027-10-31T00:30:00Z", "01:30", DSTAmbiguous},
		// Santiago changes at midnight: 00:30 does not exist in September.
		{"America/Santiago", "2027-09-05", "00:30", "2027-09-05T04:30:00Z", "01:30", DSTGap},
		{"America/Santiago", "2027-04-03", "23:30", "2027-04-04T02:30:00Z", "23:30", DSTAmbiguous},
		// Chatham: +12:45 / +13:45, changing at 02:45 local.
		{"Pacific/Chatham", "2027-09-26", "03:00", "2027-09-25T14:15:00Z", "04:00", DSTGap},
		{"Asia/Kathmandu", "2027-06-01", "09:00", "2027-06-01T03:15:00Z", "09:00", DSTNone},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.date+" "+tt.clock, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Skip(err)
			}
			d, _ := ParseDate(tt.date)
			c, _ := ParseClock(tt.clock)
			got, shift := ReadWall(loc, d, c)
			if s := got.UTC().Format(time.RFC3339); s != tt.want {
				t.Errorf("instant %s, want %s", s, tt.want)
			}
			if s := got.In(loc).Format("15:04"); s != tt.local {
				t.Errorf("local %s, want %s", s, tt.local)
			}
			if shift != tt.shift {
				t.Errorf("shift %d, want %d", shift, tt.shift)
			}
		})
	}
}

// TestReadWallRoundTrip checks every quarter hour of two years in the test
// zones: a time that exists reads back as itself, at its earliest instant.
func TestReadWallRoundTrip(t *testing.T) {
	t.Parallel()
	start := MakeDate(2027, 1, 1)
	for _, zone := range testZones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		var z zoneDay
		for d := start; d < start+730; d++ {
			z.load(loc, d)
			for c := Clock(0); c < 1440; c += 15 {
				sec, shift := z.read(c)
				got := time.Unix(sec, 0).In(loc)
				if shift == DSTGap {
					if DateOf(got) == d && Clock(got.Hour()*60+got.Minute()) == c {
						t.Fatalf("%s %s %s: gap time reads back as itself", zone, d, c)
					}
					continue
				}
				if DateOf(got) != d || Clock(got.Hour()*60+got.Minute()) != c {
					t.Fatalf("%s %s %s: reads as %s", zone, d, c, got)
				}
				// The earliest instant: an hour (or 30 minutes) earlier
				// must not show the same wall clock.
				for _, back := range []int64{1800, 3600} {
					e := time.Unix(sec-back, 0).In(loc)
					if DateOf(e) == d && Clock(e.Hour()*60+e.Minute()) == c {
						t.Fatalf("%s %s %s: an earlier instant %s shows the same time", zone, d, c, e.UTC())
					}
				}
				if len(z.periods) > 1 && (shift == DSTAmbiguous) != occursTwice(loc, sec) {
					t.Fatalf("%s %s %s: ambiguity %v", zone, d, c, shift == DSTAmbiguous)
				}
			}
		}
	}
}

// occursTwice reports whether the wall clock of instant sec shows again
// within the next two hours.
func occursTwice(loc *time.Location, sec int64) bool {
	a := time.Unix(sec, 0).In(loc)
	for s := sec + 60; s <= sec+7200; s += 60 {
		b := time.Unix(s, 0).In(loc)
		if b.Hour() == a.Hour() && b.Minute() == a.Minute() && DateOf(a) == DateOf(b) {
			return true
		}
	}
	return false
}

var testZones = []string{"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
	"Europe/Dublin", "America/Santiago", "Asia/Kathmandu", "Pacific/Chatham"}

// TestReadWallZones: rule 8 in zones of every kind, a gap reads with the offset before the change,
// an overlap means the first occurrence.
func TestReadWallZones(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tz        string
		wall      string
		want      string // UTC
		ambiguous bool
	}{
		{"Europe/Berlin", "2027-03-28 02:30", "2027-03-28T01:30:00Z", false}, // gap: 03:30 CEST
		{"Europe/Berlin", "2027-10-31 02:30", "2027-10-31T00:30:00Z", true},  // first 02:30 (CEST)
		{"Europe/Berlin", "2027-10-31 03:00", "2027-10-31T02:00:00Z", false},
		{"Europe/Berlin", "2027-07-01 12:00", "2027-07-01T10:00:00Z", false},
		{"America/New_York", "2027-03-14 02:15", "2027-03-14T07:15:00Z", false},
		{"America/New_York", "2027-11-07 01:30", "2027-11-07T05:30:00Z", true},
		{"Australia/Lord_Howe", "2027-10-03 02:15", "2027-10-02T15:45:00Z", false}, // 30-minute gap
		{"Australia/Lord_Howe", "2027-04-04 01:45", "2027-04-03T14:45:00Z", true},  // 30-minute overlap
		{"America/Santiago", "2027-09-05 00:30", "2027-09-05T04:30:00Z", false},    // gap at midnight
		{"America/Santiago", "2027-04-03 23:30", "2027-04-04T02:30:00Z", true},
		{"Europe/Dublin", "2027-10-31 01:30", "2027-10-31T00:30:00Z", true},
		{"Asia/Kolkata", "2027-03-28 02:30", "2027-03-27T21:00:00Z", false},
	} {
		loc, _ := time.LoadLocation(tc.tz)
		w, _ := time.Parse("2006-01-02 15:04", tc.wall)
		got, _ := ReadWall(loc, DateOf(w), Clock(w.Hour()*60+w.Minute()))
		if s := got.UTC().Format(time.RFC3339); s != tc.want {
			t.Errorf("%s %s = %s, want %s", tc.tz, tc.wall, s, tc.want)
		}
		if a := Ambiguous(got); a != tc.ambiguous {
			t.Errorf("%s %s: ambiguous = %v, want %v", tc.tz, tc.wall, a, tc.ambiguous)
		}
	}
}
