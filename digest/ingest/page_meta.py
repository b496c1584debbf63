"""What a saved HTML page declares about itself, weighed source against source.

A page states its headline several times: JSON-LD `headline`, `og:title`, `twitter:title`,
`<title>` (usually with the site's name after a separator) and the `<h1>` a reader sees. The
printed heading that the declared titles confirm is the headline; failing that, the declared
title with the site's name taken off. Its publication day is stated by JSON-LD `datePublished`,
`article:published_time` and what htmldate reads off the page: the day most of them agree on.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from digest.ingest.comparable import comparable

_SEPARATOR = re.compile(r"\s+(?:[|│·•»«~/:–—-]{1,3}|::)\s+|\s*[|│]\s*")
_WORD = re.compile(r"\w+", re.U)
_DAY = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)")
MAX_HEADLINE_WORDS = 40
MIN_SHARED = 0.5  # a printed heading sharing less of its words with every declared title is not confirmed by them


@dataclass(frozen=True)
class PageMeta:
    """The page's own statements: its headline and publication day (None where it makes none)."""

    title: str | None
    day: str | None  # ISO day, as the page writes it (no time zone conversion)


def _clean(text: object) -> str | None:
    return " ".join(text.split()) or None if isinstance(text, str) else None


def json_ld_items(tree: HtmlElement) -> list[dict]:
    """Every JSON-LD object of the page, `@graph` members and list items included."""
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack += graph if isinstance(graph, list) else []
            elif isinstance(item, list):
                stack += item
    return found


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """`<meta>` contents by lower-cased property / name / itemprop (the first of each)."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = _clean(element.get("content"))
        if key and content and key not in values:
            values[key] = content
    return values


def _segments(title: str) -> list[tuple[int, int]]:
    """Start and end of each part of a title between separators ("Headline | Section | Site")."""
    spans, start = [], 0
    for match in _SEPARATOR.finditer(title):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(title):
        spans.append((start, len(title)))
    return spans


def _end_runs(title: str) -> set[str]:
    """The title, and what is left with parts taken off either end."""
    spans = _segments(title)
    runs = {comparable(title)}
    for cut in range(1, len(spans)):
        runs.add(comparable(title[:spans[cut - 1][1]]))
        runs.add(comparable(title[spans[cut][0]:]))
    return runs


def _shared(a: str, b: str) -> float:
    wa, wb = set(_WORD.findall(comparable(a))), set(_WORD.findall(comparable(b)))
    return len(wa & wb) / max(1, len(wa), len(wb))


def _site_keys(tree: HtmlElement, meta: dict[str, str], items: list[dict]) -> set[str]:
    """Names the page gives its site (og:site_name, application-name, JSON-LD publisher, host)."""
    names = [meta.get("og:site_name"), meta.get("application-name")]
    for item in items:
        publisher = item.get("publisher")
        names.append(publisher.get("name") if isinstance(publisher, dict) else None)
    url = page_url(tree, meta)
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    keys = {comparable(n) for n in names if isinstance(n, str) and n.strip()}
    if host:
        keys |= {host, host.split(".")[0]}
    return keys


def _is_site_name(text: str, sites: set[str]) -> bool:
    key = comparable(text)
    squeezed = re.sub(r"\W+", "", key)
    return any(key == site or squeezed == re.sub(r"\W+", "", site) for site in sites)


def _without_site(title: str, sites: set[str]) -> str:
    """A declared title with the site's name (a part at either end that names it) taken off."""
    spans = _segments(title)
    first, last = 0, len(spans) - 1
    while last > first and _is_site_name(title[slice(*spans[last])], sites):
        last -= 1
    while first < last and _is_site_name(title[slice(*spans[first])], sites):
        first += 1
    return title[spans[first][0]:spans[last][1]].strip() if spans else title


def declared_titles(tree: HtmlElement, meta: dict[str, str], items: list[dict]) -> list[str]:
    """The titles the page declares, most deliberate first: JSON-LD headline, og, twitter, <title>."""
    titles = [_clean(item.get("headline")) for item in items]
    titles += [meta.get("og:title"), meta.get("twitter:title")]
    element = tree.find(".//title")
    titles.append(_clean(element.text_content()) if element is not None else None)
    return [t for t in dict.fromkeys(titles) if t]


_BLOCKS = frozenset({"div", "p", "br", "small", "section", "header", "li", "ul", "h2", "h3", "h4", "h5", "h6"})


def _pieces(element: HtmlElement) -> list[str]:
    """The lines a heading shows when it holds blocks (a section label above the headline)."""
    pieces: list[list[str]] = [[]]

    def walk(node: HtmlElement) -> None:
        for child in node:
            block = isinstance(child.tag, str) and child.tag.lower() in _BLOCKS
            if block:
                pieces.append([])
            if isinstance(child.tag, str) and child.text:
                pieces[-1].append(child.text)
            if isinstance(child.tag, str):
                walk(child)
            if block:
                pieces.append([])
            if child.tail:
                pieces[-1].append(child.tail)

    pieces[0].append(element.text or "")
    walk(element)
    return [line for line in (_clean("".join(p)) for p in pieces) if line]


def printed_headings(tree: HtmlElement) -> list[str]:
    """The page's `<h1>` texts (and their lines, when one holds several), then the elements
    marked `itemprop="headline"`, in page order."""
    found: list[str | None] = []
    for heading in tree.iter("h1"):
        found.append(_clean(heading.text_content()))
        lines = _pieces(heading)
        found += lines if len(lines) > 1 else []
    found += [_clean(e.text_content()) for e in tree.xpath('//*[@itemprop="headline"]') if e.tag != "meta"]
    return [h for h in dict.fromkeys(found) if h and len(h.split()) <= MAX_HEADLINE_WORDS]


def page_title(tree: HtmlElement, meta: dict[str, str], items: list[dict], fallback: str | None = None) -> str | None:
    """The printed heading the declared titles confirm (most of them, then most of its words),
    never the site's name; else `fallback` (another reader's title) or the first declared title,
    without the site's name."""
    declared = declared_titles(tree, meta, items)
    sites = _site_keys(tree, meta, items)
    best: tuple[tuple[int, float, int], str] | None = None
    for index, heading in enumerate(printed_headings(tree)):
        if _is_site_name(heading, sites):
            continue
        support = sum(comparable(heading) in _end_runs(title) for title in declared)
        shared = max((_shared(heading, title) for title in declared), default=0.0)
        rank = (support, shared, -index)
        if (support or shared >= MIN_SHARED) and (best is None or rank > best[0]):
            best = (rank, heading)
    if best is not None:
        return best[1]
    chosen = fallback or (declared[0] if declared else None)
    return _without_site(chosen, sites) if chosen else None


def _day(value: object) -> str | None:
    match = _DAY.search(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        day = dt.date(*map(int, match.groups()))
    except ValueError:
        return None
    return day.isoformat() if day.year >= 1990 else None


def page_day(meta: dict[str, str], items: list[dict], htmldate_day: str | None) -> str | None:
    """The day most of the page's statements give (JSON-LD datePublished, article:published_time,
    htmldate's reading), ties going to the more deliberate statement, in that order."""
    published = next((item["datePublished"] for item in items if item.get("datePublished")), None)
    days = [d for d in (_day(published), _day(meta.get("article:published_time")), _day(htmldate_day)) if d]
    votes = Counter(days)
    return max(days, key=lambda d: (votes[d], -days.index(d))) if days else None


def page_url(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """The address the page gives itself (og:url, else its canonical link)."""
    url = meta.get("og:url") or next((link.get("href") for link in tree.iter("link")
                                      if (link.get("rel") or "").lower() == "canonical"), None)
    return url if isinstance(url, str) else None


def read_page_meta(tree: HtmlElement, title: str | None = None, htmldate_day: str | None = None) -> PageMeta:
    """The headline and publication day a parsed page declares; `title` and `htmldate_day` are
    another reader's (trafilatura's) title and day, weighed with the page's own statements."""
    meta, items = _meta_values(tree), json_ld_items(tree)
    return PageMeta(page_title(tree, meta, items, title), page_day(meta, items, htmldate_day))
