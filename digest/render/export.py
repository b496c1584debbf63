"""The whole digest as one EPUB 3 or one self-contained HTML file (pure: site in, bytes out)."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import uuid
import zipfile
from collections.abc import Callable

from digest.model import Article, ImageFile, Site
from digest.render.images import MEDIA_TYPES, ImageSource, export_variant, with_figures
from digest.render.pages import BodyCache, base_context
from digest.render.templates import Templates
from digest.timeline.days import timeline_of

ImageBytes = Callable[[ImageFile, int], bytes]  # an image resized to a width (output.images makes them)


def _context(site: Site, bodies: BodyCache, source: ImageSource, **extra) -> dict:
    context = base_context(site, "export.xhtml", bodies.html_for)
    context["body_html"] = lambda article: with_figures(site, article, bodies.html_for(article), "", source)
    context.update(extra)
    return context


def packed_image(article: Article | str, image: ImageFile) -> str:
    """Where an EPUB holds an image's packed variant, from OEBPS/ (chapters sit there too)."""
    article_id = article if isinstance(article, str) else article.id
    variant = export_variant(article_id, image)
    return f"images/{article_id}/{variant.url.rsplit('/', 1)[-1]}"


def _packed_images(site: Site) -> list[tuple[str, ImageFile]]:
    """(article id, image) of every image an export packs, in a stable order."""
    return [(article_id, image) for article_id, images in sorted(site.images.items()) for image in images]


def book_id(site: Site) -> str:
    """A stable identifier: the same digest content gives the same id."""
    digest = hashlib.sha256(site.config.fingerprint.encode())
    for article in site.articles:
        digest.update(article.content_hash.encode())
    return f"urn:uuid:{uuid.UUID(digest.hexdigest()[:32])}"


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes, stored: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def chapter_file(article_id: str) -> str:
    return f"a-{article_id}.xhtml"


def epub(site: Site, templates: Templates, stylesheet: str, image_bytes: ImageBytes) -> bytes:
    """EPUB 3: mimetype first and stored, a nav document, the timeline, then every article, and
    one variant of each image the articles show (in the manifest, so readers may open it)."""
    bodies = BodyCache()
    modified = dt.datetime.combine(site.config.coverage_end, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    chapters = [(chapter_file(a.id), a) for a in site.articles]
    packed = [(packed_image(article_id, image), MEDIA_TYPES[image.format]) for article_id, image in
              _packed_images(site)]
    common = {"chapters": chapters, "book_id": book_id(site), "modified": modified,
              "timeline": timeline_of(site), "chapter_file": chapter_file, "images": packed}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "mimetype", b"application/epub+zip", stored=True)
        _zip_entry(archive, "META-INF/container.xml", templates.render("export/container.xml", {}).encode())
        for name in ("package.opf", "nav.xhtml"):
            page = templates.render(f"export/{name}", _context(site, bodies, packed_image, **common))
            _zip_entry(archive, f"OEBPS/{name}", page.encode())
        _zip_entry(archive, "OEBPS/style.css", stylesheet.encode())
        timeline = templates.render("export/timeline.xhtml", _context(site, bodies, packed_image, **common))
        _zip_entry(archive, "OEBPS/timeline.xhtml", timeline.encode())
        for name, article in chapters:
            context = _context(site, bodies, packed_image, article=article, **common)
            html = templates.render("export/chapter.xhtml", context)
            _zip_entry(archive, f"OEBPS/{name}", html.encode())
        for article_id, image in _packed_images(site):  # already compressed: stored as they are
            data = image_bytes(image, export_variant(article_id, image).width)
            _zip_entry(archive, f"OEBPS/{packed_image(article_id, image)}", data, stored=True)
    return buffer.getvalue()


def single_html(site: Site, templates: Templates, stylesheet: str, image_bytes: ImageBytes) -> bytes:
    """Every article and the timeline in one HTML file with its stylesheet and images inlined."""
    bodies = BodyCache()

    def inline(article: Article, image: ImageFile) -> str:
        data = image_bytes(image, export_variant(article.id, image).width)
        return f"data:{MEDIA_TYPES[image.format]};base64,{base64.b64encode(data).decode('ascii')}"

    context = _context(site, bodies, inline, timeline=timeline_of(site), stylesheet=stylesheet,
                       chapter_file=chapter_file)
    return templates.render("export/single.html", context).encode("utf-8")
