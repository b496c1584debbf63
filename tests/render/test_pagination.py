"""Listings are cut into pages of `per_page` cards with numbered links, rel=prev/next and stable URLs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.cli import main
from digest.content.settings import load_config
from digest.errors import ContentError
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from digest.urls import page as page_url
from digest.views import paginate
from tests.conftest import copy_project, write_article


def set_per_page(project: Path, per_page: int) -> None:
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + f"per_page: {per_page}\n")


def card_links(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title"><a href="([^"]+)"', html)


@pytest.fixture
def paged(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    set_per_page(project, 2)
    build_site(Project(project))
    return project / "site"


def test_page_urls_are_stable_and_relative_to_the_first_page():
    assert page_url("articles/index.html", 1) == "articles/index.html"
    assert page_url("articles/index.html", 2) == "articles/page/2/index.html"
    assert page_url("tags/nato/index.html", 12) == "tags/nato/page/12/index.html"


def test_paginate_keeps_every_item_once_in_order_and_an_empty_listing_has_one_page():
    pages = paginate(range(7), 3, "a/index.html")
    assert [p.items for p in pages] == [(0, 1, 2), (3, 4, 5), (6,)]
    assert [(p.previous, p.next) for p in pages] == [
        (None, "a/page/2/index.html"), ("a/index.html", "a/page/3/index.html"), ("a/page/2/index.html", None)]
    assert [(p.number, p.count, p.items) for p in paginate((), 50, "a/index.html")] == [(1, 1, ())]


def test_numbered_links_show_the_ends_and_the_neighbours_with_gaps_between():
    pages = paginate(range(100), 5, "a/index.html")
    assert pages[9].numbers() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert pages[0].numbers() == [1, 2, 3, None, 20]
    assert pages[1].numbers() == [1, 2, 3, 4, None, 20]


def test_the_archive_is_cut_into_pages_holding_every_article_once_newest_first(paged: Path):
    first = (paged / "articles" / "index.html").read_text()
    second = (paged / "articles" / "page" / "2" / "index.html").read_text()
    third = (paged / "articles" / "page" / "3" / "index.html").read_text()
    assert not (paged / "articles" / "page" / "4").exists()
    links = card_links(first) + card_links(second) + card_links(third)
    expected = sorted(p.stem for p in (paged.parent / "content" / "articles").glob("*.md"))
    assert sorted(link.split("/")[-2] for link in links) == expected
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)', first + second + third)
    assert dates == sorted(dates, reverse=True)
    assert "5 articles, newest first</h2>" in second


def test_pages_link_each_other_with_rel_prev_and_next_relative_to_the_page(paged: Path):
    first = (paged / "articles" / "index.html").read_text()
    second = (paged / "articles" / "page" / "2" / "index.html").read_text()
    third = (paged / "articles" / "page" / "3" / "index.html").read_text()
    assert '<link rel="next" href="../articles/page/2/index.html">' in first and 'rel="prev"' not in first
    assert '<link rel="prev" href="../../../articles/index.html">' in second
    assert '<link rel="next" href="../../../articles/page/3/index.html">' in second
    assert 'rel="next"' not in third
    assert '<a aria-current="page" href="../../../articles/page/2/index.html">2</a>' in second
    assert '<link rel="canonical" href="https://example.org/digest/articles/page/2/">' in second
    assert "<title>All articles, page 2 ·" in second


def test_tag_source_and_entity_listings_are_paged_too(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    set_per_page(project, 1)
    write_article(project, "2022-01-13-more-wire", "title: More wire\ndate: 2022-01-13\npublisher: Report Wire")
    build_site(Project(project))
    paged = project / "site"
    for folder in ("tags", "sources", "entities"):
        pages = sorted(paged.glob(f"{folder}/*/page/2/index.html"))
        assert pages, folder
        html = pages[0].read_text()
        assert 'rel="prev"' in html and card_links(html)


def test_every_link_of_a_paged_site_resolves_to_a_file(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "p")
    set_per_page(project, 1)
    assert main(["check", "--project", str(project)]) == 0


def test_an_article_added_at_the_top_shifts_every_page(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    set_per_page(project, 2)
    build_site(Project(project))
    site = project / "site"
    before = {n: card_links((site / "articles" / "page" / str(n) / "index.html").read_text()) for n in (2, 3)}
    write_article(project, "2022-01-14-the-newest", "title: The newest\ndate: 2022-01-14\npublisher: Wire",
                  "Officials met again.\n")
    build_site(Project(project))
    after = {n: card_links((site / "articles" / "page" / str(n) / "index.html").read_text()) for n in (2, 3)}
    assert after[2][0] != before[2][0] and after[3][0] == before[2][1]
    fresh = tmp_path / "fresh"
    build_site(Project(project), BuildOptions(output=fresh, use_cache=False))
    for path in sorted(fresh.rglob("*.html")):
        assert (site / path.relative_to(fresh)).read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize("value", ["0", "-3", "many", "true"])
def test_per_page_must_be_a_positive_integer(tmp_path: Path, value: str):
    site_yaml = tmp_path / "site.yaml"
    site_yaml.write_text(f"title: T\nper_page: {value}\n")
    with pytest.raises(ContentError) as error:
        load_config(site_yaml)
    assert error.value.line == 2 and "`per_page` must be a positive integer" in str(error.value)


def test_per_page_defaults_to_fifty(tmp_path: Path):
    assert load_config(tmp_path / "missing.yaml").per_page == 50
