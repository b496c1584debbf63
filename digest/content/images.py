"""Images kept beside an article (`content/articles/<id>/index.md` and its files): read and measured.

Only the header is decoded here (Pillow reads sizes without decoding pixels); resizing is the
output's job. Every image an article shows (in its body or in `images:`) must be there and be
an image Pillow can read: otherwise an error names the article and the line.
"""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from digest.content.schema import is_image_name
from digest.errors import ContentError
from digest.model import Article, ImageFile

MAX_IMAGE_BYTES = 40 * 1024 * 1024
# ![alt](name "title") with a plain local name (not a URL, not a path elsewhere).
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?")


def images_shown(article: Article) -> list[str]:
    """Local image names the article shows: its `images:` entries, then those of its body, once each."""
    names = [meta.file for meta in article.images]
    if b"![" in article.body_utf8:  # most bodies show none: no decoding and regex scan for them
        names += [m.group(1) for m in _MARKDOWN_IMAGE.finditer(article.body) if is_image_name(m.group(1))]
    return list(dict.fromkeys(names))


def is_folder_article(article: Article) -> bool:
    return article.source_path.name == "index.md"


def measure_image(path: Path, data: bytes) -> ImageFile:
    """Name, content hash, size and format of an image file's bytes."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ContentError(path, None, f"is not an image that can be read ({error})") from None
    if kind not in ("JPEG", "PNG", "WEBP", "GIF"):
        raise ContentError(path, None, f"is a {kind or 'unknown'} image; use JPEG, PNG, WebP or GIF")
    return ImageFile(path.name, path, hashlib.sha256(data).hexdigest(), width, height, kind)


def _line_of(article: Article, name: str) -> int | None:
    try:
        lines = article.source_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, 1) if name in line), None)


def article_images(article: Article, read) -> tuple[ImageFile, ...]:
    """The images an article shows, measured; `read(path)` gives an ImageFile (cached by the loader)."""
    names = images_shown(article)
    if not names:
        return ()
    if not is_folder_article(article):
        if article.images:
            raise ContentError(article.source_path, _line_of(article, "images:"),
                               "`images` needs the article in a folder with its images: "
                               f"content/articles/{article.id}/index.md")
        return ()  # a flat article's <img> stays as written (check reports a missing file)
    files = []
    for name in names:
        path = article.source_path.parent / name
        if not path.is_file():
            raise ContentError(article.source_path, _line_of(article, name),
                               f"image {name!r} is not in {article.source_path.parent.name}/ beside the article")
        files.append(read(path))
    return tuple(files)
