"""Persistent caches under .digest-cache/ (plain JSON, keyed by content hashes, safe to delete).

Only results that depend on nothing but the hashed content are cached (timeline mentions of an
article depend on its text and date; related articles on every article's day, entities and copies,
digested as a whole). Files are versioned and checksummed (digest.cache_file):
one that cannot be read, of another version or damaged is ignored.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from digest import cache_file
from digest.derived import KnownRelated
from digest.model import Site
from digest.timeline import extract

# The code that computes the rows is part of their version: editing it invalidates the file.
MENTIONS_CODE = ("dates.py", "timeline/extract.py", "model.py")
RELATED_CODE = ("related.py", "views.py", "derived.py", "model.py")
SEARCH_CODE = ("render/search.py", "timeline/extract.py", "provenance.py", "views.py", "model.py")


def mentions_version() -> str:
    return cache_file.code_version("mentions-3", MENTIONS_CODE)


def related_version() -> str:
    return cache_file.code_version("related-1", RELATED_CODE)


def search_version() -> str:
    return cache_file.code_version("search-3", SEARCH_CODE)

# The row keys each cache file holds, as loaded or last saved by this process. Rows are derived
# from what their key names, so the same keys mean the same file: it is not written again.
_ON_DISK: dict[Path, frozenset] = {}


def _save_if_changed(path: Path, version: str, make_rows: Callable[[], list], keys: frozenset) -> None:
    """Write the rows named by `keys` unless the file holds exactly those (rows are made only then)."""
    if _ON_DISK.get(path) != keys and cache_file.save(path, version, make_rows()):
        _ON_DISK[path] = keys


def load_mentions(cache_dir: Path) -> None:
    path = cache_dir / "mentions.json"
    rows = cache_file.load(path, mentions_version())
    rows = rows if isinstance(rows, list) else []
    extract.import_cache(rows)
    _ON_DISK[path] = frozenset(tuple(map(str, row[:3])) for row in rows if isinstance(row, list))  # what is there now


def save_mentions(cache_dir: Path, site: Site) -> None:
    live = {(a.id, a.content_hash) for a in site.articles}
    _save_if_changed(cache_dir / "mentions.json", mentions_version(), lambda: extract.export_cache(live),
                     extract.cached_keys(live))


def load_related(cache_dir: Path) -> KnownRelated | None:
    """The table of related articles of the last build, with the digest of what it was made from
    (derive uses it only for the same digest, and only if it names the site's own articles)."""
    path = cache_dir / "related.json"
    payload = cache_file.load(path, related_version())
    if not isinstance(payload, dict):
        return None
    try:
        inputs, rows = payload["inputs"], payload["related"]
        table = {str(key): tuple(map(str, ids)) for key, ids in rows.items()}
    except (TypeError, KeyError, AttributeError):
        return None
    return str(inputs), table


def save_related(cache_dir: Path, known: KnownRelated) -> None:
    """Keep a table of related articles that was made anew (one reused is already on disk)."""
    inputs, table = known
    cache_file.save(cache_dir / "related.json", related_version(),
                    {"inputs": inputs, "related": {k: list(v) for k, v in table.items()}})


def load_search_entries(cache_dir: Path) -> None:
    """Search index entries of unchanged articles (each is keyed by what it is made of)."""
    from digest.render import search
    path = cache_dir / "search.json"
    rows = cache_file.load(path, search_version())
    loaded = set()
    for row in rows if isinstance(rows, list) else ():
        try:
            article_id, content_hash, names, text = row
            if _is_inert_entry(text):
                key = (str(article_id), str(content_hash), tuple(map(str, names)))
                search.prime_entry(key, text)
                loaded.add(key)
        except (TypeError, ValueError):
            continue
    _ON_DISK[path] = frozenset(loaded)


def save_search_entries(cache_dir: Path, site: Site) -> None:
    from digest.render import search
    live = {(a.id, a.content_hash) for a in site.articles}
    entries = search.cached_entries(live)
    if entries:
        _save_if_changed(cache_dir / "search.json", search_version(),
                         lambda: [[k[0], k[1], list(k[2]), v] for k, v in entries.items()], frozenset(entries))


def _is_inert_entry(text: object) -> bool:
    """An entry goes into a script as it is: it must be one JSON object with nothing that could end
    the array or the script (a damaged or planted cache cannot inject code into the site)."""
    if not isinstance(text, str) or any(c in text for c in "<>&\u2028\u2029"):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False

