package calendar

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/gr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/lt"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/mw"
	"github.com/rickar/cal/v2/nc"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/ua"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"
)

// countryHolidays maps an ISO 3166 code to the national holiday list of
// every country package in github.com/rickar/cal/v2 (v2.1.13). Packages that
// are not countries (aa: shared definitions, ecb: the European Central Bank)
// are left out. Where a package only has regional lists (au), the country's
// list is what every region shares; where it has both (ch, de), the national
// one is used, since a plan is for a country, not a canton.
var countryHolidays = map[string][]*cal.Holiday{
	"AR": ar.Holidays,
	"AT": at.Holidays,
	"AU": intersect(au.HolidaysACT, au.HolidaysNSW, au.HolidaysNT, au.HolidaysQLD,
		au.HolidaysSA, au.HolidaysTAS, au.HolidaysVIC, au.HolidaysWA),
	"BE": be.Holidays,
	"BG": bg.Holidays,
	"BR": br.Holidays,
	"CA": ca.Holidays,
	"CH": ch.Holidays,
	"CZ": cz.Holidays,
	"DE": de.Holidays,
	"DK": dk.Holidays,
	"ES": es.Holidays,
	"FR": fr.Holidays,
	"GB": gb.Holidays,
	"GR": gr.Holidays,
	"HR": hr.Holidays,
	"IE": ie.Holidays,
	"IT": it.Holidays,
	"JP": jp.Holidays,
	"LT": lt.Holidays,
	"LV": lv.Holidays,
	"MW": mw.Holidays,
	"NC": nc.Holidays,
	"NL": nl.Holidays,
	"NO": no.Holidays,
	"NZ": nz.Holidays,
	"PL": pl.Holidays,
	"RO": ro.Holidays,
	"RU": ru.Holidays,
	"SE": se.Holidays,
	"SI": si.Holidays,
	"SK": sk.Holidays,
	"UA": ua.Holidays,
	"US": us.Holidays,
	"ZA": za.Holidays,
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

// HolidaysIn returns the public holidays of the country with ISO 3166 code
// (any case) whose observed date lies in [start, end], sorted by date then
// name. Only public observances count: bank and religious days are not days
// off for an audience. The observed date is the one people have off (a
// holiday on a Sunday observed on Monday gives Monday).
func HolidaysIn(code string, start, end Date) ([]Holiday, error) {
	list, ok := countryHolidays[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return nil, fmt.Errorf("holidays %q: unknown country code", code)
	}
	if end < start {
		return nil, nil
	}
	var out []Holiday
	// An observed date can move a few days away from the actual one, so look
	// one year either side of the range.
	for y := start.Year() - 1; y <= end.Year()+1; y++ {
		for _, h := range list {
			if h.Type != cal.ObservancePublic {
				continue
			}
			_, obs := h.Calc(y)
			if obs.IsZero() {
				continue
			}
			d := MakeDate(obs.Date())
			if d < start || d > end {
				continue
			}
			out = append(out, Holiday{Date: d, Name: h.Name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].Name < out[j].Name
	})
	// Two entries of one holiday on one day (possible when a package lists
	// variants) would show twice in a calendar.
	out = slices.CompactFunc(out, func(a, b Holiday) bool { return a == b })
	return out, nil
}
