"""Caches that cannot hurt (issue #18): a damaged or planted entry is never published, and a cache
folder that cannot be used (a file, a link to /dev/null, read-only, a full disk) only makes the
build slower: one warning, the same site, never a traceback."""
from __future__ import annotations

import builtins
import errno
import hashlib
import io
import os
import sqlite3
from pathlib import Path

import pytest

from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def fresh_build(project: Path, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "fresh"
    build_site(Project(project), BuildOptions(output=out, use_cache=False))
    return snapshot(out)


def touch_every_article_page(project: Path) -> None:
    """A layout edit that renders every article page again, to the same bytes (bodies from the store)."""
    layout = project / "layouts" / "article.html"
    layout.write_text(layout.read_text() + "{# every article page again #}\n")


def edit_rows(project: Path, sql: str) -> int:
    db = sqlite3.connect(project / ".digest-cache" / "bodies.sqlite")
    with db:
        changed = db.execute(sql).rowcount
    db.close()
    return changed


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    return project


def test_a_planted_script_in_the_body_store_is_never_published(built: Path, tmp_path: Path):
    assert edit_rows(built, "UPDATE rendered SET html = html || '<script>alert(1)</script>'") > 0
    touch_every_article_page(built)
    build_site(Project(built))
    assert not [p for p in (built / "site").rglob("*.html") if "<script>alert(1)" in p.read_text()]
    assert snapshot(built / "site") == fresh_build(built, tmp_path)


def test_a_changed_byte_in_a_stored_body_drops_the_row_and_renders_it_again(built: Path, tmp_path: Path):
    assert edit_rows(built, "UPDATE rendered SET html = replace(html, 'e', 'x')") > 0
    touch_every_article_page(built)
    build_site(Project(built))
    assert snapshot(built / "site") == fresh_build(built, tmp_path)


def test_a_store_of_the_old_format_without_checksums_is_not_read(tmp_path: Path):
    from digest.output.bodies import BodyStore
    path = tmp_path / "bodies.sqlite"
    key = BodyStore(tmp_path / "other.sqlite").key("Text.")
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        db.execute("INSERT INTO bodies VALUES (?, ?)", (key, "<p>planted</p>"))
    db.close()
    store = BodyStore(path)
    assert store.get(key) is None


def unusable_as_a_file(cache: Path) -> None:
    cache.write_text("not a folder")


def unusable_as_a_link_to_dev_null(cache: Path) -> None:
    cache.symlink_to("/dev/null")


@pytest.mark.parametrize("make_unusable", [unusable_as_a_file, unusable_as_a_link_to_dev_null])
def test_a_cache_folder_that_is_no_folder_gives_one_warning_and_the_same_site(tmp_path: Path, capsys, make_unusable):
    from digest.cli import main
    project = copy_project(tmp_path / "p")
    make_unusable(project / ".digest-cache")
    assert main(["build", "--project", str(project)]) == 0
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "building without its caches" in err, err
    assert snapshot(project / "site") == fresh_build(project, tmp_path)
    assert main(["build", "--project", str(project)]) == 0  # and the next build too
    assert (project / ".digest-cache").is_symlink() or (project / ".digest-cache").read_text() == "not a folder"


def refuse_writes_in(folder: Path, code: int):
    """open() and mkdir() fail under `folder` as on a read-only file system or a full disk."""
    real_open, real_mkdir = builtins.open, os.mkdir

    def inside(path) -> bool:
        return str(folder) in os.path.abspath(os.fspath(path))

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and inside(file) and any(c in mode for c in "wax+"):
            raise OSError(code, os.strerror(code), str(file))
        return real_open(file, mode, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        if inside(path):
            raise OSError(code, os.strerror(code), str(path))
        return real_mkdir(path, *args, **kwargs)

    return guarded_open, guarded_mkdir


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
@pytest.mark.parametrize("cache_exists", [False, True], ids=["no-cache-yet", "cache-from-last-build"])
def test_a_cache_folder_that_cannot_be_written_gives_one_warning_and_the_same_site(
        tmp_path: Path, capsys, monkeypatch, code: int, cache_exists: bool):
    from digest.cli import main
    project = copy_project(tmp_path / "p")
    expected = fresh_build(project, tmp_path)
    if cache_exists:
        build_site(Project(project), BuildOptions(output=tmp_path / "earlier"))
    guarded_open, guarded_mkdir = refuse_writes_in(project / ".digest-cache", code)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)
    assert main(["build", "--project", str(project), "--jobs", "1"]) == 0
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "cannot be written" in err and "Traceback" not in err, err
    assert snapshot(project / "site") == expected


def test_serve_with_a_cache_folder_that_is_a_file_previews_from_a_temporary_folder(tmp_path: Path):
    from digest.serve.session import PreviewSession
    from tests.serve.test_preview_server import free_port, get
    project = copy_project(tmp_path / "p")
    (project / ".digest-cache").write_text("not a folder")
    out = io.StringIO()
    session = PreviewSession(Project(project), port=free_port(), out=out)
    session.start()
    try:
        status, html = get(session, "")
        assert status == 200 and "livereload" in html
    finally:
        session.stop()
    assert out.getvalue().count("warning:") == 1
    assert not session.output.exists()  # the temporary preview is gone with the server


def test_compiled_templates_are_never_read_from_disk_so_a_planted_pickle_cannot_run(built: Path, tmp_path: Path):
    import pickle

    import jinja2.bccache
    marker = tmp_path / "planted-code-ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    jinja = built / ".digest-cache" / "jinja"
    jinja.mkdir(exist_ok=True)
    for name in ("base.html", "article.html", "index.html"):  # under the names Jinja's file cache used
        key = hashlib.sha1(f"{name}|{built / 'layouts' / name}".encode()).hexdigest()
        (jinja / f"__jinja2_{key}.cache").write_bytes(jinja2.bccache.bc_magic + pickle.dumps(Planted(), 2))
    touch_every_article_page(built)
    build_site(Project(built))
    assert not marker.exists()
    assert not jinja.exists()  # an older version's cache folder is removed, never read
    assert snapshot(built / "site") == fresh_build(built, tmp_path)


def test_a_preview_rebuild_compiles_only_the_template_that_changed(tmp_path: Path, monkeypatch):
    import jinja2

    from digest.render.templates import Templates
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "a.html").write_text("A {{ x }}")
    (layouts / "b.html").write_text("B {{ x }}")
    for name in ("a.html", "b.html"):
        Templates(layouts).render(name, {"x": 1})
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, filename=None, *a, **k: compiled.append(name)
                        or real(self, source, name, filename, *a, **k))
    (layouts / "b.html").write_text("B2 {{ x }}")
    templates = Templates(layouts)
    assert templates.render("a.html", {"x": 1}) == "A 1" and templates.render("b.html", {"x": 1}) == "B2 1"
    assert compiled == ["b.html"]


def test_a_planted_table_of_related_articles_naming_unknown_articles_is_ignored(built: Path, tmp_path: Path):
    from digest import cache_file
    from digest.output import cache
    path = built / ".digest-cache" / "related.json"
    saved = cache_file.load(path, cache.related_version())
    assert saved and any(saved["related"].values())  # the sample's articles have related articles
    planted = {key: ["../../evil", "no-such-article"] for key in saved["related"]}
    assert cache_file.save(path, cache.related_version(), {"inputs": saved["inputs"], "related": planted})
    touch_every_article_page(built)
    build_site(Project(built))
    assert snapshot(built / "site") == fresh_build(built, tmp_path)
    assert cache_file.load(path, cache.related_version()) == saved  # the build put the true table back


def test_the_table_of_related_articles_is_made_again_when_an_article_names_other_entities(
        built: Path, tmp_path: Path):
    import re

    from digest import cache_file
    from digest.output import cache
    path = built / ".digest-cache" / "related.json"
    before = cache_file.load(path, cache.related_version())
    article = sorted((built / "content" / "articles").glob("*.md"))[0]
    text, count = re.subn(r"\nentities:\n(?:- .*\n)+", "\nentities:\n- geneva\n", article.read_text(), count=1)
    assert count == 1
    article.write_text(text)
    build_site(Project(built))
    after = cache_file.load(path, cache.related_version())
    assert after["inputs"] != before["inputs"] and after["related"] != before["related"]
    assert snapshot(built / "site") == fresh_build(built, tmp_path)
