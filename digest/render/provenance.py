"""Provenance pages: an audit page per article that has a raw input, and the About page."""
from __future__ import annotations

from digest.audit import audit_of, audit_url
from digest.model import Site
from digest.render.pages import PageSpec

ABOUT_URL = "about/index.html"


def plan_provenance_pages(site: Site) -> list[PageSpec]:
    """`articles/<id>/source/index.html` for each article with `raw`, plus `about/index.html`."""
    specs = []
    for article in site.articles:
        url = audit_url(article)
        if url is None:
            continue
        specs.append(PageSpec(url, "audit.html", {"article": article, "audit": audit_of(article)},
                              frozenset({f"article:{article.id}", "meta"})))
    specs.append(PageSpec(ABOUT_URL, "about.html", {}, frozenset({"meta"})))
    return specs
