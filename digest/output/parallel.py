"""Render many pages on all cores: forked workers inherit the planned site and write their files.

Workers get only URLs and send back only URLs (or error messages), so nothing big is pickled;
each page is rendered by the same function as in a serial build, so the bytes are identical.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path

from digest.errors import ContentError
from digest.model import Site
from digest.output import publish
from digest.output.bodies import BodyStore, render_with_store
from digest.render.pages import BodyCache, PageSpec, render_page
from digest.render.templates import Templates

PARALLEL_MIN_PAGES = 400  # below this, starting processes costs more than it saves

_job: dict = {}


@contextlib.contextmanager
def fork_pool(jobs: int, **kwargs):
    """A pool of forked workers that share the parent's objects without copying them.

    `gc.freeze()` moves everything alive now out of the collector's sight while the pool runs:
    a worker's garbage collections then never walk (and so never copy-on-write) the big site
    it inherited. The parent's objects are handed back to the collector afterwards. (No
    collection first: at 10,000 articles it costs ~90 ms, and what it would free is freed after.)
    """
    gc.freeze()
    initializer, initargs = kwargs.pop("initializer", None), kwargs.pop("initargs", ())
    kwargs.update(initializer=_worker_start, initargs=(os.getpid(), initializer, initargs))
    try:
        with multiprocessing.get_context("fork").Pool(jobs, **kwargs) as pool:
            yield pool
    finally:
        gc.unfreeze()


_PR_SET_PDEATHSIG = 1  # Linux prctl: the signal a process gets when its parent dies


def _worker_start(parent: int, initializer: Callable | None, initargs: tuple) -> None:
    """A worker dies with the build that forked it: a build killed by SIGKILL must not leave
    workers writing pages into its staging folder after the next build has cleaned it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers end when their pool's pipe closes
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _init(site: Site, specs: dict[str, PageSpec], layouts: Path, staging: Path, previous: Path | None,
          body_store: Path | None) -> None:
    store = BodyStore(body_store) if body_store else None  # a connection of this worker's own
    _job.update(site=site, specs=specs, templates=Templates(layouts),
                staging=staging, previous=previous, store=store,
                bodies=BodyCache(functools.partial(render_with_store, store)))


def _render_chunk(urls: list[str]) -> tuple[list[tuple[str, int, int]], list[str]]:
    done, errors = [], []
    for url in urls:
        try:
            page = render_page(_job["site"], _job["specs"][url], _job["templates"], _job["bodies"])
            stat = publish.write_new_file(_job["staging"], url, page.content, _job["previous"])
            done.append((url, stat.st_size, stat.st_mtime_ns))
        except ContentError as error:
            errors.append(str(error))
    if _job["store"] is not None:
        _job["store"].flush()
    return done, errors


def work_chunks(specs: list[PageSpec], jobs: int) -> list[list[str]]:
    """Page URLs in chunks: listing pages first, then article pages in chunks of equal size.

    Listing pages (an archive, a tag with thousands of cards, the timeline) cost up to a thousand
    times an article page; scheduled last they would keep one core busy while the others idle.
    They share their cards (partial() keeps one per article in each worker), so they go in as few
    chunks as keep the cores even: one worker renders each card once instead of every worker
    doing so. A listing chunk holds at most a worker's share of all pages. Article chunks shrink
    as the work left does (guided scheduling), so the cores finish within a small chunk of each
    other instead of one waiting out the last large one.
    """
    listings = [s.url for s in specs if "article" not in s.context]
    pages = [s.url for s in specs if "article" in s.context]
    share = max(1, -(-len(specs) // max(1, jobs)))
    return [listings[i:i + share] for i in range(0, len(listings), share)] + guided_chunks(pages, jobs)


def guided_chunks(items: list, jobs: int, smallest: int = 20) -> list[list]:
    """`items` in chunks of a quarter of each worker's share of what is left, down to `smallest`."""
    chunks, start = [], 0
    while start < len(items):
        size = max(smallest, (len(items) - start) // (jobs * 4))
        chunks.append(items[start:start + size])
        start += size
    return chunks


def render_in_parallel(site: Site, specs: list[PageSpec], layouts: Path, staging: Path, jobs: int,
                       meanwhile: Callable[[], None] | None = None, previous: Path | None = None,
                       body_store: Path | None = None) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Render and write `specs` into `staging` with `jobs` processes; ({url: (size, mtime_ns)} of
    the files written, errors). Pages whose bytes `previous` (the current site) already has are
    linked from it.

    `meanwhile` runs in this process while the workers render (the parent would only wait).
    """
    by_url = {s.url: s for s in specs}
    urls = [s.url for s in specs]
    chunks = work_chunks(specs, jobs)
    written: dict[str, tuple[int, int]] = {}
    errors: list[str] = []
    progress = Progress(len(urls))
    with fork_pool(jobs, initializer=_init, initargs=(site, by_url, layouts, staging, previous, body_store)) as pool:
        results = pool.imap_unordered(_render_chunk, chunks)
        if meanwhile is not None:
            meanwhile()
        for done, failed in results:
            written.update((url, (size, mtime_ns)) for url, size, mtime_ns in done)
            errors += [e for e in failed if e not in errors]
            progress.advance(len(done) + len(failed))
    progress.finish()
    return written, errors


class Progress:
    """A one-line progress bar on stderr, only in an interactive terminal and never in CI."""

    def __init__(self, total: int, label: str = "Rendering"):
        import sys
        self.total, self.done, self.stream, self.label = total, 0, sys.stderr, label
        self.enabled = total > 0 and self.stream.isatty() and not os.environ.get("CI")

    def advance(self, count: int) -> None:
        self.done += count
        if self.enabled:
            filled = int(30 * self.done / self.total)
            self.stream.write(f"\r{self.label:<9} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def _derived(article) -> tuple:
    """What later stages need of one article alone: its timeline mentions and its search terms."""
    from digest.render.search import body_terms
    from digest.timeline.extract import article_mentions
    return article.id, article.content_hash, article.date, article_mentions(article), body_terms(article)


def _keep_derived(rows) -> None:
    from digest.render import search
    from digest.timeline import extract
    for article_id, content_hash, published, mentions, terms in rows:
        extract.prime(article_id, content_hash, published, mentions)
        search.prime_body_terms(article_id, content_hash, terms)


def _per_article(bounds: tuple[int, int]) -> list:
    """Timeline mentions and search terms of site.articles[start:stop] (in a forked worker)."""
    start, stop = bounds
    return [_derived(a) for a in _job["site"].articles[start:stop]]


def precompute_in_parallel(site: Site, jobs: int) -> None:
    """Per-article work not done yet (timeline mentions, search terms) over all cores.

    Cold builds do this while parsing (see preload_articles); this catches the rest, e.g. a
    warm build whose mention cache was deleted.
    """
    from digest.timeline import extract
    missing = sum(1 for a in site.articles if not extract.has_mentions(a))
    if jobs < 2 or missing < PARALLEL_MIN_PAGES:
        return
    count = len(site.articles)
    size = max(50, count // (jobs * 4))
    bounds = [(i, min(count, i + size)) for i in range(0, count, size)]
    _job["site"] = site  # inherited by the forked workers
    try:
        with fork_pool(jobs) as pool:
            for rows in pool.imap_unordered(_per_article, bounds):
                _keep_derived(rows)
    finally:
        _job.pop("site", None)


def _load_chunk(paths: list[Path]) -> tuple[int, list, list]:
    from digest.content.load import load_article
    from digest.errors import ContentError
    root = _job["root"]
    loaded, derived = [], []
    for number, path in enumerate(paths):
        try:
            before = path.stat()
            article = load_article(path, root)
        except (ContentError, OSError, ValueError):
            continue  # the serial loader reads it again and reports the error properly
        # The path goes back as its number in the chunk and the stat as the three numbers the
        # cache keeps: pickling Path and stat_result objects cost more than the articles did.
        loaded.append((number, (before.st_mtime_ns, before.st_size, before.st_ino), article))
        derived.append(_derived(article))
    return len(paths), loaded, derived


def preload_articles(files, articles_dir: Path, root: Path, jobs: int, parsed=None) -> list:
    """Fill the build's file cache before the site is loaded: from the persistent cache of parsed
    articles, then by parsing the rest over all cores (with their mentions and search terms).
    The articles parsed over the cores (none when too few were missing to start them)."""
    from digest.content.load import article_paths, preload_parsed
    paths = article_paths(articles_dir)
    missing = [p for p in paths if not files.has("article", p)]
    if parsed:  # a cold build has nothing to look up: reading every file for that alone costs ~30 us each
        missing = preload_parsed(files, missing, root, parsed)
    if jobs < 2 or len(missing) < PARALLEL_MIN_PAGES:
        return []
    chunks = guided_chunks(missing, jobs, smallest=50)
    _job["root"] = root
    progress = Progress(len(missing), "Reading")
    articles = []
    try:
        with fork_pool(jobs) as pool:
            for chunk, (count, loaded, derived) in zip(chunks, pool.imap(_load_chunk, chunks)):
                for number, stat_key, article in loaded:
                    files.put_known("article", chunk[number], stat_key, article)
                    articles.append(article)
                _keep_derived(derived)
                progress.advance(count)
    finally:
        _job.pop("root", None)
        progress.finish()
    return articles


PRERENDER_BATCH = 50  # bodies written per transaction (the last, short one when it is stopped)


def _forked(target: Callable, *args) -> multiprocessing.process.BaseProcess:
    """A started daemon process running target(this process's pid, *args): it dies with this one
    (see _worker_start) and, as in fork_pool, its collections never walk what it inherited."""
    gc.freeze()
    try:
        process = multiprocessing.get_context("fork").Process(target=target, args=(os.getpid(), *args), daemon=True)
        process.start()
    finally:
        gc.unfreeze()
    return process


class BodyPrerender:
    """Bodies rendered into the store of rendered bodies by one forked process while this one
    plans the site.

    Between reading the articles and rendering the pages a cold build is serial (loading the
    site, groups, related articles, the timeline, the plan: ~1 s at 10,000 articles), so one core
    would idle. Here it renders Markdown, the costliest step of an article page, and the render
    workers later find those bodies in the store instead of rendering them. `stop()` ends it
    (its last batch written) before the workers start, so it never competes with them.
    """

    def __init__(self, store_path: Path, articles: list):
        self._stop = multiprocessing.get_context("fork").Event()
        self._process: multiprocessing.process.BaseProcess | None = _forked(
            _prerender, store_path, articles, self._stop)

    def stop(self) -> None:
        """End it now; the bodies rendered so far are in the store."""
        self._stop.set()
        self.wait()

    def wait(self) -> None:
        """Until it has ended (every body rendered, unless stopped)."""
        if self._process is not None:
            self._process.join()
            self._process = None


class InChild:
    """`function(*args)` computed by a forked process while this one goes on; `result()` waits for
    it (sent back by pickle). A one-off incremental build makes its search index this way while it
    fingerprints its pages: ~0.3 s of 2.8 at 10,000 articles, on the core that would idle."""

    def __init__(self, function: Callable, *args):
        self._receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._process = _forked(_in_child, send, function, args)
        send.close()

    def result(self):
        """The function's value; raises ChildFailed if the process failed or died first."""
        try:
            ok, value = self._receive.recv()
        except (EOFError, OSError) as error:
            raise ChildFailed(f"the process ended without a result ({error!r})") from None
        finally:
            self._receive.close()
            self._process.join()
        if not ok:
            raise ChildFailed(value)
        return value


class ChildFailed(Exception):
    """What InChild raises when its process could not give the function's value."""


def _in_child(parent: int, send, function: Callable, args: tuple) -> None:
    _worker_start(parent, None, ())
    try:
        value = (True, function(*args))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which computes it itself
        value = (False, f"{type(error).__name__}: {error}")
    send.send(value)
    send.close()


def start_prerender(store_path: Path | None, articles: list, jobs: int) -> BodyPrerender | None:
    """A BodyPrerender for `articles` when a build has a store, more than one core, and enough
    new articles for it to be worth a process."""
    if store_path is None or jobs < 2 or len(articles) < PARALLEL_MIN_PAGES:
        return None
    return BodyPrerender(store_path, articles)


def _prerender(parent: int, store_path: Path, articles: list, stop) -> None:
    """Each body is decoded only when its turn comes: a list of every body as text, made up
    front, took 1 GB at 100,000 articles (curly quotes make a str two bytes a character)."""
    _worker_start(parent, None, ())
    store = BodyStore(store_path)  # a connection of this process's own
    try:
        for done, article in enumerate(articles, 1):
            if stop.is_set():
                break
            render_with_store(store, article.body)
            if done % PRERENDER_BATCH == 0:
                store.flush()
    finally:
        store.close()
