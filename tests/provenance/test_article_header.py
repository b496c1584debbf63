"""The article header says who published the text, where the original is and how its date is known."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from digest.model import Article
from digest.provenance import audit_lines, date_clues, date_explanation
from tests.provenance.built_site import SPUN, TRANSLATED, WIRE, article_page, by_class, text


def facts(site: Path, article_id: str) -> dict[str, object]:
    """The header's provenance list as label -> <dd>."""
    header = article_page(site, article_id).find(".//header[@class='article-header']")
    dl = header.find(".//dl[@class='provenance']")
    return dict(zip([text(t) for t in dl.iter("dt")], dl.iter("dd")))


def test_publisher_links_its_source_page_and_the_original_is_an_external_link(fixture_site: Path):
    header = facts(fixture_site, WIRE)
    publisher = header["Published by"].find("a")
    assert (text(publisher), publisher.get("href")) == ("Reuters", "../../sources/reuters/index.html")
    assert "a wire agency" in text(header["Published by"])
    original = header["Original"].find("a")
    assert original.get("href") == "https://www.reuters.com/world/talks-open-in-geneva"
    assert original.get("rel") == "noopener noreferrer"
    assert "external" in original.get("class").split()
    assert text(original) == "original article (external link)"
    assert text(header["By"]) == "Jane Doe" and text(header["Agency"]) == "AP"


def test_the_date_says_how_it_was_established_and_how_sure_it_is(fixture_site: Path):
    assert "(stated in the article; certain)" in text(facts(fixture_site, WIRE)["Date"])
    assert "(inferred from ‘on Monday’ in the text; uncertain)" in text(facts(fixture_site, SPUN)["Date"])
    assert "(set by an editor; certain)" in text(facts(fixture_site, TRANSLATED)["Date"])
    assert facts(fixture_site, WIRE)["Date"].find("time").get("datetime") == "2022-01-10"


def test_quoted_evidence_is_shown_as_it_is_and_rejected_dates_are_left_out():
    article = Article(id="a", title="T", date=dt.date(2022, 1, 10), date_source="inferred", publisher="P",
                      body_utf8=b"", source_path=Path("a.md"),
                      date_evidence="“Monday” = 2022-01-10 (rejected printed date 2024-09-20)")
    assert date_explanation(article) == "inferred from the text"
    assert date_clues(article) == ["“Monday” in the text points to 10 January 2022",
                                   "Rejected: the printed date 20 September 2024"]


def test_a_rejected_printed_date_is_labelled_as_rejected_on_the_audit_page():
    article = Article(id="a", title="T", date=dt.date(2022, 1, 10), date_source="inferred", publisher="P", body_utf8=b"",
                      source_path=Path("a.md"), ingest_lines=((1, "metadata:date"),),
                      date_evidence="“Monday” = 2022-01-10 (rejected printed date 2024-09-20)")
    assert [line.label for line in audit_lines("September 20, 2024\n", article)] == ["printed date, rejected (date inferred)"]
    explicit = dataclasses.replace(article, date_source="explicit", date_evidence=None)
    assert [line.label for line in audit_lines("January 10, 2022\n", explicit)] == ["printed date → date"]


def test_a_content_farm_article_says_so_and_names_the_original_outlet(fixture_site: Path):
    publisher = facts(fixture_site, TRANSLATED)["Published by"]
    assert "a content farm" in text(publisher)
    warning = by_class(publisher, "outlet-warning")[0]
    assert "republishes other newsrooms' stories; this text credits Deutsche Welle" in text(warning)


def test_an_ordinary_outlet_has_no_warning_and_no_original_link_when_unknown(fixture_site: Path):
    assert not by_class(facts(fixture_site, WIRE)["Published by"], "outlet-warning")
    assert "(originally published by Reuters)" in text(facts(fixture_site, SPUN)["Published by"])
    assert "Original" not in facts(fixture_site, SPUN)
