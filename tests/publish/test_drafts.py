"""Drafts and scheduled articles: nowhere in a published build, badged in a preview."""
from __future__ import annotations

import datetime as dt
import io
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from digest.content.load import load_site
from digest.errors import ErrorList
from digest.output.run import Builder, BuildOptions, build_site
from digest.project import Project
from digest.publication import PublishRules, hold_reason
from digest.serve.session import PreviewSession
from tests.conftest import copy_project, write_article
from tests.serve.test_preview_server import free_port

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
MARKERS = ("zqdraftmarker", "zqfuturemarker", "2022-01-11-draft-story", "2031-01-05-future-story")


def add_unpublished(project: Path) -> None:
    write_article(project, "2022-01-11-draft-story",
                  "title: Zqdraftmarker talks\ndate: 2022-01-11\npublisher: Zqdraftmarker Times\ndraft: true\n"
                  "tags: [zqdraftmarker-tag, russia]\nentities: [nato]\nsummary: Zqdraftmarker summary.\n"
                  "duplicates: [2022-01-09-brinken-warns-russia-against-invading]\n"
                  "author: [Zqdraftmarker Writer]\naliases: [zqdraftmarker-old/]",
                  "Zqdraftmarker said on Tuesday that the talks in Geneva would go on.\n")
    write_article(project, "2031-01-05-future-story",
                  "title: Zqfuturemarker outlook\ndate: 2022-01-12\npublish_date: 2031-01-05\n"
                  "publisher: Axios\ntags: [zqfuturemarker-tag]\nentities: [osce]",
                  "Zqfuturemarker: the OSCE met in Vienna on Thursday.\n")
    folder = project / "content" / "articles" / "2031-01-06-zqfuturemarker-photos"
    folder.mkdir()
    (folder / "index.md").write_text("---\ntitle: Photos\ndate: 2031-01-06\npublisher: Axios\n---\n"
                                     "![Geneva](zqfuturemarker.png)\n")
    Image.new("RGB", (800, 600)).save(folder / "zqfuturemarker.png")
    timeline = project / "content" / "timeline.yaml"
    text = timeline.read_text()
    timeline.write_text(text.replace("    sources:\n", "    sources:\n      - 2022-01-11-draft-story\n", 1))


def every_file_mentioning(site: Path, words: tuple[str, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace").lower()
            hits = [w for w in words if w in text or w in path.relative_to(site).as_posix()]
            if hits:
                found[path.relative_to(site).as_posix()] = hits
    return found


def test_a_draft_and_a_future_article_appear_in_no_file_of_a_published_build(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    add_unpublished(project)
    build_site(Project(project), BuildOptions(now=NOW))
    site = project / "site"
    assert (site / "articles" / "2022-01-09-brinken-warns-russia-against-invading" / "index.html").is_file()
    assert every_file_mentioning(site, MARKERS) == {}
    assert not (site / "tags" / "zqdraftmarker-tag").exists()


def test_build_with_drafts_includes_them_with_a_badge(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    add_unpublished(project)
    build_site(Project(project), BuildOptions(now=NOW, drafts=True))
    draft = (project / "site" / "articles" / "2022-01-11-draft-story" / "index.html").read_text()
    future = (project / "site" / "articles" / "2031-01-05-future-story" / "index.html").read_text()
    assert 'class="held-badge"><strong>Draft</strong>' in draft
    assert "<strong>Scheduled for 2031-01-05</strong>" in future
    archive = (project / "site" / "articles" / "index.html").read_text()
    assert archive.count('class="held-badge"') == 2  # the draft is a copy of Brinken's story: one card
    assert "Also from <a href=\"../articles/2022-01-11-draft-story/index.html\">Zqdraftmarker Times</a>" in archive


def test_a_scheduled_article_is_published_once_its_moment_has_come(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    add_unpublished(project)
    zurich_midnight = dt.datetime(2031, 1, 4, 23, 0, tzinfo=dt.UTC)  # the site's timezone
    before = load_site(project / "content", rules=PublishRules(now=zurich_midnight - dt.timedelta(minutes=1)))
    assert "2031-01-05-future-story" not in {a.id for a in before.articles}
    site = load_site(project / "content", rules=PublishRules(now=zurich_midnight))
    assert "2031-01-05-future-story" in {a.id for a in site.articles}
    assert "2022-01-11-draft-story" not in {a.id for a in site.articles}


def test_an_article_dated_in_the_future_is_scheduled_for_its_date(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    path = write_article(project, "2031-02-01-dated-later", "title: Later\ndate: 2031-02-01\npublisher: Axios")
    site = load_site(project / "content", rules=PublishRules(include_unpublished=True, now=NOW))
    assert site.held == {"2031-02-01-dated-later": "Scheduled for 2031-02-01"}
    assert hold_reason(site.article("2031-02-01-dated-later"), NOW, "UTC") == "Scheduled for 2031-02-01"
    assert path.exists()


@pytest.mark.parametrize("front, message", [
    ("draft: yes please", "`draft` must be true or false, got 'yes please'"),
    ("publish_date: next week", "`publish_date` must be an ISO date like 2031-01-10"),
])
def test_bad_publishing_fields_are_errors_at_their_line(empty_project: Path, front: str, message: str):
    write_article(empty_project, "2022-01-10-x", f"title: X\ndate: 2022-01-10\npublisher: P\n{front}")
    with pytest.raises(ErrorList) as error:
        load_site(empty_project / "content")
    assert f"2022-01-10-x.md:5: {message}" in str(error.value)


def test_toggling_draft_off_and_on_keeps_incremental_builds_exact(tmp_path: Path):
    from tests.output.test_incremental import snapshot
    project = copy_project(tmp_path / "p")
    add_unpublished(project)
    builder = Builder(Project(project), BuildOptions(now=NOW))
    builder.build()
    path = project / "content" / "articles" / "2022-01-11-draft-story.md"
    for old, new in (("draft: true", "draft: false"), ("draft: false", "draft: true")):
        path.write_text(path.read_text().replace(old, new))
        builder.rebuild({path})
        assert snapshot(project / "site") == fresh_build_at(project, tmp_path)


def fresh_build_at(project: Path, tmp: Path) -> dict[str, str]:
    from tests.output.test_incremental import snapshot
    out = tmp / f"fresh-{len(list(tmp.iterdir()))}"
    build_site(Project(project), BuildOptions(output=out, use_cache=False, now=NOW))
    return snapshot(out)


def test_serve_shows_drafts_and_scheduled_articles_with_the_badge(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    add_unpublished(project)
    preview = PreviewSession(Project(project), port=free_port(), quiet=0.2, out=io.StringIO())
    preview.start()
    try:
        with urllib.request.urlopen(preview.url + "articles/2022-01-11-draft-story/", timeout=5) as response:
            draft = response.read().decode()
        with urllib.request.urlopen(preview.url + "articles/2031-01-05-future-story/", timeout=5) as response:
            future = response.read().decode()
        with urllib.request.urlopen(preview.url + "articles/", timeout=5) as response:
            archive = response.read().decode()
    finally:
        preview.stop()
    assert '<p class="held-badge"><strong>Draft</strong>' in draft
    assert "<strong>Scheduled for 2031-01-05</strong>" in future
    assert "Zqdraftmarker Times" in archive and archive.count('class="held-badge"') == 2
