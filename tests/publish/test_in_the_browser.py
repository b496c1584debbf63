"""The built site in a real headless Chromium: from file://, under a sub-path, search (axe-core on
every page kind: test_design_in_the_browser.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import serve_directory

pytestmark = pytest.mark.browser
BRINKEN = "articles/2022-01-09-brinken-warns-russia-against-invading/index.html"


@pytest.fixture(scope="module")
def site(published_sample: Path) -> Path:
    return published_sample



def test_front_page_from_disk_is_styled_and_navigation_works(site: Path, browser):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    font = page.evaluate("getComputedStyle(document.querySelector('.site-title')).fontWeight")
    assert font == "700"  # our stylesheet loaded from disk
    page.click("text=Brinken warns Russia against invading")
    assert page.url.endswith(BRINKEN)
    page.click("nav >> text=Timeline")
    assert page.url.endswith("timeline/index.html")
    assert page.is_visible("#\\32 022-01-10")
    page.close()


def test_offline_search_from_disk_finds_a_word_of_an_article_body(site: Path, browser):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.fill("#header-q", "impeachment hearing")
    page.press("#header-q", "Enter")
    page.wait_for_selector(".search-result")
    titles = page.locator(".search-result h2").all_inner_texts()
    assert titles == ["Brinken warns Russia against invading"]
    assert "Machine-translated text" in page.inner_text(".search-result")
    page.click(".search-result a")
    assert page.url.endswith(BRINKEN)
    page.close()


@pytest.mark.slow
def test_every_page_works_under_a_sub_path_on_a_server(site: Path, browser, tmp_path: Path):
    mount = tmp_path / "www"
    shutil.copytree(site, mount / "digest")
    failures: list[str] = []
    with serve_directory(mount) as origin:
        page = browser.new_page()
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
        for url in pages:
            page.goto(f"{origin}/digest/{url}")
        page.goto(f"{origin}/digest/no/such/deep/page/404.html".replace("404.html", "404.html"))
        failures = [f for f in failures if "/no/such/" not in f]
        page.goto(f"{origin}/digest/404.html")
        assert page.evaluate("getComputedStyle(document.querySelector('.site-title')).fontWeight") == "700"
        page.close()
    assert failures == []


def test_narrow_screen_has_no_horizontal_scroll(site: Path, browser):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for url in ("index.html", BRINKEN, "timeline/index.html", "timeline/2022-01-10/index.html"):
        page.goto((site / url).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url
    page.close()
