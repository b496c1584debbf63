"""Provenance reaches the machine-readable outputs: JSON-LD, the Atom feed and the search index."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from digest.content.load import load_site
from digest.provenance import provenance
from tests import search_files
from tests.provenance.built_site import FIXTURE, SPUN, TRANSLATED, WIRE, article_page, build, edit_article

ATOM = "{http://www.w3.org/2005/Atom}"


def json_ld(site: Path, article_id: str) -> dict:
    script = next(s for s in article_page(site, article_id).iter("script")
                  if s.get("type") == "application/ld+json")
    return json.loads(script.text)


def atom_updated(site: Path, article_id: str, feed_path: str = "feed.xml") -> str:
    feed = ET.parse(site / feed_path).getroot()
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id").rstrip("/").endswith(article_id))
    return entry.findtext(f"{ATOM}updated")


def test_a_correction_moves_the_feed_entry_updated_date(fixture_project: Path):
    site = build(fixture_project)
    # The spun copy of the wire story is folded into the wire's entry of the site feed (syndication);
    # its own entry is in its outlet's feed.
    assert atom_updated(site, SPUN, "sources/spin-daily/feed.xml") == "2022-01-12T00:00:00Z"
    assert atom_updated(site, WIRE) == "2022-01-10T00:00:00Z"
    edit_article(fixture_project, WIRE, "duplicates:", "corrections: [{date: 2022-01-14, text: Fixed.}]\nduplicates:")
    assert atom_updated(build(fixture_project), WIRE) == "2022-01-14T00:00:00Z"


def test_json_ld_carries_original_correction_and_publisher(fixture_site: Path):
    wire = json_ld(fixture_site, WIRE)
    assert wire["isBasedOn"] == "https://www.reuters.com/world/talks-open-in-geneva"
    assert wire["publisher"]["name"] == "Reuters"
    spun = json_ld(fixture_site, SPUN)
    assert spun["correction"] == [{"@type": "CorrectionComment", "datePublished": "2022-01-12",
                                   "text": "An earlier version said the talks lasted nine hours."}]
    assert spun["dateModified"] == "2022-01-12"
    assert spun["isBasedOn"] == {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Reuters"}}


def test_search_results_carry_the_notices(fixture_site: Path):
    entries = search_files.entries(fixture_site)
    notices = {e["u"].split("/")[1]: e["n"] for e in entries}
    assert notices == {WIRE: [], SPUN: ["Rewritten text"], TRANSLATED: ["Machine-translated text"]}


def test_provenance_data_is_plain_json_with_absolute_urls():
    site = load_site(FIXTURE / "content")
    data = provenance(site, site.article(SPUN))
    json.dumps(data)  # nothing but JSON types
    assert data["publisher"]["page"] == "https://example.org/digest/sources/spin-daily/"
    assert data["audit_page"] == f"https://example.org/digest/articles/{SPUN}/source/"
    assert [n["kind"] for n in data["notices"]] == ["rewritten"]
    assert data["same_story"][0]["id"] == WIRE and data["updated"] == "2022-01-12"
    assert provenance(site, site.article(TRANSLATED))["audit_page"] is None
