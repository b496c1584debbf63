"""Fetched pages -> the ingest: what each page is known to be (publisher, address), which pages
need ingesting, and what the ingest said of them, kept in their sidecars."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from digest.fetch.crawl import PageResult
from digest.fetch.identity import canonical_url
from digest.fetch.store import RawStore
from digest.ingest.pipeline import IngestOptions, IngestReport, ingest_files
from digest.ingest.store import existing_by_raw, relative_to_project
from digest.model import Source
from digest.project import Project


def source_of(url: str, sources: dict[str, Source]) -> Source | None:
    """The source whose domain the URL is on (www. and subdomains included)."""
    host = (urlsplit(url).hostname or "").lower()
    for source in sources.values():
        domain = (source.domain or "").lower().removeprefix("www.")
        if domain and (host == domain or host.endswith("." + domain)):
            return source
    return None


def facts_of(page: PageResult, sources: dict[str, Source]) -> dict:
    """What the fetch knows for sure about a page: where it was read, and whose it is."""
    facts = {"url": canonical_url(page.final_url or page.request.url)}
    source = sources.get(page.request.source or "") or source_of(facts["url"], sources)
    if source is not None:
        facts["publisher"] = source.name
    return facts


def wants_ingest(page: PageResult, store: RawStore, made: dict[str, Path], project: Project) -> bool:
    """New and changed pages, and kept pages that never became an article (an interrupted run),
    except copies and pages the ingest already turned down as they are."""
    if page.path is None or page.status in ("failed", "copy"):
        return False
    stored = store.read(page.path)
    if stored is None or stored.sidecar.copy_of or (page.status == "unchanged" and stored.sidecar.rejected):
        return False
    return page.status in ("new", "changed") or relative_to_project(page.path, project) not in made


def ingest_pages(pages: Iterable[PageResult], project: Project, store: RawStore, sources: dict[str, Source],
                 options: IngestOptions, seen: Callable[[PageResult], None] | None = None,
                 every: bool = False, jobs: int = 1) -> IngestReport:
    """Ingest the pages that need it (`every`: all that were read, even unchanged) as one batch,
    each as soon as it arrives (`seen` is told of every page), drafted in `jobs` processes. One
    article per story: a near-copy of an article is not written. A copy or a refusal is noted in
    the page's sidecar, so that the next run does not try it again."""
    made = existing_by_raw(project.content / "articles")
    facts: dict[Path, dict] = {}
    chosen: list[PageResult] = []

    def wanted() -> Iterator[Path]:
        for page in pages:
            if seen is not None:
                seen(page)
            wanted_now = page.path is not None and page.status not in ("failed", "copy") if every \
                else wants_ingest(page, store, made, project)
            if page.path is not None and page.path not in facts and wanted_now:
                facts[page.path] = facts_of(page, sources)
                chosen.append(page)
                yield page.path

    report = ingest_files(wanted(), project, replace(options, skip_copies=True), facts, jobs)
    if not options.dry_run:
        _note_outcomes(chosen, report, store)
    return report


def _note_outcomes(pages: list[PageResult], report: IngestReport, store: RawStore) -> None:
    failed = {failure.path: failure.reason for failure in report.failures}
    outcomes = iter(report.outcomes)  # one per page that did not fail, in order
    for page in pages:
        if page.path is None:
            continue
        if page.path in failed:
            _note(store, page.path, rejected=failed[page.path])
            continue
        outcome = next(outcomes)
        if outcome.status == "copy":
            _note(store, page.path, copy_of=outcome.path.stem, rejected=None)
        else:
            _note(store, page.path, rejected=None)


def _note(store: RawStore, path: Path, **changes: Any) -> None:
    stored = store.read(path)
    if stored is None:
        return
    updated = replace(stored.sidecar, **changes)
    if updated != stored.sidecar:
        store.save_sidecar(path, updated)
