"""`ingest_files`: the one pipeline behind `ingest`, `serve` and `fetch`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from digest.content.load import load_site
from digest.ingest.normalize import IngestError
from digest.ingest.pipeline import IngestOptions, ingest_file, ingest_files
from digest.project import Project
from tests.conftest import REPO, settings_project

SEED = "002_48e6010674940696.txt"
OTHER = "000_331a739a794b7769.txt"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(settings_project(tmp_path / "p"))


def front_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_bad_file_is_named_with_its_reason_and_the_rest_is_written(project: Project, tmp_path: Path):
    good, empty, missing = tmp_path / SEED, tmp_path / "empty.txt", tmp_path / "gone.txt"
    shutil.copy(REPO / "content" / "raw" / SEED, good)
    empty.write_bytes(b"  \n")
    report = ingest_files([empty, missing, good], project)
    assert not report.ok
    assert [(f.path, f.reason) for f in report.failures][0] == (empty, "the file is empty")
    assert report.failures[1].path == missing and "cannot read" in report.failures[1].reason
    [written] = report.outcomes
    assert written.status == "written" and written.path.exists()


def test_a_raw_file_from_outside_content_raw_is_copied_in_byte_for_byte(project: Project, tmp_path: Path):
    outside = tmp_path / "downloads" / SEED
    outside.parent.mkdir()
    data = (REPO / "content" / "raw" / SEED).read_bytes().replace(b"\n", b"\r\n")
    outside.write_bytes(data)
    [outcome] = ingest_files([outside], project).outcomes
    copied = project.content / "raw" / SEED
    assert copied.read_bytes() == data
    assert front_of(outcome.path)["raw"] == f"content/raw/{SEED}"
    (project.content / "timeline.yaml").unlink()  # it cites the sample's other articles
    site = load_site(project.content)
    assert site.raw_texts[site.articles[0].id].startswith(data.decode().replace("\r\n", "\n")[:40])


def test_an_outside_file_never_overwrites_a_different_raw_file_of_the_same_name(project: Project,
                                                                               tmp_path: Path):
    kept = project.content / "raw" / SEED
    kept.write_bytes((REPO / "content" / "raw" / OTHER).read_bytes())
    outside = tmp_path / SEED
    shutil.copy(REPO / "content" / "raw" / SEED, outside)
    [outcome] = ingest_files([outside], project).outcomes
    assert kept.read_bytes() == (REPO / "content" / "raw" / OTHER).read_bytes()
    copied = Path(project.root / front_of(outcome.path)["raw"])
    assert copied.parent == project.content / "raw" and copied.read_bytes() == outside.read_bytes()


def test_reingesting_an_outside_file_reuses_its_copy_and_its_article(project: Project, tmp_path: Path):
    outside = tmp_path / SEED
    shutil.copy(REPO / "content" / "raw" / SEED, outside)
    first = ingest_files([outside], project).outcomes[0]
    again = ingest_files([outside], project).outcomes[0]
    assert again.path == first.path and again.status == "unchanged"
    assert sorted(p.name for p in (project.content / "raw").iterdir()) == [SEED]


def test_dry_run_copies_nothing_and_writes_nothing(project: Project, tmp_path: Path):
    outside = tmp_path / SEED
    shutil.copy(REPO / "content" / "raw" / SEED, outside)
    [outcome] = ingest_files([outside], project, IngestOptions(dry_run=True)).outcomes
    assert outcome.status == "would-write"
    assert not list((project.content / "raw").iterdir()) and not list((project.content / "articles").iterdir())


def test_overrides_apply_to_every_file_of_the_batch(project: Project):
    for name in (SEED, OTHER):
        shutil.copy(REPO / "content" / "raw" / name, project.content / "raw" / name)
    paths = [project.content / "raw" / n for n in (SEED, OTHER)]
    options = IngestOptions(overrides={"publisher": "Wire Desk", "url": "https://example.org/a"})
    report = ingest_files(paths, project, options)
    assert report.ok
    assert {front_of(o.path)["publisher"] for o in report.outcomes} == {"Wire Desk"}


def test_one_file_variant_raises_with_the_reason(project: Project, tmp_path: Path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01" * 40)
    with pytest.raises(IngestError, match="binary"):
        ingest_file(binary, project)
