"""Ingest never loses what is already there (issue #18): a different article with the same
headline and date keeps its file, a backup is never half-written nor replaced by a worse one."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest
import yaml

from digest.ingest import store
from digest.ingest.pipeline import IngestOptions, ingest_files
from digest.project import Project
from tests.conftest import settings_project

HEADLINE = "US and Russia hold talks in Geneva\n\nJanuary 10, 2022\n\n"
TALKS = HEADLINE + (
    "The United States and Russia held talks in Geneva on Monday about the security of Europe and\n"
    "the troops that Russia has gathered near the border of Ukraine, officials said after the meeting.\n"
    "The talks lasted nearly eight hours and both sides said they would continue to talk this week.\n")
APPLES = HEADLINE + (
    "Farmers in the valley report that the harvest of apples this autumn was the best in a decade,\n"
    "with cool nights and warm days giving the fruit its colour and its sugar, growers said on Monday.\n"
    "Prices at the market fell by a third as crates piled up in the barns of every village nearby.\n")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(settings_project(tmp_path / "p"))


def raw(project: Project, name: str, text: str) -> Path:
    path = project.content / "raw" / name
    path.write_text(text, encoding="utf-8")
    return path


def articles(project: Project) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((project.content / "articles").glob("*.md"))}


def front_of(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_another_raw_file_with_the_same_headline_and_date_gets_a_new_slug_and_a_note(project: Project):
    [first] = ingest_files([raw(project, "a.txt", TALKS)], project).outcomes
    before = articles(project)
    [second] = ingest_files([raw(project, "b.txt", APPLES)], project).outcomes
    after = articles(project)
    assert {name: after[name] for name in before} == before  # the first article is untouched
    assert second.path == first.path.with_name(first.path.stem + "-2.md")
    assert front_of(after[second.path.name])["raw"] == "content/raw/b.txt"
    assert any(f"{first.path.name} is another article (from content/raw/a.txt)" in n and "-2.md" in n
               for n in second.notes)


def test_re_ingesting_each_of_the_two_updates_its_own_file(project: Project):
    a, b = raw(project, "a.txt", TALKS), raw(project, "b.txt", APPLES)
    ingest_files([a], project)
    ingest_files([b], project)
    b.write_text(APPLES.replace("by a third", "by a half"))
    [again] = ingest_files([b], project, IngestOptions(force=True)).outcomes
    assert again.path.name.endswith("-2.md") and "by a half" in again.path.read_text()
    [talks] = ingest_files([a], project).outcomes
    assert talks.status == "unchanged" and not talks.path.name.endswith("-2.md")


def test_a_hand_written_article_with_the_same_name_is_never_replaced(project: Project):
    [outcome] = ingest_files([raw(project, "a.txt", TALKS)], project, IngestOptions(dry_run=True)).outcomes
    by_hand = outcome.path
    by_hand.write_text("---\ntitle: US and Russia hold talks in Geneva\ndate: 2022-01-10\npublisher: Me\n---\n"
                       "My own report.\n")
    [written] = ingest_files([raw(project, "a.txt", TALKS)], project).outcomes
    assert by_hand.read_text().endswith("My own report.\n")
    assert written.path != by_hand and "(written by hand)" in " ".join(written.notes)


def test_a_full_disk_while_saving_the_backup_leaves_the_old_backup_whole(project: Project, monkeypatch):
    path = project.content / "articles" / "a.md"
    path.write_text("---\ntitle: Second\n---\nSecond version.\n")
    bak = path.with_name("a.md.bak")
    bak.write_text("---\ntitle: First\n---\nFirst version.\n")
    real_open = open

    def full_disk(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if "w" in mode and ".bak" in str(file):
            handle.write(b"---\nti")  # what fits before the disk is full
            handle.close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return handle

    monkeypatch.setattr("builtins.open", full_disk)
    with pytest.raises(OSError, match="No space left"):
        store.backup(path)
    monkeypatch.undo()
    assert bak.read_text() == "---\ntitle: First\n---\nFirst version.\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.md", "a.md.bak"]  # no temporary file left


def test_a_full_disk_during_re_ingest_keeps_the_article_and_its_backup(project: Project, monkeypatch):
    source = raw(project, "a.txt", TALKS)
    [outcome] = ingest_files([source], project).outcomes
    path = outcome.path
    path.write_text(path.read_text().replace("\npublisher:", "\nsubtitle: An editor's subtitle\npublisher:", 1))
    source.write_text(TALKS.replace("eight hours", "nine hours"))
    ingest_files([source], project)
    article, backup = path.read_bytes(), path.with_name(path.name + ".bak").read_bytes()
    source.write_text(TALKS.replace("eight hours", "ten hours"))
    monkeypatch.setattr("builtins.open", _open_that_fills_the_disk(open))
    report = ingest_files([source], project)
    monkeypatch.undo()
    assert "No space left on device" in report.failures[0].reason
    assert path.read_bytes() == article
    assert path.with_name(path.name + ".bak").read_bytes() == backup


def _open_that_fills_the_disk(real_open):
    def opener(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if "w" in mode:
            handle.write(b"---\n" if "b" in mode else "---\n")
            handle.close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return handle
    return opener


def test_a_damaged_file_never_replaces_a_good_backup(project: Project):
    path = project.content / "articles" / "a.md"
    bak = path.with_name("a.md.bak")
    bak.write_text("---\ntitle: Good\n---\nA good version.\n")
    path.write_text("---\ntitle: Go")  # truncated by something else
    kept = store.backup(path)
    assert bak.read_text() == "---\ntitle: Good\n---\nA good version.\n"
    assert kept.name == "a.md.bak.1" and kept.read_text() == "---\ntitle: Go"


def test_the_renamed_copy_is_compared_with_the_article_whose_name_it_could_not_take(project: Project):
    ingest_files([raw(project, "a.txt", TALKS)], project)
    [copy] = ingest_files([raw(project, "b.txt", TALKS.replace("eight hours", "nine hours"))], project).outcomes
    assert copy.path.name.endswith("-2.md")
    assert front_of(copy.path.read_text())["duplicates"] == ["2022-01-10-us-and-russia-hold-talks-in-geneva"]
