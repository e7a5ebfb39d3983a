"""caldav_client.py COMMAND URL|FILE [ARGS]: a CalDAV client that is not
contentplan's (Python caldav, Debian's python3-caldav), for the sync tests.
The user name and password, if any, come from CALDAV_USER and
CALDAV_PASSWORD.

COMMAND is
  dump URL               print, as JSON, every event of the calendar at URL:
                         a list of {"uid", "summary", "start" (unix seconds,
                         or "YYYY-MM-DD" for an all-day event), "sequence",
                         "status", "plan" (X-CONTENTPLAN-PLAN, "" when
                         absent), "url"}, sorted by UID
  file FILE              print the events of an iCalendar file the same way
                         (read with Python icalendar), "url" left out
  add URL UID SUMMARY    save a new event of someone else's (not contentplan's)
  edit URL UID SUMMARY   change the SUMMARY of the event UID, as a calendar
                         program edits an event

Any error exits non-zero with the message on stderr.
"""
import datetime
import json
import os
import sys

import caldav


def calendar(url):
    client = caldav.DAVClient(url=url, username=os.environ.get("CALDAV_USER") or None,
                              password=os.environ.get("CALDAV_PASSWORD") or None)
    return client.calendar(url=url)


def instant(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            raise ValueError("floating time %s" % v)
        return int(v.timestamp())
    return v.isoformat()


def record(comp):
    return {
        "uid": str(comp.get("UID")),
        "summary": str(comp.get("SUMMARY", "")),
        "start": instant(comp.decoded("DTSTART")),
        "sequence": int(comp.get("SEQUENCE", 0)),
        "status": str(comp.get("STATUS", "")),
        "plan": str(comp.get("X-CONTENTPLAN-PLAN", "")),
    }


def dump(cal):
    out = []
    for ev in cal.events():
        for comp in ev.icalendar_instance.walk("VEVENT"):
            out.append(dict(record(comp), url=str(ev.url)))
    out.sort(key=lambda e: e["uid"])
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


def dump_file(path):
    import icalendar
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = [record(comp) for comp in cal.walk("VEVENT")]
    out.sort(key=lambda e: e["uid"])
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


def add(cal, uid, summary):
    cal.save_event(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone else//EN\r\n"
        "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART:20270110T120000Z\r\nDTEND:20270110T130000Z\r\nSUMMARY:%s\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n" % (uid, summary))


def edit(cal, uid, summary):
    ev = cal.event_by_uid(uid)
    comp = ev.icalendar_instance.walk("VEVENT")[0]
    comp["SUMMARY"] = summary
    ev.save()


def main():
    cmd, url = sys.argv[1], sys.argv[2]
    if cmd == "file":
        dump_file(url)
        return
    cal = calendar(url)
    if cmd == "dump":
        dump(cal)
    elif cmd == "add":
        add(cal, sys.argv[3], sys.argv[4])
    elif cmd == "edit":
        edit(cal, sys.argv[3], sys.argv[4])
    else:
        sys.exit("unknown command " + cmd)


main()
