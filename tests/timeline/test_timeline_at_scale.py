"""A big timeline stays readable: each day on its own page, quotes per event capped, the rest paged."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.generate import generate
from digest.output.run import build_site
from digest.project import Project
from digest.render.timeline import LOOSE_QUOTES_PER_DAY, PUBLISHED_PER_DAY, QUOTES_PER_EVENT


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    project = generate(300, tmp_path_factory.mktemp("big") / "p")
    (project / "content" / "site.yaml").write_text((project / "content" / "site.yaml").read_text() + "per_page: 20\n")
    build_site(Project(project))
    return project / "site"


def quotes(html: str) -> list[str]:
    return re.findall(r"<blockquote cite=\"[^\"]+\"><p>(.*?)</p></blockquote>", html, re.S)


def test_the_overview_stays_small_however_many_quotes_there_are(big: Path):
    overview = (big / "timeline" / "index.html").read_text()
    assert not quotes(overview)
    assert len(overview) < 40_000


def test_a_day_page_caps_quotes_per_event_and_links_to_all_of_them(big: Path):
    day = (big / "timeline" / "2022-01-10" / "index.html").read_text()
    events = re.findall(r'<article class="event" id="event-([^"]+)"(.*?)</article>', day, re.S)
    assert events
    capped = [(eid, body) for eid, body in events if "sentences reporting this event" in body]
    assert capped, "the generated week has events with more quotes than a day page shows"
    for event_id, body in capped:
        assert len(quotes(body)) == QUOTES_PER_EVENT
        first = big / "timeline" / "2022-01-10" / "events" / event_id / "index.html"
        total = int(re.search(r"All (\d+) sentences reporting this event", body).group(1))
        pages = [first] + sorted(first.parent.glob("page/*/index.html"), key=lambda p: int(p.parent.name))
        shown = [q for page in pages for q in quotes(page.read_text())]
        assert len(shown) == total and shown[:QUOTES_PER_EVENT] == quotes(body)


def test_curated_events_come_before_the_other_sentences_of_the_day(big: Path):
    day = (big / "timeline" / "2022-01-10" / "index.html").read_text()
    assert day.index('<article class="event"') < day.index("Also reported")
    assert len(quotes(day[day.index("Also reported"):])) <= LOOSE_QUOTES_PER_DAY


def test_published_articles_of_a_busy_day_are_capped_and_paged(big: Path):
    day = (big / "timeline" / "2022-01-10" / "index.html").read_text()
    published = day[day.index("Published this day"):]
    assert published.count("<li data-sources") == PUBLISHED_PER_DAY
    rest = (big / "timeline" / "2022-01-10" / "published" / "index.html").read_text()
    assert 'rel="next"' in rest and '<h3 class="card-title">' in rest
