"""`ingest`: raw scraped articles (.txt or saved .html) -> content/articles/<date>-<slug>.md."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from digest.commands import add_project_argument
from digest.errors import DigestError
from digest.ingest.pipeline import IngestOptions, IngestReport, ingest_files
from digest.ingest.store import relative_to_project
from digest.project import Project

HELP = "normalize raw scraped articles (.txt, .html, or http(s) URLs to fetch) into content/articles/*.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from digest.commands.fetch import add_fetch_options
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_URL",
                        help="raw files, e.g. content/raw/*.txt, or addresses of article pages to fetch")
    add_project_argument(parser)
    parser.add_argument("--publisher", help="publisher name for all the files (overrides detection)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    parser.add_argument("--force", action="store_true",
                        help="overwrite hand edits too (a .bak copy is still written)")
    add_fetch_options(parser)


def print_report(report: IngestReport, project: Project) -> None:
    for outcome in report.outcomes:
        print(f"{outcome.status}: {relative_to_project(outcome.path, project)}")
        for note in outcome.notes:
            print(f"  note: {note}")
    for failure in report.failures:
        print(f"error: {failure}", file=sys.stderr)
    if report.failures:
        total = len(report.failures) + len(report.outcomes)
        print(f"{len(report.failures)} of {total} file(s) could not be ingested", file=sys.stderr)


def is_url(argument: str) -> bool:
    """An address to fetch rather than a file (any scheme: the fetcher refuses all but http(s))."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", argument) is not None


def run(args: argparse.Namespace) -> int:
    project = Project(args.project.resolve())
    overrides = {"publisher": args.publisher} if args.publisher else {}
    files = [Path(p) for p in args.paths if not is_url(p)]
    urls = [p for p in args.paths if is_url(p)]
    options = IngestOptions(overrides=overrides, force=args.force, dry_run=args.dry_run)
    failed = False
    try:
        if files:
            report = ingest_files(files, project, options)
            print_report(report, project)
            failed = not report.ok
        if urls:
            from digest.commands.fetch import ingest_urls
            failed = ingest_urls(urls, project, args, overrides) or failed
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 1 if failed else 0
