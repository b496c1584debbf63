"""A real headless Chromium reloads the page by itself after an edit."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from digest.project import Project
from digest.serve.session import PreviewSession
from tests.browser import chromium
from tests.conftest import copy_project
from tests.serve.test_preview_server import ARTICLE, ARTICLE_URL, free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path: Path):
    session = PreviewSession(Project(copy_project(tmp_path / "p")), port=free_port(), quiet=0.1, out=io.StringIO())
    session.start()
    yield session
    session.stop()


def test_page_reloads_itself_after_an_edit(preview: PreviewSession):
    project = preview.project.root
    with chromium() as browser:
        page = browser.new_page()
        page.goto(preview.url + ARTICLE_URL)
        assert page.inner_text("h1") == "Brinken warns Russia against invading"
        path = project / ARTICLE
        path.write_text(path.read_text().replace("title: Brinken", "title: Live Brinken"))
        page.wait_for_function("() => document.querySelector('h1').textContent.startsWith('Live Brinken')",
                               timeout=10_000)
        navigations = page.evaluate("performance.getEntriesByType('navigation')[0].type")
        assert navigations == "reload"


def test_stylesheet_change_swaps_css_without_reloading(preview: PreviewSession):
    project = preview.project.root
    with chromium() as browser:
        page = browser.new_page()
        page.goto(preview.url)
        page.evaluate("window.__marker = 42")
        css = project / "layouts" / "static" / "style.css"
        css.write_text(css.read_text() + "\n.site-title { letter-spacing: 3px; }\n")
        page.wait_for_function("() => getComputedStyle(document.querySelector('.site-title')).letterSpacing === '3px'",
                               timeout=10_000)
        assert page.evaluate("window.__marker") == 42  # same document: no reload
