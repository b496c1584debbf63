"""Escaping, atomic output, and clear failures of the full build."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.cli import main
from digest.errors import ErrorList
from digest.output.run import build_site
from digest.project import Project
from tests.conftest import write_article
from tests.inert_html import executable_problems

FRONT = """title: "<script>alert('x')</script> Talks"
date: 2022-01-10
publisher: "Evil <b>Press</b>"
summary: "<img src=x onerror=alert(1)>"
tags: ["<script>", "ok"]"""


def test_script_in_title_summary_tags_and_body_is_escaped(empty_project: Path):
    write_article(empty_project, "2022-01-10-evil", FRONT,
                  "Hello <script>alert(1)</script>\n\n[click](javascript:alert(1))\n")
    build_site(Project(empty_project))
    assert executable_problems(empty_project / "site") == []
    for page in (empty_project / "site").rglob("*.html"):
        assert "<script>alert" not in page.read_text(), page
    article = (empty_project / "site/articles/2022-01-10-evil/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Talks" in article
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article


def test_failed_build_leaves_the_previous_site_untouched(empty_project: Path):
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    build_site(Project(empty_project))
    before = {p: p.read_bytes() for p in (empty_project / "site").rglob("*") if p.is_file()}
    write_article(empty_project, "2022-01-11-bad", "title: Bad\ndate: never\npublisher: P")
    with pytest.raises(ErrorList):
        build_site(Project(empty_project))
    after = {p: p.read_bytes() for p in (empty_project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(empty_project.glob(".site-build-*"))


def test_template_error_fails_the_build_with_template_file_and_line(empty_project: Path):
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    (empty_project / "layouts" / "404.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{{ oops }\n{% endblock %}\n")
    with pytest.raises(ErrorList) as caught:
        build_site(Project(empty_project))
    assert str(caught.value).startswith(f"{empty_project / 'layouts' / '404.html'}:3:")


def test_undefined_variable_in_template_is_an_error_not_blank(empty_project: Path):
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    (empty_project / "layouts" / "404.html").write_text("{% extends 'base.html' %}\n{% block main %}\n\n{{ no_such_thing }}\n{% endblock %}\n")
    with pytest.raises(ErrorList) as caught:
        build_site(Project(empty_project))
    assert "404.html:4: 'no_such_thing' is undefined" in str(caught.value)


def test_unknown_layout_names_the_article_line(empty_project: Path):
    path = write_article(empty_project, "2022-01-10-x", "title: X\ndate: 2022-01-10\npublisher: P\nlayout: fancy")
    with pytest.raises(ErrorList) as caught:
        build_site(Project(empty_project))
    assert str(caught.value) == f"{path}:5: unknown layout 'fancy' (no layouts/fancy.html)"


def test_command_line_prints_a_one_line_summary(empty_project: Path, capsys):
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    assert main(["build", "--project", str(empty_project)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Built ") and " ms" in out[0]


def test_command_line_reports_errors_and_exits_non_zero(empty_project: Path, capsys):
    path = write_article(empty_project, "x", "date: 2022-01-10\npublisher: P")
    assert main(["--project", str(empty_project)]) == 1
    err = capsys.readouterr().err
    assert f"error: {path}:1: missing required field `title`" in err
    assert "was left as it was" in err


def test_skip_invalid_builds_the_rest(empty_project: Path, capsys):
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    write_article(empty_project, "bad", "date: 2022-01-10\npublisher: P")
    assert main(["build", "--project", str(empty_project), "--skip-invalid"]) == 0
    assert "skipped:" in capsys.readouterr().err
    assert (empty_project / "site/articles/2022-01-10-good/index.html").exists()


def test_output_paths_cannot_escape_the_site_folder(tmp_path: Path):
    from digest.errors import PublishError
    from digest.output.publish import safe_file_name, safe_join
    for bad in ("../x.html", "a/../../x", "/etc/passwd", "a\\..\\b", "a/\x00", "", "..", "a/.."):
        with pytest.raises(PublishError):
            safe_join(tmp_path, bad)
        with pytest.raises(PublishError):
            safe_file_name(str(tmp_path), bad)


def test_output_paths_name_the_same_file_however_they_are_spelled(tmp_path: Path):
    from digest.output.publish import safe_join
    assert safe_join(tmp_path, "articles/x/index.html") == tmp_path / "articles" / "x" / "index.html"
    for spelled in ("articles//x/index.html", "articles/./x/index.html", "./articles/x/index.html"):
        assert safe_join(tmp_path, spelled) == tmp_path / "articles" / "x" / "index.html"


def test_the_string_form_of_an_output_path_is_the_same_file(tmp_path: Path):
    from digest.output.publish import safe_file_name, safe_join
    for url in ("index.html", "articles/x/index.html", "articles//x/index.html", "./a/b.js", "t/é.js"):
        for root in (tmp_path, Path("/"), Path("relative/site")):
            assert safe_file_name(str(root), url) == str(safe_join(root, url))
