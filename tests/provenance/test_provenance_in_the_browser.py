"""The provenance parts of the fixture pages pass axe-core in light and dark (as the publishing checks)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import axe_violations
from tests.provenance.built_site import SPUN, TRANSLATED

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("url", [f"articles/{SPUN}/index.html", f"articles/{TRANSLATED}/index.html",
                                 f"articles/{SPUN}/source/index.html", "sources/spin-daily/index.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_provenance_pages_have_no_accessibility_violations(fixture_site: Path, axe_page, url: str, scheme: str):
    assert axe_violations(axe_page((fixture_site / url).as_uri(), scheme)) == []
