"""Trust notices, near-duplicates and corrections on the article page follow the front matter."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.provenance.built_site import (SPUN, TRANSLATED, WIRE, article_page, build, by_class, edit_article,
                                         text)


def notices(root) -> dict[str, str]:
    """Notice kind -> its text, for every trust notice on a page."""
    found = {}
    for aside in by_class(root, "trust-notice", "aside"):
        kind = next(c for c in aside.get("class").split() if c.startswith("notice-"))
        found[kind.removeprefix("notice-")] = text(aside)
    return found


@pytest.mark.parametrize("article_id, expected", [
    (WIRE, set()),
    (SPUN, {"rewritten"}),
    (TRANSLATED, {"machine-translated"}),
])
def test_a_notice_appears_iff_the_front_matter_flags_it(fixture_site: Path, article_id, expected):
    assert set(notices(article_page(fixture_site, article_id))) == expected


def test_notice_is_an_accessible_aside_above_the_body_with_its_evidence(fixture_site: Path):
    root = article_page(fixture_site, SPUN)
    article = root.find(".//article")
    children = [c for c in article if c.tag in ("aside", "div")]
    notice_at = next(i for i, c in enumerate(children) if "trust-notice" in c.get("class", ""))
    body_at = next(i for i, c in enumerate(children) if "article-body" in c.get("class", ""))
    assert notice_at < body_at
    aside = children[notice_at]
    heading = aside.find("h2")
    assert aside.get("aria-labelledby") == heading.get("id")
    assert "synonym" in text(aside)
    evidence = [text(li) for li in aside.find(".//ul[@class='evidence']")]
    assert evidence == ["“officers mentioned” (for “officials said”)", "<b>safety</b> (for “security”)"]
    assert "Reuters" in text(aside)  # the credited original outlet


def test_notice_links_the_original_when_its_url_is_known(fixture_project: Path):
    edit_article(fixture_project, WIRE, "rewritten: none", "rewritten: possible")
    aside = by_class(article_page(build(fixture_project), WIRE), "trust-notice", "aside")[0]
    original = [a for a in aside.iter("a") if "external" in a.get("class", "")]
    assert original and original[0].get("href") == "https://www.reuters.com/world/talks-open-in-geneva"
    assert original[0].get("rel") == "noopener noreferrer"
    assert "may have been" in text(aside)


def test_an_editor_clearing_the_flag_removes_the_notice(fixture_project: Path):
    edit_article(fixture_project, SPUN, "rewritten: likely", "rewritten: none")
    assert notices(article_page(build(fixture_project), SPUN)) == {}


def test_near_duplicates_are_linked_both_ways_though_only_one_file_lists_them(fixture_site: Path):
    for here, there in ((WIRE, SPUN), (SPUN, WIRE)):
        aside = by_class(article_page(fixture_site, here), "duplicates", "aside")
        assert aside, f"{here} has no duplicates box"
        hrefs = [a.get("href") for a in aside[0].iter("a")]
        assert hrefs == [f"../../articles/{there}/index.html"]
        assert "The same story from" in text(aside[0])
    assert not by_class(article_page(fixture_site, TRANSLATED), "duplicates", "aside")


def test_a_correction_shows_dated_in_a_labelled_section(fixture_site: Path):
    root = article_page(fixture_site, SPUN)
    section = by_class(root, "corrections", "section")[0]
    assert text(section.find("h2")) == "Corrections"
    item = section.find(".//li")
    assert item.find("time").get("datetime") == "2022-01-12"
    assert "nine hours" in text(item)
    updated = [t.get("datetime") for t in by_class(root, "dateline")[0].iter("time")]
    assert updated == ["2022-01-10", "2022-01-12"]


def test_an_article_without_corrections_has_no_corrections_section(fixture_site: Path):
    assert not by_class(article_page(fixture_site, WIRE), "corrections")
