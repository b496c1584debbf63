"""`export`: the whole digest as an EPUB and/or one self-contained HTML file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digest.commands import add_project_argument
from digest.content.load import LoadReport, load_project_site
from digest.derived import derive
from digest.errors import DigestError, ErrorList
from digest.output.images import ImageCache
from digest.project import Project
from digest.render.export import epub, single_html
from digest.render.templates import Templates
from digest.slugs import slugify

HELP = "export the digest for e-readers and archiving (EPUB 3 and/or one HTML file)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--epub", action="store_true", help="write an EPUB 3 file")
    parser.add_argument("--html", action="store_true", help="write one self-contained HTML file")
    parser.add_argument("--output", "-o", type=Path, default=None,
                        help="output folder (default: <project>/exports)")


def run(args: argparse.Namespace) -> int:
    project = Project(args.project.resolve())
    if not (args.epub or args.html):
        args.epub = args.html = True
    try:
        site = derive(load_project_site(project, LoadReport()))
        templates = Templates(project.layouts)
        stylesheet = (project.static / "style.css").read_text(encoding="utf-8")
        out = (args.output or project.root / "exports")
        out.mkdir(parents=True, exist_ok=True)
        name = slugify(site.config.title)
        written = []
        images = ImageCache(project.cache / "images")  # the variants a build made, or made now and kept
        if args.epub:
            (out / f"{name}.epub").write_bytes(epub(site, templates, stylesheet, images.variant))
            written.append(out / f"{name}.epub")
        if args.html:
            (out / f"{name}.html").write_bytes(single_html(site, templates, stylesheet, images.variant))
            written.append(out / f"{name}.html")
    except ErrorList as errors:
        for error in errors.errors:
            print(f"error: {error}", file=sys.stderr)
        return 1
    except (DigestError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0
