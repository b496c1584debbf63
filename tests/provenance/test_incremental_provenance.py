"""Provenance edits rebuild incrementally to exactly the bytes of a full build."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from digest.output.run import Builder, BuildOptions, build_site
from digest.project import Project
from tests.provenance.built_site import SPUN, TRANSLATED, WIRE, edit_article


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def add_reverse_duplicate(project: Path) -> None:
    """Only the translated article's file changes, yet the wire article must now link it back."""
    edit_article(project, TRANSLATED, "quality:", f"duplicates: [{WIRE}]\nquality:")


def remove_raw_file(project: Path) -> None:
    (project / "content" / "raw" / "wire-geneva.txt").unlink()


def add_correction(project: Path) -> None:
    edit_article(project, WIRE, "duplicates:", "corrections: [{date: 2022-01-13, text: A name was misspelled.}]\nduplicates:")


def describe_unknown_publisher(project: Path) -> None:
    sources = project / "content" / "sources.yaml"
    sources.write_text(sources.read_text() + "spin-daily:\n  name: Spin Daily\n  kind: aggregator\n")


def clear_flag(project: Path) -> None:
    edit_article(project, SPUN, "rewritten: likely", "rewritten: none")


@pytest.mark.parametrize("edit", [add_reverse_duplicate, remove_raw_file, add_correction, describe_unknown_publisher,
                                  clear_flag], ids=lambda f: f.__name__)
def test_incremental_rebuild_after_a_provenance_edit_equals_a_full_build(fixture_project: Path, tmp_path: Path, edit):
    builder = Builder(Project(fixture_project))
    builder.build()
    edit(fixture_project)
    builder.rebuild()
    fresh = tmp_path / "fresh"
    build_site(Project(fixture_project), BuildOptions(output=fresh, use_cache=False))
    assert snapshot(fixture_project / "site") == snapshot(fresh)
