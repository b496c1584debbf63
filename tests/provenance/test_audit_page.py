"""The audit page shows the raw text exactly, escaped, with the ingest's removed and moved lines marked."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest.content.load import LoadReport, load_site
from digest.provenance import raw_lines
from tests.provenance.built_site import FIXTURE, SPUN, TRANSLATED, WIRE, article_page, build, edit_article, page, text


def audit_items(site: Path, article_id: str) -> list:
    """The <li> of each raw line on an article's audit page."""
    return list(page(site, f"articles/{article_id}/source/index.html").find(".//ol[@class='audit']"))


def line_text(item) -> str:
    """The raw line shown in an item, without its label."""
    shown = item.find("del") if item.find("del") is not None else item.find("span[@class='line']")
    return "".join(shown.itertext())


@pytest.mark.parametrize("article_id", [WIRE, SPUN])
def test_every_raw_line_is_shown_exactly_and_numbered(fixture_site: Path, article_id):
    raw = load_site(FIXTURE / "content").raw_texts[article_id]
    items = audit_items(fixture_site, article_id)
    assert [(int(li.get("value")), line_text(li)) for li in items] == list(enumerate(raw_lines(raw), 1))
    assert [li.get("id") for li in items] == [f"L{n}" for n in range(1, len(items) + 1)]


def test_html_in_the_raw_text_is_shown_as_text(fixture_site: Path):
    html = (fixture_site / f"articles/{SPUN}/source/index.html").read_text(encoding="utf-8")
    root = page(fixture_site, f"articles/{SPUN}/source/index.html")
    audit = root.find(".//ol[@class='audit']")
    assert not [e for e in audit.iter() if e.tag in ("script", "h1", "b", "a")]
    assert "&lt;script&gt;alert" in html and "<script>alert" not in html
    shown = [line_text(li) for li in audit]
    assert '<script>alert("owned")</script>' in shown
    assert 'Read more at <a href="https://spam.example">our partners</a> &amp; friends' in shown


@pytest.mark.parametrize("article_id", [WIRE, SPUN])
def test_marked_lines_are_exactly_the_ingest_lines_and_unmarked_ones_the_body(fixture_site: Path, article_id):
    article = load_site(FIXTURE / "content").article(article_id)
    items = audit_items(fixture_site, article_id)
    marked = {int(li.get("value")): f"{li.get('class')}:{li.get('data-rule')}" for li in items
              if li.get("class") in ("removed", "moved")}
    expected = {n: entry.replace("meta:", "moved:") for n, entry in article.ingest_lines}
    assert marked == expected
    body = [line_text(li) for li in items if li.get("class") == "body"]
    assert body == article.body.strip().split("\n\n")


def test_removed_lines_are_struck_through_and_labelled_with_their_rule(fixture_site: Path):
    root = page(fixture_site, f"articles/{WIRE}/source/index.html")
    promo = root.find(".//li[@id='L5']")
    assert promo.find("del") is not None and text(promo.find("span[@class='rule']")) == "removed: promotion"
    assert text(root.find(".//li[@id='L3']/span[@class='rule']")) == "byline → author"
    assert text(root.find(".//li[@id='L1']/span[@class='rule']")) == "headline → title"


def test_the_article_links_its_audit_page(fixture_site: Path):
    anchors = [a for a in article_page(fixture_site, WIRE).iter("a") if text(a) == "How this text was cleaned"]
    assert [a.get("href") for a in anchors] == [f"../../articles/{WIRE}/source/index.html"]


def test_an_article_without_raw_has_no_audit_page_and_no_link(fixture_site: Path):
    assert not (fixture_site / f"articles/{TRANSLATED}/source").exists()
    anchors = [text(a) for a in article_page(fixture_site, TRANSLATED).iter("a")]
    assert "How this text was cleaned" not in anchors


def test_a_raw_path_leaving_the_project_is_not_read(fixture_project: Path, tmp_path: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret words\n")
    os.symlink(outside, fixture_project / "content" / "raw" / "link.txt")
    edit_article(fixture_project, WIRE, "raw: content/raw/wire-geneva.txt", "raw: content/raw/link.txt")
    report = LoadReport()
    site = load_site(fixture_project / "content", report=report)
    assert WIRE not in site.raw_texts
    assert any("outside the project" in w for w in report.warnings)
    built = build(fixture_project)
    assert not (built / f"articles/{WIRE}/source").exists()
    assert "secret words" not in "".join(p.read_text() for p in built.rglob("*.html"))


def test_a_missing_raw_file_is_reported_and_gives_no_audit_page(fixture_project: Path):
    edit_article(fixture_project, WIRE, "raw: content/raw/wire-geneva.txt", "raw: content/raw/gone.txt")
    report = LoadReport()
    site = load_site(fixture_project / "content", report=report)
    assert WIRE not in site.raw_texts
    assert any("content/raw/gone.txt not found" in w for w in report.warnings)
