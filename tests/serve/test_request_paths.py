"""What the preview server serves for a request path (no sockets)."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.serve.changes import is_relevant, kind_of_change
from digest.serve.server import normalize_base_path, resolve


@pytest.fixture
def root(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "articles" / "a").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "articles" / "a" / "index.html").write_text("a")
    (tmp_path / "secret.txt").write_text("secret")
    return site


def test_files_and_directory_indexes(root: Path):
    assert resolve(root, "/", "/").file == root / "index.html"
    assert resolve(root, "/", "/articles/a/").file == root / "articles" / "a" / "index.html"
    assert resolve(root, "/", "/articles/a/index.html?x=1").file == root / "articles" / "a" / "index.html"
    assert resolve(root, "/", "/articles/a").location == "/articles/a/"
    assert resolve(root, "/", "/nope.html").status == 404


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/%252e%252e%252fsecret.txt",
    "/articles/../../secret.txt", "/..%5csecret.txt", "/%5c..%5csecret.txt", "/index.html%00.txt", "/./index.html",
])
def test_traversal_in_every_encoding_is_refused(root: Path, path: str):
    assert resolve(root, "/", path).status in (400, 404)
    assert resolve(root, "/", path).file is None


def test_symlink_out_of_the_site_is_refused(root: Path):
    (root / "link.txt").symlink_to(root.parent / "secret.txt")
    assert resolve(root, "/", "/link.txt").status == 400


def test_very_long_paths_are_refused(root: Path):
    assert resolve(root, "/", "/" + "a" * 5000).status == 414


def test_base_path_like_a_github_project_site(root: Path):
    assert resolve(root, "/repo/", "/repo/").file == root / "index.html"
    assert resolve(root, "/repo/", "/").location == "/repo/"
    assert resolve(root, "/repo/", "/index.html").status == 404
    assert normalize_base_path("repo") == "/repo/" and normalize_base_path("/") == "/"
    assert normalize_base_path("/a/../b/") == "/b/"


@pytest.mark.parametrize("name", [".#article.md", "article.md~", ".article.md.swp", "article.md.swx", "4913",
                                  "#article.md#", "article.md.bak", ".article.md.tmp1234", "x/.git/index"])
def test_editor_temp_files_are_ignored(name: str):
    assert not is_relevant(f"/p/content/articles/{name}")


def test_real_files_are_watched():
    assert is_relevant("/p/content/articles/2022-01-10-x.md")
    assert is_relevant("/p/layouts/static/style.css")


def test_css_only_changes_swap_stylesheets():
    assert kind_of_change({"/p/layouts/static/style.css"}) == "css"
    assert kind_of_change({"/p/layouts/static/style.css", "/p/layouts/base.html"}) == "page"
