"""`check`: validate content, templates and links without writing the site (for CI and editors)."""
from __future__ import annotations

import argparse
import sys

from digest.commands import add_project_argument
from digest.content.load import LoadReport, load_project_site
from digest.errors import DigestError, ErrorList
from digest.output.run import Builder, BuildOptions
from digest.project import Project
from digest.publication import PublishRules
from digest.review import review_lines, review_queue

HELP = "check content, templates and links without writing anything; non-zero exit on problems"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)


def find_problems(project: Project) -> list[str]:
    """What a build would fail on or publish broken, from the Builder's own load and render in
    memory (no cache read or written, nothing written to site/)."""
    builder = Builder(project, BuildOptions(skip_invalid=True, use_cache=False))
    try:
        return builder.check()
    finally:
        builder.close()


def print_review_queue(project: Project) -> None:
    """Articles marked `review: needed` (drafts and held ones included): information, not problems."""
    try:
        site = load_project_site(project, LoadReport(), skip_invalid=True,
                                 rules=PublishRules(include_unpublished=True))
    except (ErrorList, DigestError):
        return
    for line in review_lines(review_queue(site.articles)):
        print(line)


def run(args: argparse.Namespace) -> int:
    print_review_queue(Project(args.project.resolve()))
    problems = find_problems(Project(args.project.resolve()))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0
