"""`build.py check` finds content, template and link problems without writing anything."""
from __future__ import annotations

from pathlib import Path

from digest.cli import main
from digest.output.links import broken_links
from tests.conftest import write_article


def test_clean_project_passes(sample_project: Path, capsys):
    assert main(["check", "--project", str(sample_project)]) == 0
    assert not (sample_project / "site").exists()


def test_problems_are_listed_and_exit_is_non_zero(empty_project: Path, capsys):
    bad = write_article(empty_project, "bad", "title: T\npublisher: P\ndate: nope")
    write_article(empty_project, "2022-01-10-good", "title: Good\ndate: 2022-01-10\npublisher: P")
    (empty_project / "layouts" / "about.html").write_text(
        "{% extends 'base.html' %}{% block main %}<a href=\"../nowhere/index.html\">x</a>"
        "<a href=\"index.html#missing\">y</a>{% endblock %}")
    assert main(["check", "--project", str(empty_project)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:4: `date` must be an ISO date" in err
    assert "about/index.html: broken link ../nowhere/index.html" in err
    assert "about/index.html: link index.html#missing names a missing anchor #missing" in err
    assert not (empty_project / "site").exists()


def test_link_checker_resolves_relative_paths():
    pages = {"a/index.html": '<a href="../b/index.html#x">b</a><a href="https://x.org/">ext</a>',
             "b/index.html": '<h2 id="x">X</h2><a href="../static/s.css">s</a><a href="#y">y</a>'}
    assert broken_links(pages, {"static/s.css"}) == ["b/index.html: link #y names a missing anchor #y"]
