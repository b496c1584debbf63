"""Redirect pages for old addresses (`aliases:`): an article renamed or moved keeps its links.

Each alias becomes a small page that sends the reader on with a meta refresh to a relative
address, so it works from file:// and under any sub-path; search engines get the canonical URL.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from digest import urls
from digest.errors import ContentError, ErrorList
from digest.model import Article, Site
from digest.render.pages import PageSpec, card_key


def redirect_page(site: Site, spec: PageSpec) -> bytes:
    article: Article = site.article(spec.context["article_id"])
    target = urls.article(article.id)
    relative = escape(urls.relative_root(spec.url) + target)
    title = escape(article.title)
    return (f'<!DOCTYPE html>\n<html lang="{escape(article.language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Moved: {title}</title>\n"
            f'<meta http-equiv="refresh" content="0; url={relative}">\n'
            f'<link rel="canonical" href="{escape(urls.absolute(site.config.base_url, target))}">\n'
            f'<meta name="robots" content="noindex">\n</head>\n<body>\n'
            f'<p>This page has moved to <a href="{relative}">{title}</a>.</p>\n</body>\n</html>\n').encode()


def plan_alias_pages(site: Site, planned: list[PageSpec]) -> list[PageSpec]:
    """A redirect page per alias; an alias that is already a page, or another article's, is an error."""
    taken = {s.url: None for s in planned}
    owners: dict[str, Article] = {}
    errors = []
    specs = []
    for article in site.articles:
        for url in article.aliases:
            if url in taken or url in owners:
                other = f"an alias of {owners[url].id}" if url in owners else "a page of the site"
                errors.append(ContentError(article.source_path, _line_of_aliases(article.source_path),
                                           f"alias {url!r} is already {other}"))
                continue
            owners[url] = article
            specs.append(PageSpec(url, None, {"article_id": article.id}, frozenset({card_key(article.id), "meta"}),
                                  produce=redirect_page))
    if errors:
        raise ErrorList(errors)
    return specs


def _line_of_aliases(path: Path) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, 1) if line.startswith("aliases:")), None)
