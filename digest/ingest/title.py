"""Which line above the article's text is its headline: every candidate scored on evidence.

A headline shares its words with the story below it, sits close above it, is short, rarely ends
with a full stop and is not made of navigation words. With no candidate that looks like one,
the caller falls back to the first sentence and flags the article for review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from digest.ingest.boilerplate import removal_rule
from digest.ingest.features import NAV_WORDS, STOP_WORDS
from digest.ingest.metadata import TAGLINE, is_dateline, split_kicker

_WORD = re.compile(r"\w+", re.U)
GOOD_TITLE = 1.5     # below this the best candidate is a guess, flagged for review
MAX_CANDIDATES = 30  # lines above the text considered
DEK_MARGIN = 1.5


@dataclass(frozen=True)
class TitleChoice:
    line: int | None      # the chosen line's number (None: nothing above the text qualifies)
    score: float


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2 and not w.isdigit()}


def title_score(text: str, distance: int, body_words: set[str], repeated: bool) -> float:
    """How much a line looks like the headline of the text `distance` candidate lines below it."""
    kicker, rest = split_kicker(text)
    words = _WORD.findall(rest.lower())
    if not words or len(words) > 40 or removal_rule(text) or is_dateline(text):
        return -9.0
    mine = content_words(rest)
    overlap = len(mine & body_words) / max(1, len(mine)) if mine else 0.0
    nav = sum(1 for w in words if w in NAV_WORDS) / len(words)
    score = 4.0 * overlap - 0.12 * min(distance, 25) - 3.0 * nav
    score += 1.0 if 4 <= len(words) <= 25 else -3.0 if len(words) < 3 else 0.0
    score += 0.8 if kicker else 0.0
    score -= 1.0 if rest.rstrip().endswith((".", ",", ";", ":")) and not rest.endswith("..") else 0.0
    score -= 3.0 if TAGLINE.search(text) else 0.0
    score -= 1.0 if text.isupper() and len(words) > 2 else 0.0
    score -= 0.7 if "|" in text or " / " in text else 0.0
    score += 0.3 if repeated else 0.0  # headlines often recur (breadcrumb, share text)
    return score


def choose_title(candidates: list[tuple[int, str]], body_text: str, counts: dict[str, int]) -> TitleChoice:
    """The best headline among `candidates` (nearest to the text last), scored against the text."""
    body_words = content_words(body_text)
    nearest_first = list(reversed(candidates[-MAX_CANDIDATES:]))
    scores = [title_score(text, distance, body_words, counts.get(text, 0) > 1)
              for distance, (_, text) in enumerate(nearest_first)]
    if not scores:
        return TitleChoice(None, -9.0)
    at = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if at + 1 < len(scores) and scores[at + 1] >= scores[at] - DEK_MARGIN:
        at += 1  # headline, then dek: of two adjacent good candidates the upper is the headline
    return TitleChoice(nearest_first[at][0], scores[at])


def first_sentence(paragraph: str, limit: int = 16) -> str:
    """A stand-in title: the first sentence of the text, cut at a word boundary."""
    sentence = re.split(r"(?<=[.!?])\s", paragraph.strip(), maxsplit=1)[0].rstrip(".")
    words = sentence.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")
