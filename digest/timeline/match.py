"""Attach mentions to the curated event of their day when they are about it."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from digest.model import Entity, Event
from digest.timeline.extract import Mention

_WORD = re.compile(r"[a-z][a-z’'-]+")
_POSSESSIVE = ("'s", "’s")
MIN_SHARED_WORDS = 2


def words_of(text: str) -> set[str]:
    """The words of a text, lower case, without a possessive 's."""
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    if "'s" in lowered or "’s" in lowered:  # otherwise no word ends in a possessive
        return {w[:-2] if w.endswith(_POSSESSIVE) else w for w in words}
    return words


_VOCABULARY: dict[tuple, frozenset[str]] = {}


def event_vocabulary(event: Event, entities: dict[str, Entity]) -> frozenset[str]:
    """Words that describe an event: its keywords, title, place and participants' names."""
    key = (event, tuple(entities.get(p) for p in event.participants))
    if key not in _VOCABULARY:
        if len(_VOCABULARY) > 10_000:
            _VOCABULARY.clear()
        _VOCABULARY[key] = frozenset(_vocabulary(event, entities))
    return _VOCABULARY[key]


def _vocabulary(event: Event, entities: dict[str, Entity]) -> set[str]:
    words = set(event.keywords) | words_of(event.title) | words_of(event.place or "")
    for participant in event.participants:
        entity = entities.get(participant)
        if entity:
            for name in (entity.name, *entity.aliases):
                words |= words_of(name)
    return {w for w in words if len(w) > 2} - {"the", "and", "for", "with"}


def event_matcher(events: list[Event], entities: dict[str, Entity]) -> Callable[[Mention], Event | None]:
    """A function giving the event of a mention's day that shares most words with its sentence (at
    least MIN_SHARED_WORDS), or None. Each event's vocabulary is looked up once, not once per
    mention (a timeline of 10,000 articles has ~12,000 mentions)."""
    vocabularies = [(event, event_vocabulary(event, entities)) for event in events]

    def match(mention: Mention) -> Event | None:
        sentence_words = None
        scored = []
        for event, vocabulary in vocabularies:
            if event.date != mention.date:
                continue
            if sentence_words is None:
                sentence_words = words_of(mention.sentence)
            shared = len(sentence_words & vocabulary)
            if shared >= MIN_SHARED_WORDS:
                scored.append((shared, event.id, event))
        return max(scored)[2] if scored else None

    return match


@lru_cache(maxsize=4096)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(names, key=len, reverse=True)))


def entities_named(sentence: str, candidates: tuple[str, ...], entities: dict[str, Entity]) -> tuple[str, ...]:
    """The candidate entities whose name or an alias the sentence spells out (whole words, case
    kept: "US" is not "us"), so a filter by one person shows only the quotes about them."""
    found = []
    for entity_id in candidates:
        entity = entities.get(entity_id)
        if entity is None:
            continue
        names = (entity.name, *entity.aliases)
        # The pattern's leading look-behind keeps re from scanning for the name's first letters;
        # a name not in the sentence at all (most of them) is ruled out by a plain search first.
        if any(name in sentence for name in names) and _name_pattern(names).search(sentence):
            found.append(entity_id)
    return tuple(found)
