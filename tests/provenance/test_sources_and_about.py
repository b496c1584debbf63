"""Source pages describe each publisher; the About page explains the notices and is linked everywhere."""
from __future__ import annotations

from pathlib import Path

from tests.provenance.built_site import build, by_class, page, text


def test_an_unknown_publisher_renders_with_no_description_yet(fixture_site: Path):
    root = page(fixture_site, "sources/spin-daily/index.html")
    assert text(root.find(".//h1")) == "Spin Daily"
    assert "No description yet." in [text(p) for p in by_class(root, "empty", "p")]


def test_a_known_source_shows_name_domain_kind_country_and_note(fixture_site: Path):
    root = page(fixture_site, "sources/reuters/index.html")
    facts = dict(zip([text(dt) for dt in root.iter("dt")], [text(dd) for dd in root.iter("dd")]))
    assert facts == {"Name": "Reuters", "Kind": "wire agency", "Website": "reuters.com", "Country": "GB"}
    assert text(by_class(root, "source-note")[0]) == "International news agency."


def test_every_page_links_the_about_page_from_its_footer(fixture_site: Path):
    for path in fixture_site.rglob("*.html"):
        root = page(fixture_site, str(path.relative_to(fixture_site)))
        footer = root.find(".//footer[@class='site-footer']")
        assert footer is not None, path
        assert any(text(a) == "About this digest" and a.get("href").endswith("about/index.html")
                   for a in footer.iter("a")), path


def test_about_page_explains_the_notices_and_how_to_report_an_error(fixture_site: Path):
    root = page(fixture_site, "about/index.html")
    meanings = [text(dt) for dt in root.find(".//h2[@id='notices']/../dl").iter("dt")]
    assert {"Machine-translated text", "Rewritten text", "The same story from", "Corrections"} <= set(meanings)
    report = by_class(root, "report-errors")[0]
    assert report.find("a").get("href") == "mailto:corrections@example.org"


def test_report_errors_has_a_sensible_default(fixture_project: Path):
    site_yaml = fixture_project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("report_errors: corrections@example.org\n", ""))
    report = by_class(page(build(fixture_project), "about/index.html"), "report-errors")[0]
    assert "Tell the editors" in text(report) and report.find("a") is None
