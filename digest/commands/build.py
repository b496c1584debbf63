"""`build`: render content/ through layouts/ into site/."""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from digest.commands import add_project_argument
from digest.content.load import print_report
from digest.errors import DigestError, ErrorList
from digest.output.run import BuildOptions, build_site
from digest.project import Project

HELP = "build the site into site/ (the default command)"

# A build is one short process that makes millions of objects and keeps most of them to the end
# (the site, its pages' plans), so the cycle collector's default of a pass every 700 allocations
# walks the same live objects again and again: 1.1 of 9.3 s of a warm build at 10,000 articles,
# 2.3 s of a cold one. Collecting rarely costs no memory here (the same peak: nearly everything is
# freed by reference counting) and leaves 0.3 and 0.5 s.
COLLECTOR_THRESHOLDS = (50_000, 20, 100)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--output", "-o", type=Path, default=None, help="output folder (default: <project>/site)")
    parser.add_argument("--base-url", default=None, help="absolute URL the site is published at, "
                        "e.g. https://user.github.io/repo/ (default: base_url in content/site.yaml)")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="leave out articles with errors (and say so) instead of failing")
    parser.add_argument("--jobs", "-j", type=int, default=0,
                        help="processes rendering pages on large sites (default: all cores)")
    parser.add_argument("--drafts", action="store_true",
                        help="include drafts and scheduled articles (each with a badge); never for publishing")
    parser.add_argument("--no-cache", action="store_true",
                        help="render every page, ignoring what the last build left in .digest-cache/")


def run(args: argparse.Namespace) -> int:
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    project = Project(args.project.resolve())
    options = BuildOptions(base_url=args.base_url, skip_invalid=args.skip_invalid, output=args.output,
                           use_cache=not args.no_cache, jobs=args.jobs, drafts=args.drafts)
    try:
        result = build_site(project, options)
    except ErrorList as errors:
        for error in errors.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"build failed: {len(errors.errors)} problem(s); {project.output} was left as it was",
              file=sys.stderr)
        return 1
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"build failed; {project.output} was left as it was", file=sys.stderr)
        return 1
    print_report(result.report)
    print(result.summary())
    return 0
