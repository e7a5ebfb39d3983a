package spec

import (
	"strings"
	"testing"
	"time"
)

func TestGuessClock(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"8:00": "08:00", "8.30": "08:30", "08.30": "08:30", " 9:05 ": "09:05",
		"8:30 PM": "20:30", "8pm": "20:00", "12am": "00:00", "12:15 pm": "12:15", "11 AM": "11:00",
		"25:00": "", "noon": "", "8": "", "8:5": "", "8:60": "", "13pm": "", "0am": "", "": "", "8::00": "", "-8:00": "",
	} {
		if got := guessClock(in); got != want {
			t.Errorf("guessClock(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGuessCountry(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"BUL": "BG", "bgr": "BG", "Bulgaria": "BG", "България": "BG", "Болгария": "BG", "Bulgria": "BG",
		"RUS": "RU", "Россия": "RU", "Russian Federation": "RU", "UK": "GB", "Great Britain": "GB",
		"GER": "DE", "Germany": "DE", "U.S.A.": "US", "United States": "US", "RSA": "ZA",
		"XX": "", "Atlantis": "", "": "", "B": "",
	} {
		c, ok := guessCountry(in)
		if ok != (want != "") || c.code != want {
			t.Errorf("guessCountry(%q) = %q %v, want %q", in, c.code, ok, want)
		}
	}
}

func TestGuessLanguage(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"bulgarian": "bg", "Bulgarian": "bg", "български": "bg", "bulgarain": "bg", "BUL": "bg",
		"russian": "ru", "Русский": "ru", "english": "en", "eng": "en",
		"de": "", "german": "", "": "", "r": "",
	} {
		if got := guessLanguage(in); got != want {
			t.Errorf("guessLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDaysInRussianAndBulgarian: a plan written in Russian or Bulgarian may
// name its days as its writers do (docs/spec.md, [[channel]]), in any case.
func TestDaysInRussianAndBulgarian(t *testing.T) {
	t.Parallel()
	for days, want := range map[string][]time.Weekday{
		`"пн", "ср", "пт"`:                  {time.Monday, time.Wednesday, time.Friday},
		`"Понедельник", "среда", "ПЯТНИЦА"`: {time.Monday, time.Wednesday, time.Friday},
		`"вс", "сб", "чт"`:                  {time.Thursday, time.Saturday, time.Sunday},
		`"неделя", "петък", "сряда"`:        {time.Wednesday, time.Friday, time.Sunday},
		`"нд", "четвъртък", "събота"`:       {time.Thursday, time.Saturday, time.Sunday},
	} {
		src := plan("", "[[channel]]\nname = \"VK\"\nfrequency = \"3/week\"\ndays = ["+days+"]\nformats = [\"text\"]\n")
		s, err := Parse("plan.toml", strings.NewReader(src))
		if err != nil {
			t.Errorf("days = [%s]: %v", days, err)
			continue
		}
		if got := s.Channels[0].Days; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("days = [%s]: %v, want %v", days, got, want)
		}
	}
}
