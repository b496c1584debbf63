"""URL-safe slugs that can never escape their folder."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")
MAX_SLUG = 80


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Lowercase ASCII words joined by '-'; a short hash when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return slug


def is_valid_id(value: str) -> bool:
    """True when `value` is safe as one path segment (no dots, slashes or spaces)."""
    return bool(ID_PATTERN.match(value))


_ALIAS_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")


def alias_path(alias: str) -> str | None:
    """The output file of an old address ("/2022/01/old.html", "articles/old-id/"): a folder gets
    its index.html; None when it is not a safe site-relative path (no "..", no scheme, no dot-files)."""
    text = alias.strip()
    if "://" in text or "\\" in text or "?" in text or "#" in text:
        return None
    text = text.lstrip("/")
    if not text:
        return None
    segments = text.split("/")
    if segments[-1] == "":
        segments[-1] = "index.html"
    elif not segments[-1].lower().endswith((".html", ".htm")):
        segments.append("index.html")
    if not all(_ALIAS_SEGMENT.match(s) for s in segments):
        return None
    return "/".join(segments)
