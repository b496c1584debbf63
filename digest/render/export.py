"""The whole digest as one EPUB 3 or one self-contained HTML file (pure: site in, bytes out)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import zipfile

from digest.model import Site
from digest.render.pages import BodyCache, base_context
from digest.render.templates import Templates
from digest.timeline.days import timeline_of


def _context(site: Site, bodies: BodyCache, **extra) -> dict:
    context = base_context(site, "export.xhtml", bodies.html_for)
    context["body_html"] = bodies.html_for  # images are not packed into exports: bodies as written
    context.update(extra)
    return context


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


def epub(site: Site, templates: Templates, stylesheet: str) -> bytes:
    """EPUB 3: mimetype first and stored, a nav document, the timeline, then every article."""
    bodies = BodyCache()
    modified = dt.datetime.combine(site.config.coverage_end, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    chapters = [(chapter_file(a.id), a) for a in site.articles]
    common = {"chapters": chapters, "book_id": book_id(site), "modified": modified,
              "timeline": timeline_of(site), "chapter_file": chapter_file}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "mimetype", b"application/epub+zip", stored=True)
        _zip_entry(archive, "META-INF/container.xml", templates.render("export/container.xml", {}).encode())
        for name in ("package.opf", "nav.xhtml"):
            page = templates.render(f"export/{name}", _context(site, bodies, **common))
            _zip_entry(archive, f"OEBPS/{name}", page.encode())
        _zip_entry(archive, "OEBPS/style.css", stylesheet.encode())
        timeline = templates.render("export/timeline.xhtml", _context(site, bodies, **common))
        _zip_entry(archive, "OEBPS/timeline.xhtml", timeline.encode())
        for name, article in chapters:
            html = templates.render("export/chapter.xhtml", _context(site, bodies, article=article, **common))
            _zip_entry(archive, f"OEBPS/{name}", html.encode())
    return buffer.getvalue()


def single_html(site: Site, templates: Templates, stylesheet: str) -> bytes:
    """Every article and the timeline in one HTML file with its stylesheet inlined."""
    bodies = BodyCache()
    context = _context(site, bodies, timeline=timeline_of(site), stylesheet=stylesheet,
                       chapter_file=chapter_file)
    return templates.render("export/single.html", context).encode("utf-8")
