"""Check that every relative link and #anchor of rendered pages points at something planned."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src") and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append(value)


def _collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def target_of(page_url: str, link: str) -> tuple[str, str] | None:
    """(site path, fragment) of a relative link, or None for external/absolute ones."""
    parts = urlsplit(link)
    if parts.scheme or link.startswith(("//", "mailto:", "/")):
        return None
    if not parts.path:
        return page_url, parts.fragment
    base = posixpath.dirname(page_url)
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if parts.path.endswith("/"):
        path += "/index.html"
    return path, parts.fragment


def broken_links(pages: dict[str, str], other_files: set[str]) -> list[str]:
    """`page: broken link X` for every relative link to a missing file or missing #id."""
    collected = {url: _collect(html) for url, html in pages.items() if url.endswith(".html")}
    problems = []
    for url, found in sorted(collected.items()):
        for link in found.links:
            target = target_of(url, link)
            if target is None:
                continue
            path, fragment = target
            if path.startswith("..") or (path not in pages and path not in other_files):
                problems.append(f"{url}: broken link {link}")
            elif fragment and path in collected and fragment not in collected[path].ids:
                problems.append(f"{url}: link {link} names a missing anchor #{fragment}")
    return problems
