"""Attach mentions to the curated event of their day when they are about it."""
from __future__ import annotations

import re

from digest.model import Entity, Event
from digest.timeline.extract import Mention

_WORD = re.compile(r"[a-z][a-z’'-]+")
_POSSESSIVE = ("'s", "’s")
MIN_SHARED_WORDS = 2


def words_of(text: str) -> set[str]:
    """The words of a text, lower case, without a possessive 's."""
    return {w[:-2] if w.endswith(_POSSESSIVE) else w for w in _WORD.findall(text.lower())}


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


def best_event(mention: Mention, events: list[Event], entities: dict[str, Entity]) -> Event | None:
    """The event of the mention's day sharing most words with its sentence (at least two)."""
    same_day = [e for e in events if e.date == mention.date]
    if not same_day:
        return None
    sentence_words = words_of(mention.sentence)
    scored = []
    for event in same_day:
        shared = len(sentence_words & event_vocabulary(event, entities))
        if shared >= MIN_SHARED_WORDS:
            scored.append((shared, event.id, event))
    return max(scored)[2] if scored else None
