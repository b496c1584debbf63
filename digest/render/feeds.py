"""Feeds and crawler files: Atom, JSON Feed 1.1, sitemap.xml, robots.txt (deterministic bytes)."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from digest.model import Article, Site
from digest.provenance import trust_notices
from digest.render.markdown import render_markdown
from digest.render.pages import PageSpec
from digest import views

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50


def absolute(site: Site, url: str) -> str:
    """Absolute URL of a page; directory index pages end in '/' as served."""
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    return site.config.base_url + url


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed_articles(site: Site) -> list[Article]:
    return list(site.articles[:FEED_SIZE])


def _content_html(article: Article) -> str:
    notices = "".join(f"<p><strong>{n.heading}.</strong> {n.explanation}</p>" for n in trust_notices(article))
    corrections = "".join(f"<p><strong>Correction ({c.date.isoformat()}):</strong> {_escape(c.text)}</p>"
                          for c in article.corrections)
    return notices + render_markdown(article.body) + corrections


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def atom_feed(site: Site, spec: PageSpec) -> bytes:
    ET.register_namespace("", ATOM_NS)
    articles = _feed_articles(site)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "title", site.config.title)
    _sub(feed, "subtitle", site.config.description)
    _sub(feed, "id", site.config.base_url)
    updated = max((a.updated for a in articles), default=site.config.coverage_end)
    _sub(feed, "updated", _stamp(updated))
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", href=site.config.base_url + "feed.xml", rel="self",
                  type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", href=site.config.base_url, rel="alternate", type="text/html")
    _sub(feed, "generator", "news-digest")
    for article in articles:
        feed.append(_atom_entry(site, article))
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    element.text = text
    return element


def _atom_entry(site: Site, article: Article) -> ET.Element:
    entry = ET.Element(f"{{{ATOM_NS}}}entry")
    url = absolute(site, views.article_url(article.id))
    _sub(entry, "title", article.title)
    _sub(entry, "id", url)
    ET.SubElement(entry, f"{{{ATOM_NS}}}link", href=url, rel="alternate", type="text/html")
    if article.url:
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", href=article.url, rel="via", type="text/html")
    _sub(entry, "published", _stamp(article.date))
    _sub(entry, "updated", _stamp(article.updated))
    for name in article.authors or (article.publisher,):
        author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
        _sub(author, "name", name)
    source = ET.SubElement(entry, f"{{{ATOM_NS}}}source")
    _sub(source, "title", article.publisher)
    _sub(source, "id", article.url or url)
    _sub(source, "updated", _stamp(article.updated))
    for tag in article.tags:
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=tag)
    if article.summary:
        _sub(entry, "summary", article.summary)
    _sub(entry, "content", _content_html(article), type="html")
    return entry


def json_feed(site: Site, spec: PageSpec) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for article in _feed_articles(site):
        url = absolute(site, views.article_url(article.id))
        item = {
            "id": url, "url": url, "title": article.title, "content_html": _content_html(article),
            "date_published": _stamp(article.date), "date_modified": _stamp(article.updated),
            "authors": [{"name": n} for n in (article.authors or (article.publisher,))],
            "tags": list(article.tags), "language": article.language,
        }
        if article.summary:
            item["summary"] = article.summary
        if article.url:
            item["external_url"] = article.url
        item["_digest"] = {"publisher": article.publisher, "notices": [n.heading for n in trust_notices(article)],
                           "date_source": article.date_source, "corrections": len(article.corrections)}
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.config.title,
        "home_page_url": site.config.base_url,
        "feed_url": site.config.base_url + "feed.json",
        "description": site.config.description,
        "language": site.config.language,
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def sitemap(site: Site, urls: list[str]) -> bytes:
    """Every HTML page once (not the 404 page)."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in sorted(set(urls)):
        if url.endswith(".html") and url != "404.html":
            entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = absolute(site, url)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def robots(site: Site, spec: PageSpec) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n".encode()


def plan_feed_pages(site: Site) -> list[PageSpec]:
    cards = frozenset({"meta"} | {f"article:{a.id}" for a in _feed_articles(site)})
    return [
        PageSpec("feed.xml", None, {}, cards, produce=atom_feed),
        PageSpec("feed.json", None, {}, cards, produce=json_feed),
        PageSpec("robots.txt", None, {}, frozenset({"meta"}), produce=robots),
    ]


def plan_sitemap(site: Site, specs: list[PageSpec]) -> PageSpec:
    urls = [s.url for s in specs]
    return PageSpec("sitemap.xml", None, {"urls": urls}, frozenset({"meta", "pages"}),
                    produce=lambda s, spec: sitemap(s, spec.context["urls"]))
