"""Pages that show where articles came from: one audit page per article, and the about page."""
from __future__ import annotations

from digest import urls
from digest.model import Site
from digest.provenance import audit_lines
from digest.render.pages import PageSpec


def plan_provenance_pages(site: Site) -> list[PageSpec]:
    specs = [PageSpec(urls.ABOUT, "about.html", {}, frozenset({"meta"}))]
    for article in site.articles:
        raw = site.raw_texts.get(article.id)
        if raw is None:
            continue
        specs.append(PageSpec(urls.audit(article.id), "audit.html",
                              {"article": article, "lines": audit_lines(raw, article)},
                              frozenset({f"article:{article.id}", f"raw:{article.id}", "meta"})))
    return specs
