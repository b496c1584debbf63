"""The sharded search in a real headless Chromium, from file:// and from a server."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from digest.output.run import build_site
from digest.project import Project
from tests.browser import serve_directory
from tests.conftest import copy_project, write_article

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("search"))
    write_article(project, "2022-01-13-geneve-talks", "title: Genève talks end without a deal\ndate: 2022-01-13\n"
                  "publisher: Wire", "The delegations left.\n")
    write_article(project, "2022-01-13-quiet-day", "title: A quiet day\ndate: 2022-01-13\npublisher: Wire",
                  "Nothing happened in Geneva, and the talks were calm.\n")
    build_site(Project(project))
    return project / "site"



def results(page, query: str) -> list[str]:
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)"
                           " && document.getElementById('search-results').getAttribute('aria-busy') === 'false'",
                           arg=query)  # the count is shown before the results' shards have loaded
    return page.locator(".search-result h2").all_inner_texts()


def test_every_word_must_match_accents_and_case_ignored_title_matches_first(site: Path, browser):
    page = browser.new_page()
    page.goto((site / "search" / "index.html").as_uri())
    found = results(page, "GENÈV TALKS")
    assert found[0] == "Genève talks end without a deal" and found[-1] == "A quiet day"  # title first, body last
    assert "A quiet day" in results(page, "geneva calm") and "Genève talks end without a deal" not in results(page, "geneva calm")
    assert results(page, "genev zzzunknownword") == []
    assert "0 articles match" in page.inner_text("#search-status")
    page.close()


def test_a_page_loads_no_search_file_until_the_reader_searches(site: Path, browser):
    with serve_directory(site) as origin:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.removeprefix(origin + "/")))
        page.goto(f"{origin}/index.html")
        page.goto(f"{origin}/search/index.html")
        page.wait_for_load_state("load")
        assert not [u for u in requested if u.startswith(("search-index.js", "search/t/", "search/d/"))]
        results(page, "geneva talks")
        shards = sorted(u.split("?")[0] for u in requested if u.startswith("search/t/"))
        assert shards == ["search/t/g.js", "search/t/t.js"]
        assert all("?v=" in u for u in requested if u.startswith(("search/t/", "search/d/")))
        page.close()


@pytest.mark.slow
def test_a_big_index_shows_ten_results_at_a_time_from_few_files(tmp_path: Path, browser):
    project = generate(1100, tmp_path / "big")  # past the size where shards take two characters
    build_site(Project(project))
    site = project / "site"
    with serve_directory(site) as origin:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.removeprefix(origin + "/")))
        page.goto(f"{origin}/search/index.html?q=geneva+talks")
        page.wait_for_selector(".search-result")
        assert page.locator(".search-result").count() == 10
        assert sorted(u.split("?")[0] for u in requested if u.startswith("search/t/")) == \
            ["search/t/ge.js", "search/t/ta.js"]
        page.click("#search-more")
        page.wait_for_function("document.querySelectorAll('.search-result').length === 20")
        page.close()
