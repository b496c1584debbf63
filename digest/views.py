"""Derived views of a Site (by tag, source, entity, day).

Computed from the model on demand, never stored twice. Where each page lives is `digest.urls`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from digest import urls
from digest.model import Article, Entity, Site, Source, derived_or
from digest.related import RELATED_COUNT, EntityIndex, entity_index, related_ids
from digest.slugs import slugify
from digest.urls import tag_slug


@dataclass(frozen=True)
class Group:
    """A listing page's subject: a tag, a source or an entity, with its articles."""

    kind: str        # "tag" | "source" | "entity" | "author"
    slug: str
    name: str
    articles: tuple[Article, ...]
    source: Source | None = None
    entity: Entity | None = None

    @property
    def url(self) -> str:
        return urls.group(self.kind, self.slug)

    def feed_url(self, form: str) -> str:
        """Its own feed: `form` is "atom" (feed.xml) or "json" (feed.json)."""
        return urls.group_feed(self.kind, self.slug, form)


GROUP_KIND_NAMES = {"tag": "Tag", "source": "Source", "entity": "", "author": "Author"}


@dataclass(frozen=True)
class Pager:
    """One page of a listing: its number, how many there are and where each one is."""

    number: int
    count: int
    first_url: str
    items: tuple

    @property
    def url(self) -> str:
        return urls.page(self.first_url, self.number)

    def url_of(self, number: int) -> str:
        return urls.page(self.first_url, number)

    @property
    def previous(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None

    def numbers(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and those near this one; None marks a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        out: list[int | None] = []
        for n in shown:
            if out and n - out[-1] > 1:
                out.append(None)
            out.append(n)
        return out


def paginate(items: tuple | list, per_page: int, first_url: str) -> list[Pager]:
    """The pages of a listing, `per_page` items each (an empty listing still has its first page)."""
    items = tuple(items)
    count = max(1, -(-len(items) // per_page))
    return [Pager(n + 1, count, first_url, items[n * per_page:(n + 1) * per_page]) for n in range(count)]


def source_for(site: Site, publisher: str) -> Source | None:
    """The sources.yaml entry an article's publisher names (by name, id or domain)."""
    return derived_or(site, lambda d: d.sources_by_name, sources_by_name).get(publisher.strip().lower())


def sources_by_name(site: Site) -> dict[str, Source]:
    """Each name, id, domain and alias of a source (lower case) -> the source."""
    index = {}
    for source in reversed(list(site.sources.values())):  # the first entry wins, as in a scan
        for name in (source.name.lower(), source.id, (source.domain or "").lower(),
                     *(a.lower() for a in source.aliases)):
            index[name] = source
    return index


def source_slug(site: Site, publisher: str) -> str:
    source = source_for(site, publisher)
    return source.id if source else slugify(publisher)


def duplicates_of(site: Site, article: Article) -> tuple[Article, ...]:
    """Near-duplicates of an article both ways: those it lists and those listing it."""
    related = derived_or(site, lambda d: d.duplicate_pairs, duplicate_pairs).get(article.id, ())
    return tuple(site.article(i) for i in related)


def duplicate_pairs(site: Site) -> dict[str, tuple[str, ...]]:
    """Article id -> near-duplicate ids, made symmetric (one file listing it is enough)."""
    known = {a.id for a in site.articles}
    pairs: dict[str, dict[str, None]] = defaultdict(dict)
    for article in site.articles:
        for other in article.duplicates:
            if other in known and other != article.id:
                pairs[article.id][other] = None
                pairs[other][article.id] = None
    return {k: tuple(v) for k, v in pairs.items()}


def syndication(site: Site) -> dict[str, tuple[str, ...]]:
    """Article id -> ids of its cluster (the same story from several outlets, through `duplicates`
    both ways and transitively), the primary first: the earliest, an unflagged text before a
    flagged one, then by id. Articles without copies are not in it."""
    return derived_or(site, lambda d: d.syndication, story_clusters)


def story_clusters(site: Site) -> dict[str, tuple[str, ...]]:
    """What `syndication` gives, computed."""
    pairs = derived_or(site, lambda d: d.duplicate_pairs, duplicate_pairs)
    clusters: dict[str, tuple[str, ...]] = {}
    for start in sorted(pairs):
        if start in clusters:
            continue
        seen, todo = {start}, [start]
        while todo:
            for other in pairs.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        members = tuple(sorted(seen, key=lambda i: (site.article(i).date, site.article(i).quality.flagged, i)))
        for member in members:
            clusters[member] = members
    return clusters


def also_from(site: Site, article: Article) -> tuple[Article, ...]:
    """The other copies of the article's story ("also from X, Y" on its card and feed entry)."""
    return tuple(site.article(i) for i in syndication(site).get(article.id, ()) if i != article.id)


def one_per_story(site: Site, articles) -> tuple[Article, ...]:
    """A listing with one card per story: a copy is left out when its cluster's primary is listed."""
    clusters = syndication(site)
    if not clusters:
        return tuple(articles)
    listed = {a.id for a in articles}
    return tuple(a for a in articles
                 if a.id not in clusters or clusters[a.id][0] == a.id or clusters[a.id][0] not in listed)


def related(site: Site, article: Article) -> tuple[Article, ...]:
    """Other articles sharing the article's entities, published near it (digest/related.py), one
    per story (a cluster's primary); not its own copies, which the page lists as the same story."""
    table = derived_or(site, lambda d: d.related, lambda s: {})
    ids = table[article.id] if article.id in table else related_article_ids(site, article)
    return tuple(site.article(i) for i in ids)


def related_article_ids(site: Site, article: Article, index: EntityIndex | None = None) -> tuple[str, ...]:
    """What `related` gives, as ids, computed (from `index`, the site's entity index, if given)."""
    index = index or entity_index(site)
    clusters = syndication(site)
    same = set(clusters.get(article.id, ())) | {a.id for a in duplicates_of(site, article)}
    ranked = related_ids(index, article, same, count=3 * RELATED_COUNT)
    primaries = dict.fromkeys(clusters[i][0] if i in clusters else i for i in ranked)  # one per story
    return tuple(list(primaries)[:RELATED_COUNT])


def related_table(site: Site) -> dict[str, tuple[str, ...]]:
    """Article id -> the ids `related` gives, for every article."""
    index = entity_index(site)  # only for this: not kept once the table is made
    return {a.id: related_article_ids(site, a, index) for a in site.articles}


def related_inputs(site: Site) -> str:
    """A digest of everything `related_table` reads: each article's id, day and entities, in site
    order, and the copies left out (a table made from the same digest is the same table)."""
    digest = hashlib.sha256()
    for article in site.articles:
        digest.update(f"{article.id}\0{article.date.toordinal()}\0{chr(1).join(article.entities)}\n".encode())
    for name, table in (("clusters", syndication(site)),
                        ("pairs", derived_or(site, lambda d: d.duplicate_pairs, duplicate_pairs))):
        digest.update(f"{name}\n".encode())
        for key in sorted(table):
            digest.update(f"{key}\0{chr(1).join(table[key])}\n".encode())
    return digest.hexdigest()


def usable_related(site: Site, table: object) -> bool:
    """A table read from a cache names every article of the site, and only them, each with ids of
    the site's articles (a damaged or planted file cannot break a page)."""
    if not isinstance(table, dict) or len(table) != len(site.articles):
        return False
    known = {a.id for a in site.articles}
    return all(key in known and isinstance(ids, tuple) and len(ids) <= RELATED_COUNT
               and all(isinstance(i, str) and i in known for i in ids) for key, ids in table.items())


def entity_name(site: Site, entity_id: str) -> str:
    entity = site.entities.get(entity_id)
    return entity.name if entity else entity_id.replace("-", " ").title()


def _groups(kind: str, keyed: dict[str, list[Article]], names: dict[str, str], **extra: dict) -> list[Group]:
    groups = []
    for slug in sorted(keyed):
        info = {k: v.get(slug) for k, v in extra.items()}
        groups.append(Group(kind, slug, names[slug], tuple(keyed[slug]), **info))
    return groups


def tag_groups(site: Site) -> list[Group]:
    return derived_or(site, lambda d: d.tag_groups, make_tag_groups)


def make_tag_groups(site: Site) -> list[Group]:
    keyed: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in site.articles:
        for slug in dict.fromkeys(tag_slug(tag) for tag in article.tags):  # "NATO" and "nato" once
            names.setdefault(slug, next(t for t in article.tags if tag_slug(t) == slug))
            keyed[slug].append(article)
    return _groups("tag", _one_per_story(site, keyed), names)


def source_groups(site: Site) -> list[Group]:
    return derived_or(site, lambda d: d.source_groups, make_source_groups)


def make_source_groups(site: Site) -> list[Group]:
    keyed: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    sources: dict[str, Source] = {}
    for article in site.articles:
        slug = source_slug(site, article.publisher)
        source = source_for(site, article.publisher)
        names.setdefault(slug, source.name if source else article.publisher)
        if source:
            sources[slug] = source
        keyed[slug].append(article)
    return _groups("source", keyed, names, source=sources)


def entity_groups(site: Site) -> list[Group]:
    return derived_or(site, lambda d: d.entity_groups, make_entity_groups)


def make_entity_groups(site: Site) -> list[Group]:
    """A page per entity that an article or a timeline event names."""
    keyed: dict[str, list[Article]] = defaultdict(list)
    for article in site.articles:
        for entity_id in dict.fromkeys(article.entities):
            keyed[entity_id].append(article)
    for event in site.events:
        for entity_id in event.participants:
            keyed.setdefault(entity_id, [])
    names = {eid: entity_name(site, eid) for eid in keyed}
    return _groups("entity", _one_per_story(site, keyed), names, entity=dict(site.entities))


def author_slug(name: str) -> str:
    return slugify(name)


def author_groups(site: Site) -> list[Group]:
    return derived_or(site, lambda d: d.author_groups, make_author_groups)


def make_author_groups(site: Site) -> list[Group]:
    """A page per author named in a byline (spellings that slugify alike are one author)."""
    keyed: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in site.articles:
        for slug, name in {author_slug(n): n for n in reversed(article.authors)}.items():
            names.setdefault(slug, name)
            keyed[slug].append(article)
    return _groups("author", _one_per_story(site, keyed), names)


def _one_per_story(site: Site, keyed: dict[str, list[Article]]) -> dict[str, list[Article]]:
    return {k: list(one_per_story(site, v)) for k, v in keyed.items()} if syndication(site) else keyed


def all_groups(site: Site) -> list[Group]:
    """Every listing subject: tags, sources, entities, authors (each has a page and feeds)."""
    return tag_groups(site) + source_groups(site) + entity_groups(site) + author_groups(site)


def feed_title(site: Site, group: Group) -> str:
    kind = GROUP_KIND_NAMES[group.kind]
    return f"{site.config.title}: {kind + ' ' if kind else ''}{group.name}"


def feeds_of_article(site: Site, article: Article) -> list[Group]:
    """The groups whose feeds an article's page links: its source and its authors."""
    by_slug = derived_or(site, lambda d: d.groups_by_key, groups_by_key)
    keys = [("source", source_slug(site, article.publisher)), *(("author", author_slug(n)) for n in article.authors)]
    return [by_slug[k] for k in dict.fromkeys(keys) if k in by_slug]


def articles_by_day(site: Site) -> dict[dt.date, list[Article]]:
    days: dict[dt.date, list[Article]] = defaultdict(list)
    for article in site.articles:
        days[article.date].append(article)
    return dict(days)


def coverage_days(site: Site) -> list[dt.date]:
    start, end = site.config.coverage_start, site.config.coverage_end
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]  # bounded in config


def events_with(site: Site, entity_id: str) -> list:
    """Timeline events an entity takes part in."""
    return [e for e in site.events if entity_id in e.participants]


def groups_by_key(site: Site) -> dict[tuple[str, str], Group]:
    """(kind, slug) -> the group of every listing page."""
    return {(g.kind, g.slug): g for g in all_groups(site)}
