package calendar

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rickar/cal/v2"
	holAR "github.com/rickar/cal/v2/ar"
	holAT "github.com/rickar/cal/v2/at"
	holAU "github.com/rickar/cal/v2/au"
	holBE "github.com/rickar/cal/v2/be"
	holBG "github.com/rickar/cal/v2/bg"
	holBR "github.com/rickar/cal/v2/br"
	holCA "github.com/rickar/cal/v2/ca"
	holCH "github.com/rickar/cal/v2/ch"
	holCZ "github.com/rickar/cal/v2/cz"
	holDE "github.com/rickar/cal/v2/de"
	holDK "github.com/rickar/cal/v2/dk"
	holES "github.com/rickar/cal/v2/es"
	holFR "github.com/rickar/cal/v2/fr"
	holGB "github.com/rickar/cal/v2/gb"
	holGR "github.com/rickar/cal/v2/gr"
	holHR "github.com/rickar/cal/v2/hr"
	holIE "github.com/rickar/cal/v2/ie"
	holIT "github.com/rickar/cal/v2/it"
	holJP "github.com/rickar/cal/v2/jp"
	holLT "github.com/rickar/cal/v2/lt"
	holLV "github.com/rickar/cal/v2/lv"
	holMW "github.com/rickar/cal/v2/mw"
	holNC "github.com/rickar/cal/v2/nc"
	holNL "github.com/rickar/cal/v2/nl"
	holNO "github.com/rickar/cal/v2/no"
	holNZ "github.com/rickar/cal/v2/nz"
	holPL "github.com/rickar/cal/v2/pl"
	holRO "github.com/rickar/cal/v2/ro"
	holRU "github.com/rickar/cal/v2/ru"
	holSE "github.com/rickar/cal/v2/se"
	holSI "github.com/rickar/cal/v2/si"
	holSK "github.com/rickar/cal/v2/sk"
	holUA "github.com/rickar/cal/v2/ua"
	holUS "github.com/rickar/cal/v2/us"
	holZA "github.com/rickar/cal/v2/za"
)

// countryHolidays maps an ISO 3166 code to the national holiday list of
// every country package in github.com/rickar/cal/v2 (v2.1.13). Packages that
// are not countries (aa: shared definitions, ecb: the European Central Bank)
// are left out. Where a package only has regional lists (au), the country's
// list is what every region shares; where it has both (ch, de), the national
// one is used, since a plan is for a country, not a canton.
var countryHolidays = map[string][]*cal.Holiday{
	"AR": holAR.Holidays,
	"AT": holAT.Holidays,
	"AU": intersect(holAU.HolidaysACT, holAU.HolidaysNSW, holAU.HolidaysNT, holAU.HolidaysQLD,
		holAU.HolidaysSA, holAU.HolidaysTAS, holAU.HolidaysVIC, holAU.HolidaysWA),
	"BE": holBE.Holidays,
	"BG": holBG.Holidays,
	"BR": holBR.Holidays,
	"CA": holCA.Holidays,
	"CH": holCH.Holidays,
	"CZ": holCZ.Holidays,
	"DE": holDE.Holidays,
	"DK": holDK.Holidays,
	"ES": holES.Holidays,
	"FR": holFR.Holidays,
	"GB": holGB.Holidays,
	"GR": holGR.Holidays,
	"HR": holHR.Holidays,
	"IE": holIE.Holidays,
	"IT": holIT.Holidays,
	"JP": holJP.Holidays,
	"LT": holLT.Holidays,
	"LV": holLV.Holidays,
	"MW": holMW.Holidays,
	"NC": holNC.Holidays,
	"NL": holNL.Holidays,
	"NO": holNO.Holidays,
	"NZ": holNZ.Holidays,
	"PL": holPL.Holidays,
	"RO": holRO.Holidays,
	"RU": holRU.Holidays,
	"SE": holSE.Holidays,
	"SI": holSI.Holidays,
	"SK": holSK.Holidays,
	"UA": holUA.Holidays,
	"US": holUS.Holidays,
	"ZA": holZA.Holidays,
}

// intersect returns the holidays present in every list, in the first list's order.
func intersect(lists ...[]*cal.Holiday) []*cal.Holiday {
	var out []*cal.Holiday
	for _, h := range lists[0] {
		all := true
		for _, l := range lists[1:] {
			if !slices.Contains(l, h) {
				all = false
				break
			}
		}
		if all {
			out = append(out, h)
		}
	}
	return out
}

// Countries returns the ISO 3166 codes HolidaysIn knows, sorted.
func Countries() []string {
	codes := make([]string, 0, len(countryHolidays))
	for c := range countryHolidays {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// countryKey is code as countryHolidays holds it: any case and spaces around
// are forgiven.
func countryKey(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// knownCountry reports whether HolidaysIn knows the country with ISO 3166
// code.
func knownCountry(code string) bool { _, ok := countryHolidays[countryKey(code)]; return ok }

// HolidaysIn returns the public holidays of the country with ISO 3166 code
// (any case) whose real date lies in [start, end], sorted by date then name.
// Each is on its real date (1 May is 1 May) and carries the days off it
// causes in Off: its own date and the day it moves to, when one does
// (docs/spec.md, "Holidays").
func HolidaysIn(code string, start, end Date) ([]Holiday, error) {
	if !knownCountry(code) {
		return nil, fmt.Errorf("holidays %q: unknown country code", code)
	}
	var out []Holiday
	for y := start.Year(); y <= end.Year(); y++ {
		for _, h := range holidaysOfYear(countryKey(code), y) {
			if h.Date >= start && h.Date <= end {
				out = append(out, h)
			}
		}
	}
	return out, nil
}

// DaysOff returns the days off in [start, end] that the public holidays of
// the country with ISO 3166 code cause, moved ones included, sorted and
// distinct. A day off can move far from its holiday (a January one to
// December), so the years either side are looked at too.
func DaysOff(code string, start, end Date) ([]Date, error) {
	if !knownCountry(code) {
		return nil, fmt.Errorf("holidays %q: unknown country code", code)
	}
	var out []Date
	for y := start.Year() - 1; y <= end.Year()+1; y++ {
		for _, h := range holidaysOfYear(countryKey(code), y) {
			for _, d := range h.Off {
				if d >= start && d <= end {
					out = append(out, d)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// holidaysOfYear is the holidays of the country key in year, sorted. Russia
// and Bulgaria are our own lists (holidays_ru_bg.go), named in en, ru and
// bg; the rest come from rickar/cal, whose observed date is the moved day
// off, named in English (holidays_names.go).
//
// rickar/cal types the national days off of some countries as bank
// holidays: all of the United Kingdom's, and Christmas and Boxing Day in
// Australia, Canada, New Zealand and South Africa. Taking only its
// "public" type would give Britain no holidays at all, so bank holidays
// count too; religious and other observances (Swedish Midsummer Eve) do not.
func holidaysOfYear(key string, year int) []Holiday {
	switch key {
	case "RU":
		return ruHolidays(year)
	case "BG":
		return bgHolidays(year)
	}
	var out []Holiday
	for _, h := range countryHolidays[key] {
		if h.Type != cal.ObservancePublic && h.Type != cal.ObservanceBank {
			continue
		}
		act, obs := h.Calc(year)
		if act.IsZero() {
			continue
		}
		d := MakeDate(act.Date())
		hol := Holiday{Date: d, Name: englishName(key, h.Name), Off: []Date{d}}
		if !obs.IsZero() && MakeDate(obs.Date()) != d {
			hol.Off = append(hol.Off, MakeDate(obs.Date()))
		}
		out = append(out, hol)
	}
	sortHolidays(out)
	// Two entries of one holiday on one day (possible when a package lists
	// variants) would show twice in a calendar.
	return slices.CompactFunc(out, func(a, b Holiday) bool { return a.Date == b.Date && a.Name == b.Name })
}

// sortHolidays sorts hs by date, then name.
func sortHolidays(hs []Holiday) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Date != hs[j].Date {
			return hs[i].Date < hs[j].Date
		}
		return hs[i].Name < hs[j].Name
	})
}
