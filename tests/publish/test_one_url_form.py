"""Every output names a page by one absolute URL (the form `digest.urls.absolute` gives)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from digest import urls
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project

BASE = "https://example.org/digest/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("urls"))
    build_site(Project(project), BuildOptions(base_url=BASE))
    return project / "site"


def _sitemap(site: Path) -> set[str]:
    return {loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")}


def _page_urls_of_outputs(site: Path) -> dict[str, set[str]]:
    """The absolute URLs of site pages that each output names, parsed from the files."""
    atom = ET.parse(site / "feed.xml").getroot()
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    timeline = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    canonical: set[str] = set()
    for page in site.rglob("*.html"):
        if page.name in (urls.NOT_FOUND, urls.OFFLINE):  # served at addresses other than their own
            continue
        tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=True)
        canonical |= {link.get("href") for link in tree.iter(f"{HTML}link") if link.get("rel") == "canonical"}
        canonical |= {meta.get("content") for meta in tree.iter(f"{HTML}meta") if meta.get("property") == "og:url"}
        for script in tree.iter(f"{HTML}script"):
            if script.get("type") == "application/ld+json":
                data = json.loads(script.text)
                canonical |= {data["url"], data["mainEntityOfPage"]}
    return {
        "feed.xml": {e.find(f"{ATOM}id").text for e in atom.iter(f"{ATOM}entry")} |
                    {e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in atom.iter(f"{ATOM}entry")},
        "feed.json": {item["url"] for item in feed["items"]} | {item["id"] for item in feed["items"]},
        "timeline.json": {a["url"] for a in timeline["articles"].values()},
        "canonical": canonical,
    }


def test_every_output_names_pages_as_the_sitemap_does(built: Path):
    sitemap = _sitemap(built)
    assert sitemap and all(u.startswith(BASE) and not u.endswith("index.html") for u in sitemap)
    for output, named in _page_urls_of_outputs(built).items():
        assert named, output
        assert named <= sitemap, f"{output} names pages in another form: {sorted(named - sitemap)[:3]}"


def test_the_two_feeds_and_the_timeline_agree_on_article_urls(built: Path):
    named = _page_urls_of_outputs(built)
    articles = named["feed.json"]
    assert articles == named["feed.xml"] == named["timeline.json"]
    assert all(u.startswith(BASE + "articles/") and u.endswith("/") for u in articles)


def test_each_absolute_url_is_a_built_page(built: Path):
    for url in _sitemap(built):
        path = url.removeprefix(BASE)
        assert (built / (path + urls.INDEX if path.endswith("/") or not path else path)).is_file(), url


def test_calendar_events_link_their_day_pages(built: Path):
    lines = (built / "timeline.ics").read_text(encoding="utf-8").replace("\r\n ", "").splitlines()
    links = {line.removeprefix("URL:").split("#")[0] for line in lines if line.startswith("URL:")}
    assert links and links <= _sitemap(built)
