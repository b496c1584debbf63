"""`build.py new article` and `build.py new site`: valid starting points, nothing overwritten, no editor."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from digest.content.load import load_site
from digest.publication import PublishRules
from tests.conftest import REPO, copy_project
from tests.feed_checks import atom_problems

BUILD = [sys.executable, str(REPO / "build.py")]


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NEWS_DIGEST_NO_BOOTSTRAP": "1", "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("NEWS_DIGEST_PROJECT", None)
    return subprocess.run([*BUILD, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_new_site_then_build_works_in_an_empty_folder(tmp_path: Path):
    folder = tmp_path / "empty"
    folder.mkdir()
    made = run("new", "site", "digest", "--title", "Harbour News", cwd=folder)
    assert made.returncode == 0, made.stderr
    built = run("build", "--project", "digest", cwd=folder)
    assert built.returncode == 0, built.stderr
    site = folder / "digest" / "site"
    index = (site / "index.html").read_text()
    assert "Harbour News" in index and "Welcome" in index
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert (site / "articles" / f"{today}-welcome" / "index.html").is_file()
    assert atom_problems((site / "feed.xml").read_bytes()) == []
    checked = run("check", "--project", "digest", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_site_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = run("new", "site", "taken", cwd=tmp_path)
    assert result.returncode == 1 and "is not an empty folder; nothing was written" in result.stderr
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_new_article_writes_a_valid_draft_dated_today_and_opens_no_editor(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    marker = tmp_path / "editor-ran"
    editor = f"{sys.executable} -c 'open(\"{marker}\", \"w\")'"
    title = 'Talks resume: "no deal" # yet'
    result = run("new", "article", title, "--project", str(project), cwd=tmp_path,
                 env={"EDITOR": editor, "VISUAL": editor})
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    today = dt.datetime.now(ZoneInfo("Europe/Zurich")).date()  # the sample site's timezone
    path = project / "content" / "articles" / f"{today.isoformat()}-talks-resume-no-deal-yet.md"
    site = load_site(project / "content", rules=PublishRules(include_unpublished=True))
    article = site.article(path.stem)
    assert (article.title, article.date, article.draft, article.publisher) == (title, today, True, "Geneva Week Digest")
    assert path.stem not in {a.id for a in load_site(project / "content").articles}


def test_new_article_never_replaces_an_existing_file(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    first = run("new", "article", "Same title", "--project", str(project), "--publish", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    path = next((project / "content" / "articles").glob("*-same-title.md"))
    path.write_text(path.read_text() + "An editor's paragraph.\n")
    before = path.read_bytes()
    second = run("new", "article", "Same title", "--project", str(project), cwd=tmp_path)
    assert second.returncode == 1 and "already exists; nothing was written" in second.stderr
    assert path.read_bytes() == before and b"draft: false" in before
