"""Which line above the article's text is its headline: every candidate weighed on evidence.

A headline shares its words with the story below it, sits close above it, is short, rarely ends
with a full stop, is not a date and not made of navigation words; a dek often follows it. The
weights are data (`data/title_model.json`), learned on the tuning part of the evaluation corpus
by `benchmarks/train_line_model.py`. With no convincing candidate, the caller falls back to the
first sentence and flags the article for review.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from digest.dates import split_sentences
from digest.ingest.boilerplate import byline, removal_rule
from digest.ingest.features import NAV_WORDS, STOP_WORDS
from digest.ingest.metadata import TAGLINE, is_dateline, split_kicker
from digest.ingest.printed_dates import printed_date
from digest.ingest.scoring import Logistic

_WORD = re.compile(r"\w+", re.U)
MODEL_FILE = Path(__file__).with_name("data") / "title_model.json"
MAX_CANDIDATES = 40  # lines above the text considered
DEK_MARGIN = 1.5       # a line directly above the best one, this close on the hand score, is the headline
MIN_LIKELIHOOD = 0.03  # below this no candidate is taken at all (the first sentence stands in)
NAMES = ("bias", "overlap", "overlap_sure", "overlap_first", "distance", "log_distance", "fit_length", "tiny",
         "log_words", "full_stop", "tagline", "upper", "separator", "repeated", "nav", "rule", "date", "kicker",
         "body_score", "is_first_body", "capitals", "digits", "dek_below", "byline_below", "question",
         "rule_score")


@dataclass(frozen=True)
class TitleChoice:
    line: int | None      # the chosen line's number (None: nothing above the text qualifies)
    score: float          # the model's probability that it is the headline


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2 and not w.isdigit()}


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def rule_score(text: str, distance: int, overlap: float, nav: float) -> float:
    """The hand-made headline score the ingest used before it learned one (now one feature)."""
    kicker, rest = split_kicker(text)
    n = len(rest.split())
    score = 4.0 * overlap - 0.12 * min(distance, 25) - 3.0 * nav
    score += 1.0 if 4 <= n <= 25 else -3.0 if n < 3 else 0.0
    score += 0.8 if kicker else 0.0
    score -= 1.0 if rest.rstrip().endswith((".", ",", ";", ":")) and not rest.endswith("..") else 0.0
    score -= 3.0 if TAGLINE.search(text) else 0.0
    score -= 1.0 if text.isupper() and n > 2 else 0.0
    score -= 0.7 if "|" in text or " / " in text else 0.0
    return score


def title_features(text: str, distance: int, body_words: set[str], first_words: set[str], repeated: bool,
                   body_score: float, is_first_body: bool, below: str | None) -> list[float]:
    """Evidence that `text`, `distance` candidate lines above the text, is its headline."""
    kicker, rest = split_kicker(text)
    words = _WORD.findall(rest.lower())
    n = max(1, len(words))
    mine = content_words(rest)
    overlap = _overlap(mine, body_words)
    below_words = content_words(below) if below else set()
    below = below or ""
    return [
        1.0, overlap, overlap * min(1.0, len(mine) / 4), _overlap(mine, first_words),
        min(distance, 40) / 10, math.log1p(distance), float(4 <= n <= 25), float(n < 3), math.log1p(n),
        float(rest.rstrip().endswith((".", ",", ";", ":")) and not rest.endswith("..")),
        float(bool(TAGLINE.search(text))), float(text.isupper() and n > 2),
        float("|" in text or " / " in text or " - " in text), float(repeated),
        sum(1 for w in words if w in NAV_WORDS) / n, float(removal_rule(text) is not None),
        float(is_dateline(text) or printed_date(text) is not None), float(kicker is not None),
        body_score, float(is_first_body),
        sum(1 for w in rest.split() if w[:1].isupper()) / max(1, len(rest.split())),
        sum(c.isdigit() for c in rest) / max(1, len(rest)),
        float(bool(below) and _overlap(below_words, body_words) >= 0.5 and len(below.split()) >= 6),
        float(bool(below) and (byline(below) is not None or printed_date(below) is not None)),
        float(rest.rstrip().endswith("?")),
        rule_score(text, distance, overlap, sum(1 for w in words if w in NAV_WORDS) / n) / 4,
    ]


@lru_cache(maxsize=1)
def title_model() -> tuple[Logistic, float]:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != NAMES:
        raise ValueError(f"{MODEL_FILE}: trained on other features; rerun benchmarks/train_line_model.py")
    return Logistic.from_json(data["model"]), data["good"]


def candidate_rows(candidates: list[tuple[int, str, float]], first_body: int, body_text: str, first_text: str,
                   counts: dict[str, int]) -> list[tuple[int, list[float]]]:
    """Feature rows of the candidate lines (number, text, line-model score), nearest to the text first."""
    body_words, first_words = content_words(body_text), content_words(first_text)
    ordered = list(reversed(candidates[-MAX_CANDIDATES:]))
    rows = []
    for distance, (number, text, score) in enumerate(ordered):
        words = len(text.split())
        if not words or words > 40:
            continue
        below = ordered[distance - 1][1] if distance > 0 else None
        rows.append((number, title_features(text, distance, body_words, first_words, counts.get(text, 0) > 1,
                                            score, number == first_body, below)))
    return rows


def choose_title(candidates: list[tuple[int, str, float]], first_body: int, body_text: str, first_text: str,
                 counts: dict[str, int]) -> TitleChoice:
    """The likeliest headline among `candidates` (in page order, the text's first line may be one)."""
    model, _ = title_model()
    rows = candidate_rows(candidates, first_body, body_text, first_text, counts)
    scored = [(number, model.probability(row)) for number, row in rows]
    if not scored:
        return TitleChoice(None, 0.0)
    at = max(range(len(scored)), key=lambda i: (scored[i][1], -i))
    hand = NAMES.index("rule_score")
    if (at + 1 < len(scored) and scored[at + 1][1] >= MIN_LIKELIHOOD
            and rows[at + 1][1][hand] >= rows[at][1][hand] - DEK_MARGIN / 4):
        at += 1  # headline, then dek: of two adjacent good candidates the upper is the headline
    return TitleChoice(*scored[at])


def good_title() -> float:
    """The probability above which a headline is taken without asking for review."""
    return title_model()[1]


def first_sentence(paragraph: str, limit: int = 16) -> str:
    """A stand-in title: the first sentence of the text, cut at a word boundary."""
    sentences = split_sentences(paragraph.strip())
    sentence = (sentences[0] if sentences else paragraph.strip()).rstrip(".")
    words = sentence.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")
