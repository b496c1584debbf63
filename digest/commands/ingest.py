"""`ingest`: raw scraped articles (.txt or saved .html) -> content/articles/<date>-<slug>.md."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digest.commands import add_project_argument
from digest.errors import DigestError
from digest.ingest.pipeline import IngestOptions, IngestReport, ingest_files
from digest.ingest.store import relative_to_project
from digest.project import Project

HELP = "normalize raw scraped articles (.txt, .html) into content/articles/*.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="raw files, e.g. content/raw/*.txt")
    add_project_argument(parser)
    parser.add_argument("--publisher", help="publisher name for all the files (overrides detection)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    parser.add_argument("--force", action="store_true",
                        help="overwrite hand edits too (a .bak copy is still written)")


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


def run(args: argparse.Namespace) -> int:
    project = Project(args.project.resolve())
    options = IngestOptions(overrides={"publisher": args.publisher} if args.publisher else {},
                            force=args.force, dry_run=args.dry_run)
    try:
        report = ingest_files(list(args.paths), project, options)
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_report(report, project)
    return 0 if report.ok else 1
