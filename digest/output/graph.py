"""Dependency keys -> content hashes, and page fingerprints built from them.

A page's fingerprint hashes its URL, its template (with everything the template pulls in)
and the hash of every key it depends on. Equal fingerprints mean equal bytes, so a build can
skip a page whose fingerprint it has already written. Keys:

    article:<id>   the whole article file          card:<id>      what listings show of it
    bodies         every article file and id at once (for the search index and the service worker)
    mentions:<id>  its dated timeline sentences    raw:<id>       its raw input (audit page)
    timeline       the whole timeline              day:<iso date> what the timeline shows of one day
    meta           settings, entities, sources     events         the curated timeline
    syndication    which articles are copies of one story (listings show one card per story)
    pages          the set of planned URLs         template:<n>   (implicit, from PageSpec.template)
    images:<id>    the images an article shows     image:<sha>:<w> one resized variant (content-addressed)

An unknown key hashes to a fresh random value, so a page depending on it is always rebuilt:
stale-safe rather than silently stale.
"""
from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
from collections.abc import Callable

from digest import views
from digest.derived import bodies_digest
from digest.memo import BoundedMemo
from digest.model import Article, Site
from digest.render.pages import PageSpec
from digest.render.templates import Templates
from digest.timeline.days import timeline_of
from digest.timeline.extract import article_mentions

TOOL_VERSION = "news-digest/1"


def _hash(*parts: object) -> str:
    """SHA-256 of the parts, each followed by a NUL byte (one update: hashed in a single call)."""
    text = "\x00".join(map(str, parts)) + "\x00" if parts else ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


_CARDS: BoundedMemo[str] = BoundedMemo()


_CARD_FIELDS = operator.attrgetter(*(field.name for field in dataclasses.fields(Article) if field.name not in
                                     ("body_utf8", "content_hash", "body_line", "source_path", "ingest_lines")))


def card_hash(article: Article) -> str:
    """Everything about an article except its body (what cards, feeds' lists and tags show).

    The repr of the fields' values (text, dates, tuples, frozen dataclasses) tells any two apart.
    """
    return _CARDS.get_or_make((article.id, article.content_hash, str(article.source_path)),
                              lambda: _hash(repr(_CARD_FIELDS(article))))


class DependencyHashes:
    """Lazily computed hash of every dependency key of one Site."""

    def __init__(self, site: Site, planned_urls: list[str]):
        self.site = site
        self.urls = planned_urls
        self.memo: dict[str, str] = {}
        self.pairs: dict[str, str] = {}
        self._day_hashes: dict[str, str] | None = None
        self._group_hashes: dict[str, str] | None = None
        self.by_id = site.by_id

    def __call__(self, key: str) -> str:
        value = self.memo.get(key)
        if value is None:
            value = self.memo[key] = self._compute(key)
        return value

    def pair(self, key: str) -> str:
        """"key=hash", as fingerprints hash it (kept: a card's key is in dozens of pages)."""
        value = self.pairs[key] = f"{key}={self(key)}"
        return value

    def _compute(self, key: str) -> str:
        kind, _, ident = key.partition(":")
        handler = _HANDLERS.get(kind)
        return handler(self, ident) if handler else os.urandom(12).hex()

    def _article(self, ident: str) -> str:
        article = self.by_id.get(ident)
        return article.content_hash[:24] + self._held(ident) if article else "gone"

    def _card(self, ident: str) -> str:
        article = self.by_id.get(ident)
        return card_hash(article) + self._held(ident) + self._copies(ident) if article else "gone"

    def _mentions(self, ident: str) -> str:
        article = self.by_id.get(ident)
        return _hash([(m.date, m.sentence) for m in article_mentions(article)]) if article else "gone"

    def _meta(self, ident: str) -> str:
        site = self.site
        return _hash(site.config.fingerprint, repr(sorted(site.entities.items())), repr(sorted(site.sources.items())))

    def _lists(self, ident: str) -> str:
        return _hash(sorted((k, v) for k, v in self._groups().items() if k.startswith(ident + ":")))

    def _copies(self, article_id: str) -> str:
        """What a card says of the other copies of its story ("also from X, Y")."""
        cluster = views.syndication(self.site).get(article_id)
        if not cluster:
            return ""
        return _hash([(i, self.by_id[i].publisher) for i in cluster])

    def _held(self, article_id: str) -> str:
        """The badge of an article shown though unpublished (a scheduled one's changes with time)."""
        return self.site.held.get(article_id, "")

    def _days(self) -> dict[str, str]:
        """iso date -> hash of what the timeline shows of that day, for every day it has."""
        if self._day_hashes is None:
            timeline = timeline_of(self.site)
            days = timeline.before + timeline.days + timeline.after
            self._day_hashes = {d.anchor: _hash(repr(_day_shape(d))) for d in days}
        return self._day_hashes

    def _groups(self) -> dict[str, str]:
        """"tag:<slug>" -> hash of (name, member ids) for every tag, source, entity and author group."""
        if self._group_hashes is None:
            listing = views.all_groups(self.site)
            self._group_hashes = {f"{g.kind}:{g.slug}": _hash(g.name, [a.id for a in g.articles]) for g in listing}
        return self._group_hashes


# kind of key -> its hash, given the part after "kind:" (made once, not per key)
_HANDLERS: dict[str, Callable[[DependencyHashes, str], str]] = {
    "article": DependencyHashes._article,
    "card": DependencyHashes._card,
    "syndication": lambda h, _: _hash(sorted(views.syndication(h.site).items())),
    "mentions": DependencyHashes._mentions,
    "raw": lambda h, ident: _hash(h.site.raw_texts.get(ident, "")),
    "meta": DependencyHashes._meta,
    "events": lambda h, _: _hash(repr(h.site.events)),
    "pages": lambda h, _: _hash(sorted(h.urls)),
    "articles": lambda h, _: _hash(sorted(h.by_id)),
    "bodies": lambda h, _: bodies_digest(h.site),
    "timeline": lambda h, _: _hash(repr(h.site.events), *h._days().items()),
    "day": lambda h, ident: h._days().get(ident, "gone"),
    "image": lambda h, ident: ident,  # "<sha256>:<width>": the variant is named by its content
    "images": lambda h, ident: _hash(repr(h.site.images.get(ident, ()))),
    "list": lambda h, ident: h._groups().get(ident, "gone"),
    "lists": DependencyHashes._lists,
}


def _day_shape(day) -> tuple:
    """What the timeline shows of a day: its events, which article mentions it how, who published."""
    return (day.date, day.in_window,
            [(e.event.id, e.articles, [(m.article_id, m.sentence) for m in e.mentions]) for e in day.events],
            [(m.article_id, m.sentence) for m in day.also_reported], [a.id for a in day.published])


def page_fingerprint(spec: PageSpec, hashes: DependencyHashes, templates: Templates) -> str:
    template = templates.fingerprint(spec.template) if spec.template else f"produce:{_producer_name(spec)}"
    known = hashes.pairs.get  # most keys are shared by many pages: made once, then looked up
    return _hash(TOOL_VERSION, spec.url, template, *[known(k) or hashes.pair(k) for k in sorted(spec.deps)])


def _producer_name(spec: PageSpec) -> str:
    produce = spec.produce
    return f"{getattr(produce, '__module__', '?')}.{getattr(produce, '__qualname__', '?')}"
