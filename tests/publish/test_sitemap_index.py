"""sitemap.xml lists every page; past the protocol's 50,000 URLs it is an index of sitemap files."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from digest.output.run import BuildOptions, build_site
from digest.project import Project
from digest.render import feeds
from tests.conftest import copy_project

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://example.org/digest/"


def locations(path: Path, tag: str) -> list[str]:
    return [e.text for e in ET.parse(path).getroot().findall(f"s:{tag}/s:loc", NS)]


def html_pages(site: Path) -> set[str]:
    pages = set()
    for path in site.rglob("*.html"):
        url = path.relative_to(site).as_posix()
        if url not in ("404.html", "offline.html") and "http-equiv=\"refresh\"" not in path.read_text():
            pages.add(BASE + url.removesuffix("index.html"))
    return pages


def test_a_small_site_has_one_sitemap_of_every_page(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    site = project / "site"
    assert set(locations(site / "sitemap.xml", "url")) == html_pages(site)
    assert not list(site.glob("sitemap-*.xml"))


def test_past_the_limit_sitemap_xml_is_an_index_of_parts_holding_every_page_once(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 20)
    project = copy_project(tmp_path / "p")
    build_site(Project(project), BuildOptions(use_cache=False))
    site = project / "site"
    parts = locations(site / "sitemap.xml", "sitemap")
    assert len(parts) > 1 and all(p.startswith(BASE + "sitemap-") for p in parts)
    listed = [loc for part in parts for loc in locations(site / part.removeprefix(BASE), "url")]
    assert all(len(locations(site / p.removeprefix(BASE), "url")) <= 20 for p in parts)
    assert len(listed) == len(set(listed)) and set(listed) == html_pages(site)
