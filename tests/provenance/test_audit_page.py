"""The audit page shows the raw text exactly, escaped, with the ingest's removed and moved lines marked."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest.audit import raw_lines
from digest.content.load import load_site
from digest.errors import ErrorList
from tests.provenance.built_site import (FIXTURE, SPUN, TRANSLATED, WIRE, article_page, build, by_class,
                                         edit_article, page, text)


def audit_rows(site: Path, article_id: str) -> list[tuple[int, str, str, str]]:
    """(line number, fate, raw text, label) per row of an article's audit table."""
    table = page(site, f"articles/{article_id}/source/index.html").find(".//table[@class='audit']")
    rows = []
    for row in table.find("tbody"):
        number, raw, fate = row
        rows.append((int(text(number)), row.get("data-fate"), "".join(raw.itertext()), text(fate)))
    return rows


@pytest.mark.parametrize("article_id", [WIRE, SPUN])
def test_every_raw_line_is_shown_exactly_and_numbered(fixture_site: Path, article_id):
    site = load_site(FIXTURE / "content")
    raw = raw_lines(site.article(article_id).raw_text)
    rows = audit_rows(fixture_site, article_id)
    assert [(n, t) for n, _, t, _ in rows] == list(enumerate(raw, 1))


def test_html_in_the_raw_text_is_shown_as_text(fixture_site: Path):
    html = (fixture_site / f"articles/{SPUN}/source/index.html").read_text(encoding="utf-8")
    root = page(fixture_site, f"articles/{SPUN}/source/index.html")
    table = root.find(".//table[@class='audit']")
    assert not [e for e in table.iter() if e.tag in ("script", "h1", "b", "a")]
    assert "<script>" not in html and "&lt;script&gt;alert" in html
    assert any(t == '<script>alert("owned")</script>' for _, _, t, _ in audit_rows(fixture_site, SPUN))
    assert any("&amp; friends" in t for _, _, t, _ in audit_rows(fixture_site, SPUN))


@pytest.mark.parametrize("article_id", [WIRE, SPUN])
def test_marked_lines_are_exactly_the_ingest_lines_and_unmarked_ones_the_body(fixture_site: Path, article_id):
    article = load_site(FIXTURE / "content").article(article_id)
    rows = audit_rows(fixture_site, article_id)
    marked = {n: fate for n, fate, _, _ in rows if fate in ("removed", "meta")}
    assert marked == {n: entry.partition(":")[0] for n, entry in article.ingest_lines}
    body = [t for _, fate, t, _ in rows if fate == "body"]
    assert body == [p for p in article.body.strip().split("\n\n")]


def test_removed_lines_are_struck_through_and_labelled_with_their_rule(fixture_site: Path):
    root = page(fixture_site, f"articles/{WIRE}/source/index.html")
    promo = root.find(".//tr[@id='L5']")
    assert promo.find(".//del") is not None and "removed: promo" in text(promo)
    byline = root.find(".//tr[@id='L3']")
    assert "byline → author" in text(byline)


def test_the_article_links_its_audit_page(fixture_site: Path):
    anchors = [a for a in article_page(fixture_site, WIRE).iter("a") if text(a) == "How this text was cleaned"]
    assert [a.get("href") for a in anchors] == [f"../../articles/{WIRE}/source/index.html"]


def test_an_article_without_raw_has_no_audit_page_and_no_link(fixture_site: Path):
    assert not (fixture_site / f"articles/{TRANSLATED}/source").exists()
    assert not by_class(article_page(fixture_site, TRANSLATED), "audit-link")


def test_a_raw_path_leaving_the_project_is_refused_at_its_line(fixture_project: Path, tmp_path: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n")
    os.symlink(outside, fixture_project / "content" / "raw" / "link.txt")
    edit_article(fixture_project, WIRE, "raw: content/raw/wire-geneva.txt", "raw: content/raw/link.txt")
    with pytest.raises(ErrorList) as caught:
        build(fixture_project)
    assert "outside the project" in str(caught.value)
    assert f"{WIRE}.md:" in str(caught.value)


def test_a_missing_raw_file_is_reported_at_the_raw_line(fixture_project: Path):
    edit_article(fixture_project, WIRE, "raw: content/raw/wire-geneva.txt", "raw: content/raw/gone.txt")
    with pytest.raises(ErrorList) as caught:
        build(fixture_project)
    assert f"{WIRE}.md:16: `raw` content/raw/gone.txt: cannot read" in str(caught.value)
