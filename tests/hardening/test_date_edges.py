"""Dates at both ends of the calendar: one clamped arithmetic, no OverflowError anywhere."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest.content.settings import load_config
from digest.dates import add_days, resolve_weekday
from digest.errors import ContentError
from digest.ingest.normalize import Hints, IngestError, normalize
from digest.output.run import build_site
from digest.project import Project
from tests.conftest import write_article


def test_add_days_clamps_to_the_supported_calendar():
    assert add_days(dt.date.max, 1) == dt.date.max
    assert add_days(dt.date.min, -3) == dt.date.min
    assert add_days(dt.date(2022, 1, 10), 2) == dt.date(2022, 1, 12)
    assert resolve_weekday(0, dt.date.max, "future") == dt.date.max


def test_articles_and_events_at_the_ends_of_the_calendar_build(empty_project: Path):
    write_article(empty_project, "2022-01-10-last", "title: Last\ndate: 9999-12-31\npublisher: P",
                  "On Monday they met. The next day they left. Tomorrow they return.\n")
    write_article(empty_project, "2022-01-10-first", "title: First\ndate: 0001-01-01\npublisher: P",
                  "On Monday they met. A day earlier they talked. Yesterday they spoke.\n")
    (empty_project / "content" / "timeline.yaml").write_text(
        "events:\n  - {id: last, date: 9999-12-31, title: Last}\n  - {id: first, date: 0001-01-01, title: First}\n")
    build_site(Project(empty_project))
    ics = (empty_project / "site" / "timeline.ics").read_text()
    assert "DTSTART;VALUE=DATE:99991231" in ics


@pytest.mark.parametrize("line", ["Published December 31, 9999", "Published January 1, 0001", "Published Jan 1, 1"])
def test_a_raw_file_dated_at_the_ends_of_the_calendar_gives_a_draft_or_a_clear_error(line: str):
    text = f"Talks end in Geneva\n\n{line}\n\nOn Monday the ministers met. The next day they left.\n"
    try:
        draft = normalize(text, Hints())
    except IngestError as error:
        assert str(error)
        return
    assert "date" in draft.front


def test_a_coverage_of_thousands_of_years_is_refused_at_its_line(tmp_path: Path):
    path = tmp_path / "site.yaml"
    path.write_text("title: X\ncoverage:\n  start: 0001-01-01\n  end: 9999-12-31\n")
    with pytest.raises(ContentError, match=r"site.yaml:2: `coverage` spans 3652059 days"):
        load_config(path)
