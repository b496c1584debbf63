"""A fixture site built once per module: the provenance fixture project as committed."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.provenance.built_site import build, copy_fixture


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return build(copy_fixture(tmp_path_factory.mktemp("provenance")))


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")
