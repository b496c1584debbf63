"""The service worker: sw.js at the root names this build's cache and imports the worker's code
from layouts/static/; in a real Chromium, a page visited once is read again offline."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from digest.output.run import build_site
from digest.project import Project
from tests.browser import chromium, serve_directory
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sw"))
    build_site(Project(project))
    return project / "site"


def test_sw_js_sets_the_build_cache_and_imports_the_static_worker(site: Path):
    text = (site / "sw.js").read_text(encoding="utf-8")
    cache = re.search(r"self\.DIGEST_CACHE = (\"digest-[0-9a-f]{12}\");", text)
    core = json.loads(re.search(r"self\.DIGEST_CORE = (\[.*\]);", text).group(1))
    (imported,) = re.findall(r'importScripts\("([^"]+)"\)', text)
    assert cache and imported == "static/service-worker.js"
    worker = (site / imported).read_text(encoding="utf-8")
    assert "self.DIGEST_CACHE" in worker and "self.DIGEST_CORE" in worker
    assert all((site / (path if path != "./" else "index.html")).is_file() for path in core)


@pytest.mark.browser
def test_a_page_visited_once_reads_offline(site: Path):
    with chromium() as browser, serve_directory(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/index.html")
        assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
        page.goto(f"{base}/about/index.html")  # fetched through the worker, which keeps a copy
        page.wait_for_function("async () => !!(await caches.match(location.href))")
        context.set_offline(True)
        page.reload()
        assert "About" in page.title()
        context.close()
