"""Feeds per tag, source, entity and author, linked from pages; author pages."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import html5lib
import pytest

from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project, write_article
from tests.feed_checks import ATOM, atom_problems, json_feed_problems

BASE = "https://example.org/digest/"
NATO_ARTICLE = "2022-01-13-osce-meets"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("topics"))
    write_article(project, NATO_ARTICLE, "title: OSCE meets in Vienna\ndate: 2022-01-13\npublisher: Axios\n"
                  "author: [Jane Roe, Ivan Petrov]\ntags: [osce]\nentities: [nato, osce]\nsummary: The OSCE met.",
                  "The OSCE met in Vienna on Thursday.\n")
    write_article(project, "2022-01-12-council", "title: Council meets\ndate: 2022-01-12\npublisher: Axios\n"
                  "author: [Jane Roe]\nentities: [nato]", "The NATO-Russia Council met in Brussels.\n")
    build_site(Project(project), BuildOptions(base_url=BASE))
    return project / "site"


def links_of(page: Path) -> list[dict[str, str]]:
    document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    return [dict(link.attrib) for link in document.iter("link") if link.get("rel") == "alternate"]


def test_every_feed_of_the_site_is_valid_atom_or_json_feed_1_1(built: Path):
    atom = sorted(built.rglob("feed.xml"))
    json_feeds = sorted(built.rglob("feed.json"))
    assert {p.parent.relative_to(built).parts[0] for p in atom if p.parent != built} == \
        {"tags", "sources", "entities", "authors"}
    assert len(atom) == len(json_feeds) > 20
    problems = {str(p.relative_to(built)): atom_problems(p.read_bytes()) for p in atom}
    problems |= {str(p.relative_to(built)): json_feed_problems(p.read_bytes()) for p in json_feeds}
    assert {k: v for k, v in problems.items() if v} == {}


def test_an_entity_feed_holds_exactly_its_articles_newest_first(built: Path):
    feed = ET.parse(built / "entities" / "nato" / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}link[@rel='self']") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "entities/nato/feed.xml"
    entry_ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    page = (built / "entities" / "nato" / "index.html").read_text()
    listed = [BASE + "articles/" + href.split("articles/")[1].removesuffix("index.html")
              for href in _card_links(page)]
    assert entry_ids == listed and entry_ids[0] == f"{BASE}articles/{NATO_ARTICLE}/"
    items = json.loads((built / "entities" / "nato" / "feed.json").read_text())["items"]
    assert [i["id"] for i in items] == entry_ids


def _card_links(page: str) -> list[str]:
    document = html5lib.parse(page, namespaceHTMLElements=False)
    return [a.get("href") for h3 in document.iter("h3") if "card-title" in h3.get("class", "")
            for a in h3.iter("a")]


def test_topic_pages_link_their_own_feeds_and_the_links_resolve(built: Path):
    for page in ("tags/osce/index.html", "sources/axios/index.html", "entities/nato/index.html",
                 "authors/jane-roe/index.html"):
        links = links_of(built / page)
        folder = page.removesuffix("index.html")
        own = {(urljoin(folder, link["href"]), link["type"]) for link in links}
        assert {(folder + "feed.xml", "application/atom+xml"), (folder + "feed.json", "application/feed+json")} <= own
        for link in links:
            assert (built / urljoin(folder, link["href"])).is_file(), (page, link)


def test_an_article_page_links_the_feeds_of_its_source_and_authors(built: Path):
    links = links_of(built / "articles" / NATO_ARTICLE / "index.html")
    hrefs = {link["href"] for link in links if link["type"] == "application/atom+xml"}
    assert hrefs == {"../../feed.xml", "../../sources/axios/feed.xml", "../../authors/jane-roe/feed.xml",
                     "../../authors/ivan-petrov/feed.xml"}


def test_author_pages_list_their_articles_and_bylines_link_them(built: Path):
    page = (built / "authors" / "jane-roe" / "index.html").read_text()
    assert "<h1>Jane Roe</h1>" in page
    assert [h.split("articles/")[1] for h in _card_links(page)] == [f"{NATO_ARTICLE}/index.html",
                                                                     "2022-01-12-council/index.html"]
    index = (built / "authors" / "index.html").read_text()
    assert 'href="../authors/ivan-petrov/index.html"' in index
    article = (built / "articles" / NATO_ARTICLE / "index.html").read_text()
    assert '<a href="../../authors/ivan-petrov/index.html">Ivan Petrov</a>' in article


def test_the_checks_catch_broken_feeds():
    broken_atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2022-01-10</updated>'
                   b'<entry><title>a</title></entry></feed>')
    problems = atom_problems(broken_atom)
    assert "feed: 0 atom:id elements, RFC 4287 requires exactly one" in problems
    assert "feed: updated '2022-01-10' is not an RFC 3339 date-time" in " ".join(problems).replace(
        "{http://www.w3.org/2005/Atom}", "")
    assert "entry 1: no atom:author in the entry, its source or the feed" in problems
    assert json_feed_problems(b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}]}') == [
        "title (required) missing", "item 1: needs content_html or content_text"]


def test_author_pages_are_paginated_like_the_other_listings(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    (project / "content" / "site.yaml").write_text((project / "content" / "site.yaml").read_text() + "per_page: 1\n")
    for day in (11, 12):
        write_article(project, f"2022-01-{day}-by-roe", f"title: Roe {day}\ndate: 2022-01-{day}\npublisher: Axios\n"
                      "author: [Jane Roe]")
    build_site(Project(project))
    first = (project / "site" / "authors" / "jane-roe" / "index.html").read_text()
    second = (project / "site" / "authors" / "jane-roe" / "page" / "2" / "index.html").read_text()
    assert "Roe 12" in first and "Roe 11" in second and 'rel="next"' in first
    feed = ET.parse(project / "site" / "authors" / "jane-roe" / "feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Roe 12", "Roe 11"]
