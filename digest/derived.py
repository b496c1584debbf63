"""The derived stage: what is computed from a loaded Site once, before any page is planned.

Groups of every listing (tags, sources, entities, authors), sources by name, near-duplicate
pairs and clusters of copies, the timeline and each article's days, ids by file name, and the
table of related articles (its entity index is not kept). Loading gives the model;
`derive(site)` gives the same Site with its `Derived`, which planners and templates then read
through the views (`views.tag_groups(site)`, `timeline_of(site)`...).
Nothing is memoized on a frozen object; what only rendering reads (each article's days) is
filled in on first use (`model.derived_once`), so a build with nothing to render skips it.

The preview's fast path (a body-only edit) makes the next Derived from the previous one with
`with_bodies`: none of these values depends on an article's body.
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any

from digest import views
from digest.model import Article, Site, Source, derived_once, derived_or
from digest.timeline import days

Groups = list[views.Group]


@dataclass
class Derived:
    """Filled in once by `derive` and read-only after (a view trusts it only for `basis`)."""

    basis: tuple  # Site.basis of the site it was made from
    sources_by_name: dict[str, Source] | None = None
    duplicate_pairs: dict[str, tuple[str, ...]] | None = None
    syndication: dict[str, tuple[str, ...]] | None = None
    tag_groups: Groups | None = None
    source_groups: Groups | None = None
    entity_groups: Groups | None = None
    author_groups: Groups | None = None
    groups_by_key: dict[tuple[str, str], views.Group] | None = None
    timeline: days.Timeline | None = None
    days_by_article: dict[str, Any] | None = None  # filled on first use (only rendering needs it)
    ids_by_file_name: dict[str, str] | None = None
    related: dict[str, tuple[str, ...]] | None = None  # article id -> related article ids
    related_inputs: str | None = None  # the digest of what `related` was made from
    bodies: int | None = None  # bodies_digest: every article's id and content hash (on first use)
    positions: dict[str, int] | None = None  # article id -> its index in site.articles (on first use)


KnownRelated = tuple[str, dict[str, tuple[str, ...]]]  # (views.related_inputs, table) of an earlier build


def derive(site: Site, known_related: KnownRelated | None = None) -> Site:
    """The site with everything derived from it, each value computed once, in dependency order
    (each step reads those before it through the views).

    `known_related` is an earlier build's table of related articles: it is used when it was made
    from the same inputs (the costliest value to compute, and on most builds unchanged)."""
    derived = Derived(site.basis)
    site = dataclasses.replace(site, derived=derived)  # the same data: `basis` holds
    derived.sources_by_name = views.sources_by_name(site)
    derived.duplicate_pairs = views.duplicate_pairs(site)
    derived.syndication = views.story_clusters(site)
    derived.tag_groups = views.make_tag_groups(site)
    derived.source_groups = views.make_source_groups(site)
    derived.entity_groups = views.make_entity_groups(site)
    derived.author_groups = views.make_author_groups(site)
    derived.groups_by_key = views.groups_by_key(site)
    derived.timeline = days.build_timeline(site)
    derived.ids_by_file_name = {a.source_path.name: a.id for a in site.articles}
    derived.related_inputs = views.related_inputs(site)
    if known_related is not None and known_related[0] == derived.related_inputs \
            and views.usable_related(site, known_related[1]):
        derived.related = known_related[1]
    else:
        derived.related = views.related_table(site)
    return site


def with_bodies(site: Site, replacements: dict[str, Article]) -> Site:
    """The site with some articles' bodies replaced (their cards, dates, mentions and files the
    same: see output/fast.py), keeping everything derived from the rest: work in proportion to
    the edit, bar copying the article list and its index (a preview of 100,000 articles)."""
    old = site.by_id
    articles = list(site.articles)
    positions = derived_once(site, "positions", _positions)
    for article_id, article in replacements.items():
        articles[positions[article_id]] = article
    by_id = {**old, **replacements}
    if site.derived is None:
        return derive(site.with_articles(tuple(articles), by_id))
    derived = copy.copy(site.derived)
    new = site.with_articles(tuple(articles), by_id, derived=derived)
    derived.basis = new.basis
    if derived.bodies is not None:
        for article_id, article in replacements.items():
            derived.bodies ^= _article_digest(old[article_id]) ^ _article_digest(article)
    return new


def prepare_for_edits(site: Site) -> None:
    """Compute now what with_bodies needs (a preview warms up with it, so the first edit after
    the first build costs what the others do: at 100,000 articles, ~0.1 s)."""
    derived_once(site, "positions", _positions)
    bodies_digest(site)


def bodies_digest(site: Site) -> str:
    """Changes whenever any article's content (its file) changes, or an article comes or goes:
    what the search files and the service worker's version depend on. An XOR of one hash per
    article, so a body edit updates it in constant time (with_bodies)."""
    return f"{derived_once(site, 'bodies', _bodies):032x}"


def _positions(site: Site) -> dict[str, int]:
    return {a.id: i for i, a in enumerate(site.articles)}


def _bodies(site: Site) -> int:
    digest = 0
    for article in site.articles:
        digest ^= _article_digest(article)
    return digest


def _article_digest(article: Article) -> int:
    return int.from_bytes(hashlib.sha256(f"{article.id}:{article.content_hash}".encode()).digest()[:16], "big")


def ids_by_file_name(site: Site) -> dict[str, str]:
    """Article file name -> article id."""
    return derived_or(site, lambda d: d.ids_by_file_name, lambda s: {a.source_path.name: a.id for a in s.articles})
