// ics_versions.js FILE...: read each iCalendar file with Mozilla ical.js (the
// engine of Thunderbird) and print, as JSON, for each file a map of UID ->
// {"sequence": SEQUENCE (0 when absent), "status": STATUS ("" when absent),
// "start": the instant of DTSTART in unix seconds, or "YYYY-MM-DD" for an
// all-day event}. Time zones come only from the file's own VTIMEZONEs. The
// re-run test compares two versions of a calendar with it.
// Any parse error exits non-zero with the message on stderr.
//
// ical.js 2 is an ES module; this file stays CommonJS and loads it with
// import(), as ics_instants.js does.
"use strict";
const { readFileSync } = require("node:fs");

function main(ICAL) {
  const out = {};
  for (const file of process.argv.slice(2)) {
    const comp = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
    ICAL.TimezoneService.reset();
    for (const vtz of comp.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
    }
    const res = {};
    for (const ve of comp.getAllSubcomponents("vevent")) {
      const ev = new ICAL.Event(ve);
      if (ev.uid in res) throw new Error(`${file}: UID ${ev.uid} twice`);
      const start = ve.getFirstProperty("dtstart");
      const tzid = start.getParameter("tzid");
      if (tzid && !ICAL.TimezoneService.has(tzid)) {
        throw new Error(`${file}: ${ev.uid}: TZID ${tzid} has no VTIMEZONE`);
      }
      const t = start.getFirstValue();
      const p = (n, w) => String(n).padStart(w, "0");
      res[ev.uid] = {
        sequence: ve.getFirstPropertyValue("sequence") || 0,
        status: ve.getFirstPropertyValue("status") || "",
        start: t.isDate ? `${p(t.year, 4)}-${p(t.month, 2)}-${p(t.day, 2)}` : t.toUnixTime(),
      };
    }
    out[file] = res;
  }
  process.stdout.write(JSON.stringify(out));
}

import("ical.js").then((m) => main(m.default)).catch((e) => {
  process.stderr.write(String(e && e.stack || e) + "\n");
  process.exit(1);
});
