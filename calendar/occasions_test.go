package calendar

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/rickar/cal/v2"
)

func TestHolidayNamesInLanguages(t *testing.T) {
	t.Parallel()
	d := MakeDate
	tests := []struct {
		code       string
		date       Date
		en, ru, bg string
	}{
		{"RU", d(2027, 1, 1), "New Year's Day", "Новый год", "Нова година"},
		{"RU", d(2027, 1, 3), "New Year holidays", "Новогодние каникулы", "Новогодишни празници"},
		{"RU", d(2027, 1, 7), "Orthodox Christmas", "Рождество Христово", "Рождество Христово"},
		{"RU", d(2027, 2, 23), "Defender of the Fatherland Day", "День защитника Отечества", "Ден на защитника на Отечеството"},
		{"RU", d(2027, 3, 8), "International Women's Day", "Международный женский день", "Международен ден на жената"},
		{"RU", d(2027, 5, 1), "Spring and Labour Day", "Праздник Весны и Труда", "Празник на пролетта и труда"},
		{"RU", d(2027, 5, 9), "Victory Day", "День Победы", "Ден на победата"},
		{"RU", d(2027, 6, 12), "Russia Day", "День России", "Ден на Русия"},
		{"RU", d(2027, 11, 4), "Unity Day", "День народного единства", "Ден на народното единство"},
		{"BG", d(2027, 5, 2), "Easter Sunday", "Пасха", "Великден"},
		{"BG", d(2027, 5, 6), "St George's Day", "День святого Георгия", "Гергьовден"},
		{"BG", d(2027, 5, 24), "Day of Slavonic Literacy and Culture", "День славянской письменности и культуры", "Ден на славянската писменост и култура"},
		// Every other country: its English name, whatever the plan's language.
		{"DE", d(2027, 5, 1), "Labour Day", "Labour Day", "Labour Day"},
		{"LV", d(2027, 6, 23), "Midsummer Eve", "Midsummer Eve", "Midsummer Eve"},
		{"UA", d(2027, 8, 24), "Independence Day", "Independence Day", "Independence Day"},
		{"US", d(2027, 7, 4), "Independence Day", "Independence Day", "Independence Day"},
	}
	for _, tt := range tests {
		hs, err := HolidaysIn(tt.code, tt.date, tt.date)
		if err != nil || len(hs) == 0 {
			t.Fatalf("%s %s: %v %v", tt.code, tt.date, hs, err)
		}
		h := hs[len(hs)-1]
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "bg": tt.bg, "": tt.en} {
			if got := h.NameIn(lang); got != want {
				t.Errorf("%s %s in %q: %q, want %q", tt.code, tt.date, lang, got, want)
			}
		}
	}
	// Two of Bulgaria's holidays on 1 May 2027: Labour Day and Holy Saturday.
	hs, _ := HolidaysIn("BG", d(2027, 5, 1), d(2027, 5, 1))
	var bg []string
	for _, h := range hs {
		bg = append(bg, h.NameIn("bg"))
	}
	if !slices.Equal(bg, []string{"Велика събота", "Ден на труда"}) {
		t.Errorf("BG 1 May 2027: %q", bg)
	}
}

// TestCalEnglishComplete checks that every public holiday of every
// rickar/cal package not in English has its English name in calEnglish,
// and that calEnglish names nothing the packages do not have, so that an
// upgrade of the library that renames a holiday is noticed.
func TestCalEnglishComplete(t *testing.T) {
	t.Parallel()
	for _, c := range Countries() {
		if c == "RU" || c == "BG" {
			if calEnglish[c] != nil {
				t.Errorf("%s: our own list, named in holidays_ru_bg.go, not calEnglish", c)
			}
			continue
		}
		have := map[string]bool{}
		for _, h := range countryHolidays[c] {
			if h.Type != cal.ObservancePublic && h.Type != cal.ObservanceBank {
				continue
			}
			have[h.Name] = true
			if _, ok := calEnglish[c][h.Name]; !ok && !calEnglishPackages[c] {
				t.Errorf("%s: %q has no English name in calEnglish", c, h.Name)
			}
		}
		for name := range calEnglish[c] {
			if !have[name] {
				t.Errorf("%s: calEnglish names %q, which the package has not (renamed?)", c, name)
			}
		}
	}
}

// TestHolidayNamesScript checks the names every plan language shows, for
// every country and the years our lists are complete for: English names in
// Latin letters (no Cyrillic, Greek or other script), Russian and
// Bulgarian ones of our own lists in Cyrillic.
func TestHolidayNamesScript(t *testing.T) {
	t.Parallel()
	only := func(s string, script *unicode.RangeTable) bool {
		for _, r := range s {
			if unicode.IsLetter(r) && !unicode.Is(script, r) {
				return false
			}
		}
		return true
	}
	for _, c := range Countries() {
		hs, _ := HolidaysIn(c, MakeDate(2025, 1, 1), MakeDate(2030, 12, 31))
		for _, h := range hs {
			if h.Name == "" || !only(h.Name, unicode.Latin) {
				t.Errorf("%s %s: English name %q", c, h.Date, h.Name)
			}
			for _, lang := range []string{"ru", "bg"} {
				n := h.NameIn(lang)
				own := c == "RU" || c == "BG"
				if own && !only(n, unicode.Cyrillic) || !own && n != h.Name {
					t.Errorf("%s %s: %s name %q", c, h.Date, lang, n)
				}
			}
		}
	}
}

func TestOccasions(t *testing.T) {
	t.Parallel()
	s := oneChannel(t, "2027-05-01", "2027-05-31", Frequency{N: 1, Per: PerDay}, "10:00")
	s.Plan.Holidays, s.Plan.Language = "RU", "ru"
	d := func(day int) Date { return MakeDate(2027, 5, day) }
	s.Dates = []DateSpec{
		{Name: "Запуск сайта", Date: d(12), Skip: true},
		{Name: "День рождения пекарни", Date: d(9)}, // beside a holiday
		{Name: "  день  победы ", Date: d(9)},       // the holiday again: listed once
		{Name: "Victory Day", Date: d(9)},           // the holiday's English name: once
		{Name: "Инвентаризация", Date: d(18), DayOff: true},
		{Name: "Прошлый квартал", Date: MakeDate(2027, 4, 30)}, // outside the plan
	}
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range p.Occasions {
		got = append(got, o.Date.String()+" "+o.Name)
		if o.Holiday != (o.Key != o.Name) {
			t.Errorf("%v: a holiday's key is its English name, a date's its name", o)
		}
	}
	want := []string{"2027-05-01 Праздник Весны и Труда", "2027-05-09 День Победы", "2027-05-09 День рождения пекарни",
		"2027-05-12 Запуск сайта", "2027-05-18 Инвентаризация"}
	if !slices.Equal(got, want) {
		t.Errorf("occasions\n%q\nwant\n%q", got, want)
	}
	if !slices.Contains(p.Skip, d(12)) || slices.Contains(p.Skip, d(18)) {
		t.Errorf("skip %v: 12 May (skip) in it, 18 May (day_off) not", p.Skip)
	}
	// 31 May, a Monday, is the month's last working day but for the
	// stocktaking's day_off: the review meeting moves back to Friday.
	s.Dates = append(s.Dates, DateSpec{Name: "Учёт", Date: d(31), DayOff: true})
	s.Plan.Review = "monthly"
	if q, err := Build(s); err != nil || len(q.Reviews) != 1 || q.Reviews[0].Date != d(28) {
		t.Errorf("reviews %v, %v: want one on 2027-05-28", q.Reviews, err)
	}
	for post := range p.Posts() {
		if post.Date == d(12) {
			t.Errorf("a post on the skipped date: %v", post.Date)
		}
		// Publishing on 21 May with a lead of 3 days would be due on
		// Tuesday 18 May, the day off: it is moved back to Monday.
		if post.Date == d(21) && post.DraftDue != d(17) {
			t.Errorf("post of %s due %s, want 2027-05-17 (18 May is a day off)", post.Date, post.DraftDue)
		}
	}
}

func TestOccasionsOn(t *testing.T) {
	// Not parallel: AllocsPerRun counts the whole program's allocations.
	d := MakeDate
	p := &Plan{Occasions: []Occasion{
		{Date: d(2027, 5, 1), Name: "A"}, {Date: d(2027, 5, 9), Name: "B"}, {Date: d(2027, 5, 9), Name: "C"},
		{Date: d(2027, 5, 20), Name: "D"},
	}}
	for _, tt := range []struct {
		on   Date
		want string
	}{
		{d(2027, 4, 30), ""}, {d(2027, 5, 1), "A"}, {d(2027, 5, 2), ""}, {d(2027, 5, 9), "B; C"},
		{d(2027, 5, 20), "D"}, {d(2027, 6, 1), ""},
	} {
		var names []string
		for _, o := range p.OccasionsOn(tt.on) {
			names = append(names, o.Name)
		}
		if got := strings.Join(names, OccasionSep); got != tt.want {
			t.Errorf("OccasionsOn(%s) = %q, want %q", tt.on, got, tt.want)
		}
		if got := NewOccasionText(p).On(tt.on); got != tt.want {
			t.Errorf("OccasionText.On(%s) = %q, want %q", tt.on, got, tt.want)
		}
	}
	if n := len((&Plan{}).OccasionsOn(d(2027, 5, 1))); n != 0 {
		t.Errorf("a plan without occasions: %d", n)
	}
	// A post costs no allocation: a day's text is joined once.
	text := NewOccasionText(p)
	days := []Date{d(2027, 5, 8), d(2027, 5, 9), d(2027, 5, 9), d(2027, 5, 9)}
	text.On(d(2027, 5, 9))
	if a := testing.AllocsPerRun(100, func() {
		for _, day := range days[1:] {
			text.On(day)
		}
		p.OccasionsOn(days[0])
	}); a != 0 {
		t.Errorf("%v allocations a run", a)
	}
}
