"""What only a browser shows: the 404 page at any address, offline reading, a clean console."""
from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from digest.project import Project
from digest.serve.session import PreviewSession
from tests.browser import serve_directory
from tests.conftest import copy_project

pytestmark = pytest.mark.browser
ARTICLE = "articles/2022-01-09-brinken-warns-russia-against-invading/index.html"
UNVISITED = "articles/2022-01-10-putin-pushes-red-lines-in-kazakhstan-and-ukraine/index.html"


@pytest.fixture(scope="module")
def site(published_sample: Path) -> Path:
    return published_sample



def styled(page) -> bool:
    """Our stylesheet applies (the site title is bold only through it)."""
    return page.evaluate("getComputedStyle(document.querySelector('.site-title')).fontWeight") == "700"


def link_targets(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")


def assert_links_resolve_into(mount: Path, origin: str, targets: list[str]) -> None:
    for target in targets:
        parts = urlsplit(target)
        if target.startswith(origin):
            path = mount / parts.path.lstrip("/")
            assert (path / "index.html" if parts.path.endswith("/") else path).is_file(), target


def test_404_page_from_disk_is_styled_and_its_links_work(site: Path, browser):
    page = browser.new_page()
    errors = watch_console(page)
    page.goto((site / "404.html").as_uri())
    assert styled(page)
    page.click("main >> text=All articles")
    assert page.url == (site / "articles" / "index.html").as_uri()
    assert errors == []
    page.close()


@pytest.mark.parametrize("mount_at,missing", [
    ("digest", "articles/no-such-article/index.html"),       # the base URL's path, an article-like address
    ("elsewhere/deeper", "tags/no-such-tag/"),                # another sub-path, deeper than the site's root
    ("elsewhere/deeper", "no-such-page.html"),                # another sub-path, right under the root
])
def test_404_page_under_a_sub_path_is_styled_and_its_links_work(site: Path, browser, tmp_path: Path,
                                                                 mount_at: str, missing: str):
    mount = tmp_path / "www"
    shutil.copytree(site, mount / mount_at)
    with serve_directory(mount, not_found=mount / mount_at / "404.html") as origin:
        page = browser.new_page()
        errors = watch_console(page)
        response = page.goto(f"{origin}/{mount_at}/{missing}")
        assert response.status == 404 and "Page not found" in page.inner_text("h1")
        assert styled(page)
        targets = link_targets(page)
        assert f"{origin}/{mount_at}/timeline/index.html" in targets
        assert_links_resolve_into(mount, origin, targets)
        page.close()
    assert [e for e in errors if not e.endswith(f"404 (Not Found) ({origin}/{mount_at}/{missing})")] == []


def test_404_page_of_the_preview_server_is_styled(tmp_path: Path, browser):
    project = copy_project(tmp_path / "p")
    preview = PreviewSession(Project(project), port=0, out=io.StringIO())
    preview.start()
    try:
        page = browser.new_page()
        errors = watch_console(page)
        response = page.goto(preview.url + "no/such/deep/page/")
        assert response.status == 404 and styled(page)
        css = page.request.get(page.eval_on_selector("link[rel=stylesheet]", "l => l.href"))
        assert css.status == 200 and css.headers["content-type"].startswith("text/css")
        page.close()
    finally:
        preview.stop()
    assert [e for e in errors if not e.endswith("404 (Not Found) (" + preview.url + "no/such/deep/page/)")] == []


def watch_console(page) -> list[str]:
    """Console errors and uncaught exceptions of a page, as they come."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{message.text} ({message.location.get('url') or page.url})")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{error} ({page.url})"))
    return errors


def controlled_context(browser, origin: str):
    """A browser context whose pages are controlled by the site's service worker (first visit done)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{origin}/digest/index.html")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    return context, page


def test_offline_search_with_a_query_in_the_address_finds_articles(site: Path, browser, tmp_path: Path):
    mount = tmp_path / "www"
    shutil.copytree(site, mount / "digest")
    with serve_directory(mount) as origin:
        context, page = controlled_context(browser, origin)
        page.goto(f"{origin}/digest/search/index.html?q=Putin")  # the shards a reader used are kept
        page.wait_for_selector(".search-result")
    # The server is gone: every request fails as it does offline.
    errors = watch_console(page)
    page.goto(f"{origin}/digest/search/index.html?q=Putin")
    page.wait_for_selector(".search-result")
    assert "Page not found" not in page.inner_text("main")
    assert "Putin pushes red lines in Kazakhstan and Ukraine" in page.inner_text(".search-results")
    context.close()
    assert [e for e in errors if "Failed to load resource" not in e] == []


def test_an_unvisited_page_offline_says_the_reader_is_offline(site: Path, browser, tmp_path: Path):
    mount = tmp_path / "www"
    shutil.copytree(site, mount / "digest")
    with serve_directory(mount) as origin:
        context, page = controlled_context(browser, origin)
        page.goto(f"{origin}/digest/{ARTICLE}")
    page.goto(f"{origin}/digest/{ARTICLE}")  # visited: its saved copy
    assert "Brinken warns Russia" in page.inner_text("h1")
    page.goto(f"{origin}/digest/{UNVISITED}")
    assert page.inner_text("h1") == "You are offline"
    assert styled(page)
    assert f"{origin}/digest/timeline/index.html" in link_targets(page)
    context.close()


def all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.slow
def test_no_console_error_on_any_page_from_disk(site: Path, browser):
    page = browser.new_page()
    errors = watch_console(page)
    for url in all_pages(site):
        page.goto((site / url).as_uri())
    page.close()
    assert errors == []


@pytest.mark.slow
def test_no_console_error_on_any_page_over_http(site: Path, browser, tmp_path: Path):
    mount = tmp_path / "www"
    shutil.copytree(site, mount / "digest")
    with serve_directory(mount, not_found=mount / "digest" / "404.html") as origin:
        context = browser.new_context()
        page = context.new_page()
        errors = watch_console(page)
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        for url in all_pages(site):
            if url != "404.html":
                page.goto(f"{origin}/digest/{url}")
                page.wait_for_load_state("load")
        context.close()
    assert errors == [] and failed == []
