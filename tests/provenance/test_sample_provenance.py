"""On the real sample content: flagged articles show their notice, every article has a faithful audit page."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.content.load import load_site
from tests.conftest import REPO, copy_project
from tests.provenance.built_site import article_page, build, by_class, page

SAMPLE = load_site(REPO / "content")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build(copy_project(tmp_path_factory.mktemp("sample")))


@pytest.mark.parametrize("article", SAMPLE.articles, ids=lambda a: a.id)
def test_sample_notices_match_the_quality_flags(sample_site: Path, article):
    asides = by_class(article_page(sample_site, article.id), "trust-notice", "aside")
    expected = {kind for kind, level in (("machine-translated", article.quality.machine_translated),
                                          ("rewritten", article.quality.rewritten)) if level != "none"}
    assert {a.get("class").split()[1].removeprefix("notice-") for a in asides} == expected
    for aside in asides:
        assert aside.find(".//ul[@class='evidence']") is not None


def test_sample_has_both_kinds_of_notice():
    assert any(a.quality.rewritten != "none" for a in SAMPLE.articles)
    assert any(a.quality.machine_translated != "none" for a in SAMPLE.articles)


@pytest.mark.parametrize("article", SAMPLE.articles, ids=lambda a: a.id)
def test_sample_audit_marks_exactly_what_the_ingest_removed(sample_site: Path, article):
    root = page(sample_site, f"articles/{article.id}/source/index.html")
    rows = root.find(".//table[@class='audit']/tbody")
    marked = {int(r.get("id")[1:]): r.get("data-rule") for r in rows if r.get("data-fate") in ("removed", "meta")}
    assert marked == {n: entry.partition(":")[2] for n, entry in article.ingest_lines}
    body_rows = [r for r in rows if r.get("data-fate") == "body"]
    # The ingest repairs spacing, quotes and Markdown structure only: letters and digits are untouched.
    unmarked = _letters("".join("".join(row[1].itertext()) for row in body_rows))
    assert unmarked == _letters(article.body)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())
