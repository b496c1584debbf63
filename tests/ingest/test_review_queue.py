"""The review queue: `review: needed` articles are listed by check, shown by serve, labelled or held."""
from __future__ import annotations

import io
import json
import urllib.request
from pathlib import Path

import pytest

from digest.cli import main
from digest.content.load import load_site
from digest.project import Project
from digest.review import review_page, review_queue
from tests.conftest import copy_project

ARTICLE = "content/articles/2022-01-09-brinken-warns-russia-against-invading.md"
PAGE = "site/articles/2022-01-09-brinken-warns-russia-against-invading/index.html"


def mark_for_review(project: Path, reasons: list[str]) -> None:
    path = project / ARTICLE
    listed = "".join(f"\n- {json.dumps(r)}" for r in reasons)
    path.write_text(path.read_text().replace("---\n", f"---\nreview: needed\nreview_reasons:{listed}\n", 1))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p")
    mark_for_review(root, ["title guessed (weak headline evidence: 0.4)", "no publisher found"])
    return root


def test_check_lists_the_articles_waiting_for_review_with_their_reasons(project: Path, capsys):
    main(["check", "--project", str(project)])
    out = capsys.readouterr().out
    assert f"review needed: {project / ARTICLE}: " in out
    assert "  - no publisher found" in out


def test_a_published_build_includes_unreviewed_articles_with_a_visible_label(project: Path):
    assert main(["build", "--project", str(project)]) == 0
    assert "Unreviewed" in (project / PAGE).read_text()


def test_the_site_setting_can_keep_unreviewed_articles_out_of_a_published_build(project: Path):
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "\nunreviewed: exclude\n")
    assert main(["build", "--project", str(project)]) == 0
    assert not (project / PAGE).exists()


def test_review_done_takes_an_article_out_of_the_queue(project: Path):
    path = project / ARTICLE
    path.write_text(path.read_text().replace("review: needed", "review: done"))
    assert review_queue(load_site(project / "content").articles) == []


def test_an_unknown_review_state_is_an_error_at_its_line(project: Path, capsys):
    path = project / ARTICLE
    path.write_text(path.read_text().replace("review: needed", "review: maybe"))
    assert main(["check", "--project", str(project)]) == 1
    assert f"{project / ARTICLE}:2: `review` must be one of needed, done" in capsys.readouterr().err


def test_the_review_page_escapes_what_it_shows():
    import datetime as dt

    from digest.model import Article
    article = Article(id="a", title="<b>x</b>", date=dt.date(2022, 1, 9), date_source="explicit", publisher="P",
                      body_utf8=b"", source_path=Path("a.md"), review_reasons=("<script>",))
    html = review_page(review_queue([article])).decode()
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;script&gt;" in html and "<script>" not in html


def test_serve_shows_the_review_page(project: Path):
    from digest.serve.session import PreviewSession
    from tests.serve.test_preview_server import free_port
    preview = PreviewSession(Project(project), port=free_port(), quiet=0.2, out=io.StringIO())
    preview.start()
    try:
        with urllib.request.urlopen(preview.url + "_review/", timeout=5) as response:
            html = response.read().decode()
    finally:
        preview.stop()
    assert "Review queue (1)" in html and "no publisher found" in html


def test_the_review_page_follows_edits_in_the_preview(project: Path):
    from digest.serve.session import PreviewSession
    from tests.serve.test_preview_server import free_port, wait_for
    preview = PreviewSession(Project(project), port=free_port(), quiet=0.05, out=io.StringIO())
    preview.start()

    def page() -> str:
        with urllib.request.urlopen(preview.url + "_review/", timeout=5) as response:
            return response.read().decode()
    try:
        assert "Review queue (1)" in page()
        path = project / ARTICLE
        path.write_text(path.read_text().replace("review: needed", "review: done", 1))
        assert wait_for(lambda: "Review queue (0)" in page())
        path.write_text(path.read_text().replace("review: done", "review: needed", 1)
                        .replace("no publisher found", "a second look"))
        assert wait_for(lambda: "a second look" in page())
    finally:
        preview.stop()
