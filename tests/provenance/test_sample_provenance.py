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
    asides = [a for a in by_class(article_page(sample_site, article.id), "notice", "aside")
              if "notice-same-story" not in a.get("class")]
    expected = {kind for kind, level in (("machine-translated", article.quality.machine_translated),
                                          ("rewritten", article.quality.rewritten)) if level != "none"}
    assert {a.get("class").split()[1].removeprefix("notice-") for a in asides} == expected
    for aside in asides:
        assert len(list(aside.find(".//ul[@class='evidence']"))) == len(article.quality.evidence) > 0


def test_sample_has_both_kinds_of_notice():
    assert any(a.quality.rewritten != "none" for a in SAMPLE.articles)
    assert any(a.quality.machine_translated != "none" for a in SAMPLE.articles)


@pytest.mark.parametrize("article", SAMPLE.articles, ids=lambda a: a.id)
def test_sample_audit_marks_exactly_what_the_ingest_removed(sample_site: Path, article):
    root = page(sample_site, f"articles/{article.id}/source/index.html")
    items = list(root.find(".//ol[@class='audit']"))
    marked = {int(li.get("value")): li.get("data-rule") for li in items if li.get("class") in ("removed", "moved")}
    assert marked == {n: entry.partition(":")[2] for n, entry in article.ingest_lines}
    body_rows = [li for li in items if li.get("class") == "body"]
    # The ingest repairs spacing, quotes and Markdown structure only: letters and digits are untouched.
    unmarked = _letters("".join("".join(li.itertext()) for li in body_rows))
    assert unmarked == _letters(article.body)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())
