"""All the pages of a site: every feature's planner, in one stable order."""
from __future__ import annotations

from collections import Counter
from typing import Callable

from digest.model import Site
from digest.render.aliases import plan_alias_pages
from digest.render.pages import PageSpec, plan_anywhere_pages, plan_core_pages
from digest.render.feeds import plan_feed_pages, plan_sitemaps
from digest.render.provenance import plan_provenance_pages
from digest.render.search import plan_search_pages
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
