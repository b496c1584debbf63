"""The reader's view in a real browser: header, timeline cards and filter, notices, every page kind in axe."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import axe_violations

pytestmark = pytest.mark.browser
SPUN = "articles/2022-01-01-us-and-russia-face-deep-variations-forward-of-ukraine-talks/index.html"
DAY = "timeline/2022-01-07/index.html"
PAGE_KINDS = ["index.html", SPUN, "timeline/index.html", DAY, "search/index.html?q=geneva", "articles/index.html",
              "tags/index.html", "tags/nato/index.html", "sources/index.html", "sources/report-wire/index.html",
              "entities/index.html", "entities/antony-blinken/index.html", "about/index.html",
              SPUN.replace("index.html", "source/index.html"), "404.html", "offline.html",
              "timeline/2022-01-10/events/geneva-strategic-stability-dialogue/index.html", "authors/index.html",
              "authors/douglas-mateo/index.html",
              "articles/2022-01-09-brinken-warns-russia-against-invading/index.html"]
DARK_ALWAYS = {"index.html", SPUN, "timeline/index.html"}  # the rest of the dark ones run with -m slow


@pytest.fixture(scope="module")
def site(published_sample: Path) -> Path:
    return published_sample



def page_uri(site: Path, url: str) -> str:
    """The file:// address of a page of the built site, with its query if any."""
    path, _, query = url.partition("?")
    return (site / path).as_uri() + (f"?{query}" if query else "")


def open_page(browser, site: Path, url: str, width: int = 1280, height: int = 900, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.goto(page_uri(site, url))
    return page


@pytest.mark.parametrize("width,most", [(1280, 70), (390, 100)])
def test_the_header_is_one_compact_bar_and_the_page_starts_below_it_with_room(site: Path, browser, width, most):
    page = open_page(browser, site, "index.html", width)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= most
    search = page.locator(".header-search").bounding_box()
    title = page.locator(".site-title").bounding_box()
    assert abs((search["y"] + search["height"] / 2) - (title["y"] + title["height"] / 2)) < 8  # one row
    assert page.locator("h1").bounding_box()["y"] - (header["y"] + header["height"]) >= 16
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def test_a_trust_notice_is_one_line_and_the_text_starts_near_the_top(site: Path, browser):
    for width, height, most in ((1280, 900, 700), (390, 844, 1000)):
        page = open_page(browser, site, SPUN, width, height)
        assert page.locator(".notice .evidence").is_hidden()  # behind "Why we think so"
        assert page.locator(".article-body p").first.bounding_box()["y"] < most
        page.click(".notice summary")
        assert page.locator(".notice .evidence").is_visible()
        page.close()


def test_timeline_events_show_one_quote_and_the_rest_behind_n_more(site: Path, browser):
    page = open_page(browser, site, "timeline/2022-01-10/index.html")
    for event in page.locator(".event").all():
        assert event.locator(":scope > .quotes > .quote").count() <= 1
        more = event.locator(".more-quotes")
        if more.count():
            hidden = more.locator(".quote").count()
            assert more.locator("summary").inner_text().startswith(f"{hidden} more quote")
            assert more.locator(".quote").first.is_hidden()
    page.close()


def test_filtering_by_a_person_hides_quotes_that_do_not_name_them_and_empty_groups(site: Path, browser):
    page = open_page(browser, site, DAY)
    stoltenberg = page.locator(".quote", has_text="Jens Stoltenberg reiterated")
    assert stoltenberg.is_visible()
    page.select_option("#filter-entity", "kassym-jomart-tokayev")  # the event of the day; not in the quote
    assert stoltenberg.is_hidden()
    for group in page.locator(".also-reported, .published, .event").all():
        assert group.is_hidden() or group.locator("li:visible, .participants").count() > 0
    page.select_option("#filter-entity", "jens-stoltenberg")
    visible = [q.locator("blockquote").inner_text() for q in page.locator(".quote").all() if q.is_visible()]
    assert visible and all("Stoltenberg" in quote for quote in visible)
    page.select_option("#filter-entity", "")
    assert stoltenberg.is_visible()
    page.close()


@pytest.mark.parametrize("url, scheme", [(url, "light") for url in PAGE_KINDS] + [
    pytest.param(url, "dark", marks=() if url in DARK_ALWAYS else pytest.mark.slow) for url in PAGE_KINDS])
def test_every_page_kind_has_no_axe_violation(site: Path, axe_page, url: str, scheme: str):
    assert axe_violations(axe_page(page_uri(site, url), scheme)) == []
