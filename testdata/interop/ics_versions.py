"""ics_versions.py FILE...: read each iCalendar file with Python icalendar and
print, as JSON, for each file a map of UID -> {"sequence": SEQUENCE (0 when
absent), "status": STATUS ("" when absent), "start": the instant of DTSTART
in unix seconds, or "YYYY-MM-DD" for an all-day event}. The re-run test
compares two versions of a calendar with it: what a calendar program learns
from the second about the events of the first.

Any parse error exits non-zero with the message on stderr.
"""
import datetime
import json
import sys


def instant(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            raise ValueError("floating time %s" % v)
        return int(v.timestamp())
    if isinstance(v, datetime.date):
        return v.isoformat()
    raise ValueError("not a date or time: %r" % (v,))


def versions(text):
    import icalendar

    cal = icalendar.Calendar.from_ical(text)
    res = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        if uid in res:
            raise ValueError("UID %s twice" % uid)
        res[uid] = {
            "sequence": int(ev.get("SEQUENCE", 0)),
            "status": str(ev.get("STATUS", "")),
            "start": instant(ev.decoded("DTSTART")),
        }
    return res


def main():
    out = {}
    for f in sys.argv[1:]:
        with open(f, encoding="utf-8", newline="") as fh:
            text = fh.read()
        try:
            out[f] = versions(text)
        except Exception as e:
            print("%s: %s: %s" % (f, type(e).__name__, e), file=sys.stderr)
            sys.exit(1)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
