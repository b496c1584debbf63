"""Incremental builds produce exactly the bytes of a full build, and skip what did not change."""
from __future__ import annotations

import hashlib
import itertools
import random
import re
from pathlib import Path

import pytest

from digest.output.run import Builder, BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project, write_article


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


_FRESH = itertools.count()


def fresh_build(project: Path, tmp: Path) -> dict[str, str]:
    out = tmp / f"fresh-{next(_FRESH)}"
    build_site(Project(project), BuildOptions(output=out, use_cache=False))
    return snapshot(out)


ARTICLES = "content/articles"


def seeds(count: int) -> list:
    """Seed 0 in every run; the others with `-m slow` (CI runs both)."""
    return [0, *(pytest.param(seed, marks=pytest.mark.slow) for seed in range(1, count))]


def edit_body(project: Path, rng: random.Random) -> None:
    path = rng.choice(sorted((project / ARTICLES).glob("*.md")))
    path.write_text(path.read_text() + f"\nAn added paragraph {rng.random()}. The talks resume on Wednesday.\n")


def edit_title(project: Path, rng: random.Random) -> None:
    path = rng.choice(sorted((project / ARTICLES).glob("*.md")))
    text = path.read_text()
    path.write_text(text.replace("title: ", f"title: Updated {rng.randint(1, 99)} ", 1))


def edit_tags(project: Path, rng: random.Random) -> None:
    path = rng.choice(sorted((project / ARTICLES).glob("*.md")))
    path.write_text(path.read_text().replace("tags:\n", f"tags:\n- extra-{rng.randint(1, 3)}\n", 1))


def add_article(project: Path, rng: random.Random) -> None:
    n = rng.randint(100, 999)
    write_article(project, f"2022-01-12-new-{n}", f"title: New {n}\ndate: 2022-01-12\npublisher: New Outlet {n % 3}\n"
                  "tags: [russia, new]", "Officials met in Brussels on Wednesday.\n")


def delete_article(project: Path, rng: random.Random) -> None:
    candidates = sorted((project / ARTICLES).glob("2022-01-12-new-*.md"))
    if candidates:
        rng.choice(candidates).unlink()


def edit_template(project: Path, rng: random.Random) -> None:
    path = project / "layouts" / "partials" / "card.html"
    path.write_text(path.read_text() + f"<!-- {rng.randint(1, 9)} -->\n")


def edit_settings(project: Path, rng: random.Random) -> None:
    path = project / "content" / "site.yaml"
    path.write_text(path.read_text().replace("title: ", f"title: T{rng.randint(1, 9)} ", 1))


def edit_stylesheet(project: Path, rng: random.Random) -> None:
    path = project / "layouts" / "static" / "style.css"
    path.write_text(path.read_text() + f"\n/* {rng.random()} */\n")


def edit_entity_name(project: Path, rng: random.Random) -> None:
    """Renames an entity: every page and search entry naming it changes, no article file does."""
    path = project / "content" / "entities.yaml"
    path.write_text(path.read_text().replace("{name: Antony Blinken", f"{{name: Antony Blinken {rng.randint(1, 9)}", 1)
                    .replace("{name: Vladimir Putin", f"{{name: Vladimir Putin {rng.randint(1, 9)}", 1))


def _toggle_line(project: Path, rng: random.Random, line: str) -> None:
    """Adds `line` to the front matter of a random article, or removes it where it is."""
    path = rng.choice(sorted((project / ARTICLES).glob("*.md")))
    text = path.read_text()
    if f"\n{line}\n" in text:
        path.write_text(text.replace(f"\n{line}\n", "\n", 1))
    else:
        path.write_text(text.replace("\ntitle: ", f"\n{line}\ntitle: ", 1))


def toggle_draft(project: Path, rng: random.Random) -> None:
    _toggle_line(project, rng, "draft: true")


def toggle_schedule(project: Path, rng: random.Random) -> None:
    _toggle_line(project, rng, "publish_date: 2099-01-01")


def toggle_alias(project: Path, rng: random.Random) -> None:
    _toggle_line(project, rng, f"aliases: [old/{rng.choice('abc')}-{rng.randint(1, 999)}/]")


EDITS = [edit_body, edit_title, edit_tags, add_article, delete_article, edit_template, edit_settings, edit_stylesheet,
         edit_entity_name, toggle_draft, toggle_schedule, toggle_alias]


def test_an_entity_rename_reaches_the_search_index(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    builder = Builder(Project(project))
    builder.build()
    before = (project / "site" / "search-index.js").read_text()
    edit_entity_name(project, random.Random(1))
    builder.rebuild()
    after = (project / "site" / "search-index.js").read_text()
    assert after != before and snapshot(project / "site") == fresh_build(project, tmp_path)


def paged_project(dest: Path) -> Path:
    """The sample project with listings of two cards a page (so edits shift cards between pages)."""
    project = copy_project(dest)
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "per_page: 2\n")
    return project


@pytest.mark.parametrize("seed", seeds(4))
def test_incremental_rebuild_after_random_edits_equals_a_full_build(tmp_path: Path, seed: int):
    project = paged_project(tmp_path / "p")
    builder = Builder(Project(project))
    builder.build()
    rng = random.Random(seed)
    for _ in range(6):
        rng.choice(EDITS)(project, rng)
        builder.rebuild()
        assert snapshot(project / "site") == fresh_build(project, tmp_path)


@pytest.mark.parametrize("seed", seeds(2))
def test_preview_rebuilds_with_drafts_shown_equal_a_full_build_with_drafts(tmp_path: Path, seed: int):
    project = paged_project(tmp_path / "p")
    builder = Builder(Project(project), BuildOptions(drafts=True))
    builder.build()
    rng = random.Random(seed)
    for number in range(5):
        rng.choice([toggle_draft, toggle_schedule, toggle_alias, edit_title, edit_body])(project, rng)
        builder.rebuild()
        out = tmp_path / f"fresh-drafts-{number}"
        build_site(Project(project), BuildOptions(output=out, use_cache=False, drafts=True))
        assert snapshot(project / "site") == snapshot(out)


def test_body_edit_rebuilds_only_the_pages_that_show_the_body(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    builder = Builder(Project(project))
    builder.build()
    path = project / ARTICLES / "2022-01-09-brinken-warns-russia-against-invading.md"
    path.write_text(path.read_text() + "\nOne more sentence without any date in it.\n")
    result = builder.rebuild()
    article = "articles/2022-01-09-brinken-warns-russia-against-invading/index.html"
    assert article in result.rendered
    assert {u for u in result.rendered if not u.startswith("search/")} <= {article, "search-index.js", "sw.js", "feed.xml", "feed.json",
                                    "articles/2022-01-09-brinken-warns-russia-against-invading/source/index.html"}


def test_second_build_with_nothing_changed_rewrites_no_file(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (project / "site").rglob("*.html")}
    result = build_site(Project(project))
    assert result.rendered == []
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (project / "site").rglob("*.html")}
    assert after == before


def test_cold_and_warm_builds_are_identical(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project), BuildOptions(use_cache=False))
    cold = snapshot(project / "site")
    build_site(Project(project))
    assert snapshot(project / "site") == cold


def readable_again(path: Path) -> bool:
    """Whether the build left a cache file it can use: each is checked by its own reader."""
    from digest import cache_file
    from digest.content.parsed import code_version
    from digest.output import cache, state
    from digest.output.bodies import BodyStore
    if path.suffix == ".sqlite":
        store = BodyStore(path)
        store.put(store.key("probe"), "<p>probe</p>")
        store.close()
        again = BodyStore(path)
        return again.get(again.key("probe")) == "<p>probe</p>"
    versions = {"articles.json": code_version(), "mentions.json": cache.mentions_version(),
                "search.json": cache.search_version()}
    return cache_file.load(path, versions.get(path.name, state.STATE_VERSION)) is not None


@pytest.mark.parametrize("name", ["state-*.json", "articles.json", "mentions.json", "search.json", "bodies.sqlite"])
@pytest.mark.parametrize("garbage", [b"{not json", *(pytest.param(g, marks=pytest.mark.slow) for g in (
    b"", b'{"version": "other", "sha256": ""}\n{}', b"SQLite format 3\x00" + b"\xff" * 4000))])
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, name: str, garbage: bytes):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    expected = snapshot(project / "site")
    (path,) = (project / ".digest-cache").glob(name)
    for extra in path.parent.glob(path.name + "-*"):  # SQLite's journal files
        extra.unlink()
    path.write_bytes(garbage)
    # Work that reads every cache: all pages loaded, the search index and article pages made again
    (project / "site" / "search-index.js").unlink()
    layout = project / "layouts" / "article.html"
    layout.write_text(layout.read_text() + "{# renders every article page to the same bytes #}\n")
    build_site(Project(project))
    assert snapshot(project / "site") == expected
    assert readable_again(path)


def test_a_hand_edited_output_file_is_not_trusted(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    index = project / "site" / "index.html"
    expected = index.read_bytes()
    index.write_bytes(b"tampered")
    build_site(Project(project))
    assert index.read_bytes() == expected


@pytest.mark.parametrize("seed", seeds(3))
def test_fast_path_for_watched_body_edits_equals_a_full_build(tmp_path: Path, seed: int):
    project = paged_project(tmp_path / "p")
    builder = Builder(Project(project))
    builder.build()
    rng = random.Random(seed)
    for step in range(6):
        path = rng.choice(sorted((project / ARTICLES).glob("*.md")))
        edit = rng.choice(["plain", "dated", "title"])
        text = path.read_text()
        if edit == "plain":
            path.write_text(text + f"\nA plain paragraph {step}.\n")
        elif edit == "dated":
            path.write_text(text + f"\nThe envoys met again on Thursday, step {step}.\n")
        else:
            path.write_text(text.replace("title: ", f"title: Step {step} ", 1))
        result = builder.rebuild({path})
        assert snapshot(project / "site") == fresh_build(project, tmp_path), (edit, result.rendered)


def test_fast_path_renders_only_the_pages_showing_the_body(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    builder = Builder(Project(project))
    builder.build()
    path = project / ARTICLES / "2022-01-09-brinken-warns-russia-against-invading.md"
    path.write_text(path.read_text() + "\nA sentence with no date.\n")
    result = builder.rebuild({path})
    article = "articles/2022-01-09-brinken-warns-russia-against-invading/"
    assert {u for u in result.rendered if not u.startswith("search/")} == {
        article + "index.html", article + "source/index.html", "search-index.js", "sw.js", "feed.xml", "feed.json"}


def test_a_body_edit_gives_new_addresses_only_to_the_search_shards_it_changed(tmp_path: Path):
    from tests import search_files
    project = copy_project(tmp_path / "p")
    builder = Builder(Project(project))
    builder.build()
    before = search_files.manifest(project / "site")
    path = project / ARTICLES / "2022-01-09-brinken-warns-russia-against-invading.md"
    path.write_text(path.read_text() + "\nZanzibar quokkas.\n")
    result = builder.rebuild({path})
    after = search_files.manifest(project / "site")
    changed = {k for k in after["terms"] if after["terms"][k] != before["terms"].get(k)}
    assert changed == {"z", "q"}
    assert {u for u in result.rendered if u.startswith("search/")} == {"search/t/z.js", "search/t/q.js"}
    changed_docs = [n for n, (a, b) in enumerate(zip(before["docs"], after["docs"])) if a != b]
    assert changed_docs == []  # what a result shows (title, summary) did not change
    assert "zanzibar" in search_files.term_shard(project / "site", "z")


@pytest.mark.slow
def test_output_is_identical_with_one_job_and_with_all_cores(tmp_path: Path):
    from benchmarks.generate import generate
    project = generate(450, tmp_path / "big")
    one, many = tmp_path / "one", tmp_path / "many"
    build_site(Project(project), BuildOptions(output=one, jobs=1, use_cache=False))
    build_site(Project(project), BuildOptions(output=many, jobs=2, use_cache=False))
    assert snapshot(one) == snapshot(many)
    assert len(snapshot(one)) > 450
    cached = tmp_path / "cached"  # bodies rendered into the store while the build plans
    build_site(Project(project), BuildOptions(output=cached, jobs=2))
    assert snapshot(one) == snapshot(cached)


@pytest.mark.slow
def test_one_off_parallel_builds_save_every_cache_before_dropping_it(tmp_path: Path):
    """build_site drops its memos while the workers render (a one-off process): what it saved
    must still be whole, so the next build after an edit equals a cold one."""
    from benchmarks.generate import generate
    from digest import cache_file
    from digest.output import cache
    project = generate(450, tmp_path / "big")
    build_site(Project(project), BuildOptions(jobs=2))
    rows = cache_file.load(project / ".digest-cache" / "search.json", cache.search_version())
    assert isinstance(rows, list) and len(rows) == 450
    path = sorted((project / "content" / "articles").glob("*.md"))[7]
    path.write_text(path.read_text(encoding="utf-8") + "\nZanzibar quokkas.\n", encoding="utf-8")
    build_site(Project(project), BuildOptions(jobs=2))
    build_site(Project(project), BuildOptions(output=tmp_path / "cold", jobs=2, use_cache=False))
    assert snapshot(project / "site") == snapshot(tmp_path / "cold")


def test_pages_whose_bytes_did_not_change_keep_their_file(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    site = project / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*.html")}
    layout = project / "layouts" / "article.html"
    layout.write_text(layout.read_text() + "{# a comment changes the layout, not its output #}\n")
    result = build_site(Project(project))
    assert any(url.startswith("articles/") for url in result.rendered)  # rendered again...
    after = {p: p.stat().st_ino for p in site.rglob("*.html")}
    assert after == before  # ...but the same bytes: the same files, not rewritten


def test_a_build_with_nothing_changed_rewrites_no_cache_but_restores_a_deleted_one(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    cache = project / ".digest-cache"
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")}
    (cache / "mentions.json").unlink()
    result = build_site(Project(project))
    assert result.rendered == []  # the site itself was up to date
    assert (cache / "mentions.json").exists()  # the deleted cache is back
    del stamps["mentions.json"]
    assert {name: (cache / name).stat().st_mtime_ns for name in stamps} == stamps  # the rest untouched


@pytest.mark.parametrize("names, computes", [("MENTIONS_CODE", "digest.timeline.extract._extract"),
                                             ("SEARCH_CODE", "digest.render.search._entry")])
def test_cached_rows_are_made_again_when_the_code_that_made_them_changes(tmp_path: Path, monkeypatch,
                                                                        names: str, computes: str):
    from digest.memo import BoundedMemo
    from digest.output import cache
    project = copy_project(tmp_path / "p")
    code = tmp_path / "extract_v1.py"  # stands for one of the modules the cache names
    code.write_text("# v1\n")
    monkeypatch.setattr(cache, names, (*getattr(cache, names), str(code)))
    build_site(Project(project))
    expected = snapshot(project / "site")

    def fresh_process(version: str) -> int:
        """A new process (empty memos) builds after a layout edit; how often it computes rows."""
        monkeypatch.setattr("digest.timeline.extract._CACHE", BoundedMemo())
        monkeypatch.setattr("digest.render.search._ENTRIES", BoundedMemo())
        monkeypatch.setattr("digest.render.search._BODY_TERMS", BoundedMemo())
        code.write_text(version)
        calls = []
        module, _, name = computes.rpartition(".")
        real = getattr(__import__(module, fromlist=[name]), name)
        monkeypatch.setattr(computes, lambda *args: calls.append(1) or real(*args))
        layout = project / "layouts" / "article.html"
        layout.write_text(layout.read_text() + "{# same bytes #}\n")
        (project / "site" / "search-index.js").unlink()
        build_site(Project(project), BuildOptions(jobs=1))
        assert snapshot(project / "site") == expected
        return len(calls)

    articles = len(list((project / ARTICLES).glob("*.md")))
    assert fresh_process("# v1\n") == 0          # same code: every row comes from the cache
    assert fresh_process("# v2\n") == articles   # changed code: none does


def test_a_title_edit_renders_only_the_quote_pages_that_quote_the_article(tmp_path: Path):
    """A busy event's sentences are paged; a page depends on the articles it quotes, so a title
    edit re-renders those pages, not every page of the event (and the site equals a full build)."""
    from benchmarks.generate import generate
    project = generate(120, tmp_path / "p")
    settings = project / "content" / "site.yaml"
    settings.write_text(settings.read_text() + "per_page: 5\n")
    builder = Builder(Project(project))
    builder.build()
    pages: dict[str, set[str]] = {}  # quote page -> the article ids it quotes
    for path in (project / "site" / "timeline").glob("*/events/*/**/index.html"):
        cited = re.findall(r'<blockquote cite="(?:\.\./)*articles/([^/"]+)/', path.read_text())
        pages[path.relative_to(project / "site").as_posix()] = set(cited)
    assert len(pages) > 3, "the generated week has events with paged quotes"
    counts: dict[str, int] = {}
    for ids in pages.values():
        for article_id in ids:
            counts[article_id] = counts.get(article_id, 0) + 1
    article_id = min(counts, key=lambda i: (counts[i], i))  # quoted on few pages
    expected = {url for url, ids in pages.items() if article_id in ids}
    path = project / ARTICLES / f"{article_id}.md"
    path.write_text(path.read_text().replace("title: ", "title: Retitled ", 1))
    result = builder.rebuild()
    assert {u for u in result.rendered if "/events/" in u} == expected
    assert snapshot(project / "site") == fresh_build(project, tmp_path)
