"""The article header says who published the text, where the original is and how its date is known."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from digest.model import Article
from digest.provenance import date_explanation
from tests.provenance.built_site import SPUN, TRANSLATED, WIRE, article_page, by_class, text


def header(site: Path, article_id: str):
    return article_page(site, article_id).find(".//header[@class='article-header']")


def test_publisher_links_its_source_page_and_the_original_is_an_external_link(fixture_site: Path):
    head = header(fixture_site, WIRE)
    anchors = {text(a): a for a in head.iter("a")}
    assert anchors["Reuters"].get("href") == "../../sources/reuters/index.html"
    original = anchors["original article (external)"]
    assert original.get("href") == "https://www.reuters.com/world/talks-open-in-geneva"
    assert original.get("rel") == "noopener noreferrer"
    assert "external" in original.get("class").split()
    byline = text(by_class(head, "byline")[0])
    assert "(wire agency)" in byline and "By Jane Doe" in byline and "With AP" in byline


def test_the_date_says_how_it_was_established_and_how_sure_it_is(fixture_site: Path):
    assert "date stated in the article; high confidence" in text(header(fixture_site, WIRE))
    assert "date inferred from ‘on Monday’ in the text; low confidence" in text(header(fixture_site, SPUN))
    assert "date set by an editor" in text(header(fixture_site, TRANSLATED))


def test_quoted_evidence_is_shown_as_it_is():
    article = Article("a", "T", dt.date(2022, 1, 10), "inferred", "P", "", Path("a.md"),
                      date_evidence="“Monday” = 2022-01-10")
    assert date_explanation(article) == "inferred from the text: “Monday” = 2022-01-10"


def test_a_content_farm_article_says_so_and_names_the_original_outlet(fixture_site: Path):
    note = text(by_class(header(fixture_site, TRANSLATED), "republisher")[0])
    assert "Copy Farm is a content farm" in note
    assert "Deutsche Welle" in note


def test_an_ordinary_outlet_has_no_republisher_note_and_no_original_link_when_unknown(fixture_site: Path):
    assert not by_class(header(fixture_site, WIRE), "republisher")
    assert not [a for a in header(fixture_site, SPUN).iter("a") if "external" in a.get("class", "")]
