"""Article folders with images: resized variants in a srcset, figure and caption, og:image, cache."""
from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
from PIL import Image

from digest.commands.check import find_problems
from digest.errors import ErrorList
from digest.output import images as output_images
from digest.output.run import Builder, BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project
from tests.output.test_incremental import snapshot

ARTICLE = "2022-01-10-delegates-meet"
FRONT = """---
title: Delegates meet in Geneva
date: 2022-01-10
publisher: Axios
summary: The delegations met.
images:
  - {file: talks.jpg, credit: "Photo: Jane Doe/Agency"}
  - {file: map.png, alt: Map of Geneva, caption: Where the talks were held, credit: OpenStreetMap}
---
The talks began on Monday.

![The two delegations at the table](talks.jpg "The delegations meet")

More text with a small icon ![icon](icon.png) inline.
"""


def make_image(path: Path, size: tuple[int, int], kind: str) -> None:
    Image.new("RGB", size, (40, 90, 160)).save(path, kind)


def article_folder(project: Path) -> Path:
    folder = project / "content" / "articles" / ARTICLE
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(FRONT)
    make_image(folder / "talks.jpg", (4000, 3000), "JPEG")
    make_image(folder / "map.png", (600, 400), "PNG")
    make_image(folder / "icon.png", (64, 64), "PNG")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("images"))
    article_folder(project)
    build_site(Project(project))
    return project


def images_of(page: Path) -> list[dict]:
    document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    return [dict(img.attrib) for img in document.iter("img")]


def test_a_4000_px_jpeg_gets_variants_no_wider_than_needed_with_width_and_height(built: Path):
    site = built / "site"
    page = site / "articles" / ARTICLE / "index.html"
    talks = next(i for i in images_of(page) if "talks" in i["src"])
    widths = [int(part.split()[1].rstrip("w")) for part in talks["srcset"].split(", ")]
    assert widths == [480, 960, 1440]
    assert (talks["width"], talks["height"], talks["loading"]) == ("1440", "1080", "lazy")
    assert talks["alt"] == "The two delegations at the table" and talks["sizes"]
    for part in talks["srcset"].split(", "):
        url, width = part.split()
        with Image.open(page.parent / url) as variant:
            assert variant.size == (int(width.rstrip("w")), int(width.rstrip("w")) * 3 // 4)
            assert variant.format == "JPEG"
    small = next(i for i in images_of(page) if "map" in i["src"])
    assert [p.split()[1] for p in small["srcset"].split(", ")] == ["480w", "600w"]
    icon = next(i for i in images_of(page) if "icon" in i["src"])
    assert icon["srcset"].endswith("icon-64.png 64w") and (icon["width"], icon["height"]) == ("64", "64")


def test_images_become_figures_with_caption_and_credit(built: Path):
    html = (built / "site" / "articles" / ARTICLE / "index.html").read_text()
    figures = re.findall(r'<figure class="figure">.*?</figure>', html)
    assert len(figures) == 2
    assert "Where the talks were held <span class=\"credit\">OpenStreetMap</span></figcaption>" in figures[0]
    assert 'alt="Map of Geneva"' in figures[0]
    assert "The delegations meet <span class=\"credit\">Photo: Jane Doe/Agency</span>" in figures[1]
    assert "<p><figure" not in html and "icon-64.png" in html


def test_the_first_image_is_og_image_and_in_json_ld(built: Path):
    html = (built / "site" / "articles" / ARTICLE / "index.html").read_text()
    url = f"https://example.org/digest/articles/{ARTICLE}/images/talks-1440.jpg"  # first in `images:`
    assert f'<meta property="og:image" content="{url}">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == [{"@type": "ImageObject", "url": url, "width": 1440, "height": 1080}]


def test_check_finds_no_broken_image_links(built: Path):
    assert find_problems(Project(built)) == []


def test_a_warm_build_resizes_nothing(built: Path, tmp_path: Path, monkeypatch):
    def no_resizing(*args):
        raise AssertionError("resized again")
    monkeypatch.setattr(output_images, "resize", no_resizing)
    result = build_site(Project(built), BuildOptions(output=tmp_path / "other"))
    assert (tmp_path / "other" / "articles" / ARTICLE / "images" / "talks-1440.jpg").is_file()
    assert result.pages > 0


def test_a_damaged_cached_variant_is_made_again(built: Path, tmp_path: Path):
    cached = sorted((built / ".digest-cache" / "images").glob("*-1440-*"))
    assert cached
    cached[0].write_bytes(b"not the image")
    build_site(Project(built), BuildOptions(output=tmp_path / "again"))
    with Image.open(tmp_path / "again" / "articles" / ARTICLE / "images" / "talks-1440.jpg") as image:
        assert image.size == (1440, 1080)


def test_a_missing_image_is_an_error_at_its_line(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    folder = article_folder(project)
    (folder / "icon.png").unlink()
    with pytest.raises(ErrorList) as error:
        build_site(Project(project))
    assert f"{folder / 'index.md'}:14: image 'icon.png' is not in {ARTICLE}/ beside the article" in str(error.value)


def test_replacing_and_removing_images_keeps_incremental_builds_exact(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    folder = article_folder(project)
    builder = Builder(Project(project))
    builder.build()
    make_image(folder / "talks.jpg", (1000, 1000), "JPEG")
    builder.rebuild({folder / "talks.jpg"})
    build_site(Project(project), BuildOptions(output=tmp_path / "fresh1", use_cache=False))
    assert snapshot(project / "site") == snapshot(tmp_path / "fresh1")
    assert not (project / "site" / "articles" / ARTICLE / "images" / "talks-1440.jpg").exists()
    (folder / "index.md").write_text(FRONT.replace("![icon](icon.png)", "no icon"))
    builder.rebuild({folder / "index.md"})
    build_site(Project(project), BuildOptions(output=tmp_path / "fresh2", use_cache=False))
    assert snapshot(project / "site") == snapshot(tmp_path / "fresh2")


def test_captions_removed_at_ingest_are_listed_on_the_audit_page(built: Path):
    audit = (built / "site" / "articles" / "2022-01-09-ahead-of-us-russia-meet-biden-administration-issues-fresh"
             / "source" / "index.html").read_text()
    section = audit.split('<section class="audit-captions"')[1].split("</section>")[0]
    assert ('<li><a href="#L8">line 8</a>: joe-biden-unga-twitter US President Joe Biden addressing the United '
            "Nations General Assembly | UN</li>") in section
    assert 'id="L8" class="removed" data-rule="image-caption"' in audit


def test_exports_pack_one_variant_of_each_image_and_reference_nothing_outside(built: Path):
    import base64
    import io
    import re
    import xml.dom.minidom
    import zipfile

    from digest.cli import main
    assert main(["export", "--project", str(built), "--epub", "--html"]) == 0
    archive = zipfile.ZipFile(built / "exports" / "geneva-week-digest.epub")
    names = set(archive.namelist())
    packed = sorted(n for n in names if n.startswith(f"OEBPS/images/{ARTICLE}/"))
    assert packed == [f"OEBPS/images/{ARTICLE}/{n}" for n in ("icon-64.png", "map-600.png", "talks-960.jpg")]
    assert Image.open(io.BytesIO(archive.read(f"OEBPS/images/{ARTICLE}/talks-960.jpg"))).size == (960, 720)
    opf = archive.read("OEBPS/package.opf").decode()
    for name in packed:
        assert f'href="{name.removeprefix("OEBPS/")}"' in opf  # in the manifest
    assert 'media-type="image/jpeg"' in opf and 'media-type="image/png"' in opf
    chapter = archive.read(f"OEBPS/a-{ARTICLE}.xhtml").decode()
    xml.dom.minidom.parseString(chapter)  # still well-formed XHTML with the figures in it
    sources = re.findall(r'<img src="([^"]+)"', chapter)
    assert sources and all(f"OEBPS/{src}" in names for src in sources)  # every image it shows is packed
    assert 'width="960" height="720"' in chapter and "<figcaption>" in chapter
    html = (built / "exports" / "geneva-week-digest.html").read_text()
    inlined = re.findall(r'<img src="data:image/(jpeg|png);base64,([^"]+)"', html)
    assert len(inlined) == len(sources)
    assert Image.open(io.BytesIO(base64.b64decode(inlined[0][1]))).width <= 960
    assert not re.search(r'<img src="(?!data:)', html)  # self-contained: no image read from elsewhere
