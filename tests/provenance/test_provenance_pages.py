"""Readers see where each article came from and how far to trust it."""
from __future__ import annotations

from pathlib import Path

import html5lib

from digest.output.run import build_site
from digest.project import Project
from tests.conftest import copy_project, write_article

H = "{http://www.w3.org/1999/xhtml}"
FLAGGED = """title: Spun story
date: 2022-01-10
publisher: Example Farm
url: https://example.com/original
quality: {machine_translated: none, rewritten: likely, score: 0.9, evidence: ["“forward of” (for “ahead of”)"]}"""
CLEAN = """title: Clean story
date: 2022-01-11
date_source: inferred
date_confidence: medium
date_evidence: "“on Monday” = 2022-01-10"
publisher: Unknown Outlet"""


def build(project: Path) -> Path:
    build_site(Project(project))
    return project / "site"


def page(site: Path, article_id: str) -> str:
    return (site / "articles" / article_id / "index.html").read_text()


def parsed(path: Path):
    return html5lib.parse(path.read_bytes())


def test_notice_appears_iff_front_matter_flags_it(empty_project: Path):
    write_article(empty_project, "spun", FLAGGED)
    write_article(empty_project, "clean", CLEAN)
    site = build(empty_project)
    assert 'class="notice notice-rewritten"' in page(site, "spun")
    assert "forward of" in page(site, "spun")
    assert "notice-" not in page(site, "clean").replace("notice-same-story", "")


def test_editor_clearing_the_flag_removes_the_notice(empty_project: Path):
    path = write_article(empty_project, "spun", FLAGGED)
    build(empty_project)
    path.write_text(path.read_text().replace("rewritten: likely", "rewritten: none"))
    assert "notice-rewritten" not in page(build(empty_project), "spun")


def test_date_is_explained_in_plain_words(empty_project: Path):
    write_article(empty_project, "clean", CLEAN)
    html = page(build(empty_project), "clean")
    assert "inferred from the text; probable" in html
    assert "“on Monday” in the text points to 10 January 2022" in html.replace("&#34;", '"')


def test_original_url_is_an_external_link_marked_as_such(empty_project: Path):
    write_article(empty_project, "spun", FLAGGED)
    doc = parsed(build(empty_project) / "articles/spun/index.html")
    links = [a for a in doc.iter(f"{H}a") if a.get("href") == "https://example.com/original"]
    assert links and all(a.get("rel") == "noopener noreferrer" for a in links)
    assert any("external link" in "".join(a.itertext()) for a in links)


def test_correction_is_shown_on_the_article(empty_project: Path):
    write_article(empty_project, "fixed", CLEAN + "\ncorrections:\n  - {date: 2022-01-12, text: The headline misspelled a name.}")
    html = page(build(empty_project), "fixed")
    assert "Corrections" in html and "The headline misspelled a name." in html
    assert '<time datetime="2022-01-12">' in html


def test_unknown_publisher_still_renders_with_no_description(empty_project: Path):
    write_article(empty_project, "clean", CLEAN)
    site = build(empty_project)
    assert "No description yet." in (site / "sources" / "unknown-outlet" / "index.html").read_text()


def test_same_story_is_linked_both_ways(empty_project: Path):
    write_article(empty_project, "a", CLEAN.replace("Clean story", "Story A") + "\nduplicates: [b]")
    write_article(empty_project, "b", CLEAN.replace("Clean story", "Story B"))
    site = build(empty_project)
    assert 'href="../../articles/b/index.html"' in page(site, "a")
    assert 'href="../../articles/a/index.html"' in page(site, "b")


def test_content_farm_is_named_as_such_with_the_original_outlet(empty_project: Path):
    (empty_project / "content" / "sources.yaml").write_text(
        "example-farm: {name: Example Farm, kind: content-farm}\n")
    write_article(empty_project, "spun", FLAGGED + "\noriginal_outlet: The Daily Original")
    html = page(build(empty_project), "spun")
    assert "a content farm" in html and "this text credits The Daily Original" in html


RAW = """<b>Sponsored</b> by <script>alert(1)</script>

Headline with <i>tags</i>

First paragraph of the story & more.
Read more: <a href="x">junk</a>
"""


def test_audit_page_escapes_raw_html_and_marks_exactly_the_removed_lines(empty_project: Path):
    (empty_project / "content" / "raw").mkdir()
    (empty_project / "content" / "raw" / "r.txt").write_text(RAW)
    write_article(empty_project, "audited", CLEAN + """
raw: content/raw/r.txt
ingest: {version: 1, lines: {'1': 'removed:sponsor', '3': 'meta:title', '6': 'removed:source-link'}}""",
                  "First paragraph of the story & more.\n")
    site = build(empty_project)
    audit = site / "articles" / "audited" / "source" / "index.html"
    html = audit.read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    items = [li for li in parsed(audit).iter(f"{H}li") if li.get("value")]
    marked = {int(li.get("value")): li.get("class") for li in items if li.get("class") in ("removed", "moved")}
    assert marked == {1: "removed", 3: "moved", 6: "removed"}
    body = ["".join(li.itertext()).strip() for li in items if li.get("class") == "body"]
    assert [line for line in body if line] == ["First paragraph of the story & more."]
    assert "How this text was cleaned" in page(site, "audited")


def test_sample_articles_flagged_by_the_ingest_show_notices_and_others_do_not(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    site = build(project)
    flagged = {p.parent.name for p in (site / "articles").glob("*/index.html")
               if "class=\"notice notice-" in p.read_text().replace("notice-same-story", "")}
    assert flagged == {"2022-01-01-us-and-russia-face-deep-variations-forward-of-ukraine-talks",
                       "2022-01-10-putin-pushes-red-lines-in-kazakhstan-and-ukraine",
                       "2022-01-09-brinken-warns-russia-against-invading"}


def test_every_sample_article_has_an_audit_page_whose_body_lines_are_the_published_text(tmp_path: Path):
    import re
    project = copy_project(tmp_path / "p")
    site = build(project)
    for article_dir in (site / "articles").glob("*/"):
        if not (article_dir / "index.html").exists():
            continue
        audit = article_dir / "source" / "index.html"
        assert audit.exists(), article_dir.name
        items = [li for li in parsed(audit).iter(f"{H}li") if li.get("value")]
        body_letters = re.sub(r"[^a-z0-9]", "", "".join(
            parsed(article_dir / "index.html").find(f".//{H}div[@class='article-body']").itertext()).lower())
        for li in items:
            text = re.sub(r"[^a-z0-9]", "", "".join(li.itertext()).lower())
            if li.get("class", "").startswith("body") and text:
                assert text in body_letters, (article_dir.name, li.get("value"))
            elif li.get("class") == "removed":
                assert text.replace("removed", "")[:40] not in body_letters or not text


def test_about_page_is_linked_from_every_page(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    site = build(project)
    assert (site / "about" / "index.html").exists()
    for html in site.rglob("*.html"):
        assert "about/index.html" in html.read_text(), html
