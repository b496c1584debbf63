"""A corpus of broken sites: each fails with exactly the expected `path:line: message`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.cli import main
from tests.conftest import FIXTURES, REPO

CASES = FIXTURES / "invalid"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def make_project(tmp_path: Path, case: str | None) -> Path:
    """The repository's layouts, a minimal site.yaml, then the case's files on top."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "layouts", project / "layouts")
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "site.yaml").write_text("title: Broken\nbase_url: https://example.org/\n")
    if case:
        shutil.copytree(CASES / case, project, dirs_exist_ok=True)
        (project / "expected.txt").unlink()
    return project


def error_lines(output: str, project: Path) -> list[str]:
    prefix = str(project.resolve()) + "/"
    return [line.removeprefix("error: ").replace(prefix, "") for line in output.splitlines()
            if line.startswith("error: ") or (line and not line.startswith(("build failed", "skipped", "warning"))
                                              and ":" in line and "problem(s)" not in line)]


@pytest.mark.parametrize("case", NAMES)
def test_build_fails_with_the_expected_message_and_writes_nothing(tmp_path: Path, capsys, case: str):
    project = make_project(tmp_path, case)
    expected = (CASES / case / "expected.txt").read_text().splitlines()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert [line for line in error_lines(err, project) if line] == expected
    assert not (project / "site").exists()


@pytest.mark.parametrize("case", NAMES)
def test_check_reports_the_same_problem(tmp_path: Path, capsys, case: str):
    project = make_project(tmp_path, case)
    expected = (CASES / case / "expected.txt").read_text().splitlines()
    assert main(["check", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    for line in expected:
        assert line in err.replace(str(project.resolve()) + "/", ""), line


def test_symlink_in_content_pointing_outside_the_project(tmp_path: Path, capsys):
    project = make_project(tmp_path, None)
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\ndate: 2022-01-10\npublisher: P\n---\nSecret text\n")
    (project / "content" / "articles" / "link.md").symlink_to(secret)
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert error_lines(err, project) == ["content/articles/link.md: points outside the project (symlink?); refusing to read it"]


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path, capsys):
    project = make_project(tmp_path, None)
    huge = project / "content" / "articles" / "huge.md"
    with open(huge, "wb") as handle:
        handle.write(b"---\ntitle: Huge\ndate: 2022-01-10\npublisher: P\n---\n")
        handle.truncate(50 * 1024 * 1024)
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert error_lines(err, project) == ["content/articles/huge.md: file is too large (51200 KiB, limit 5120 KiB)"]


def test_skip_invalid_builds_the_good_part_of_a_broken_site(tmp_path: Path, capsys):
    project = make_project(tmp_path, "bad-date")
    (project / "content" / "articles" / "2022-01-10-good.md").write_text(
        "---\ntitle: Good\ndate: 2022-01-10\npublisher: P\n---\nFine.\n")
    assert main(["build", "--project", str(project), "--skip-invalid"]) == 0
    assert (project / "site" / "articles" / "2022-01-10-good" / "index.html").exists()
