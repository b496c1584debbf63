"""Feeds, sitemap, search index and page metadata of the built sample site."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from digest.output.run import build_site
from digest.project import Project
from tests import search_files
from tests.conftest import write_article
from tests.search_files import decode_postings

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def built(published_sample: Path) -> Path:
    return published_sample


def test_atom_feed_has_the_required_elements(built: Path):
    feed = ET.parse(built / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{tag}").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/digest/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "content"):
            assert entry.find(f"{ATOM}{tag}") is not None and entry.find(f"{ATOM}{tag}").text, tag
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://example.org/digest/articles/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(f"{ATOM}updated").text)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)


def test_json_feed_follows_version_1_1(built: Path):
    feed = json.loads((built / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"] == "https://example.org/digest/"
    assert feed["feed_url"] == "https://example.org/digest/feed.json"
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith("https://") and (item.get("content_html") or item.get("content_text"))
        assert item["authors"] and all("name" in a for a in item["authors"])
    notices = {tuple(i["_digest"]["notices"]) for i in feed["items"]}
    assert ("Rewritten text",) in notices and ("Machine-translated text",) in notices


def test_correction_moves_the_feed_entry_updated_date(empty_project: Path):
    write_article(empty_project, "2022-01-10-a", "title: A\ndate: 2022-01-10\npublisher: P\n"
                  "corrections:\n  - {date: 2022-01-20, text: Fixed a name.}")
    build_site(Project(empty_project))
    feed = ET.parse(empty_project / "site" / "feed.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}updated").text == "2022-01-20T00:00:00Z"
    assert entry.find(f"{ATOM}published").text == "2022-01-10T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "2022-01-20T00:00:00Z"


def test_sitemap_lists_every_page_once(built: Path):
    locs = [loc.text for loc in ET.parse(built / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert len(locs) == len(set(locs))
    pages = {p.relative_to(built).as_posix() for p in built.rglob("*.html")} - {"404.html", "offline.html"}
    expected = {"https://example.org/digest/" + p.removesuffix("index.html") for p in pages}
    assert set(locs) == expected
    assert "Sitemap: https://example.org/digest/sitemap.xml" in (built / "robots.txt").read_text()


def test_github_pages_files(built: Path):
    assert (built / ".nojekyll").exists()
    assert not (built / "CNAME").exists()


def test_cname_from_settings(empty_project: Path):
    (empty_project / "content" / "site.yaml").write_text("title: T\nbase_url: https://news.example.org/\ncname: news.example.org\n")
    build_site(Project(empty_project))
    assert (empty_project / "site" / "CNAME").read_text() == "news.example.org\n"


def test_article_pages_carry_canonical_open_graph_and_json_ld(built: Path):
    page = built / "articles" / "2022-01-09-brinken-warns-russia-against-invading" / "index.html"
    doc = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    canonical = doc.find(".//link[@rel='canonical']").get("href")
    assert canonical == "https://example.org/digest/articles/2022-01-09-brinken-warns-russia-against-invading/"
    assert doc.find(".//meta[@property='og:type']").get("content") == "article"
    [script] = [s for s in doc.iter("script") if s.get("type") == "application/ld+json"]
    data = json.loads(script.text)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Brinken warns Russia against invading"
    assert data["datePublished"] == "2022-01-09" and data["publisher"]["name"] == "Los Angeles Times"


def test_every_shown_date_is_a_time_element(built: Path):
    for page in built.rglob("*.html"):
        text = page.read_text()
        for match in re.finditer(r">(\d{1,2} (?:Jan|Dec) 20\d\d)<", text):
            before = text[max(0, match.start() - 60):match.start()]
            assert "<time" in before, (page, match.group(1))


def test_search_index_is_scripts_with_body_words_and_notices(built: Path):
    text = (built / "search-index.js").read_text()
    assert text.startswith("window.DIGEST_SEARCH_INDEX=") and "fetch" not in text
    entries = search_files.entries(built)
    assert len(entries) == 5
    number = next(n for n, e in enumerate(reversed(entries)) if "Brinken" in e["t"])
    assert entries[len(entries) - 1 - number]["n"] == ["Machine-translated text"]
    body = search_files.term_shard(built, "s")["stoltenberg"][2]
    assert number in decode_postings(body, len(entries))


def test_service_worker_version_follows_the_content(empty_project: Path):
    path = write_article(empty_project, "2022-01-10-a", "title: A\ndate: 2022-01-10\npublisher: P")
    build_site(Project(empty_project))
    first = (empty_project / "site" / "sw.js").read_text()
    build_site(Project(empty_project))
    assert (empty_project / "site" / "sw.js").read_text() == first
    path.write_text(path.read_text() + "\nMore.\n")
    build_site(Project(empty_project))
    assert (empty_project / "site" / "sw.js").read_text() != first


def test_every_page_parses_as_html_without_errors(built: Path):
    for page in built.rglob("*.html"):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        assert not parser.errors, (page, parser.errors[:3])


def test_feeds_carry_any_text_as_utf8_xml(empty_project: Path):
    title = "«Genève» & <talks> — 日内瓦 🇨🇭"
    write_article(empty_project, "2022-01-10-a", f"title: '{title}'\ndate: 2022-01-10\npublisher: P & Q\ntags: [talks]",
                  body="Text with 🇨🇭 and <b>tags</b> & ampersands.\n")
    build_site(Project(empty_project))
    for feed in ("feed.xml", "tags/talks/feed.xml"):
        data = (empty_project / "site" / feed).read_bytes()
        assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')
        root = ET.fromstring(data)
        assert root.find(f"{ATOM}entry/{ATOM}title").text == title
        assert title.encode("utf-8").replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;") in data
