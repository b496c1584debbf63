"""When was an article published? Read a printed date, or infer one from what the text says.

A date printed at the top of a scraped page is often the date it was *re-published*. It is
taken only when the text agrees with it (no event it calls upcoming lies before it). Otherwise
the publication day is inferred: every candidate day is scored by how well the article's
weekday and calendar mentions fit known events (the curated timeline, and dates the text
itself states), and the best-fitting range gives the date and a confidence.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import dateparser

from digest.dates import (
    DateMention,
    add_days,
    find_mentions,
    resolve_calendar,
    resolve_weekday,
    sentence_tense,
    split_sentences,
)

MAX_LEAD_DAYS = 21   # how far ahead "upcoming" events usually are
MAX_LAG_DAYS = 60    # how far back a past event is still reported as news
_WORD = re.compile(r"[a-z][a-z'’-]+")
_COMMON = frozenset("""the a an and or of to in on at for with by from as is are was were be been that this
these those it its he she they we you his her their our said says will would could should has have had
not but if than then there which who whom what when where while after before over under about into
also more most some any all no one two three new other such only very""".split())


@dataclass(frozen=True)
class Anchor:
    """A day known to the digest (an event), with the words that describe it."""

    date: dt.date
    words: frozenset[str]
    label: str = ""


@dataclass(frozen=True)
class DateGuess:
    value: dt.date | None
    source: str          # explicit | inferred | manual
    confidence: str      # high | medium | low
    evidence: str
    rejected: str | None = None  # why a printed date was not used


_POSSESSIVE = ("'s", "’s")


def content_words(text: str) -> frozenset[str]:
    words = {(w[:-2] if w.endswith(_POSSESSIVE) else w).strip("'’-") for w in _WORD.findall(text.lower())}
    return frozenset(w for w in words if len(w) > 2 and w not in _COMMON)


_DATE_PART = re.compile(
    r"\b(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d)")


def parse_printed_date(text: str) -> dt.date | None:
    """A date line from the page header (any common format), via dateparser."""
    part = _DATE_PART.search(text)
    if part:
        parsed = dateparser.parse(part.group(0), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
        if parsed:
            return parsed.date()
    cleaned = re.sub(r"^(?:published|updated|posted|last updated|first published|date)\s*(?:on|at)?\s*[:\-]?\s*", "",
                     text.strip(), flags=re.I).split("|")[0]
    parsed = dateparser.parse(cleaned, languages=["en"],
                              settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                                        "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


@dataclass(frozen=True)
class _Clue:
    mention: DateMention
    sentence: str
    words: frozenset[str]
    follows: DateMention | None  # the mention a "day earlier"/"following day" counts from
    in_lede: bool = False           # a past day named in the first sentence is usually today


def _clues(body: str, title: str = "") -> list[_Clue]:
    clues: list[_Clue] = []
    previous: DateMention | None = None
    title_words = content_words(title)
    for index, sentence in enumerate(split_sentences(body)):
        words = content_words(sentence) | (title_words if index < 2 else frozenset())
        for mention in find_mentions(sentence):
            clues.append(_Clue(mention, sentence, words, previous if mention.kind == "relative" else None,
                               index == 0))
            if mention.kind != "relative":
                previous = mention
    return clues


def _self_anchors(clues: list[_Clue], year_hint: int) -> list[Anchor]:
    """Dates the article states outright (with a year, or in the digest's year) are anchors too."""
    anchors = []
    for clue in clues:
        m = clue.mention
        if m.kind == "calendar" and m.month and m.day:
            day = resolve_calendar(m.month, m.day, m.year or year_hint, dt.date(m.year or year_hint, 6, 30))
            if day:
                anchors.append(Anchor(day, clue.words, m.phrase))
    return anchors


def _resolve(clue: _Clue, publication: dt.date) -> dt.date | None:
    m = clue.mention
    if m.kind == "weekday" and m.weekday is not None:
        return resolve_weekday(m.weekday, publication, m.tense)
    if m.kind == "relative" and clue.follows is not None and clue.follows.weekday is not None:
        return add_days(resolve_weekday(clue.follows.weekday, publication, clue.follows.tense), m.offset)
    if m.kind == "relative" and m.base == "anchor":
        return add_days(publication, m.offset)
    return None


def _matches_anchor(day: dt.date, words: frozenset[str], anchors: list[Anchor]) -> bool:
    return any(a.date == day and len(words & a.words) >= 2 for a in anchors)


STRONG_MATCH = 4  # shared words that tie an undated sentence to a known event


def _event_sentences(body: str, anchors: list[Anchor]) -> list[tuple[dt.date, str]]:
    """Undated sentences that clearly report a known event: (event day, tense)."""
    found = []
    for sentence in split_sentences(body):
        if find_mentions(sentence):
            continue
        words = content_words(sentence)
        for anchor in anchors:
            shared = len(words & anchor.words)
            if shared >= STRONG_MATCH and shared >= 0.3 * len(anchor.words):
                tense = sentence_tense(sentence)
                if tense != "unknown":
                    found.append((anchor.date, tense))
    return found


def _score(publication: dt.date, clues: list[_Clue], anchors: list[Anchor],
           reported: Sequence[tuple[dt.date, str]] = ()) -> float:
    score = 0.0
    for day, tense in reported:  # weaker than a dated mention: they only break ties
        if tense == "past":
            score += 0.5 if day <= publication else -0.5
        else:
            score += 0.5 if day >= publication else -0.5
    for clue in clues:
        m = clue.mention
        if m.kind == "calendar" and m.month and m.day:
            resolved = resolve_calendar(m.month, m.day, m.year, publication)
            if resolved is None:
                continue
            ahead = (resolved - publication).days
            if m.tense == "future":
                score += 1 if 0 <= ahead <= MAX_LEAD_DAYS else -2
            elif m.tense == "past":
                score += 1 if -MAX_LAG_DAYS <= ahead <= 0 else -2
            else:
                score += 0.5 if abs(ahead) <= 14 else -1
            continue
        found = _resolve(clue, publication)
        if found is not None and _matches_anchor(found, clue.words, anchors):
            score += 2 - (0.25 if m.tense == "future" and found == publication else 0)
            score += 0.3 if clue.in_lede and m.tense == "past" and found == publication else 0
    return score


def _candidates(clues: list[_Clue], anchors: list[Anchor], window: tuple[dt.date, dt.date]) -> list[dt.date]:
    """Days near a known day (the window, an event, a date the text states): a day further from
    all of them gets no support from them, so scoring it is wasted work (texts citing 1990 and
    2020 would otherwise score 11,000 days)."""
    days = sorted({a.date for a in anchors} | set(window))
    first, last = add_days(days[0], -MAX_LEAD_DAYS), add_days(days[-1], 7)
    chosen: set[dt.date] = set()
    for day in days:
        start, end = max(first, add_days(day, -MAX_LEAD_DAYS)), min(last, add_days(day, MAX_LAG_DAYS))
        chosen.update(add_days(start, n) for n in range((end - start).days + 1))
    return sorted(chosen)


def _evidence(clues: list[_Clue], anchors: list[Anchor], publication: dt.date) -> str:
    used = []
    for clue in clues:
        day = _resolve(clue, publication)
        if day is not None and _matches_anchor(day, clue.words, anchors):
            used.append(f"“{clue.mention.phrase}” = {day.isoformat()}")
        elif clue.mention.kind == "calendar":
            used.append(f"“{clue.mention.phrase}” ({clue.mention.tense})")
    return "; ".join(dict.fromkeys(used))[:300]


def infer_publication_date(body: str, printed: str | None, anchors: list[Anchor],
                           window: tuple[dt.date, dt.date], title: str = "", printed_day: dt.date | None = None,
                           today: dt.date | None = None) -> DateGuess:
    """The publication day of an article, with where it came from and how sure we are.

    A printed date is taken unless it is impossible: after the day of ingest, or contradicted
    by what the text dates outright. Otherwise, among the days that fit the text best, the last
    one is taken: news about an upcoming event is usually written just before it, and about a
    past one soon after it.
    """
    clues = _clues(body, title)
    if printed and printed_day is None:
        printed_day = parse_printed_date(printed)
    rejected = None
    if printed_day is not None:
        rejected = impossible_printed_date(printed_day, clues, anchors, today)
        if rejected is None:
            return DateGuess(printed_day, "explicit", "high", f"printed on the page: “{printed}”")
        rejected = f"printed date {printed_day.isoformat()} (“{printed}”) {rejected}"
    anchors = anchors + _self_anchors(clues, window[0].year)
    reported = _event_sentences(body, anchors)
    candidates = _candidates(clues, anchors, window)
    if today is not None:
        candidates = [day for day in candidates if day <= today]
    scores = {day: _score(day, clues, anchors, reported) for day in candidates}
    best = max(scores.values(), default=0.0)
    if best <= 0:
        return DateGuess(None, "inferred", "low", "no usable date in the text", rejected)
    top = sorted(day for day, score in scores.items() if score == best)
    run = _first_run(top)
    chosen = run[-1]
    confidence = "medium" if len(run) <= 3 and best >= 3 else "low"
    return DateGuess(chosen, "inferred", confidence, _evidence(clues, anchors, chosen), rejected)


STALE_EVENT_DAYS = 30  # an event the text calls upcoming this long before the printed day: a re-publication
# Full dates of the text that must contradict a printed day before it is rejected: the tense of
# one sentence is misread too often ("has a new date: March 31, 2021" is not past). On the tuning
# pages, 5 of the 6 printed days rejected by one such date were the right one.
CONTRADICTING_DATES = 2


def impossible_printed_date(day: dt.date, clues: list[_Clue], anchors: list[Anchor],
                            today: dt.date | None) -> str | None:
    """Why a printed day cannot be the publication day, or None: after the day of ingest, the
    text reporting as past (or calling upcoming) two or more full dates after (before) it, or
    calling upcoming a dated event long before it."""
    if today is not None and day > today:
        return f"is after the day of ingest ({today.isoformat()})"
    contradictions: dict[dt.date, str] = {}
    for clue in clues:
        m = clue.mention
        if m.kind != "calendar" or not (m.year and m.month and m.day):
            continue
        stated = resolve_calendar(m.month, m.day, m.year, day)
        if stated and m.tense == "past" and stated > add_days(day, 1):
            contradictions.setdefault(stated, f"reports “{m.phrase}” as past")
        if stated and m.tense == "future" and stated < add_days(day, -1):
            contradictions.setdefault(stated, f"calls “{m.phrase}” upcoming")
    if len(contradictions) >= CONTRADICTING_DATES:
        return "contradicts the text, which " + " and ".join(list(contradictions.values())[:2])
    for clue in clues:
        if clue.mention.tense != "future":
            continue
        for anchor in anchors:
            if anchor.date < add_days(day, -STALE_EVENT_DAYS) and len(clue.words & anchor.words) >= 2:
                return (f"contradicts the text, which calls “{clue.mention.phrase}” upcoming"
                        f" (the {anchor.label or 'event'} of {anchor.date.isoformat()})")
    return None


def _first_run(days: list[dt.date]) -> list[dt.date]:
    """The first stretch of consecutive days (ties further apart are a different reading)."""
    run = [days[0]]
    for day in days[1:]:
        if (day - run[-1]).days != 1:
            break
        run.append(day)
    return run
