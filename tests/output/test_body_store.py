"""Rendered Markdown kept between builds: reused when only layouts change, never trusted blindly."""
from __future__ import annotations

from pathlib import Path

from digest.output import bodies
from digest.output.bodies import BodyStore, render_with_store
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project
from tests.output.test_incremental import snapshot


def test_a_layout_edit_renders_no_markdown_again(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    layout = project / "layouts" / "article.html"
    layout.write_text(layout.read_text().replace('<div class="article-body">', '<div class="article-body" data-x>'))

    def no_markdown(text: str) -> str:
        raise AssertionError("a body was rendered again")

    monkeypatch.setattr(bodies, "render_markdown", no_markdown)
    result = build_site(Project(project))
    assert any(url.startswith("articles/") for url in result.rendered)
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    build_site(Project(project), BuildOptions(output=fresh, use_cache=False))
    assert snapshot(project / "site") == snapshot(fresh)


def test_entries_belong_to_exactly_one_text_and_renderer(tmp_path: Path):
    store = BodyStore(tmp_path / "b.sqlite")
    html = render_with_store(store, "Some *text*.")
    store.flush()
    again = BodyStore(tmp_path / "b.sqlite")
    assert again.get(again.key("Some *text*.")) == html
    assert again.get(again.key("Some *text*!")) is None
    monkey = BodyStore(tmp_path / "b.sqlite")
    monkey.version = "another renderer"
    assert monkey.get(monkey.key("Some *text*.")) is None


def test_the_store_forgets_bodies_no_article_has(tmp_path: Path):
    store = BodyStore(tmp_path / "b.sqlite")
    for n in range(300):
        render_with_store(store, f"Body {n}")
    store.flush()
    live = {store.key(f"Body {n}") for n in range(10)}
    store.keep_only(lambda: live, at_most=100)  # 300 <= 2 * 100 + 100: not worth pruning yet
    assert store.get(store.key("Body 200"))
    store.keep_only(lambda: live, at_most=len(live))
    assert all(store.get(key) for key in live)
    assert store.get(store.key("Body 200")) is None
