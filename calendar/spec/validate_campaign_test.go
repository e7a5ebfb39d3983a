package spec

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/contentplan/contentplan/calendar"
)

// clocks reads HH:MM times for a test.
func clocks(t testing.TB, ss ...string) []calendar.Clock {
	t.Helper()
	var out []calendar.Clock
	for _, s := range ss {
		c, err := calendar.ParseClock(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// campaignSpec is a plan of one channel posting 2/day at the times given,
// with the campaigns given.
func campaignSpec(times, campaigns string) string {
	return plan("", "[[channel]]\nname = \"Telegram\"\nfrequency = \"2/day\"\ntimes = ["+times+"]\nformats = [\"text\"]\n\n"+campaigns)
}

func TestCampaignExtrasMustFit(t *testing.T) {
	t.Parallel()
	const ok = "[[campaign]]\nname = \"ok\"\nstart = 2027-01-10\nend = 2027-01-20\n"
	const launch = "[[campaign]]\nname = \"launch\"\nstart = 2027-02-01\nend = 2027-02-10\nextra = \"1/day\"\n"
	got := parseErr(t, campaignSpec(`"09:00", "18:00"`, ok+launch))
	want := `plan.toml:20:9: campaign "launch": extra "1/day" does not fit channel "Telegram": 2 regular posts and 1 extra a day need 3 times, the channel has 2` +
		"\nhint: give channel \"Telegram\" at least 3 times, e.g. times = [\"09:00\", \"13:30\", \"18:00\"]"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// The reader of [[campaign]] refuses N/month extras, with a position;
	// the rule of fit does not run on a spec with errors.
	const monthly = "[[campaign]]\nname = \"monthly\"\nstart = 2027-02-01\nend = 2027-02-10\nextra = \"1/month\"\n"
	got = parseErr(t, campaignSpec(`"09:00", "18:00"`, launch+monthly))
	if want := `campaign "monthly": extra "1/month": want N/day or N/week` + "\nhint: write extra = \"1/day\" or extra = \"2/week\""; !strings.HasSuffix(got, want) || strings.Contains(got, "does not fit") {
		t.Errorf("got\n%s\nwant one error ending\n%s", got, want)
	}

	// N/week extras need ceil(N/7) times a day on top of the regular posts.
	const week = "[[campaign]]\nname = \"week\"\nstart = 2027-02-01\nend = 2027-02-10\nextra = \"7/week\"\n"
	if got := parseErr(t, campaignSpec(`"09:00", "18:00"`, week)); !strings.Contains(got, "2 regular posts and 1 extra a day need 3 times") {
		t.Errorf("7/week on a full channel: %s", got)
	}
	mustParse(t, campaignSpec(`"09:00", "12:00", "18:00"`, week))
}

// TestPostLimit: a plan of more than calendar.MaxPosts posts is refused by
// key path before a post is made, however absurd the count.
func TestPostLimit(t *testing.T) {
	t.Parallel()
	const ch = "[[channel]]\nname = \"%s\"\nfrequency = \"1440/day\"\nformats = [\"text\"]\n"
	src := "[plan]\nname = \"x\"\nstart = 2027-01-01\nend = 2031-12-31\n\n" + fmt.Sprintf(ch, "a") + fmt.Sprintf(ch, "b")
	start := time.Now()
	got := parseErr(t, src)
	want := "plan.toml:6:1: the channels' frequencies give 5258880 posts over the plan, more than the limit of 5000000" +
		"\nhint: shorten the plan, lower the frequencies or split the channels over several specs"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v: it must fail before generating", d)
	}
}

func TestRegularPerDay(t *testing.T) {
	t.Parallel()
	feb := calendar.MakeDate(2027, 2, 1)
	tests := []struct {
		freq calendar.Frequency
		days []time.Weekday
		want int
	}{
		{calendar.Frequency{N: 3, Per: calendar.PerDay}, nil, 3},
		{calendar.Frequency{N: 1, Per: calendar.PerDay, Weekdays: true}, nil, 1},
		{calendar.Frequency{N: 7, Per: calendar.PerWeek}, nil, 1},
		{calendar.Frequency{N: 8, Per: calendar.PerWeek}, nil, 2},
		{calendar.Frequency{N: 3, Per: calendar.PerWeek}, []time.Weekday{time.Monday}, 3},
		{calendar.Frequency{N: 4, Per: calendar.PerWeek}, []time.Weekday{time.Monday, time.Friday, time.Monday}, 2},
		{calendar.Frequency{N: 30, Per: calendar.PerMonth}, nil, 2}, // February
		{calendar.Frequency{N: 0, Per: calendar.PerDay}, nil, 0},
	}
	for _, tt := range tests {
		ch := calendar.ChannelSpec{Frequency: tt.freq, Days: tt.days}
		if got := regularPerDay(&ch, feb, feb+27); got != tt.want {
			t.Errorf("%v %v: %d, want %d", tt.freq, tt.days, got, tt.want)
		}
	}
	ch := calendar.ChannelSpec{Frequency: calendar.Frequency{N: 30, Per: calendar.PerMonth}}
	if got := regularPerDay(&ch, calendar.MakeDate(2027, 1, 1), calendar.MakeDate(2027, 1, 31)); got != 1 {
		t.Errorf("30/month in January: %d, want 1", got)
	}
}

func TestMoreTimes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		have []string
		n    int
		want string
	}{
		{[]string{"15:00"}, 2, "[09:00 15:00]"},
		{[]string{"09:00", "18:00"}, 3, "[09:00 13:30 18:00]"},
		{nil, 3, "[09:00 15:00 21:00]"},
		{[]string{"12:00"}, 1, "[12:00]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(moreTimes(clocks(t, tt.have...), tt.n)); got != tt.want {
			t.Errorf("moreTimes(%v, %d) = %s, want %s", tt.have, tt.n, got, tt.want)
		}
	}
	// Past the 25 half hours it stops rather than loop.
	if got := moreTimes(nil, 1440); len(got) != 25 {
		t.Errorf("moreTimes(nil, 1440): %d times", len(got))
	}
}
