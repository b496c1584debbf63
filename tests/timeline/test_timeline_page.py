"""The timeline page of the sample digest, its data files and the links back from articles."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import html5lib
import pytest

from digest.content.load import load_site
from digest.errors import ErrorList
from digest.output.run import build_site
from digest.project import Project
from digest.timeline.days import build_timeline
from tests.conftest import REPO, copy_project

NS = {"h": "http://www.w3.org/1999/xhtml"}
IDS = {
    "000": "2022-01-09-ahead-of-us-russia-meet-biden-administration-issues-fresh",
    "001": "2022-01-01-us-and-russia-face-deep-variations-forward-of-ukraine-talks",
    "002": "2022-01-10-putin-pushes-red-lines-in-kazakhstan-and-ukraine",
    "003": "2022-01-09-brinken-warns-russia-against-invading",
    "004": "2022-01-09-us-warns-of-severe-consequences-for-russia-if-it-invades",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("timeline"))
    build_site(Project(project))
    return project / "site"


@pytest.fixture(scope="module")
def timeline():
    return build_timeline(load_site(REPO / "content"))


def day_section(built: Path, iso: str):
    """The day as its own page shows it."""
    doc = html5lib.parse((built / "timeline" / iso / "index.html").read_bytes(), namespaceHTMLElements=True)
    [section] = [s for s in doc.iter(f"{{{NS['h']}}}section") if s.get("id") == iso]
    return section


def links_in(element) -> set[str]:
    return {a.get("href") for a in element.iter(f"{{{NS['h']}}}a")}


def test_every_day_of_the_window_has_a_section_in_order(built: Path):
    html = (built / "timeline" / "index.html").read_text()
    positions = [html.index(f'id="2022-01-{d:02d}"') for d in range(6, 15)]
    assert positions == sorted(positions)


def test_the_overview_links_each_day_and_event_with_counts_but_quotes_nothing(built: Path):
    html = (built / "timeline" / "index.html").read_text()
    for d in range(6, 15):
        assert f'href="../timeline/2022-01-{d:02d}/index.html"' in html
    assert 'href="../timeline/2022-01-10/index.html#event-geneva-strategic-stability-dialogue"' in html
    assert "<blockquote" not in html
    assert re.search(r"\d+ events? · \d+ dated sentences? · \d+ articles? published", html)


def test_day_pages_link_the_days_before_and_after(built: Path):
    html = (built / "timeline" / "2022-01-10" / "index.html").read_text()
    assert '<a rel="prev" href="../../timeline/2022-01-09/index.html">' in html
    assert '<a rel="next" href="../../timeline/2022-01-11/index.html">' in html


@pytest.mark.parametrize("iso, event_title", [
    ("2022-01-06", "Russian-led CSTO troops arrive in Kazakhstan"),
    ("2022-01-09", "Sherman and Ryabkov meet for a working dinner"),
    ("2022-01-10", "US-Russia Strategic Stability Dialogue"),
    ("2022-01-12", "NATO-Russia Council meets for the first time since 2019"),
    ("2022-01-13", "OSCE Permanent Council discusses European security"),
])
def test_key_events_are_shown_with_articles_covering_them(built: Path, iso: str, event_title: str):
    section = day_section(built, iso)
    text = "".join(section.itertext())
    assert event_title in text
    assert any(h and "articles/" in h for h in links_in(section))


@pytest.mark.parametrize("seed, days", [
    ("000", ["2022-01-06", "2022-01-07", "2022-01-10"]),
    ("001", ["2022-01-09", "2022-01-10"]),
    ("002", ["2022-01-10", "2022-01-12"]),
    ("003", ["2022-01-07", "2022-01-10"]),
    ("004", ["2022-01-09"]),
])
def test_each_seed_appears_under_the_days_it_reports(built: Path, seed: str, days: list[str]):
    href = f"../../articles/{IDS[seed]}/index.html"
    for iso in days:
        assert href in links_in(day_section(built, iso)), f"{seed} missing on {iso}"


def test_an_article_mentioning_several_days_is_under_each(timeline):
    days = {m.date for m in timeline.mentions if m.article_id == IDS["000"]}
    assert {dt.date(2022, 1, 6), dt.date(2022, 1, 7), dt.date(2022, 1, 10)} <= days


def test_day_with_nothing_says_so(built: Path):
    assert "Nothing in this digest is reported for this day." in "".join(day_section(built, "2022-01-08").itertext())


def test_event_with_no_coverage_says_so(built: Path):
    text = "".join(day_section(built, "2022-01-14").itertext())
    assert "Cyberattack defaces Ukrainian government websites" in text
    assert "No article in this digest covers this event." in text


def test_mentions_unrelated_to_an_event_are_also_reported(built: Path):
    section = day_section(built, "2022-01-07")
    assert "Also reported" in "".join(section.itertext())


def test_article_pages_link_back_to_days_and_events(built: Path):
    page = (built / "articles" / IDS["000"] / "index.html").read_text()
    assert 'href="../../timeline/2022-01-06/index.html"' in page
    assert 'href="../../timeline/2022-01-06/index.html#event-csto-deployment"' in page


def test_front_page_features_the_week(built: Path):
    index = (built / "index.html").read_text()
    assert 'href="timeline/2022-01-10/index.html"' in index
    assert "US-Russia Strategic Stability Dialogue" in index or "Putin addresses the CSTO summit" in index


def test_timeline_json_lists_days_events_and_mentions(built: Path):
    data = json.loads((built / "timeline.json").read_text())
    days = {d["date"]: d for d in data["days"]}
    geneva = next(e for e in days["2022-01-10"]["events"] if e["id"] == "geneva-strategic-stability-dialogue")
    assert IDS["003"] in geneva["articles"] and geneva["mentions"]
    assert data["articles"][IDS["003"]]["url"].startswith("https://")


def test_timeline_ics_is_valid_icalendar(built: Path):
    raw = (built / "timeline.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.decode().split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 13
    assert "DTSTART;TZID=Europe/Zurich:20220110T090000" in lines
    assert "DTSTART;VALUE=DATE:20220106" in lines


def test_event_citing_a_missing_article_is_an_error_with_its_line(sample_project: Path):
    path = sample_project / "content" / "timeline.yaml"
    text = path.read_text().replace(IDS["004"], "2022-01-09-no-such-article", 1)
    path.write_text(text)
    line = text.split("\n").index(next(row for row in text.split("\n") if "- id: blinken-sunday-shows" in row)) + 1
    with pytest.raises(ErrorList) as caught:
        load_site(sample_project / "content")
    assert str(caught.value) == (f"{path}:{line}: event `blinken-sunday-shows` cites article "
                                 "`2022-01-09-no-such-article`, which does not exist")


@pytest.mark.parametrize("yaml_text, message", [
    ("events:\n  - id: x\n    title: T\n    date: soon\n", ":2: event `x`: `date` must be an ISO date, got 'soon'"),
    ("events:\n  - id: x\n    date: 2022-01-10\n", ":2: event `x` has no title"),
    ("events:\n  - id: ok\n    title: T\n    date: 2022-01-10\n  - id: ok\n    title: U\n    date: 2022-01-11\n",
     ":5: event id `ok` is also used on line 2"),
    ("events:\n  - id: x\n    title: T\n    date: 2022-01-10\n    time: noon\n", ":2: event `x`: `time` must be HH:MM, got 'noon'"),
    ("events: [unclosed\n", ":1: invalid YAML"),
])
def test_bad_timeline_file(empty_project: Path, yaml_text: str, message: str):
    path = empty_project / "content" / "timeline.yaml"
    path.write_text(yaml_text)
    with pytest.raises(ErrorList) as caught:
        load_site(empty_project / "content")
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_skip_invalid_keeps_every_curated_event_when_a_cited_article_is_broken(tmp_path: Path):
    from digest.commands.check import find_problems
    from digest.content.load import LoadReport
    project = copy_project(tmp_path / "p")
    cited = project / "content" / "articles" / f"{IDS['003']}.md"
    cited.write_text(cited.read_text().replace("date: 2022-01-09", "date: 9 January, maybe"))
    report = LoadReport()
    site = load_site(project / "content", skip_invalid=True, report=report)
    assert len(site.events) == len(load_site(REPO / "content").events) == 13
    assert all(IDS["003"] not in event.articles for event in site.events)
    assert report.skipped == [cited]
    problems = find_problems(Project(project))
    assert any(p.startswith(f"{cited}:") for p in problems)
    assert not any("does not exist" in p for p in problems), problems
