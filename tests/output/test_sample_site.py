"""End to end: the real sample content builds into a complete, linked, escaped site."""
from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from digest import urls, views
from digest.content.load import load_site
from digest.output.run import BuildOptions, build_site
from digest.project import Project


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [link for link in parser.links if not urlsplit(link).scheme and not link.startswith(("//", "#", "mailto:"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("sample"))
    build_site(Project(project))
    return project / "site"


def test_front_page_and_one_page_per_article_tag_source_entity(built: Path):
    from tests.conftest import REPO
    site = load_site(REPO / "content")
    assert (built / "index.html").is_file()
    for article in site.articles:
        assert (built / urls.article(article.id)).is_file()
    for group in views.tag_groups(site) + views.source_groups(site) + views.entity_groups(site):
        assert (built / group.url).is_file(), group.url
    assert len(views.tag_groups(site)) > 0 and len(views.source_groups(site)) == len({a.publisher for a in site.articles})


def test_every_internal_link_resolves_to_a_file_inside_site(built: Path):
    checked = 0
    for page in built.rglob("*.html"):  # the 404 and offline pages too, from the root
        for link in internal_links(page.read_text(encoding="utf-8")):
            target = (page.parent / unquote(urlsplit(link).path)).resolve()
            assert target.is_relative_to(built.resolve()), f"{page}: {link} leaves site/"
            assert target.is_file(), f"{page.relative_to(built)}: broken link {link}"
            checked += 1
    assert checked > 50


def test_links_are_relative_so_the_site_works_from_disk_and_any_sub_path(built: Path):
    for page in built.rglob("*.html"):  # the 404 and offline pages too, from the root
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(href|src)="/(?!/)', html), f"{page}: root-absolute link"


def test_article_page_shows_title_body_and_metadata(built: Path):
    page = (built / "articles" / "2022-01-10-putin-pushes-red-lines-in-kazakhstan-and-ukraine" / "index.html").read_text()
    assert "<h1>Putin pushes red lines in Kazakhstan and Ukraine</h1>" in page
    assert "Axios" in page
    assert '<time datetime="2022-01-10">' in page
    assert "<li>" in page  # bullets became a list


def test_stylesheet_is_local_and_linked(built: Path):
    assert (built / "static" / "style.css").is_file()
    index = (built / "index.html").read_text()
    assert 'href="static/style.css"' in index
    assert "http://" not in index.split("<body")[0].replace("http://www.w3.org", "")


def test_building_twice_gives_byte_identical_output(tmp_path: Path):
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "p")

    def snapshot() -> dict[str, str]:
        out = project / "site"
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file()}

    build_site(Project(project))
    first = snapshot()
    build_site(Project(project))
    assert snapshot() == first


def test_base_url_option_must_be_absolute(sample_project: Path):
    from digest.errors import ErrorList
    with pytest.raises(ErrorList, match="base URL must start with http"):
        build_site(Project(sample_project), BuildOptions(base_url="example.org"))


def test_404_and_offline_pages_link_relatively_from_the_root_and_find_it_in_the_address(built: Path):
    for name in ("404.html", "offline.html"):
        html = (built / name).read_text()
        assert 'href="index.html"' in html and "/digest/" not in html.split("<body>")[1]
        assert ' articles ' in html.split('name="digest-top-level" content="')[1].split('"')[0]  # the root finder's names
