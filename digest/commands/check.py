"""`check`: validate content, templates and links without writing the site (for CI and editors)."""
from __future__ import annotations

import argparse
import sys

from digest.output.links import broken_links
from digest.output.run import BuildOptions, check_layouts, extra_files, load_project_site, static_files
from digest.commands import add_project_argument
from digest.content.load import LoadReport
from digest.errors import ContentError, DigestError, ErrorList
from digest.project import Project
from digest.review import review_lines, review_queue
from digest.render.pages import BodyCache, render_page
from digest.render.images import image_urls
from digest.render.plan import plan_pages
from digest.render.templates import Templates

HELP = "check content, templates and links without writing anything; non-zero exit on problems"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)


def find_problems(project: Project) -> list[str]:
    report = LoadReport()
    try:
        site = load_project_site(project, BuildOptions(skip_invalid=True), report)
    except (ErrorList, DigestError) as error:
        return [str(e) for e in getattr(error, "errors", [error])]
    problems = [str(e) for e in report.errors]
    templates = Templates(project.layouts)
    specs = plan_pages(site)
    problems += [str(e) for e in check_layouts(specs, templates)]
    pages: dict[str, str] = {}
    bodies = BodyCache()
    for spec in specs:
        if spec.template and not templates.exists(spec.template):
            continue
        try:
            pages[spec.url] = render_page(site, spec, templates, bodies).content.decode("utf-8")
        except ContentError as error:
            if str(error) not in problems:
                problems.append(str(error))
    others = {url for url, _ in static_files(project) + extra_files(site)} | image_urls(site)
    problems += broken_links(pages, others)
    return problems


def print_review_queue(project: Project) -> None:
    """Articles marked `review: needed` (drafts and held ones included): information, not problems."""
    try:
        site = load_project_site(project, BuildOptions(skip_invalid=True, drafts=True), LoadReport())
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
