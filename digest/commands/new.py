"""`new`: start an article (`new article "Title"`) or a whole digest (`new site DIR`). No editor opens."""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.commands import add_project_argument
from digest.content.settings import load_config
from digest.errors import DigestError
from digest.project import Project
from digest.scaffold import article_file_name, new_article, new_site_files

HELP = "start a new article (new article \"Title\") or a new digest (new site DIR)"
LAYOUTS = Path(__file__).resolve().parent.parent.parent / "layouts"  # the layouts this installation ships
GITIGNORE = "/site/\n/.site-*/\n.digest-cache/\n/exports/\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    article = kinds.add_parser("article", help="write content/articles/<today>-<slug>.md, a draft")
    article.add_argument("title", help="the headline")
    article.add_argument("--publisher", default=None, help="publisher (default: the site's title)")
    article.add_argument("--publish", action="store_true", help="not a draft: published by the next build")
    add_project_argument(article)
    site = kinds.add_parser("site", help="write a minimal digest (settings, layouts, one article) into DIR")
    site.add_argument("directory", type=Path, help="a new or empty folder")
    site.add_argument("--title", default="My News Digest", help="the digest's title")


def today_in(timezone: str) -> dt.date:
    """Today where the site is (an article dated 'today' elsewhere could still be scheduled)."""
    try:
        return dt.datetime.now(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return dt.datetime.now(dt.UTC).date()


def write_new_article(project: Project, title: str, publisher: str | None, draft: bool) -> Path:
    if not title.strip():
        raise DigestError("the title is empty")
    config = load_config(project.content / "site.yaml")
    day = today_in(config.timezone)
    path = project.content / "articles" / article_file_name(title, day)
    if path.exists():
        raise DigestError(f"{path} already exists; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never replaces a file made meanwhile
        handle.write(new_article(title.strip(), day, publisher or config.title, draft))
    return path


def write_new_site(directory: Path, title: str) -> list[Path]:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise DigestError(f"{directory} is not an empty folder; nothing was written")
    if not LAYOUTS.is_dir():
        raise DigestError(f"this installation has no layouts folder ({LAYOUTS})")
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copytree(LAYOUTS, directory / "layouts")
    written = [directory / "layouts"]
    files = new_site_files(title, today_in("UTC")) | {".gitignore": GITIGNORE}
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    try:
        if args.kind == "article":
            path = write_new_article(Project(args.project.resolve()), args.title, args.publisher, not args.publish)
            print(f"Wrote {path}" + ("" if args.publish else " (draft: true; `serve` shows it, set "
                                     "draft: false to publish)"))
        else:
            write_new_site(args.directory, args.title)
            print(f"Wrote a new digest into {args.directory}. Build it: "
                  f"news-digest build --project {args.directory}   (or python build.py --project {args.directory})")
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
