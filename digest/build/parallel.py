"""Render many pages on all cores: forked workers inherit the planned site and write their files.

Workers get only URLs and send back only URLs (or error messages), so nothing big is pickled;
each page is rendered by the same function as in a serial build, so the bytes are identical.
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from digest.build import publish
from digest.errors import ContentError
from digest.model import Site
from digest.render.pages import BodyCache, PageSpec, render_page
from digest.render.templates import Templates

PARALLEL_MIN_PAGES = 400  # below this, starting processes costs more than it saves

_job: dict = {}


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _init(site: Site, specs: dict[str, PageSpec], layouts: Path, staging: Path) -> None:
    cache = layouts.parent / ".digest-cache" / "jinja"
    _job.update(site=site, specs=specs, templates=Templates(layouts, cache if cache.is_dir() else None),
                staging=staging, bodies=BodyCache())


def _render_chunk(urls: list[str]) -> tuple[list[str], list[str]]:
    done, errors = [], []
    for url in urls:
        try:
            page = render_page(_job["site"], _job["specs"][url], _job["templates"], _job["bodies"])
            publish.write_new_file(_job["staging"], url, page.content)
            done.append(url)
        except ContentError as error:
            errors.append(str(error))
    return done, errors


def render_in_parallel(site: Site, specs: list[PageSpec], layouts: Path, staging: Path,
                       jobs: int) -> tuple[list[str], list[str]]:
    """Render and write `specs` into `staging` with `jobs` processes; (urls written, errors)."""
    by_url = {s.url: s for s in specs}
    urls = [s.url for s in specs]
    size = max(20, len(urls) // (jobs * 8))
    chunks = [urls[i:i + size] for i in range(0, len(urls), size)]
    context = multiprocessing.get_context("fork")
    written, errors = [], []
    progress = Progress(len(urls))
    with context.Pool(jobs, initializer=_init, initargs=(site, by_url, layouts, staging)) as pool:
        for done, failed in pool.imap_unordered(_render_chunk, chunks):
            written += done
            errors += [e for e in failed if e not in errors]
            progress.advance(len(done) + len(failed))
    progress.finish()
    return sorted(written), errors


class Progress:
    """A one-line progress bar on stderr, only in an interactive terminal and never in CI."""

    def __init__(self, total: int):
        import sys
        self.total, self.done, self.stream = total, 0, sys.stderr
        self.enabled = total > 0 and self.stream.isatty() and not os.environ.get("CI")

    def advance(self, count: int) -> None:
        self.done += count
        if self.enabled:
            filled = int(30 * self.done / self.total)
            self.stream.write(f"\rRendering [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def _per_article_chunk(start: int, stop: int) -> list:
    """Timeline mentions and search entries of site.articles[start:stop] (in a forked worker)."""
    from digest.render.search import entry_key, entry_json
    from digest.timeline.extract import article_mentions
    site = _job["site"]
    return [(a.id, a.content_hash, a.date, article_mentions(a), entry_key(site, a), entry_json(site, a))
            for a in site.articles[start:stop]]


def _per_article(bounds: tuple[int, int]) -> list:
    return _per_article_chunk(*bounds)


def precompute_in_parallel(site: Site, jobs: int) -> None:
    """Per-article work of a cold build (timeline mentions, search entries) over all cores."""
    from digest.render import search
    from digest.timeline import extract
    missing = sum(1 for a in site.articles if (a.id, a.content_hash, a.date) not in extract._CACHE)
    if jobs < 2 or missing < PARALLEL_MIN_PAGES:
        return
    count = len(site.articles)
    size = max(50, count // (jobs * 4))
    bounds = [(i, min(count, i + size)) for i in range(0, count, size)]
    _job["site"] = site  # inherited by the forked workers
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for rows in pool.imap_unordered(_per_article, bounds):
                for article_id, content_hash, published, mentions, key, entry in rows:
                    extract._CACHE[(article_id, content_hash, published)] = mentions
                    search._ENTRIES[key] = entry
    finally:
        _job.pop("site", None)


def _load_chunk(paths: list[Path]) -> list:
    from digest.content.load import load_article
    from digest.errors import ContentError
    root = _job["root"]
    loaded = []
    for path in paths:
        try:
            loaded.append((path, load_article(path, root)))
        except (ContentError, OSError, ValueError):
            pass  # the serial loader reads it again and reports the error properly
    return loaded


def preload_articles(files, articles_dir: Path, root: Path, jobs: int) -> None:
    """Parse many article files over all cores into the build's file cache (cold builds)."""
    from digest.content.load import FileCache  # noqa: F401 - the cache type filled here
    paths = sorted(articles_dir.glob("*.md"))
    missing = [p for p in paths if not files.has("article", p)]
    if jobs < 2 or len(missing) < PARALLEL_MIN_PAGES:
        return
    size = max(50, len(missing) // (jobs * 4))
    chunks = [missing[i:i + size] for i in range(0, len(missing), size)]
    _job["root"] = root
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for rows in pool.imap_unordered(_load_chunk, chunks):
                for path, article in rows:
                    files.put("article", path, article)
    finally:
        _job.pop("root", None)
