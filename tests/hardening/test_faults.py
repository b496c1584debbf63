"""Faults: killed builds, full disks, read-only output, interrupted ingests. Nothing is lost."""
from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generate import generate
from digest.errors import PublishError
from digest.output import publish
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import REPO, copy_project


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_sigkill_at_random_points_keeps_the_previous_site_whole(tmp_path: Path):
    project = generate(300, tmp_path / "p")
    build_site(Project(project))
    previous = snapshot(project / "site")
    rng = random.Random(7)
    for round_ in range(4):
        article = sorted((project / "content" / "articles").glob("*.md"))[round_]
        article.write_text(article.read_text() + f"\nEdit {round_}.\n")
        child = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--project", str(project), "--no-cache"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        now = snapshot(project / "site")
        assert now == previous or now == snapshot_after_build(project, tmp_path, round_), "site is a mix"
        build_site(Project(project))
        previous = snapshot(project / "site")
    assert not list(project.glob(".site-build-*"))


def snapshot_after_build(project: Path, tmp_path: Path, n: int) -> dict[str, str]:
    """What a complete build of the current content gives (the kill may have come after the swap)."""
    out = tmp_path / f"reference{n}"
    build_site(Project(project), BuildOptions(output=out, use_cache=False))
    return snapshot(out)


def test_full_disk_gives_a_clear_error_and_keeps_the_old_site(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    before = snapshot(project / "site")
    original = Path.write_bytes

    def full_disk(self, data):
        if ".site-build-" in str(self):
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    (project / "content" / "site.yaml").write_text((project / "content" / "site.yaml").read_text() + "\n# x\n")
    path = next((project / "content" / "articles").glob("*.md"))
    path.write_text(path.read_text() + "\nChanged.\n")
    with pytest.raises(PublishError, match="No space left on device"):
        build_site(Project(project))
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-build-*"))


def test_output_that_cannot_be_replaced_gives_a_clear_error(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    before = snapshot(project / "site")
    monkeypatch.setattr(publish, "_exchange", lambda a, b: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only file system")))
    path = next((project / "content" / "articles").glob("*.md"))
    path.write_text(path.read_text() + "\nChanged.\n")
    with pytest.raises(PublishError, match="Read-only file system"):
        build_site(Project(project))
    assert snapshot(project / "site") == before


def test_output_inside_a_file_is_a_clear_error(tmp_path: Path, capsys):
    from digest.cli import main
    project = copy_project(tmp_path / "p")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert main(["build", "--project", str(project), "--output", str(blocker / "site")]) == 1
    assert "error:" in capsys.readouterr().err


def test_interrupted_ingest_never_leaves_a_half_written_article(tmp_path: Path, monkeypatch):
    from digest.ingest import merge
    target = tmp_path / "a.md"
    target.write_text("---\ntitle: Old\n---\nOld body\n")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        merge.write_atomically(target, "---\ntitle: New\n---\n" + "x" * 100000)
    assert target.read_text() == "---\ntitle: Old\n---\nOld body\n"


def test_a_replaced_site_deleted_in_the_background_is_gone_and_the_new_one_whole(tmp_path: Path):
    from digest.output import publish
    out = tmp_path / "site"
    for index in range(50):
        (out / f"d{index}").mkdir(parents=True)
        (out / f"d{index}" / "index.html").write_text("old")
    (out / publish.MARKER).write_bytes(publish.MARKER_TEXT)  # a site a build made: ours to replace
    staging = publish.new_staging_dir(out)
    (staging / "index.html").write_text("new")
    publish.swap_into_place(staging, out, background=True)
    assert sorted(p.name for p in out.iterdir()) == [publish.MARKER, "index.html"]  # nothing old mixed in
    deadline = time.monotonic() + 60  # a wait for the other process, not a speed assertion
    while list(tmp_path.glob(".site-*-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".site-*-*"))


def test_a_background_deletion_cut_short_is_finished_by_the_next_build(sample_project: Path):
    from digest.output import publish
    from digest.output.run import build_site
    from digest.project import Project
    killed_build = sample_project / ".site-build-killed"
    cut_short = sample_project / ".site-trash-cut-short"
    for leftover in (killed_build, cut_short):
        (leftover / "articles" / "x").mkdir(parents=True)
        (leftover / "articles" / "x" / "index.html").write_text("old")
        (leftover / publish.MARKER).write_bytes(publish.MARKER_TEXT)
    build_site(Project(sample_project))
    assert not killed_build.exists()
    assert (sample_project / "site" / "index.html").exists()
    deadline = time.monotonic() + 60  # the trash is deleted by another process: wait for it
    while cut_short.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not cut_short.exists()
