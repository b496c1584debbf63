"""Plan the pages of a site (`PageSpec`s with their dependency keys) and render each one."""
from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from digest import provenance, urls, views
from digest.model import Article, Site
from digest.render import images
from digest.render.jsonld import news_article
from digest.render.markdown import render_markdown
from digest.render.templates import Templates
from digest.timeline.days import article_days, timeline_of
from digest.timeline.match import entities_named


@dataclass(frozen=True)
class PageSpec:
    """One output file: where it goes, which layout renders it, what it shows, what it depends on."""

    url: str                      # path under site/, e.g. "articles/x/index.html"
    template: str | None          # a layout name, or None when `produce` makes the bytes
    context: dict[str, Any] = field(hash=False, compare=False)
    deps: frozenset[str] = frozenset()
    # For data files (feeds, JSON, search index): a pure function (site, spec) -> bytes.
    produce: Callable[[Site, PageSpec], bytes] | None = field(default=None, hash=False, compare=False)


@dataclass(frozen=True)
class Page:
    url: str
    content: bytes


class BodyCache:
    """Rendered article bodies keyed by content hash: Markdown is the costly step.

    `render` turns Markdown into HTML (a build passes one backed by its persistent store). Only
    the `limit` most recently used bodies are kept: each is used by a page or two (the article,
    a feed), and a worker that kept every body it rendered would hold half of a 100,000-article
    site's HTML. A body dropped here is read again from the build's store of rendered bodies.
    """

    def __init__(self, render: Callable[[str], str] = render_markdown, limit: int = 2048) -> None:
        self._html: OrderedDict[str, str] = OrderedDict()
        self._render = render
        self._limit = limit

    def html_for(self, article: Article) -> str:
        key = article.content_hash or article.id
        html = self._html.get(key)
        if html is None:
            html = self._render(article.body)
            self._html[key] = html
            if len(self._html) > self._limit:
                self._html.popitem(last=False)
        else:
            self._html.move_to_end(key)
        return html

    def prune(self, live_hashes: set[str]) -> None:
        for key in list(self._html):
            if key not in live_hashes:
                del self._html[key]

    def __len__(self) -> int:
        return len(self._html)


def card_key(article_id: str) -> str:
    """The dependency key of what listings show of an article (output/graph.py lists the keys).
    Interned: the plan of a big site names each card in many pages' keys, and one string per
    article instead of one per mention saves ~10 MB of a 10,000-article plan."""
    return sys.intern(f"card:{article_id}")


def cards_of(ids) -> frozenset[str]:
    """The card keys of these article ids."""
    return frozenset(map(card_key, ids))


def _cards(articles) -> frozenset[str]:
    return cards_of(a.id for a in articles)


def paged_specs(first_url: str, template: str, articles, per_page: int, deps: frozenset[str],
                context: dict[str, Any] | None = None) -> list[PageSpec]:
    """A listing of article cards cut into pages of `per_page`: each page depends on the cards it
    shows, and on `deps`, which must change whenever the listing's members change (page counts
    and numbered links move with them)."""
    return [PageSpec(pager.url, template, {**(context or {}), "articles": pager.items, "pager": pager},
                     _cards(pager.items) | deps)
            for pager in views.paginate(articles, per_page, first_url)]


def _group_pages(site: Site, groups: list[views.Group], template: str, kind: str, title: str) -> list[PageSpec]:
    specs = [spec for g in groups
             for spec in paged_specs(g.url, template, g.articles, site.config.per_page,
                                     frozenset({f"list:{g.kind}:{g.slug}", "meta"}), {"group": g})]
    specs.append(PageSpec(urls.groups(kind), "groups.html", {"groups": groups, "heading": title},
                          frozenset({f"lists:{kind}", "meta"})))
    return specs


def _audit_link(article: Article) -> frozenset[str]:
    """The article links its audit page only while its raw input can be read."""
    return frozenset({f"raw:{article.id}"}) if article.raw else frozenset()


def plan_core_pages(site: Site) -> list[PageSpec]:
    """Front page, archive, 404, article pages and the tag/source/entity listings."""
    articles = site.articles
    listed = views.one_per_story(site, articles)  # syndicated copies: one card per story
    latest = listed[: site.config.front_page_count]
    specs = [
        PageSpec(urls.HOME, "index.html", {"latest": latest, "total": len(articles)},
                 _cards(latest) | {"meta", "timeline", "articles", "syndication"}),
    ]
    specs += paged_specs(urls.ARCHIVE, "archive.html", listed, site.config.per_page,
                         frozenset({"meta", "articles", "syndication"}), {"total": len(articles)})
    for article in articles:
        related = views.related(site, article)
        specs.append(PageSpec(urls.article(article.id), article.layout + ".html",
                              {"article": article, "related": related},
                              frozenset({f"article:{article.id}", f"mentions:{article.id}", "meta", "events",
                                         f"images:{article.id}"}) |
                              _audit_link(article) | _cards(provenance.same_story(site, article)) | _cards(related)))
    specs += _group_pages(site, views.tag_groups(site), "tag.html", "tag", "Tags")
    specs += _group_pages(site, views.source_groups(site), "source.html", "source", "Sources")
    specs += [PageSpec(s.url, s.template, s.context, s.deps | {"events"}) for s in
              _group_pages(site, views.entity_groups(site), "entity.html", "entity",
                           "People, places and organisations")]
    specs += _group_pages(site, views.author_groups(site), "author.html", "author", "Authors")
    return specs


def plan_anywhere_pages(site: Site, specs: list[PageSpec]) -> list[PageSpec]:
    """404.html and offline.html, which are served at addresses other than their own (any missing
    one; any page while offline): they carry the site's top-level names, to find its root in the
    address and resolve their relative links from there (partials/root-finder.html)."""
    top_level = sorted({s.url.split("/", 1)[0] for s in specs} | {"static", urls.NOT_FOUND, urls.OFFLINE})
    context = {"top_level": top_level, "base_path": urlsplit(site.config.base_url).path or "/"}
    deps = frozenset({"meta", "pages"})
    return [PageSpec(urls.NOT_FOUND, "404.html", context, deps), PageSpec(urls.OFFLINE, "offline.html", context, deps)]


def base_context(site: Site, url: str, body_html: Callable[[Article], str]) -> dict[str, Any]:
    return {
        "canonical": urls.absolute(site.config.base_url, url),
        "news_article": lambda article: news_article(site, article),
        "site": site,
        "config": site.config,
        "page_url": url,
        "pager": None,  # a page of a listing replaces it with its views.Pager
        "root": urls.relative_root(url),
        "urls": urls,
        "views": views,
        "provenance": provenance,
        "body_html": lambda article: images.with_figures(site, article, body_html(article), urls.relative_root(url)),
        "lead_image": lambda article: images.lead_image(site, article),
        "covered_days": lambda article_id: article_days(site, article_id),
        "timeline_days": lambda: timeline_of(site).days,
        "entities_named": lambda sentence, candidates: entities_named(sentence, tuple(candidates), site.entities),
    }


def render_page(site: Site, spec: PageSpec, templates: Templates, bodies: BodyCache,
                extra: dict[str, Any] | None = None) -> Page:
    if spec.produce is not None:
        return Page(spec.url, spec.produce(site, spec))
    context = base_context(site, spec.url, bodies.html_for)
    context.update(spec.context)
    if extra:
        context.update(extra)
    if spec.template is None:
        raise ValueError(f"page {spec.url} has neither a layout nor a producer")
    html = templates.render(spec.template, context)
    return Page(spec.url, html.encode("utf-8"))
