package ics

import (
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/contentplan/contentplan/calendar"
)

// occasionUID is the UID of the event of an occasion: of its kind
// ("holiday", or "date" for a [[date]]), the plan's id and its date, as a
// review meeting's (dayUID), then a short hash of its key, since a day
// may have several. The key is a holiday's English name, so the event
// stays the same when the plan's language changes, and a [[date]]'s name,
// in lower case with its spaces collapsed, so that retyping its case
// keeps it too.
func occasionUID(plan *calendar.Plan, o calendar.Occasion) string {
	kind := "date"
	if o.Holiday {
		kind = "holiday"
	}
	key := strings.ToLower(strings.Join(strings.Fields(o.Key), " "))
	sum := sha256.Sum256([]byte(key))
	tag := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:5]))
	return strings.TrimSuffix(dayUID(plan, kind, o.Date), uidDomain) + "-" + tag + uidDomain
}

// occasion writes the all-day event of a holiday or a [[date]]
// (docs/spec.md, "Holidays" and "[[date]]"): its name as the summary;
// DTEND the next day, since an all-day DTEND is exclusive (RFC 5545
// 3.6.1); no time taken in anyone's calendar (TRANSP:TRANSPARENT); its
// kind, in the plan's language, as its category and in its description.
func (iw *icsWriter) occasion(o calendar.Occasion) {
	if iw.err != nil {
		return
	}
	uid := occasionUID(iw.plan, o)
	e := iw.event(uid)
	y, m, d := o.Date.YMD()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	e.SetProperty(ics.ComponentPropertyDtStart, day.Format(icsDate), ics.WithValue(string(ics.ValueDataTypeDate)))
	e.SetProperty(ics.ComponentPropertyDtEnd, day.AddDate(0, 0, 1).Format(icsDate), ics.WithValue(string(ics.ValueDataTypeDate)))
	e.SetSummary(icsText(o.Name))
	kind := iw.t.KeyDate
	if o.Holiday {
		kind = iw.t.Holiday
	}
	// Which kind of day, and whose: an agency imports many clients' plans
	// into one calendar, and most programs show no CATEGORIES.
	e.SetDescription(icsText(kind + "\n" + iw.plan.Name))
	e.AddCategory(icsText(kind))
	e.SetStatus(ics.ObjectStatusConfirmed)
	e.SetTimeTransparency(ics.TransparencyTransparent)
	iw.writeEvent(e, uid)
}
