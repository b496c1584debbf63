"""`--output` never destroys what news-digest did not write (reproductions from issue #18)."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.cli import main
from digest.errors import PublishError
from digest.output import publish
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import write_article


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(empty_project: Path) -> Path:
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    return empty_project


@pytest.mark.parametrize("target", [".", "content", "content/articles", "layouts", "layouts/static", ".."])
def test_output_into_the_project_or_its_sources_is_refused_and_nothing_changes(project: Path, target: str, capsys):
    before = _files(project.parent)
    assert main(["build", "--project", str(project), "--output", str(project / target)]) == 1
    assert "error: output " in capsys.readouterr().err
    assert _files(project.parent) == before


def test_output_onto_an_existing_file_is_refused_and_the_file_stays(project: Path, tmp_path: Path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    assert main(["build", "--project", str(project), "--output", str(notes)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert notes.read_text() == "my notes\n"
    assert not list(tmp_path.glob(".notes.txt-*"))


def test_output_into_a_folder_of_someone_elses_files_is_refused(project: Path, tmp_path: Path, capsys):
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "cat.jpg").write_bytes(b"\xff\xd8cat")
    assert main(["build", "--project", str(project), "--output", str(photos)]) == 1
    assert "did not write" in capsys.readouterr().err
    assert _files(photos) == {"cat.jpg": b"\xff\xd8cat"}


def test_an_empty_folder_or_one_built_before_is_ours_to_replace(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    build_site(Project(project), BuildOptions(output=out))
    assert (out / publish.MARKER).is_file() and (out / "index.html").is_file()
    write_article(project, "2022-01-11-more", "title: More\ndate: 2022-01-11\npublisher: P")
    build_site(Project(project), BuildOptions(output=out))
    assert (out / "articles/2022-01-11-more/index.html").is_file()


def test_a_symlinked_output_is_refused(project: Path, tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(PublishError, match="symbolic link"):
        build_site(Project(project), BuildOptions(output=tmp_path / "link"))


def test_stale_build_folders_without_the_marker_are_not_deleted(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    look_alike = tmp_path / ".out-build-mine"
    look_alike.mkdir()
    (look_alike / "thesis.tex").write_text("chapter 1")
    build_site(Project(project), BuildOptions(output=out))
    assert (look_alike / "thesis.tex").read_text() == "chapter 1"


def test_the_swap_refuses_to_replace_a_folder_that_is_not_ours(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    staging = publish.new_staging_dir(out)
    with pytest.raises(PublishError):
        publish.swap_into_place(staging, out)
    assert _files(out) == {"keep.txt": b"mine"}
    assert not staging.exists()
