#!/usr/bin/python3
"""The Python pipeline of issue 7, for comparison with contentplan.

It writes the rows contentplan writes, with openpyxl (write-only mode, the
fast one) and icalendar, both from Debian (python3-openpyxl,
python3-icalendar). It does no scheduling at all: it reads the posts from
contentplan's own CSV, so the comparison favours Python.

    go run ./testdata/scale -channels 100 > /tmp/scale100.toml
    contentplan generate /tmp/scale100.toml -o /tmp --format csv
    /usr/bin/time -v /usr/bin/python3 testdata/perf/python_pipeline.py /tmp/scale100.csv /tmp/py
    /usr/bin/time -v contentplan generate /tmp/scale100.toml -o /tmp --format xlsx,ics

Writes OUT.xlsx (a Plan sheet of 15 columns, dates and times as real
cells) and OUT.ics (one VEVENT per post, with TZID, SUMMARY, DESCRIPTION,
CATEGORIES and a VALARM on the draft day).
"""

import csv
import datetime as dt
import sys
import zoneinfo

import icalendar
from openpyxl import Workbook


def main(src, out):
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, posts = rows[0], rows[1:]

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Plan")
    ws.append(header)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//contentplan//python pipeline//EN")
    cal.add("version", "2.0")
    stamp = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    zones = {}
    for r in posts:
        (pid, date, time, tz, channel, fmt, source, pillar, objective,
         campaign, title, writer, due, status, cost) = r
        day = dt.date.fromisoformat(date)
        clock = dt.time.fromisoformat(time)
        due_day = dt.date.fromisoformat(due)
        ws.append([pid, day, clock, tz, channel, fmt, source, pillar, objective,
                   campaign, title, writer, due_day, status, float(cost or 0)])

        loc = zones.get(tz) or zones.setdefault(tz, zoneinfo.ZoneInfo(tz))
        start = dt.datetime.combine(day, clock, tzinfo=loc)
        ev = icalendar.Event()
        ev.add("uid", pid + "@contentplan")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(minutes=30))
        summary = f"{channel} · {fmt} · {pillar}"
        ev.add("summary", summary)
        ev.add("description", f"Make an own {fmt} post for {channel} on the pillar \"{pillar}\".\n"
                              f"Draft due: {due}")
        ev.add("categories", [channel, fmt, pillar, source])
        ev.add("status", "TENTATIVE")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Draft due: " + summary)
        alarm.add("trigger", dt.datetime.combine(due_day, dt.time(9), tzinfo=loc).astimezone(dt.timezone.utc))
        ev.add_component(alarm)
        cal.add_component(ev)

    wb.save(out + ".xlsx")
    with open(out + ".ics", "wb") as f:
        f.write(cal.to_ical())
    print(f"wrote {len(posts)} posts to {out}.xlsx and {out}.ics")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python_pipeline.py POSTS.csv OUT")
    main(sys.argv[1], sys.argv[2])
