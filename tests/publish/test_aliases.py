"""`aliases:`: old addresses become redirect pages that work over http and from file://."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from digest.errors import ErrorList
from digest.output.run import build_site
from digest.project import Project
from tests.browser import chromium, serve_directory
from tests.conftest import copy_project

ARTICLE = "2022-01-09-brinken-warns-russia-against-invading"
TARGET = f"articles/{ARTICLE}/index.html"


def add_aliases(project: Path, aliases: str) -> Path:
    path = project / "content" / "articles" / f"{ARTICLE}.md"
    path.write_text(path.read_text().replace("\ntitle: ", f"\naliases: {aliases}\ntitle: ", 1))
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("aliases"))
    add_aliases(project, "[/2022/01/blinken-warns.html, articles/old-brinken/, news/brinken]")
    build_site(Project(project))
    return project / "site"


def refresh_target(page: Path, site: Path) -> str:
    html = page.read_text()
    url = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html).group(1)
    return urljoin(page.relative_to(site).as_posix(), url)


def test_each_alias_is_a_redirect_page_to_the_article(site: Path):
    for alias in ("2022/01/blinken-warns.html", "articles/old-brinken/index.html", "news/brinken/index.html"):
        page = site / alias
        assert refresh_target(page, site) == TARGET, alias
        assert f'<link rel="canonical" href="https://example.org/digest/articles/{ARTICLE}/">' in page.read_text()


def test_redirect_pages_are_not_in_the_sitemap(site: Path):
    locs = {loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter()
            if loc.tag.endswith("loc")}
    assert f"https://example.org/digest/articles/{ARTICLE}/" in locs
    assert not [loc for loc in locs if any(old in loc for old in ("old-brinken", "news/brinken", "2022/01"))]


@pytest.mark.browser
def test_redirects_work_from_disk_and_over_http(site: Path):
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "2022" / "01" / "blinken-warns.html").as_uri())
        page.wait_for_url(f"**/{TARGET}")
        assert page.title().startswith("Brinken warns Russia against invading")
        with serve_directory(site) as base:
            page.goto(f"{base}/news/brinken/")
            page.wait_for_url(f"**/{TARGET}")
            assert page.locator("h1").inner_text() == "Brinken warns Russia against invading"


@pytest.mark.parametrize("aliases, message", [
    ("[../../etc/passwd]", "`aliases`: '../../etc/passwd' is not a path inside the site"),
    ("[https://elsewhere.example/x]", "`aliases`: 'https://elsewhere.example/x' is not a path inside the site"),
    ("[.git/config.html]", "`aliases`: '.git/config.html' is not a path inside the site"),
])
def test_unsafe_aliases_are_errors_at_their_line(tmp_path: Path, aliases: str, message: str):
    project = copy_project(tmp_path / "p")
    path = add_aliases(project, aliases)
    with pytest.raises(ErrorList) as error:
        build_site(Project(project))
    assert f"{path}:2: {message}" in str(error.value)
    assert not (project / "site").exists()


def test_an_alias_that_is_already_a_page_is_an_error(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    path = add_aliases(project, "[tags/nato/]")
    with pytest.raises(ErrorList) as error:
        build_site(Project(project))
    assert f"{path}:2: alias 'tags/nato/index.html' is already a page of the site" in str(error.value)
