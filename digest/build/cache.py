"""Persistent caches under .digest-cache/ (plain JSON, keyed by content hashes, safe to delete).

Only results that depend on nothing but the hashed content are cached (timeline mentions of an
article depend on its text and date). A file that cannot be read, or of another version, is
ignored.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from digest.model import Site
from digest.timeline import extract

CACHE_VERSION = "mentions-1"


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
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".mentions.json.tmp{os.getpid()}"
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "rows": rows}, ensure_ascii=False,
                                  separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cache_dir / "mentions.json")
    except OSError:
        pass  # without a cache the next build is slower, not wrong
