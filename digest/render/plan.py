"""All the pages of a site: every feature's planner, in one stable order."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from digest.content.load import line_of_key
from digest.errors import ContentError
from digest.model import Site
from digest.render.aliases import plan_alias_pages
from digest.render.feeds import plan_feed_pages, plan_sitemaps
from digest.render.pages import PageSpec, plan_anywhere_pages, plan_core_pages
from digest.render.provenance import plan_provenance_pages
from digest.render.search import plan_search_pages
from digest.render.templates import Templates
from digest.render.timeline import plan_timeline_pages

# Each feature adds its planner here: a pure function Site -> [PageSpec].
PLANNERS: list[Callable[[Site], list[PageSpec]]] = [plan_core_pages, plan_timeline_pages, plan_provenance_pages,
                                                   plan_feed_pages, plan_search_pages]


def plan_pages(site: Site) -> list[PageSpec]:
    """Every page of the site, in a stable order; duplicate URLs are a bug in a planner."""
    specs = [spec for planner in PLANNERS for spec in planner(site)]
    specs += plan_sitemaps(site, specs)
    specs += plan_alias_pages(site, specs)  # after the sitemap: redirects are not pages to index
    specs += plan_anywhere_pages(site, specs)  # after the sitemap: they are no page of their own
    counts = Counter(s.url for s in specs)
    if len(counts) != len(specs):
        dupes = sorted(u for u, n in counts.items() if n > 1)
        raise ValueError(f"two pages planned at the same URL: {dupes}")
    return specs


def check_layouts(specs: list[PageSpec], templates: Templates) -> list[ContentError]:
    """Every page's layout must exist; an article naming an unknown one is reported at its line."""
    errors: list[ContentError] = []
    missing = {name for name in {s.template for s in specs if s.template} if not templates.exists(name)}
    for spec in specs if missing else ():  # each layout looked for once, not once per page
        if spec.template in missing:
            article = spec.context.get("article")
            if article is not None and spec.template == article.layout + ".html":
                errors.append(ContentError(article.source_path, line_of_key(article.source_path, "layout"),
                                           f"unknown layout {article.layout!r} (no layouts/{spec.template})"))
            elif not any(e.path == templates.layouts_dir / spec.template for e in errors):
                errors.append(ContentError(templates.layouts_dir / spec.template, None, "template is missing"))
    return errors


def root_files(site: Site) -> list[tuple[str, bytes]]:
    """Small files GitHub Pages wants at the root."""
    files = [(".nojekyll", b"")]
    if site.config.cname:
        files.append(("CNAME", site.config.cname.encode() + b"\n"))
    return files
