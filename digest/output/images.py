"""Resized image files for site/, made with Pillow and kept in .digest-cache/images/ by content hash.

A variant's cache file is named by the source image's SHA-256, the width, the version of this
code and the SHA-256 of the variant's own bytes; it is used only when its bytes still hash to
that name (a cache may come back from CI), so a warm build resizes nothing and trusts nothing.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps

from digest.atomic import write_atomically
from digest.model import ImageFile, Site
from digest.render.images import Variant, variants
from digest.render.pages import PageSpec

RESIZE_VERSION = "images-1"
SAVE_OPTIONS: dict[str, dict[str, object]] = {
                "JPEG": {"quality": 82, "optimize": True, "progressive": True}, "PNG": {"optimize": True},
                "WEBP": {"quality": 80, "method": 4}}


def resize(data: bytes, image: ImageFile, width: int) -> bytes:
    """The image at `width` px (height in proportion), in its own format; a GIF is copied as it is."""
    if image.format == "GIF" or width >= image.width and image.format != "JPEG":
        return data
    with Image.open(io.BytesIO(data)) as source:
        picture = ImageOps.exif_transpose(source)  # the camera's rotation, applied once
        if width < picture.width:
            height = max(1, round(picture.height * width / picture.width))
            picture = picture.resize((width, height), Image.Resampling.LANCZOS)
        if image.format == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        out = io.BytesIO()
        picture.save(out, image.format, **SAVE_OPTIONS.get(image.format, {}))  # no EXIF: no GPS leaks
        return out.getvalue()


class ImageCache:
    """Variants by (source hash, width), verified by the hash in their name before use."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _find(self, key: str) -> bytes | None:
        if self.folder is None or not self.folder.is_dir():
            return None
        for path in self.folder.glob(f"{key}-*"):
            data = path.read_bytes()
            if path.name.endswith(f"-{hashlib.sha256(data).hexdigest()[:32]}"):
                return data
            path.unlink(missing_ok=True)  # damaged: made again
        return None

    def variant(self, image: ImageFile, width: int) -> bytes:
        key = f"{image.sha256}-{width}-{RESIZE_VERSION}"
        data = self._find(key)
        if data is None:
            data = resize(image.path.read_bytes(), image, width)
            if self.folder is not None:
                try:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    write_atomically(self.folder / f"{key}-{hashlib.sha256(data).hexdigest()[:32]}", data)
                except OSError:
                    pass  # no cache: the next build resizes again
        return data


def image_specs(site: Site, cache: ImageCache) -> list[PageSpec]:
    """A data file per variant of every image shown; content-addressed, so unchanged ones are linked."""
    specs = []
    for article_id, images in sorted(site.images.items()):
        for image in images:
            for variant in variants(article_id, image):
                specs.append(PageSpec(variant.url, None, {"image": image, "variant": variant},
                                      frozenset({f"image:{image.sha256}:{variant.width}"}),
                                      produce=_producer(cache)))
    return specs


def _producer(cache: ImageCache):
    def produce_image(site: Site, spec: PageSpec) -> bytes:
        variant: Variant = spec.context["variant"]
        return cache.variant(spec.context["image"], variant.width)
    return produce_image
