"""`build.py export`: an EPUB and a single HTML file of the whole digest."""
from __future__ import annotations

import re
import xml.dom.minidom
import zipfile
from pathlib import Path

import pytest

from digest.cli import main
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("export"))
    assert main(["export", "--project", str(project), "--epub", "--html"]) == 0
    return project / "exports"


def test_epub_structure(exported: Path):
    archive = zipfile.ZipFile(exported / "geneva-week-digest.epub")
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/epub+zip"
    names = archive.namelist()
    assert "META-INF/container.xml" in names and "OEBPS/package.opf" in names and "OEBPS/nav.xhtml" in names
    assert "OEBPS/timeline.xhtml" in names
    assert len([n for n in names if n.startswith("OEBPS/a-")]) == 5
    for name in names:
        if name.endswith((".xhtml", ".opf", ".xml")):
            xml.dom.minidom.parseString(archive.read(name))  # well-formed XML
    opf = archive.read("OEBPS/package.opf").decode()
    assert opf.count("<itemref") == 7 and 'properties="nav"' in opf


def test_epub_is_deterministic(exported: Path, tmp_path: Path):
    project = copy_project(tmp_path / "again")
    main(["export", "--project", str(project), "--epub"])
    assert (project / "exports" / "geneva-week-digest.epub").read_bytes() == (exported / "geneva-week-digest.epub").read_bytes()


def test_single_html_is_self_contained_with_timeline_and_articles(exported: Path):
    html = (exported / "geneva-week-digest.html").read_text()
    assert "<style>" in html and 'rel="stylesheet"' not in html
    assert not re.search(r'src="https?:', html)
    assert html.count('<article id="a-') == 5
    assert 'id="d2022-01-10"' in html and 'href="#a-2022-01-09-brinken-warns-russia-against-invading"' in html
