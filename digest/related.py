"""Related articles: other articles that share the people, places and organisations of one,
written about the same days.

An entity named by few articles says more than one named by half the site, so each shared
entity weighs its inverse document frequency (log(N / articles naming it)); articles about the
same days rank above the same entities weeks apart (the weight halves every RELATED_DAYS).
Copies of the same story are left out: the article page shows those as "the same story".
Linear in what an article shares: each of its ENTITIES_USED rarest entities contributes at most CANDIDATES_PER_ENTITY of
its articles nearest in date, so an entity named by 50,000 articles costs no more than one
named by 24 (planning finds the related articles of every page on every build).
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from digest.model import Article, Site

RELATED_COUNT = 4
RELATED_DAYS = 7
CANDIDATES_PER_ENTITY = 24
ENTITIES_USED = 4  # of an article's entities, the rarest


@dataclass(frozen=True)
class EntityIndex:
    """Entity id -> its articles as (date ordinal, id), by date; and the article count."""

    by_entity: dict[str, list[tuple[int, str]]]
    count: int


def entity_index(site: Site) -> EntityIndex:
    by_entity: dict[str, list[tuple[int, str]]] = {}
    for article in site.articles:
        for entity_id in article.entities:
            by_entity.setdefault(entity_id, []).append((article.date.toordinal(), article.id))
    for rows in by_entity.values():
        rows.sort()
    return EntityIndex(by_entity, len(site.articles))


def _nearest(rows: list[tuple[int, str]], day: int, limit: int) -> list[tuple[int, str]]:
    if len(rows) <= limit:
        return rows
    middle = bisect.bisect_left(rows, (day, ""))
    low, high = max(0, middle - limit // 2), min(len(rows), middle + limit // 2)
    return rows[low:high]


# The weight of a candidate `d` days away, made once per distance (a build asks ~900,000 times
# at 10,000 articles); the same float as computing it in place.
_DECAY_SPAN = 4096
_DECAY = [0.5 ** (d / RELATED_DAYS) for d in range(_DECAY_SPAN)]


def related_ids(index: EntityIndex, article: Article, exclude: set[str] | frozenset[str] = frozenset(),
                count: int = RELATED_COUNT) -> tuple[str, ...]:
    """The ids of the articles most related to `article`, best first (ties: nearest in date, id)."""
    day = article.date.toordinal()
    skip = {article.id, *exclude}
    scores: dict[str, float] = {}
    distance: dict[str, int] = {}
    by_entity = index.by_entity
    shared = [rows for rows in map(by_entity.get, dict.fromkeys(article.entities)) if rows and len(rows) > 1]
    shared.sort(key=len)  # the rarest say most
    for rows in shared[:ENTITIES_USED]:
        weight = math.log(index.count / len(rows)) + 0.1  # an entity every article names still counts a little
        for other_day, other_id in _nearest(rows, day, CANDIDATES_PER_ENTITY):
            if other_id in skip:
                continue
            scores[other_id] = scores.get(other_id, 0.0) + weight
            distance[other_id] = abs(other_day - day)
    ranked = []
    for other_id, score in scores.items():
        days = distance[other_id]
        decay = _DECAY[days] if days < _DECAY_SPAN else 0.5 ** (days / RELATED_DAYS)
        ranked.append((-score * decay, days, other_id))
    ranked.sort()  # ids are unique, so no two keys tie
    return tuple(other_id for _, _, other_id in ranked[:count])
