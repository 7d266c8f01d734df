"""Writes the invitations the tests read, with Python's icalendar package, as a
calendar program would send them. Run from this directory with the venv's python:
    ../../../.build/venv/bin/python make_invitations.py [DIRECTORY]
The files are committed; the tests read them, and run this script into a temporary
directory to check that today's icalendar still writes the same events."""

import sys
from datetime import datetime, timedelta, date
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

STOCKHOLM = ZoneInfo("Europe/Stockholm")
STAMP = datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("UTC"))


def calendar():
    cal = Calendar()
    cal.add("prodid", "-//Insyn tests//icalendar//SV")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    return cal


def person(email, name):
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    address.params["role"] = vText("REQ-PARTICIPANT")
    address.params["partstat"] = vText("NEEDS-ACTION")
    return address


def event(uid, summary, start, end, location="Regionens hus, sal 3", description=None):
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", STAMP)
    ev.add("summary", summary)
    ev.add("dtstart", start)
    ev.add("dtend", end)
    if location is not None:
        ev.add("location", location)
    if description is not None:
        ev.add("description", description)
    ev.add("organizer", person("anna.lindqvist@region.example.se", "Lindqvist, Anna"))
    ev.add("attendee", person("ulrika.fors@nordvind.example", "Ulrika Fors"))
    ev.add("attendee", person("per@mail.klaralven.example", "Per Berg"))
    return ev


OUT = sys.argv[1] if len(sys.argv) > 1 else "."


def write(name, cal):
    with open(f"{OUT}/{name}", "wb") as f:
        f.write(cal.to_ical())


def main():
    # The week the clocks go forward in Stockholm (Sunday 29 March 2026, 02:00 → 03:00),
    # three meetings in one file, their zone described by the VTIMEZONE icalendar adds.
    cal = calendar()
    cal.add_component(event("dst-friday@insyn.test", "Elnätet före omställningen",
                            datetime(2026, 3, 27, 9, 0, tzinfo=STOCKHOLM), datetime(2026, 3, 27, 10, 0, tzinfo=STOCKHOLM)))
    cal.add_component(event("dst-sunday@insyn.test", "Söndagsmöte efter omställningen",
                            datetime(2026, 3, 29, 14, 0, tzinfo=STOCKHOLM), datetime(2026, 3, 29, 15, 30, tzinfo=STOCKHOLM)))
    cal.add_component(event("dst-monday@insyn.test", "Måndag i sommartid",
                            datetime(2026, 3, 30, 9, 0, tzinfo=STOCKHOLM), datetime(2026, 3, 30, 9, 45, tzinfo=STOCKHOLM)))
    cal.add_missing_timezones()
    write("icalendar-dst-week.ics", cal)

    # A long Swedish description with every TEXT escape, folded by icalendar at 75 octets; UTC times.
    cal = calendar()
    cal.add_component(event(
        "folded@insyn.test", "Värmlandsbanan; godstrafik, el och tidplan",
        datetime(2026, 11, 23, 13, 30, tzinfo=ZoneInfo("UTC")), datetime(2026, 11, 23, 14, 30, tzinfo=ZoneInfo("UTC")),
        description="Dagordning:\n1. Elförsörjning längs banan; nuläge, kostnader och tidplan.\n"
                    "2. Godstrafikens behov – Kil, Karlstad och Kristinehamn.\n"
                    "Sökväg till underlaget: \\\\server\\delat\\värmlandsbanan"))
    write("icalendar-folded-utc.ics", cal)

    # A weekly series: refused.
    cal = calendar()
    series = event("weekly@insyn.test", "Veckoavstämning", datetime(2026, 9, 7, 9, 0, tzinfo=STOCKHOLM),
                   datetime(2026, 9, 7, 9, 30, tzinfo=STOCKHOLM))
    series.add("rrule", {"freq": "weekly", "count": 10})
    cal.add_component(series)
    cal.add_missing_timezones()
    write("icalendar-recurring.ics", cal)

    # Floating times (no zone): read in the register's time zone.
    cal = calendar()
    cal.add_component(event("floating@insyn.test", "Möte i flytande tid", datetime(2026, 7, 1, 10, 0), datetime(2026, 7, 1, 11, 15)))
    write("icalendar-floating.ics", cal)

    # An all-day event: a date without a time.
    cal = calendar()
    cal.add_component(event("allday@insyn.test", "Heldag", date(2026, 8, 20), date(2026, 8, 21)))
    write("icalendar-all-day.ics", cal)


if __name__ == "__main__":
    sys.exit(main())
