"""The sample site's key pages equal their reviewed golden copies (update: python -m tests.golden --update)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import GOLDEN, PAGES, build_sample


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_its_golden_copy(site: Path, page: str):
    expected = (GOLDEN / page).read_text(encoding="utf-8")
    assert (site / page).read_text(encoding="utf-8") == expected, (
        f"{page} changed: review the difference, then run `python -m tests.golden --update`")
