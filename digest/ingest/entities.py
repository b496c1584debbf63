"""Named entities: curated names and aliases, fuzzy matches for misspellings, unknown candidates."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from digest.model import Entity

_NAME_WORD = r"[A-Z][a-z’']+(?:-[A-Z]?[a-z’']+)*"
_CAPITALIZED = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:[A-Z]\.\s*)?{_NAME_WORD})*\b")
MAX_NAME_WORDS = 4
_SENTENCE_OPENERS = frozenset("""The A An In On At For But And As If When While After Before This That These
Those It He She They We I His Her Their Our Its Some Many Most Such Meanwhile However Yet Still Even Also
Ahead Both Except Including Much Following Like Unlike Despite Although Though Because Since Until Whether
Mr Mrs Ms Dr President Secretary Minister Deputy Foreign State General Prime Senior Former Top Russian
American Western European Soviet Ukrainian Kazakh Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December""".split())
FUZZY_THRESHOLD = 84


@dataclass(frozen=True)
class EntityMatch:
    entity_id: str
    surface: str      # the text as written
    exact: bool       # False: a misspelling matched fuzzily
    count: int


def _name_index(entities: dict[str, Entity]) -> dict[str, str]:
    index: dict[str, str] = {}
    for entity in entities.values():
        for name in (entity.name, *entity.aliases):
            index.setdefault(name, entity.id)
    return index


def _exact_counts(text: str, index: dict[str, str]) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for name, entity_id in sorted(index.items(), key=lambda kv: -len(kv[0])):
        count = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
        if count:
            previous = found.get(entity_id)
            found[entity_id] = (previous[0] if previous else name, count + (previous[1] if previous else 0))
    return found


_POSSESSIVE = re.compile(r"[’']s?$")


def _capitalized_names(text: str) -> Counter:
    """Runs of capitalized words, cut where a sentence opener or a title stands: "Deputy Defence
    Minister Alexander Fomin" gives "Defence" and "Alexander Fomin", never "Defence Alexander"
    (dropping the title words would glue together words that are not next to each other)."""
    names: Counter = Counter()
    for match in _CAPITALIZED.finditer(text):
        segment: list[str] = []
        for word in [*match.group(0).split(), ""]:  # "" ends the last segment
            if word.endswith(("'", "’", "s")):
                word = _POSSESSIVE.sub("", word)
            if word and word not in _SENTENCE_OPENERS:
                segment.append(word)
                continue
            if segment and len(segment) <= MAX_NAME_WORDS:
                names[" ".join(segment)] += 1
            segment = []
    return names


_MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())


def _looks_like_a_name(name: str, lowercase_words: set[str]) -> bool:
    """A name is capitalized wherever it appears: a word the text also writes in lower case
    ("Attempt", "Become", "Photo") makes the candidate a fragment of a capitalized phrase."""
    words = name.split()
    return not any(w.lower() in lowercase_words or w in _MONTH_ABBREVIATIONS for w in words)


def find_entities(text: str, entities: dict[str, Entity], title: str = "") -> tuple[list[EntityMatch], list[str]]:
    """Entities mentioned (exactly or misspelled) in text and title, and capitalized names of the
    text (not the title: headlines capitalize every word) that we do not know."""
    index = _name_index(entities)
    both = f"{text}\n{title}" if title else text
    matches = [EntityMatch(eid, surface, True, n) for eid, (surface, n) in _exact_counts(both, index).items()]
    known_words = {w for name in index for w in name.split()}
    lowercase_words = set(re.findall(r"\b[a-z][a-z’'-]+\b", text))
    unknown: list[str] = []
    for name, count in _capitalized_names(text).most_common():
        if name in index or all(w in known_words for w in name.split()):
            continue
        if not _looks_like_a_name(name, lowercase_words):
            continue
        best = process.extractOne(name, list(index), scorer=fuzz.ratio) if len(name) >= 5 else None
        if best and best[1] >= FUZZY_THRESHOLD:
            entity_id = index[best[0]]
            matches.append(EntityMatch(entity_id, name, False, count))
            continue
        if len(name.split()) >= 2 or count >= 2:
            unknown.append(name)
    return _merge(matches), unknown[:25]


def _merge(matches: list[EntityMatch]) -> list[EntityMatch]:
    """One entry per entity and surface form, most mentioned first, stable."""
    seen: dict[tuple[str, str], EntityMatch] = {}
    for match in matches:
        seen.setdefault((match.entity_id, match.surface), match)
    return sorted(seen.values(), key=lambda m: (-m.count, m.entity_id, m.surface))
