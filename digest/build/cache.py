"""Persistent caches under .digest-cache/ (plain JSON, keyed by content hashes, safe to delete).

Only results that depend on nothing but the hashed content are cached (timeline mentions of an
article depend on its text and date). A file that cannot be read, or of another version, is
ignored.
"""
from __future__ import annotations

import json
from pathlib import Path

from digest.atomic import write_text_atomically
from digest.model import Site
from digest.timeline import extract

CACHE_VERSION = "mentions-1"
SEARCH_VERSION = "search-1"


def load_mentions(cache_dir: Path) -> None:
    path = cache_dir / "mentions.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and data.get("version") == CACHE_VERSION and isinstance(data.get("rows"), list):
        extract.import_cache(data["rows"])


def save_mentions(cache_dir: Path, site: Site) -> None:
    rows = extract.export_cache({(a.id, a.content_hash) for a in site.articles})
    _save(cache_dir / "mentions.json", CACHE_VERSION, rows)


def _save(path: Path, version: str, rows: list) -> None:
    try:
        write_text_atomically(path, json.dumps({"version": version, "rows": rows}, ensure_ascii=False,
                                               separators=(",", ":")))
    except OSError:
        pass  # without a cache the next build is slower, not wrong


def load_search_entries(cache_dir: Path) -> None:
    """Search index entries of unchanged articles (each is keyed by what it is made of)."""
    from digest.render import search
    try:
        data = json.loads((cache_dir / "search.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict) or data.get("version") != SEARCH_VERSION:
        return
    for row in data.get("rows", []):
        try:
            article_id, content_hash, names, text = row
            search._ENTRIES[(str(article_id), str(content_hash), tuple(map(str, names)))] = str(text)
        except (TypeError, ValueError):
            continue


def save_search_entries(cache_dir: Path, site: Site) -> None:
    from digest.render import search
    live = {(a.id, a.content_hash) for a in site.articles}
    rows = [[k[0], k[1], list(k[2]), v] for k, v in search._ENTRIES.items() if (k[0], k[1]) in live]
    if rows:
        _save(cache_dir / "search.json", SEARCH_VERSION, rows)
