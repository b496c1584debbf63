"""`feeds:` and `filters:` of a source in content/sources.yaml, checked with the entry's line."""
from __future__ import annotations

from pathlib import Path

from digest.errors import ContentError
from digest.model import FeedFilters

FILTER_KEYS = ("keywords", "entities", "languages")


def source_feeds(source_id: str, spec: dict, path: Path, line: int) -> tuple[tuple[str, ...], FeedFilters]:
    """The feed URLs and item filters a source declares (both optional)."""
    return _feeds(source_id, spec.get("feeds"), path, line), _filters(source_id, spec.get("filters"), path, line)


def _feeds(source_id: str, value: object, path: Path, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ContentError(path, line, f"source `{source_id}`: `feeds` must be a list of feed URLs")
    urls: list[str] = []
    for item in value:
        url = str(item).strip() if isinstance(item, str) else ""
        if not url.lower().startswith(("http://", "https://")) or len(url) < 10 or any(c.isspace() for c in url):
            raise ContentError(path, line, f"source `{source_id}`: feed {item!r} is not an http(s) URL")
        if url not in urls:
            urls.append(url)
    return tuple(urls)


def _filters(source_id: str, value: object, path: Path, line: int) -> FeedFilters:
    if value is None:
        return FeedFilters()
    if not isinstance(value, dict):
        raise ContentError(path, line, f"source `{source_id}`: `filters` must be a mapping of "
                                       f"{', '.join(FILTER_KEYS)}")
    unknown = sorted(str(k) for k in value if k not in FILTER_KEYS)
    if unknown:
        raise ContentError(path, line, f"source `{source_id}`: unknown filter `{unknown[0]}` "
                                       f"(allowed: {', '.join(FILTER_KEYS)})")
    lists = {}
    for key in FILTER_KEYS:
        items = value.get(key) or []
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise ContentError(path, line, f"source `{source_id}`: `filters.{key}` must be a list of text")
        lists[key] = tuple(dict.fromkeys(i.strip() for i in items))
    languages = tuple(lang.lower().split("-")[0] for lang in lists["languages"])
    return FeedFilters(lists["keywords"], lists["entities"], languages)
