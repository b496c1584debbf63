"""Compiled layouts are shared by every folder holding the same source, yet each error still
names the file of the folder being rendered (and its line)."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import TemplateError
from digest.render.templates import Templates

PAGE = '{% extends "base.html" %}{% block main %}\n<p>{{ title }}</p>\n{{ missing.value }}\n{% endblock %}\n'
BASE = "<main>\n{% block main %}{% endblock %}\n</main>\n"


def layouts(root: Path, page: str = PAGE) -> Path:
    folder = root / "layouts"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(page, encoding="utf-8")
    (folder / "base.html").write_text(BASE, encoding="utf-8")
    return folder


def test_the_same_source_elsewhere_reports_its_own_file_and_line(tmp_path: Path):
    first, second = layouts(tmp_path / "a"), layouts(tmp_path / "b")
    for folder in (first, second, first):  # the second and third reuse code compiled for another folder
        with pytest.raises(TemplateError) as caught:
            Templates(folder).render("page.html", {"title": "T"})
        assert str(caught.value).startswith(f"{folder / 'page.html'}:3:"), str(caught.value)


def test_a_changed_source_is_compiled_again(tmp_path: Path):
    first = layouts(tmp_path / "a", PAGE.replace("{{ missing.value }}", ""))
    second = layouts(tmp_path / "b", PAGE.replace("{{ missing.value }}", "<b>{{ title }}</b>"))
    assert Templates(first).render("page.html", {"title": "T"}) == "<main>\n<p>T</p>\n\n</main>\n"
    assert "<b>T</b>" in Templates(second).render("page.html", {"title": "T"})
    assert "<b>" not in Templates(first).render("page.html", {"title": "T"})


def test_an_edited_layout_replaces_its_old_code(tmp_path: Path):
    """A long preview session keeps one compiled version per layout, whatever the number of edits."""
    from digest.render import templates
    folder = layouts(tmp_path, PAGE.replace("{{ missing.value }}", ""))
    Templates(folder).render("page.html", {"title": "T"})
    kept = len(templates._COMPILED._code)  # noqa: SLF001 - what the process holds is the point
    for n in range(5):
        (folder / "page.html").write_text(PAGE.replace("{{ missing.value }}", f"<i>{n}</i>"), encoding="utf-8")
        assert f"<i>{n}</i>" in Templates(folder).render("page.html", {"title": "T"})
    assert len(templates._COMPILED._code) == kept  # noqa: SLF001
