"""Trust notices, near-duplicates and corrections on the article page follow the front matter."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.provenance.built_site import SPUN, TRANSLATED, WIRE, article_page, build, by_class, edit_article, text

TRUST_KINDS = ("machine-translated", "rewritten")


def notices(root) -> dict[str, object]:
    """Trust notice kind -> its <aside>, for every trust notice on a page (not the same-story box)."""
    found = {}
    for aside in by_class(root, "notice", "aside"):
        kinds = [c.removeprefix("notice-") for c in aside.get("class").split() if c.startswith("notice-")]
        found.update({kind: aside for kind in kinds if kind in TRUST_KINDS})
    return found


@pytest.mark.parametrize("article_id, expected", [
    (WIRE, set()),
    (SPUN, {"rewritten"}),
    (TRANSLATED, {"machine-translated"}),
])
def test_a_notice_appears_iff_the_front_matter_flags_it(fixture_site: Path, article_id, expected):
    assert set(notices(article_page(fixture_site, article_id))) == expected


def test_notice_is_an_accessible_aside_above_the_body_with_its_evidence(fixture_site: Path):
    article = article_page(fixture_site, SPUN).find(".//article")
    children = list(article)
    aside = notices(article)["rewritten"]
    body = by_class(article, "article-body", "div")[0]
    assert children.index(aside) < children.index(body)
    heading = by_class(aside, "notice-title", "strong")[0]
    assert aside.get("aria-labelledby") == heading.get("id")
    assert "Rewritten text" in text(heading)
    line = by_class(aside, "notice-line", "p")[0]
    assert "synonym spinner" in text(line)
    evidence = [text(li) for li in aside.find(".//ul[@class='evidence']")]
    assert evidence == ["“officers mentioned” (for “officials said”)", "<b>safety</b> (for “security”)"]
    details = aside.find(".//details")
    assert details.get("open") is None and "Why we think so (2 clues)" == text(details.find("summary"))
    assert "The text credits Reuters; no address of the original is known." in text(line)


def test_notice_links_the_original_when_its_url_is_known(fixture_project: Path):
    edit_article(fixture_project, WIRE, "rewritten: none", "rewritten: possible")
    aside = notices(article_page(build(fixture_project), WIRE))["rewritten"]
    original = [a for a in aside.iter("a") if "external" in a.get("class", "")]
    assert [a.get("href") for a in original] == ["https://www.reuters.com/world/talks-open-in-geneva"]
    assert original[0].get("rel") == "noopener noreferrer"
    assert text(original[0]) == "Check the original (external link)"
    assert "possibly" in text(aside)


def test_an_editor_clearing_the_flag_removes_the_notice(fixture_project: Path):
    edit_article(fixture_project, SPUN, "rewritten: likely", "rewritten: none")
    assert notices(article_page(build(fixture_project), SPUN)) == {}


def test_near_duplicates_are_linked_both_ways_though_only_one_file_lists_them(fixture_site: Path):
    for here, there in ((WIRE, SPUN), (SPUN, WIRE)):
        boxes = by_class(article_page(fixture_site, here), "notice-same-story", "aside")
        assert boxes, f"{here} has no same-story box"
        assert [a.get("href") for a in boxes[0].iter("a")] == [f"../../articles/{there}/index.html"]
        assert text(by_class(boxes[0], "notice-title", "strong")[0]) == "The same story from"
    assert not by_class(article_page(fixture_site, TRANSLATED), "notice-same-story")


def test_a_correction_shows_dated_in_a_labelled_section_and_updates_the_header(fixture_site: Path):
    root = article_page(fixture_site, SPUN)
    section = by_class(root, "corrections", "section")[0]
    assert section.get("aria-labelledby") == section.find("h2").get("id")
    assert text(section.find("h2")) == "Corrections"
    item = section.find(".//li")
    assert item.find("time").get("datetime") == "2022-01-12"
    assert "nine hours" in text(item)
    header = root.find(".//dl[@class='provenance']")
    facts = dict(zip([text(dt) for dt in header.iter("dt")], header.iter("dd")))
    assert facts["Updated"].find("time").get("datetime") == "2022-01-12"


def test_an_article_without_corrections_has_no_corrections_section(fixture_site: Path):
    root = article_page(fixture_site, WIRE)
    assert not by_class(root, "corrections")
    assert "Updated" not in [text(dt) for dt in root.iter("dt")]
