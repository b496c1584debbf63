"""Rendered Markdown kept between builds: reused when only layouts change, never trusted blindly."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from digest.output import bodies
from digest.output.bodies import BodyStore, render_with_store
from digest.output.parallel import PARALLEL_MIN_PAGES, start_prerender
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from digest.render.markdown import render_markdown
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


def _bodies(count: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(body=f"Body *{n}*.\n\n- a list\n- of {n}") for n in range(count)]


def test_bodies_rendered_while_a_build_plans_are_what_markdown_makes(tmp_path: Path):
    articles = _bodies(PARALLEL_MIN_PAGES)
    prerender = start_prerender(tmp_path / "b.sqlite", articles, jobs=2)
    assert prerender is not None
    prerender.wait()
    store = BodyStore(tmp_path / "b.sqlite")
    assert all(store.get(store.key(a.body)) == render_markdown(a.body) for a in articles)


def test_a_stopped_prerender_leaves_only_whole_rows(tmp_path: Path):
    articles = _bodies(5 * PARALLEL_MIN_PAGES)
    prerender = start_prerender(tmp_path / "b.sqlite", articles, jobs=2)
    assert prerender is not None
    prerender.stop()
    store = BodyStore(tmp_path / "b.sqlite")
    for article in articles:
        html = store.get(store.key(article.body))
        assert html is None or html == render_markdown(article.body)


def test_no_prerender_without_a_store_a_second_core_or_enough_articles(tmp_path: Path):
    articles = _bodies(PARALLEL_MIN_PAGES)
    assert start_prerender(None, articles, jobs=2) is None
    assert start_prerender(tmp_path / "b.sqlite", articles, jobs=1) is None
    assert start_prerender(tmp_path / "b.sqlite", articles[:-1], jobs=2) is None


ACTIVE = ["<script>x</script>", "<SCRIPT src=x>", "<iframe src=x>", "<frame>", "<object>", "<embed>",
          "<style>p{}</style>", "<link rel=x>", "<meta http-equiv=x>", "<base href=x>", "<form>", "<svg onload=x>",
          "<math>", '<p onclick="x">', "<p\tONLOAD =x>", "<img\nonerror=x>", '<a href="JavaScript:alert(1)">']
HARMLESS = ["<p>on the way, one option=3, son=1</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
            '<p><a href="https://example.org/?section=world&amp;on=1">a</a></p>', "<pre><code>x = 1</code></pre>",
            "<p>a scripted <em>styled</em> metaphor, javascript without a colon</p>"]


def test_a_stored_row_with_anything_active_is_not_markdown_output():
    assert [html for html in ACTIVE if bodies.is_markdown_output(html)] == []
    assert [html for html in HARMLESS if not bodies.is_markdown_output(html)] == []
