"""timeline.ics is valid iCalendar: the icalendar parser reads it back, and every zone an event's
time is given in has its VTIMEZONE (RFC 5545, 3.6.5)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from digest.output.run import build_site
from digest.project import Project
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def calendar(tmp_path_factory) -> icalendar.Calendar:
    project = copy_project(tmp_path_factory.mktemp("ics"))
    build_site(Project(project))
    return icalendar.Calendar.from_ical((project / "site" / "timeline.ics").read_bytes())


def test_the_calendar_reads_back_with_one_event_per_curated_event(calendar):
    events = calendar.walk("VEVENT")
    timeline = (Path(__file__).resolve().parents[2] / "content" / "timeline.yaml").read_text(encoding="utf-8")
    assert len(events) == timeline.count("\n  - id: ")
    assert all(str(e["UID"]).endswith("@example.org") and e["SUMMARY"] for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_every_zone_used_has_its_vtimezone(calendar):
    zoned = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")
             if isinstance(e.decoded("DTSTART"), dt.datetime) and e.decoded("DTSTART").tzinfo]
    assert zoned, "the sample has an event at a time in Europe/Zurich"
    used = {e["DTSTART"].params["TZID"] for e in calendar.walk("VEVENT") if "TZID" in e["DTSTART"].params}
    assert used == {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/Zurich"}
    assert calendar.get_missing_tzids() == set()
    talks = next(s for s in zoned if s.date() == dt.date(2022, 1, 10))
    assert talks.utcoffset() == dt.timedelta(hours=1)  # 09:00 in Geneva in January is 08:00 UTC


def test_all_day_events_end_the_next_day(calendar):
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        if not isinstance(start, dt.datetime):
            assert event.decoded("DTEND") == start + dt.timedelta(days=1)
