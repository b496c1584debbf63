"""One fetch run: read the sources' feeds, choose their items, fetch the pages into content/raw/.

Network work runs in threads (the client keeps each host's limits); every write to content/raw/
happens on the calling thread, in a fixed order, so that which of two copies is "the first" does
not depend on timing. Nothing is ingested here: the caller gets the pages to ingest."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from digest.fetch.client import HttpClient, Response
from digest.fetch.errors import FetchError
from digest.fetch.feeds import FeedItem, ParsedFeed, parse_feed
from digest.fetch.identity import canonical_url
from digest.fetch.selection import Window, skip_reason
from digest.fetch.store import RawStore, Sidecar, Stored, revalidated, sha256
from digest.model import Entity, Source


@dataclass(frozen=True)
class PageRequest:
    url: str
    source: str | None = None       # sources.yaml id
    feed: str | None = None
    refresh: bool = True            # ask again (conditionally) even when a copy is stored


@dataclass
class PageResult:
    request: PageRequest
    status: str                     # new | changed | unchanged | copy | failed
    path: Path | None = None        # the raw file (for a copy: the one it repeats)
    detail: str = ""                # why it failed, or what it repeats
    final_url: str | None = None


@dataclass(frozen=True)
class Problem:
    """One feed or page that could not be read; the run goes on without it."""

    source: str | None
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source or '-'}: {self.url}: {self.reason}"


@dataclass
class CrawlReport:
    feeds: int = 0
    feeds_unchanged: int = 0
    items_found: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (url, why)
    pages: list[PageResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


Tally = Callable[[str, int], None]   # ("found" | "fetched" | "skipped" | "failed", count)


def _no_tally(_: str, __: int) -> None:
    pass


def workers_for(client: HttpClient, urls: list[str]) -> int:
    hosts = {urlsplit(u).netloc.lower() for u in urls}
    return max(1, min(32, client.options.per_host * max(1, len(hosts))))


def crawl(sources: list[Source], window: Window, entities: dict[str, Entity], store: RawStore,
          client: HttpClient, tally: Tally = _no_tally) -> CrawlReport:
    """Read every feed of `sources`, fetch the wanted items that are new (or whose feed changed)."""
    report, unchanged, requests = read_feeds(sources, window, entities, store, client, tally)
    for result in [*unchanged, *fetch_pages(requests, store, client, tally)]:
        add_page(report, result)
    report.warnings += store.problems
    return report


def add_page(report: CrawlReport, result: PageResult) -> None:
    report.pages.append(result)
    if result.status == "failed":
        report.problems.append(Problem(result.request.source, result.request.url, result.detail))


def read_feeds(sources: list[Source], window: Window, entities: dict[str, Entity], store: RawStore,
               client: HttpClient, tally: Tally = _no_tally
               ) -> tuple[CrawlReport, list[PageResult], list[PageRequest]]:
    """Every feed read (conditionally) and its items chosen: the report so far, the pages known
    and not asked for again (their feed has not changed), and the pages to ask for."""
    report = CrawlReport()
    feeds = [(source, url) for source in sources for url in source.feeds]
    report.feeds = len(feeds)
    with ThreadPoolExecutor(workers_for(client, [u for _, u in feeds])) as pool:
        answers = list(pool.map(lambda pair: _get_feed(client, store, pair[1]), feeds))
    listed: list[tuple[Source, FeedItem, bool]] = []
    for (source, url), answer in zip(feeds, answers):
        parsed, changed = _read_feed(store, source, url, answer, report)
        if parsed is None:
            tally("failed", 1)
            continue
        report.items_found += len(parsed.items)
        tally("found", len(parsed.items))
        listed += [(source, item, changed) for item in parsed.items]
    requests, unchanged = _plan(listed, window, entities, store.pages(), report)
    tally("skipped", len(report.skipped) + len(unchanged))
    return report, unchanged, requests


def _get_feed(client: HttpClient, store: RawStore, url: str) -> Response | FetchError:
    stored = store.read(store.feed_path(url))
    try:
        return client.get(url, "feed", stored.sidecar.validators if stored else None)
    except FetchError as error:
        return error


def _read_feed(store: RawStore, source: Source, url: str, answer: Response | FetchError,
               report: CrawlReport) -> tuple[ParsedFeed | None, bool]:
    """The feed's items and whether it changed since the last run; a problem recorded if unreadable."""
    path = store.feed_path(url)
    if isinstance(answer, FetchError):
        report.problems.append(Problem(source.id, url, f"{answer.reason}: {answer.detail}".rstrip(": ")))
        return None, False
    stored = store.read(path)
    body = store.body_of(stored) if (answer.not_modified and stored) else answer.body
    if body is None:  # a 304 for a feed we no longer hold: parse nothing, ask afresh next run
        report.problems.append(Problem(source.id, url, "not modified, but the stored copy is missing"))
        return None, False
    try:
        content_type = answer.content_type or (stored.sidecar.content_type if stored else None)
        parsed = parse_feed(body, answer.final_url, content_type)
    except FetchError as error:
        report.problems.append(Problem(source.id, url, f"{error.reason}: {error.detail}"))
        return None, False
    report.warnings += [f"{source.id}: {url}: {w}" for w in parsed.warnings]
    if answer.not_modified:
        report.feeds_unchanged += 1
        return parsed, False
    if stored is None or stored.sidecar.sha256 != sha256(body):
        store.save(path, body, Sidecar.of(answer, source.id, None))
    elif (stored.sidecar.etag, stored.sidecar.last_modified) != (answer.etag, answer.last_modified):
        store.save_sidecar(path, revalidated(stored.sidecar, answer))
    return parsed, stored is None or stored.sidecar.sha256 != sha256(body)


def _plan(listed: list[tuple[Source, FeedItem, bool]], window: Window, entities: dict[str, Entity],
          known: dict[str, Stored], report: CrawlReport) -> tuple[list[PageRequest], list[PageResult]]:
    """Which items to request: wanted, listed once, and new or listed by a feed that changed."""
    requests: list[PageRequest] = []
    unchanged: list[PageResult] = []
    seen: dict = {}
    for source, item, feed_changed in listed:
        why = skip_reason(item, source.filters, window, entities)
        key = canonical_url(item.url)
        if why is None and key in seen:
            why = f"the same page as an item of {seen[key]}"
        if why is not None:
            report.skipped.append((item.url, why))
            continue
        seen[key] = source.id
        request = PageRequest(key, source.id, item.feed_url)  # asked without its tracking parameters
        stored = known.get(key)
        if stored is not None and (not feed_changed or stored.sidecar.copy_of):
            unchanged.append(PageResult(request, "unchanged", stored.body_path, final_url=stored.sidecar.final_url))
        else:
            requests.append(request)
    return requests, unchanged


def fetch_pages(requests: list[PageRequest], store: RawStore, client: HttpClient,
                tally: Tally = _no_tally) -> Iterator[PageResult]:
    """Fetch each page (conditionally when a copy is stored) and keep what is new. Results come
    in request order, each as soon as it and those before it are done, so that the caller can
    ingest while later pages are still being fetched."""
    known = store.pages()
    by_body = {s.sidecar.sha256: s.body_path for s in known.values() if s.sidecar.copy_of is None}
    if not requests:
        return
    requests = interleave_hosts(requests)  # else one host's queue would hold every worker
    with ThreadPoolExecutor(workers_for(client, [r.url for r in requests])) as pool:
        futures = [pool.submit(_get_page, client, r, known.get(canonical_url(r.url))) for r in requests]
        try:
            for request, future in zip(requests, futures):
                result = _keep(store, request, future.result(), known, by_body)
                tally("failed" if result.status == "failed" else "fetched", 1)
                yield result
        finally:  # a consumer that stops early (Ctrl-C) does not wait for the whole queue
            for future in futures:
                future.cancel()


def interleave_hosts(requests: list[PageRequest]) -> list[PageRequest]:
    """The requests taken one host at a time in turn (a fixed order: it decides which of two copies comes first)."""
    queues: dict[str, list[PageRequest]] = {}
    for request in requests:
        queues.setdefault(urlsplit(request.url).netloc.lower(), []).append(request)
    ordered = []
    for round_ in itertools.zip_longest(*queues.values()):
        ordered += [r for r in round_ if r is not None]
    return ordered


def _get_page(client: HttpClient, request: PageRequest, stored: Stored | None) -> Response | FetchError:
    try:
        response = client.get(request.url, "page", stored.sidecar.validators if stored else None)
    except FetchError as error:
        return error
    if response.status == 200 and response.content_type is None and not _looks_like_html(response.body):
        return FetchError(request.url, "content-type", "no content type, and the body is not HTML")
    return response


def _looks_like_html(body: bytes) -> bool:
    head = body[:4096].lower()
    return b"\x00" not in head and any(tag in head for tag in (b"<html", b"<!doctype html", b"<body", b"<p"))


def _keep(store: RawStore, request: PageRequest, answer: Response | FetchError,
          known: dict[str, Stored], by_body: dict[str, Path]) -> PageResult:
    """Record one answer: nothing for an unchanged page, a sidecar alone for a copy, else the page."""
    if isinstance(answer, FetchError):
        return PageResult(request, "failed", detail=f"{answer.reason}: {answer.detail}".rstrip(": "))
    key = canonical_url(request.url)
    stored = known.get(key)
    path = stored.body_path if stored else store.page_path(request.url)
    if answer.not_modified:
        if stored is not None and stored.sidecar.copy_of:
            return PageResult(request, "copy", None, f"the same page as {stored.sidecar.copy_of}",
                              stored.sidecar.final_url)
        return PageResult(request, "unchanged", path, final_url=stored.sidecar.final_url if stored else None)
    digest = sha256(answer.body)
    if stored is not None and stored.sidecar.sha256 == digest:
        if (stored.sidecar.etag, stored.sidecar.last_modified) != (answer.etag, answer.last_modified):
            store.save_sidecar(path, revalidated(stored.sidecar, answer))
        return PageResult(request, "unchanged", path, final_url=answer.final_url)
    original = _original_of(path, answer, digest, known, by_body)
    sidecar = Sidecar.of(answer, request.source, request.feed)
    if original is not None:
        store.save_sidecar(path, Sidecar(**{**sidecar.__dict__, "copy_of": original.name}))
        kept = store.read(path)
        if kept is not None:
            known[key] = Stored(path, kept.sidecar)
        return PageResult(request, "copy", original, f"the same page as {original.name}", answer.final_url)
    store.save(path, answer.body, sidecar)
    known[key] = known[canonical_url(answer.final_url)] = Stored(path, sidecar)
    by_body.setdefault(digest, path)
    return PageResult(request, "changed" if stored else "new", path, final_url=answer.final_url)


def _original_of(path: Path, answer: Response, digest: str, known: dict[str, Stored],
                 by_body: dict[str, Path]) -> Path | None:
    """Another stored page this answer repeats: the same final address, or the very same bytes."""
    same_target = known.get(canonical_url(answer.final_url))
    if same_target is not None and same_target.body_path != path and same_target.sidecar.copy_of is None:
        return same_target.body_path
    same_bytes = by_body.get(digest)
    return same_bytes if same_bytes is not None and same_bytes != path else None
