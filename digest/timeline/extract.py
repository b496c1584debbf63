"""Sentences of an article that place something on a calendar day."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from digest.dates import dated_sentences, resolve_sentence
from digest.memo import BoundedMemo
from digest.model import Article

_MARKDOWN = re.compile(r"\*\*|\\(?=[\\`*_\[\]<>|~#+\-=.!])|^[-*>]\s+|^#+\s+", re.M)
_LINE_MARKERS = re.compile(r"^(?:[-*>]|#+)\s+", re.M)
_BARE_MARKER = re.compile(r"(?:[-*>]|#+)\s*")
MAX_DISTANCE_DAYS = 45  # mentions further from the publication date are not news of this digest


@dataclass(frozen=True)
class Mention:
    """One sentence of one article that names a day, resolved to the calendar."""

    article_id: str
    date: dt.date
    sentence: str
    phrase: str


@lru_cache(maxsize=8)  # mentions and the search index both want the text of the same body
def plain_text(markdown: str) -> str:
    """The reader's text of a Markdown body (markers and escapes removed).

    Without a backslash, removing line markers and then `**` gives what the single pass of
    _MARKDOWN gives (a marker ends in a space, so neither can take part of the other), in less
    than half the time (tests/timeline/test_plain_text.py checks that they agree)."""
    if "\\" in markdown:
        return _MARKDOWN.sub("", markdown)
    return _without_line_markers(markdown).replace("**", "")


def _without_line_markers(markdown: str) -> str:
    """_LINE_MARKERS.sub("", markdown), line by line: only lines that start with a marker's first
    character are matched (the regex tries every position of the text). A marker with nothing but
    whitespace (or nothing) after it on its line may run on into the next lines, so such a text
    takes the regex."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line and line[0] in "-*>#":
            if _BARE_MARKER.fullmatch(line):
                return _LINE_MARKERS.sub("", markdown)
            match = _LINE_MARKERS.match(line)
            if match is not None:
                lines[number] = line[match.end():]
    return "\n".join(lines)


_CACHE: BoundedMemo[tuple[Mention, ...]] = BoundedMemo()  # (id, content hash, date) -> mentions


def _extract(article_id: str, published: dt.date, body: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    previous = None
    for sentence in dated_sentences(plain_text(body)):
        resolved = resolve_sentence(sentence, published, previous)
        for mention, day in resolved:
            if abs((day - published).days) <= MAX_DISTANCE_DAYS:
                found.append(Mention(article_id, day, sentence, mention.phrase))
        if resolved:
            previous = resolved[-1][1]
    unique = {(m.date, m.sentence): m for m in found}  # "Jan. 9 and 10" is two days, one sentence
    return tuple(sorted(unique.values(), key=lambda m: (m.date, found.index(m))))


def article_mentions(article: Article) -> tuple[Mention, ...]:
    """Every dated mention in an article, resolved against its publication date (the body is
    decoded only when they are not known yet: its UTF-8 is what an article keeps)."""
    return _CACHE.get_or_make((article.id, article.content_hash, article.date),
                              lambda: _extract(article.id, article.date, article.body))


def prime(article_id: str, content_hash: str, published: dt.date, mentions: tuple[Mention, ...]) -> None:
    """Keep mentions made elsewhere (in a forked worker) as if this process had made them."""
    _CACHE[(article_id, content_hash, published)] = mentions


def has_mentions(article: Article) -> bool:
    """Whether the article's mentions are known already (made or primed)."""
    return (article.id, article.content_hash, article.date) in _CACHE


def cached_keys(article_keys: set[tuple[str, str]]) -> frozenset[tuple[str, str, str]]:
    """(id, content hash, publication date) of the cached mentions of the given articles: what
    export_cache would write, told apart without building its rows."""
    return frozenset((article_id, content_hash, published.isoformat())
                     for article_id, content_hash, published in _CACHE if (article_id, content_hash) in article_keys)


def export_cache(article_keys: set[tuple[str, str]]) -> list:
    """The cached mentions of the given (id, content hash) pairs, as plain JSON-able data."""
    rows = []
    for (article_id, content_hash, published), mentions in _CACHE.items():
        if (article_id, content_hash) in article_keys:
            rows.append([article_id, content_hash, published.isoformat(),
                         [[m.date.isoformat(), m.sentence, m.phrase] for m in mentions]])
    return rows


def import_cache(rows: list) -> None:
    """Load mentions saved by export_cache (malformed rows are skipped, never trusted)."""
    for row in rows:
        try:
            article_id, content_hash, published, mentions = row
            key = (str(article_id), str(content_hash), dt.date.fromisoformat(published))
            _CACHE[key] = tuple(Mention(key[0], dt.date.fromisoformat(d), str(s), str(p)) for d, s, p in mentions)
        except (TypeError, ValueError):
            continue
