"""A build whose inputs are those the last build read stops at once (output/manifest.py), and
every way an input or an output can change since makes it a full build again."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project, write_article
from tests.output.test_incremental import fresh_build, snapshot

NOTHING = "nothing changed since the last build, nothing written"


def build(project: Path, **options):
    return build_site(Project(project), BuildOptions(**options))


def stopped_at_once(result) -> bool:
    return NOTHING in result.extra_notes


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    build(project)
    return project


def test_a_build_with_nothing_changed_stops_at_once_leaving_site_and_caches_as_they_were(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    first = build(project)
    before = snapshot(project / "site")
    stamps = {p.name: p.stat().st_mtime_ns for p in (project / ".digest-cache").iterdir() if p.is_file()}
    again = build(project)
    assert stopped_at_once(again) and again.rendered == []
    assert (again.pages, again.static_files) == (first.pages, first.static_files)
    assert snapshot(project / "site") == before
    assert {p.name: p.stat().st_mtime_ns for p in (project / ".digest-cache").iterdir() if p.is_file()} == stamps


def test_an_edit_of_the_same_size_with_its_modification_time_put_back_is_seen(built: Path, tmp_path: Path):
    article = sorted((built / "content" / "articles").glob("*.md"))[0]
    stat = article.stat()
    text = article.read_text(encoding="utf-8")
    edited = text.replace("Geneva", "Genevx", 1)
    assert edited != text and len(edited) == len(text)
    article.write_text(edited, encoding="utf-8")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as `touch -d` or a restore would
    result = build(built)
    assert not stopped_at_once(result) and result.rendered
    assert snapshot(built / "site") == fresh_build(built, tmp_path)


@pytest.mark.parametrize("where", ["content/articles/new.md", "layouts/partials-extra.html", "content/raw/x.txt"])
def test_a_new_file_among_the_inputs_means_a_full_build(built: Path, where: str):
    if where.endswith(".md"):
        write_article(built, "new", "title: A new one\ndate: 2022-01-11\npublisher: Axios\nsummary: New.\n")
    else:
        (built / where).parent.mkdir(parents=True, exist_ok=True)
        (built / where).write_text("something\n")
    assert not stopped_at_once(build(built))


def test_a_removed_input_means_a_full_build(built: Path):
    sorted((built / "content" / "articles").glob("*.md"))[-1].unlink()
    assert not stopped_at_once(build(built, skip_invalid=True))


@pytest.mark.parametrize("damage", ["delete a page", "edit a page", "edit robots.txt", "delete a cache"])
def test_an_output_or_cache_changed_by_hand_is_put_back(built: Path, tmp_path: Path, damage: str):
    site = built / "site"
    if damage == "delete a page":
        (site / "about" / "index.html").unlink()
    elif damage == "edit a page":
        page = site / "index.html"
        page.write_text(page.read_text() + "<!-- hand edit -->")
    elif damage == "edit robots.txt":
        (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    else:
        (built / ".digest-cache" / "related.json").unlink()
    assert not stopped_at_once(build(built))
    assert snapshot(site) == fresh_build(built, tmp_path)
    assert (built / ".digest-cache" / "related.json").exists()


def test_other_options_mean_a_full_build(built: Path):
    assert not stopped_at_once(build(built, base_url="https://example.net/other/"))
    assert not stopped_at_once(build(built))  # and back


def test_a_scheduled_article_coming_due_means_a_full_build(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    write_article(project, "later", "title: Zqscheduled outlook\ndate: 2022-01-12\n"
                  "publish_date: 2031-01-05\npublisher: Axios\nsummary: Later.\n")
    before = dt.datetime(2030, 12, 1, tzinfo=dt.UTC)
    build(project, now=before)
    assert stopped_at_once(build(project, now=before))
    assert "Zqscheduled" not in (project / "site" / "index.html").read_text()
    result = build(project, now=dt.datetime(2031, 2, 1, tzinfo=dt.UTC))
    assert not stopped_at_once(result)
    assert "Zqscheduled" in (project / "site" / "articles" / "index.html").read_text()


def test_the_warnings_of_the_last_build_are_said_again(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    write_article(project, "orphan", "title: Orphan\ndate: 2022-01-11\npublisher: Axios\nsummary: O.\n"
                  "raw: raw/missing.txt\n")
    first = build(project)
    warned = [w for w in first.report.warnings if "missing.txt" in w]
    assert warned
    again = build(project)
    assert stopped_at_once(again) and [w for w in again.report.warnings if "missing.txt" in w] == warned


def test_a_damaged_manifest_means_a_full_build(built: Path):
    [path] = (built / ".digest-cache").glob("inputs-*.json")
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    assert not stopped_at_once(build(built))
    assert stopped_at_once(build(built))


def test_an_edit_during_a_build_is_seen_by_the_next_one(built: Path, monkeypatch):
    """A file changed after the build took its snapshot (while it loads) is read again next time."""
    from digest.output import manifest
    article = sorted((built / "content" / "articles").glob("*.md"))[0]
    real_snapshot = manifest.snapshot

    def snapshot_then_edit(folders):
        files = real_snapshot(folders)
        article.write_text(article.read_text(encoding="utf-8") + "\nAdded while building.\n", encoding="utf-8")
        return files

    monkeypatch.setattr(manifest, "snapshot", snapshot_then_edit)
    build(built)
    monkeypatch.setattr(manifest, "snapshot", real_snapshot)
    assert not stopped_at_once(build(built))


def test_inputs_holding_a_symbolic_link_are_always_read_again(built: Path):
    target = built / "content" / "shared-notes.txt"
    target.write_text("notes\n")
    (built / "content" / "raw").mkdir(exist_ok=True)
    (built / "content" / "raw" / "notes.txt").symlink_to(target)
    build(built)
    assert not stopped_at_once(build(built))
