"""ics_instants.py MODE FILE...: parse each iCalendar file with a Python
library and print, as JSON, for each file a map of UID -> the instant the
library computes for DTSTART (unix seconds, or "YYYY-MM-DD" for all-day
events), UID#end -> DTEND and UID#alarm -> the alarm's trigger.

MODE is
  icalendar        python icalendar; it resolves IANA TZIDs with pytz (the
                   system's tzdata), so this checks the local times we wrote
  icalendar-vtz    python icalendar, with the TZIDs renamed so that it must
                   use the file's own VTIMEZONE (its to_tz)
  vobject          vobject.readComponents(validate=True); vobject reads the
                   file's VTIMEZONE with dateutil's tzical

Any parse or validation error exits non-zero with the message on stderr.
"""
import datetime
import json
import re
import sys


def instant(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            raise ValueError("floating time %s" % v)
        return int(v.timestamp())
    if isinstance(v, datetime.date):
        return v.isoformat()
    raise ValueError("not a date or time: %r" % (v,))


def with_icalendar(text, private_tz):
    import icalendar
    from icalendar.timezone_cache import _timezone_cache

    _timezone_cache.clear()
    if private_tz:
        # A TZID pytz does not know: icalendar then builds the zone from the
        # VTIMEZONE (and only then).
        text = re.sub(r"TZID([=:])", r"TZID\1X-contentplan-", text)
    cal = icalendar.Calendar.from_ical(text)
    res = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        res[uid] = instant(ev.decoded("DTSTART"))
        if "DTEND" in ev:
            res[uid + "#end"] = instant(ev.decoded("DTEND"))
        for al in ev.walk("VALARM"):
            if "DESCRIPTION" not in al:
                raise ValueError("%s: alarm without DESCRIPTION" % uid)
            res[uid + "#alarm"] = instant(al.decoded("TRIGGER"))
    return res


def with_vobject(text):
    import vobject
    import vobject.icalendar as vi

    # vobject keeps TZIDs in a process-wide map and never replaces an entry:
    # empty it so that each file is read with its own VTIMEZONE.
    m = vars(vi)["__tzidMap"]
    m.clear()
    vi.registerTzid("UTC", vi.utc)
    res = {}
    n = 0
    for cal in vobject.readComponents(text, validate=True):
        n += 1
        for ev in cal.contents.get("vevent", []):
            uid = ev.uid.value
            res[uid] = instant(ev.dtstart.value)
            if hasattr(ev, "dtend"):
                res[uid + "#end"] = instant(ev.dtend.value)
            for al in ev.contents.get("valarm", []):
                if not hasattr(al, "description"):
                    raise ValueError("%s: alarm without DESCRIPTION" % uid)
                res[uid + "#alarm"] = instant(al.trigger.value)
    if n != 1:
        raise ValueError("%d calendars in the file, want 1" % n)
    return res


def main():
    mode, files = sys.argv[1], sys.argv[2:]
    out = {}
    for f in files:
        with open(f, encoding="utf-8", newline="") as fh:
            text = fh.read()
        try:
            if mode == "icalendar":
                out[f] = with_icalendar(text, False)
            elif mode == "icalendar-vtz":
                out[f] = with_icalendar(text, True)
            elif mode == "vobject":
                out[f] = with_vobject(text)
            else:
                raise SystemExit("unknown mode %s" % mode)
        except Exception as e:
            print("%s: %s: %s" % (f, type(e).__name__, e), file=sys.stderr)
            sys.exit(1)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
