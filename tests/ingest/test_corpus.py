"""Dirty articles written for these tests (not the seeds) prove the rules are general."""
from __future__ import annotations

import pytest
import yaml

from digest.ingest.normalize import Draft, Hints, normalize
from digest.ingest.pipeline import load_hints
from digest.project import Project
from tests.conftest import FIXTURES, REPO

CORPUS = FIXTURES / "raw"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hints() -> Hints:
    return load_hints(Project(REPO))


def ingest(name: str, hints: Hints) -> Draft:
    return normalize((CORPUS / name).read_text(encoding="utf-8"), hints)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_is_read_off_the_page(name: str, hints: Hints):
    draft, expected = ingest(name, hints), EXPECTED[name]
    for key in ("title", "kicker", "subtitle", "date_source", "agency", "publisher", "original_outlet"):
        if key in expected:
            assert draft.front.get(key) == expected[key], key
    if "date" in expected:
        assert draft.front["date"] == expected["date"]
    if "author" in expected:
        assert draft.front.get("author") == expected["author"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_furniture_is_removed_and_body_kept(name: str, hints: Hints):
    draft, expected = ingest(name, hints), EXPECTED[name]
    rules = {fate.split(":", 1)[1] for fate in draft.lines.values() if fate.startswith("removed:")}
    assert set(expected.get("removed", [])) <= rules
    for text in expected.get("body_contains", []):
        assert text in draft.body, text
    for text in expected.get("body_lacks", []):
        assert text.lower() not in draft.body.lower(), text
