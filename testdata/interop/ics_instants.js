// ics_instants.mjs FILE...: parse each iCalendar file with Mozilla ical.js
// (the engine of Thunderbird) and print, as JSON, for each file a map of
// UID -> the instant ical.js computes for DTSTART (unix seconds, or
// "YYYY-MM-DD" for all-day events), UID#end -> DTEND, UID#alarm -> the
// alarm's trigger. Time zones come only from the file's own VTIMEZONEs.
// Any parse error exits non-zero with the message on stderr.
//
// ical.js 2 is an ES module; this file stays CommonJS (the folder has no
// "type": "module") and loads it with import().
"use strict";
const { readFileSync } = require("node:fs");

function main(ICAL) {

function instant(t) {
  if (t.isDate) {
    const p = (n, w) => String(n).padStart(w, "0");
    return `${p(t.year, 4)}-${p(t.month, 2)}-${p(t.day, 2)}`;
  }
  return t.toUnixTime();
}

const out = {};
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const comp = new ICAL.Component(ICAL.parse(text));
  // Zones are registered per file, so one file's VTIMEZONE cannot answer
  // for another's.
  ICAL.TimezoneService.reset();
  for (const vtz of comp.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  const res = {};
  for (const ve of comp.getAllSubcomponents("vevent")) {
    const ev = new ICAL.Event(ve);
    const uid = ev.uid;
    for (const name of ["dtstart", "dtend"]) {
      const prop = ve.getFirstProperty(name);
      if (!prop) continue;
      const tzid = prop.getParameter("tzid");
      if (tzid && !ICAL.TimezoneService.has(tzid)) {
        throw new Error(`${file}: ${uid}: TZID ${tzid} has no VTIMEZONE`);
      }
      res[name === "dtstart" ? uid : uid + "#end"] = instant(prop.getFirstValue());
    }
    for (const va of ve.getAllSubcomponents("valarm")) {
      const trig = va.getFirstPropertyValue("trigger");
      if (trig instanceof ICAL.Time) res[uid + "#alarm"] = instant(trig);
      if (!va.getFirstPropertyValue("description")) throw new Error(`${file}: ${uid}: alarm without DESCRIPTION`);
    }
  }
  out[file] = res;
}
process.stdout.write(JSON.stringify(out));
}

import("ical.js").then((m) => main(m.default)).catch((e) => {
  process.stderr.write(String(e && e.stack || e) + "\n");
  process.exit(1);
});
