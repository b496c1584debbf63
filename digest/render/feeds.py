"""Feeds and crawler files: Atom, JSON Feed 1.1, sitemap.xml, robots.txt (deterministic bytes)."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from digest import urls, views
from digest.model import Article, Site
from digest.provenance import trust_notices
from digest.render.markdown import render_markdown
from digest.render.pages import PageSpec, cards_of

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed_articles(site: Site) -> list[Article]:
    return list(views.one_per_story(site, site.articles)[:FEED_SIZE])  # one entry per syndicated story


def _also_from(site: Site, article: Article) -> str:
    others = views.also_from(site, article)
    return f"Also from {', '.join(dict.fromkeys(o.publisher for o in others))}." if others else ""


def _content_html(site: Site, article: Article) -> str:
    notices = "".join(f"<p><strong>{n.heading}.</strong> {n.explanation}</p>" for n in trust_notices(article))
    corrections = "".join(f"<p><strong>Correction ({c.date.isoformat()}):</strong> {_escape(c.text)}</p>"
                          for c in article.corrections)
    also = _also_from(site, article)
    return notices + render_markdown(article.body) + corrections + (f"<p>{_escape(also)}</p>" if also else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself: the site's feed or a topic's (tag, source, entity, author)."""

    title: str
    description: str
    id: str            # absolute URLs
    self_url: str
    home_url: str
    full_text: bool    # topic feeds carry summaries and link to the pages


def _site_feed(site: Site, form: str) -> FeedInfo:
    return FeedInfo(site.config.title, site.config.description, site.config.base_url,
                    urls.absolute(site.config.base_url, urls.feed(form)), site.config.base_url, True)


def _topic_feed(site: Site, group: views.Group, form: str) -> FeedInfo:
    page = urls.absolute(site.config.base_url, group.url)
    return FeedInfo(views.feed_title(site, group), f"Articles of {site.config.title} on {group.name}",
                    page, urls.absolute(site.config.base_url, group.feed_url(form)), page, False)


def atom_feed(site: Site, spec: PageSpec) -> bytes:
    """The site's Atom feed (RFC 4287)."""
    return _atom(site, _site_feed(site, "atom"), _feed_articles(site))


def topic_atom_feed(site: Site, spec: PageSpec) -> bytes:
    group = spec.context["group"]
    return _atom(site, _topic_feed(site, group, "atom"), list(group.articles[:FEED_SIZE]))


def _atom(site: Site, info: FeedInfo, articles: list[Article]) -> bytes:
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "title", info.title)
    if info.description:
        _sub(feed, "subtitle", info.description)
    _sub(feed, "id", info.id)
    updated = max((a.updated for a in articles), default=site.config.coverage_end)
    _sub(feed, "updated", _stamp(updated))
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", href=info.self_url, rel="self", type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", href=info.home_url, rel="alternate", type="text/html")
    _sub(feed, "generator", "news-digest")
    ET.indent(feed)
    # Serialized as text, then encoded as ElementTree's utf-8 writer encodes: the same bytes at
    # 60% of the cost (its writer resets a codec on each of ~4,000 writes a feed).
    xml = ET.tostring(feed, encoding="unicode")
    if articles:  # each entry's text, indented as ET.indent indents the feed's children
        entries = "\n  ".join(_atom_entry_text(site, article, info.full_text) for article in articles)
        xml = xml[:-len(_FEED_END)] + "\n  " + entries + _FEED_END
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + xml.encode("utf-8", "xmlcharrefreplace") + b"\n"


_FEED_END = "\n</feed>"
_ENTRY_START = f'<entry xmlns="{ATOM_NS}">'


class _EntryTexts:
    """The serialized entry (Atom) or item (JSON Feed) of each article, made once per site: an
    article is in the feeds of its tags, source, entities and authors (~7,500 entries of 155
    feeds at 10,000 articles)."""

    def __init__(self) -> None:
        self.site: object = None
        self.texts: dict[tuple[str, str, bool], str] = {}

    def get(self, site: Site, article: Article, full_text: bool, make: Callable[[], str]) -> str:
        if self.site is not site:  # another site (a rebuild): nothing carries over
            self.site, self.texts = site, {}
        key = (article.id, article.content_hash, full_text)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = make()
        return text


_ENTRY_TEXTS, _ITEM_TEXTS = _EntryTexts(), _EntryTexts()


def _atom_entry_text(site: Site, article: Article, full_text: bool) -> str:
    def make() -> str:
        entry = _atom_entry(site, article, full_text)
        ET.indent(entry, level=1)
        text = ET.tostring(entry, encoding="unicode")
        if not text.startswith(_ENTRY_START):
            raise AssertionError(f"unexpected serialization of an Atom entry: {text[:80]!r}")
        return "<entry>" + text[len(_ENTRY_START):]
    return _ENTRY_TEXTS.get(site, article, full_text, make)


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    element.text = text
    return element


def _atom_entry(site: Site, article: Article, full_text: bool = True) -> ET.Element:
    entry = ET.Element(f"{{{ATOM_NS}}}entry")
    url = urls.absolute(site.config.base_url, urls.article(article.id))
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
    if article.summary or not full_text:
        _sub(entry, "summary", " ".join(filter(None, [article.summary or article.title, _also_from(site, article)])))
    if full_text:
        _sub(entry, "content", _content_html(site, article), type="html")
    return entry


def json_feed(site: Site, spec: PageSpec) -> bytes:
    """The site's JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    return _json(site, _site_feed(site, "json"), _feed_articles(site))


def topic_json_feed(site: Site, spec: PageSpec) -> bytes:
    group = spec.context["group"]
    return _json(site, _topic_feed(site, group, "json"), list(group.articles[:FEED_SIZE]))


def _json_item(site: Site, article: Article, full_text: bool) -> dict:
    url = urls.absolute(site.config.base_url, urls.article(article.id))
    item: dict = {"id": url, "url": url, "title": article.title}
    if full_text:
        item["content_html"] = _content_html(site, article)
    else:
        item["content_text"] = " ".join(filter(None, [article.summary or article.title, _also_from(site, article)]))
    item.update({
        "date_published": _stamp(article.date), "date_modified": _stamp(article.updated),
        "authors": [{"name": n} for n in (article.authors or (article.publisher,))],
        "tags": list(article.tags), "language": article.language,
    })
    if article.summary:
        item["summary"] = article.summary
    if article.url:
        item["external_url"] = article.url
    item["_digest"] = {"publisher": article.publisher, "notices": [n.heading for n in trust_notices(article)],
                       "date_source": article.date_source, "corrections": len(article.corrections),
                       "also_from": [o.publisher for o in views.also_from(site, article)]}
    return item


def _json(site: Site, info: FeedInfo, articles: list[Article]) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "description": info.description,
        "language": site.config.language,
        "items": [],
    }
    text = json.dumps(feed, ensure_ascii=False, separators=(",", ":"))
    items = ",".join(_json_item_text(site, a, info.full_text) for a in articles)  # each made once per site
    return (text[:-len(_ITEMS_END)] + '"items":[' + items + "]}\n").encode("utf-8")


_ITEMS_END = '"items":[]}'


def _json_item_text(site: Site, article: Article, full_text: bool) -> str:
    return _ITEM_TEXTS.get(site, article, full_text, lambda: json.dumps(
        _json_item(site, article, full_text), ensure_ascii=False, separators=(",", ":")))


SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (the protocol's limit)


def _sitemap_paths(paths: list[str]) -> list[str]:
    """Every HTML page once (not the 404 page), in a stable order."""
    return sorted({p for p in paths if p.endswith(".html") and p != urls.NOT_FOUND})


def _sitemap_file(tag: str, child: str, locations) -> bytes:
    """A sitemap or sitemap index, written line by line (a big site has 100,000s of URLs)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<{tag} xmlns="{SITEMAP_NS}">']
    for location in locations:
        lines += [f"  <{child}>", f"    <loc>{xml_escape(location)}</loc>", f"  </{child}>"]
    lines.append(f"</{tag}>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(site: Site, paths: list[str]) -> bytes:
    """Every HTML page once (not the 404 page)."""
    return _sitemap_file("urlset", "url", (urls.absolute(site.config.base_url, p) for p in _sitemap_paths(paths)))


def sitemap_part_url(number: int) -> str:
    return f"sitemap-{number}.xml"


def robots(site: Site, spec: PageSpec) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(site.config.base_url, 'sitemap.xml')}\n".encode()


def plan_feed_pages(site: Site) -> list[PageSpec]:
    feed_articles = _feed_articles(site)
    cards = frozenset({"meta", "syndication"} | {f"article:{a.id}" for a in feed_articles} |
                      cards_of(a.id for a in feed_articles))
    specs = [
        PageSpec(urls.feed("atom"), None, {}, cards, produce=atom_feed),
        PageSpec(urls.feed("json"), None, {}, cards, produce=json_feed),
        PageSpec("robots.txt", None, {}, frozenset({"meta"}), produce=robots),
    ]
    for group in views.all_groups(site):
        deps = frozenset({"meta", f"list:{group.kind}:{group.slug}"} |
                         cards_of(a.id for a in group.articles[:FEED_SIZE]))
        specs.append(PageSpec(group.feed_url("atom"), None, {"group": group}, deps, produce=topic_atom_feed))
        specs.append(PageSpec(group.feed_url("json"), None, {"group": group}, deps, produce=topic_json_feed))
    return specs


def plan_sitemaps(site: Site, specs: list[PageSpec]) -> list[PageSpec]:
    """sitemap.xml; past SITEMAP_LIMIT pages it is an index of sitemap-1.xml, sitemap-2.xml..."""
    paths = _sitemap_paths([s.url for s in specs])
    deps = frozenset({"meta", "pages"})
    if len(paths) <= SITEMAP_LIMIT:
        return [PageSpec("sitemap.xml", None, {"paths": paths}, deps,
                         produce=lambda s, spec: sitemap(s, spec.context["paths"]))]
    parts = [paths[i:i + SITEMAP_LIMIT] for i in range(0, len(paths), SITEMAP_LIMIT)]
    specs = [PageSpec(sitemap_part_url(n + 1), None, {"paths": part}, deps,
                      produce=lambda s, spec: sitemap(s, spec.context["paths"])) for n, part in enumerate(parts)]
    index = [urls.absolute(site.config.base_url, sitemap_part_url(n + 1)) for n in range(len(parts))]
    specs.append(PageSpec("sitemap.xml", None, {"parts": index}, deps,
                          produce=lambda s, spec: _sitemap_file("sitemapindex", "sitemap", spec.context["parts"])))
    return specs
