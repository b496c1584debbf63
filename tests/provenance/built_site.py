"""Build the provenance fixture project in a temporary folder and read its pages as HTML trees."""
from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import FIXTURES, REPO

FIXTURE = FIXTURES / "provenance"
WIRE = "2022-01-10-wire-geneva"
SPUN = "2022-01-10-spun-geneva"
TRANSLATED = "2022-01-11-translated-vienna"


def copy_fixture(dest: Path) -> Path:
    """The fixture content with the real layouts, as a project under dest."""
    shutil.copytree(FIXTURE / "content", dest / "content")
    shutil.copytree(REPO / "layouts", dest / "layouts")
    return dest


def build(project: Path) -> Path:
    build_site(Project(project), BuildOptions())
    return project / "site"


def edit_article(project: Path, article_id: str, old: str, new: str) -> None:
    path = project / "content" / "articles" / f"{article_id}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def page(site: Path, url: str) -> Element:
    """A built page parsed as a browser would (html5lib), without the XHTML namespace."""
    return html5lib.parse((site / url).read_bytes(), namespaceHTMLElements=False)


def article_page(site: Path, article_id: str) -> Element:
    return page(site, f"articles/{article_id}/index.html")


def text(element: Element | None) -> str:
    """The text a reader sees in an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def by_class(root: Element, name: str, tag: str = "*") -> list[Element]:
    return [e for e in root.iter(tag) if name in (e.get("class") or "").split()]


def links(root: Element) -> list[Element]:
    return list(root.iter("a"))
