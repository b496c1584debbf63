"""Images of an article as readers get them: resized variants, `srcset`, `<figure>` with caption.

Pure: which widths each image gets (never wider than the image, nor than the widest the layout
shows: the 720 px text column at 2x), their URLs, and the HTML that replaces the `<img>` the
Markdown renderer made. The files themselves are made by digest.output.images.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from digest import urls
from digest.model import Article, ImageFile, ImageMeta, Site

WIDTHS = (480, 960, 1440)  # the widest is the text column (720 CSS px) at 2x
EXPORT_WIDTH = 960  # exports pack one variant of each image: sharp on an e-reader, a tenth of the original
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
SIZES = "(max-width: 760px) 100vw, 720px"
SUFFIX = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


@dataclass(frozen=True)
class Variant:
    url: str      # under site/
    width: int
    height: int


def variant_widths(image: ImageFile) -> list[int]:
    """Widths to make: the standard ones below the image's width, then the image's own width up to
    the widest shown. A GIF (maybe animated) is copied as it is."""
    if image.format == "GIF":
        return [image.width]
    top = min(image.width, WIDTHS[-1])
    return [w for w in WIDTHS if w < top] + [top]


def variants(article_id: str, image: ImageFile) -> list[Variant]:
    stem = image.name.rsplit(".", 1)[0].lower()
    return [Variant(urls.article_file(article_id, f"images/{stem}-{width}.{SUFFIX[image.format]}"), width,
                    max(1, round(image.height * width / image.width)))
            for width in variant_widths(image)]


def export_variant(article_id: str, image: ImageFile) -> Variant:
    """The one variant an export packs: the widest made that is no wider than EXPORT_WIDTH."""
    made = variants(article_id, image)
    fitting = [v for v in made if v.width <= EXPORT_WIDTH]
    return fitting[-1] if fitting else made[0]


ImageSource = Callable[[Article, ImageFile], str]  # an export's own reference to its packed variant


def image_urls(site: Site) -> set[str]:
    return {v.url for article_id, images in site.images.items() for image in images
            for v in variants(article_id, image)}


def lead_image(site: Site, article: Article) -> Variant | None:
    """The first image the article shows, at its largest (og:image, JSON-LD `image`)."""
    images = site.images.get(article.id)
    return variants(article.id, images[0])[-1] if images else None


def _img(article: Article, image: ImageFile, alt: str, root: str, lazy: bool = True,
         source: ImageSource | None = None) -> str:
    if source is not None:  # an export: one packed file, XHTML syntax
        packed = export_variant(article.id, image)
        return (f'<img src="{escape(source(article, image))}" width="{packed.width}" height="{packed.height}" '
                f'alt="{escape(alt)}" />')
    made = variants(article.id, image)
    largest = made[-1]
    srcset = ", ".join(f"{escape(root + v.url)} {v.width}w" for v in made)
    return (f'<img src="{escape(root + largest.url)}" srcset="{srcset}" sizes="{SIZES}" '
            f'width="{largest.width}" height="{largest.height}" alt="{escape(alt)}"'
            f'{" loading=" + chr(34) + "lazy" + chr(34) if lazy else ""} decoding="async">')


def _figure(article: Article, image: ImageFile, meta: ImageMeta | None, alt: str, caption: str, root: str,
            source: ImageSource | None = None) -> str:
    caption = (meta.caption if meta and meta.caption else caption)
    credit = meta.credit if meta else ""
    parts = []
    if caption:
        parts.append(str(escape(caption)))
    if credit:
        parts.append(f'<span class="credit">{escape(credit)}</span>')
    figcaption = f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""
    return f'<figure class="figure">{_img(article, image, alt, root, source=source)}{figcaption}</figure>'


# What markdown-it makes of ![alt](name "title"): attributes escaped, in this order.
_IMG = re.compile(r'<img src="([^"]+)" alt="([^"]*)"(?: title="([^"]*)")? />')
_ALONE = re.compile(r'<p>(<img src="[^"]+" alt="[^"]*"(?: title="[^"]*")? />)</p>')


def _unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'")
            .replace("&amp;", "&"))


def with_figures(site: Site, article: Article, html: str, root: str, source: ImageSource | None = None) -> Markup:
    """The body's HTML with each local image made responsive: alone in a paragraph it becomes a
    `<figure>` with its caption (the Markdown title, or `images:`) and credit; images listed in
    `images:` but not in the body are shown first, as lead figures. With `source` (exports), each
    image is one packed file that `source` names, instead of the site's variants."""
    images = {image.name: image for image in site.images.get(article.id, ())}
    if not images:
        return Markup(html)
    metas = {meta.file: meta for meta in article.images}
    shown: set[str] = set()

    def figure(match: re.Match) -> str:
        img = _IMG.match(match.group(1))
        if img is None:
            return match.group(0)
        name = _unescape(img.group(1))
        if name not in images:
            return match.group(0)
        shown.add(name)
        meta = metas.get(name)
        alt = _unescape(img.group(2)) or (meta.alt if meta else "")
        return _figure(article, images[name], meta, alt, _unescape(img.group(3) or ""), root, source)

    def inline(match: re.Match) -> str:
        name = _unescape(match.group(1))
        if name not in images:
            return match.group(0)
        shown.add(name)
        meta = metas.get(name)
        return _img(article, images[name], _unescape(match.group(2)) or (meta.alt if meta else ""), root,
                    source=source)

    body = _IMG.sub(inline, _ALONE.sub(figure, html))
    lead = "".join(_figure(article, images[m.file], m, m.alt, "", root, source)
                   for m in article.images if m.file not in shown and m.file in images)
    return Markup(lead + body)
