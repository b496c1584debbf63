"""`fetch`: read every feed of content/sources.yaml, fetch the new items' pages, ingest them."""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from digest.commands import add_project_argument
from digest.content.load import load_entities, load_sources
from digest.content.settings import load_config
from digest.errors import ContentError, DigestError
from digest.project import Project

HELP = "read the feeds in content/sources.yaml, fetch new articles politely and ingest them"


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """The fetcher's manners and limits (shared by `fetch` and `ingest URL`)."""
    from digest.fetch.client import FetchOptions
    default = FetchOptions()
    group = parser.add_argument_group("fetching")
    group.add_argument("--allow-private", action="store_true",
                       help="also fetch from private, loopback and link-local addresses (refused by default)")
    group.add_argument("--per-host", type=int, default=default.per_host, metavar="N",
                       help=f"requests at a time to one host (default {default.per_host})")
    group.add_argument("--delay", type=float, default=default.delay, metavar="SECONDS",
                       help=f"pause between two requests to one host (default {default.delay:g}; "
                            "robots.txt Crawl-delay can make it longer)")
    group.add_argument("--timeout", type=float, default=default.timeout, metavar="SECONDS",
                       help=f"connect and read timeout (default {default.timeout:g})")
    group.add_argument("--retries", type=int, default=default.retries, metavar="N",
                       help=f"retries on 429, 5xx and dropped connections (default {default.retries})")
    group.add_argument("--backoff", type=float, default=default.backoff, metavar="SECONDS",
                       help=f"first wait before a retry, doubled each time (default {default.backoff:g})")
    group.add_argument("--max-size", type=float, default=default.max_bytes / 1024 / 1024, metavar="MB",
                       help=f"largest page or feed read (default {default.max_bytes // 1024 // 1024} MB)")
    group.add_argument("--user-agent", default=default.user_agent,
                       help="User-Agent header (keep the tool's name in it; add a contact address)")


def fetch_options(args: argparse.Namespace):
    from digest.fetch.client import FetchOptions
    if args.per_host < 1 or args.delay < 0 or args.timeout <= 0 or args.retries < 0 or args.max_size <= 0:
        raise DigestError("--per-host must be at least 1; --delay, --retries zero or more; "
                          "--timeout and --max-size more than zero")
    return FetchOptions(user_agent=args.user_agent, timeout=args.timeout, max_bytes=int(args.max_size * 1024 * 1024),
                        retries=args.retries, backoff=args.backoff, per_host=args.per_host, delay=args.delay,
                        allow_private=args.allow_private)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--source", action="append", default=[], metavar="ID",
                        help="only this source (repeatable; default: every source with `feeds`)")
    parser.add_argument("--force", action="store_true",
                        help="re-ingested articles take the new text for every field (a .bak copy is still written)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="processes that read and clean the fetched pages (default: one per CPU)")
    add_fetch_options(parser)


def _chosen_sources(args: argparse.Namespace, sources: dict, entities: dict, path: Path) -> list:
    unknown = [s for s in args.source if s not in sources]
    if unknown:
        raise DigestError(f"no source {unknown[0]!r} in {path}")
    chosen = [sources[s] for s in args.source] if args.source else [s for s in sources.values() if s.feeds]
    for source in chosen:
        missing = [e for e in source.filters.entities if e not in entities]
        if missing:
            raise ContentError(path, None,
                               f"source `{source.id}`: filter entity {missing[0]!r} is not in entities.yaml")
    return chosen


def run(args: argparse.Namespace) -> int:
    from digest.fetch.client import HttpClient
    from digest.fetch.crawl import add_page, fetch_pages, read_feeds
    from digest.fetch.intake import ingest_pages
    from digest.fetch.progress import Progress
    from digest.fetch.selection import Window
    from digest.fetch.store import RawStore
    from digest.ingest.pipeline import IngestOptions
    from digest.output.parallel import default_jobs

    project = Project(args.project.resolve())
    sources_path = project.content / "sources.yaml"
    try:
        config = load_config(project.content / "site.yaml")
        sources = load_sources(sources_path)
        entities = load_entities(project.content / "entities.yaml")
        chosen = _chosen_sources(args, sources, entities, sources_path)
        client = HttpClient(fetch_options(args))
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not chosen:
        print(f"no source in {sources_path.relative_to(project.root)} has `feeds`; nothing to fetch")
        return 0
    store = RawStore(project.content / "raw")
    progress = Progress()
    window = Window(config.coverage_start, config.coverage_end, config.timezone)
    report, unchanged, requests = read_feeds(chosen, window, entities, store, client, progress.tally)
    pages = itertools.chain(unchanged, fetch_pages(requests, store, client, progress.tally))
    try:  # pages are ingested as they arrive, while later ones are still being fetched
        ingested = ingest_pages(pages, project, store, sources, IngestOptions(force=args.force),
                                seen=lambda page: add_page(report, page), jobs=args.jobs or default_jobs())
    except (DigestError, OSError) as error:
        progress.finish()
        print(f"error: {error}", file=sys.stderr)
        return 1
    report.warnings += store.problems
    progress.tally("ingested", sum(o.status != "copy" for o in ingested.outcomes))
    progress.finish()
    print_fetch_report(report, ingested, client, project)
    return 1 if report.problems or ingested.failures else 0


def print_fetch_report(report, ingested, client, project: Project) -> None:
    from digest.commands.ingest import print_report
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    print_report(ingested, project)
    statuses = [p.status for p in report.pages]
    articles = [o.status for o in ingested.outcomes]
    copies = statuses.count("copy") + articles.count("copy")
    counts = client.counters
    print(f"{report.feeds} feed(s) ({report.feeds_unchanged} unchanged), {report.items_found} item(s): "
          f"{statuses.count('new')} new, {statuses.count('changed')} changed, {statuses.count('unchanged')} unchanged, "
          f"{copies} copies, {len(report.skipped)} skipped, {len(report.problems) + len(ingested.failures)} failed; "
          f"{len(articles) - articles.count('copy')} ingested ({articles.count('written')} written); "
          f"{counts.requests} request(s), {counts.conditional} conditional, {counts.not_modified} not modified")


def ingest_urls(urls: list[str], project: Project, args: argparse.Namespace, overrides: dict) -> bool:
    """`ingest URL...`: fetch each page into content/raw/ (conditionally if it is kept already) and
    ingest it. Returns True when something failed; each failure is printed with its URL."""
    from digest.commands.ingest import print_report
    from digest.fetch.client import HttpClient
    from digest.fetch.crawl import PageRequest, fetch_pages
    from digest.fetch.errors import FetchError
    from digest.fetch.guard import checked_url
    from digest.fetch.identity import canonical_url
    from digest.fetch.intake import ingest_pages, source_of
    from digest.fetch.store import RawStore
    from digest.ingest.pipeline import IngestOptions

    if args.dry_run:
        raise DigestError("--dry-run does not fetch: it reads files only (fetch without it, or save the page)")
    sources = load_sources(project.content / "sources.yaml")
    client = HttpClient(fetch_options(args))
    store = RawStore(project.content / "raw")
    failed, requests = False, []
    for url in urls:
        try:
            checked_url(url)
        except FetchError as error:
            print(f"error: {error}", file=sys.stderr)
            failed = True
            continue
        source = source_of(url, sources)
        requests.append(PageRequest(canonical_url(url), source.id if source else None))
    results: list = []
    report = ingest_pages(fetch_pages(requests, store, client), project, store, sources,
                          IngestOptions(overrides=overrides, force=args.force), seen=results.append, every=True)
    for result in results:
        if result.status == "failed":
            print(f"error: {result.request.url}: {result.detail}", file=sys.stderr)
        elif result.status == "copy":
            print(f"copy: {result.request.url}: {result.detail}")
    print_report(report, project)
    return failed or not report.ok or any(r.status == "failed" for r in results)
