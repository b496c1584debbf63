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
