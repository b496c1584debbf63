"""Which line above the article's text is its headline: every candidate weighed on evidence.

A headline shares its words with the story below it, sits close above it, is short, rarely ends
with a full stop, is not a date and not made of navigation words; a dek often follows it. The
weights are data (`data/title_model.json`), learned on the tuning part of the evaluation corpus
by `benchmarks/train_line_model.py`. With no convincing candidate, the caller falls back to the
first sentence and flags the article for review.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from digest.dates import split_sentences
from digest.ingest.boilerplate import byline, removal_rule
from digest.ingest.comparable import comparable
from digest.ingest.features import NAV_WORDS, STOP_WORDS, has_unspaced, token_words, unspaced_pairs
from digest.ingest.metadata import TAGLINE, is_dateline, split_kicker
from digest.ingest.printed_dates import printed_date
from digest.ingest.scoring import Ranker, load_ranker

_WORD = re.compile(r"\w+", re.U)
MODEL_FILE = Path(__file__).with_name("data") / "title_model.json"
ABOVE, BELOW = 60, 150  # lines above and below where the text seems to start that may be its headline
DEK_MARGIN = 0.5  # logit gap within which the line above the best one is taken (headline above its dek)
MIN_LIKELIHOOD = 0.03  # below this share no candidate is taken at all (the first sentence stands in)
_CRUMB = re.compile(r"^\s*[»›|>/•·:\-–]")
NAMES = ("bias", "overlap", "overlap_sure", "overlap_first", "distance", "log_distance", "fit_length", "tiny",
         "log_words", "full_stop", "tagline", "upper", "separator", "repeated", "nav", "rule", "date",
         "body_score", "is_first_body", "capitals", "digits", "dek_below", "byline_below", "question",
         "rule_score", "below_text", "log_below", "text_after", "text_before", "best_after", "overlap_near",
         "overlap_near_sure", "echoed", "ends_with_other", "crumb_mark", "ellipsis", "teaser", "position",
         "log_chars", "headline_above", "tail_of_longer", "head_of_longer", "glued_before", "glued_after")
_POST_LINK = re.compile(r"^\s*[←«‹]\s|\s[→»›]\s*$")  # "← Previous post", "Next post →", "« Older"
_LEADING_MARK = re.compile(r"^\s*(?:[›>|•·]|»(?=\s)(?!.*«))\s*(?=\w|[\"“„'‘])")
_AFFIX = 8  # characters by which lines are indexed to find one inside another's start or end


@dataclass(frozen=True)
class TitleChoice:
    line: int | None      # the chosen line's number (None: nothing above the text qualifies)
    score: float          # the model's probability that it is the headline


def content_words(text: str) -> set[str]:
    if not has_unspaced(text):
        return {w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2 and not w.isdigit()}
    found = set()
    for word in _WORD.findall(text.lower()):
        pairs = unspaced_pairs(word)  # Chinese and Japanese: character pairs stand in for words
        if pairs:
            found.update(pairs)
        elif word not in STOP_WORDS and len(word) > 2 and not word.isdigit():
            found.add(word)
    return found


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
    n = max(1, sum(map(token_words, words)) if has_unspaced(rest) else len(words))
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
        float(is_dateline(text) or printed_date(text) is not None),
        body_score, float(is_first_body),
        sum(1 for w in rest.split() if w[:1].isupper()) / max(1, len(rest.split())),
        sum(c.isdigit() for c in rest) / max(1, len(rest)),
        float(bool(below) and _overlap(below_words, body_words) >= 0.5 and len(below.split()) >= 6),
        float(bool(below) and (byline(below) is not None or printed_date(below) is not None)),
        float(rest.rstrip().endswith("?")),
        rule_score(text, distance, overlap, sum(1 for w in words if w in NAV_WORDS) / n) / 4,
    ]


def _suffixes(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[k:]) for k in range(1, len(words) - 1)]


def _headline_shaped(text: str, body_words: set[str]) -> float:
    """A line above that reads as a headline of this text (this line may be its dek)."""
    kicker, rest = split_kicker(text)
    n = len(rest.split())
    if not 4 <= n <= 25 or rest.rstrip().endswith((".", ":", ";")) or TAGLINE.search(text):
        return 0.0
    return _overlap(content_words(rest), body_words)


def _containment(lines: set[str]) -> dict[str, tuple[float, float, float, float]]:
    """Per line (comparable text), whether it is the end or the start of a longer line, and
    whether a shorter line of two words or more is its end or its start (characters, not words:
    "Business|Trump's trade war" and "Forum>iPhone>kein App Store" glue the crumb to the headline)."""
    tails: dict[str, list[str]] = {}
    heads: dict[str, list[str]] = {}
    for line in lines:
        if len(line) >= _AFFIX:
            tails.setdefault(line[-_AFFIX:], []).append(line)
            heads.setdefault(line[:_AFFIX], []).append(line)
    found = {}
    for line in lines:
        if len(line) < _AFFIX:
            continue
        ends = [o for o in tails[line[-_AFFIX:]] if o != line and (o.endswith(line) or line.endswith(o))]
        starts = [o for o in heads[line[:_AFFIX]] if o != line and (o.startswith(line) or line.startswith(o))]
        found[line] = (float(any(len(o) > len(line) + 2 for o in ends)),
                       float(any(len(o) > len(line) + 2 for o in starts)),
                       float(any(len(line) > len(o) + 2 and " " in o for o in ends)),
                       float(any(len(line) > len(o) + 2 and " " in o for o in starts)))
    return found


def window_rows(window: list[tuple[int, str, float]], first_at: int, body_text: str, first_text: str,
                counts: dict[str, int]) -> list[tuple[int, list[float]]]:
    """Feature rows of the headline candidates: every line of `window` (page order, the text's
    first line at index `first_at`) short enough to be a headline, above or below that line."""
    body_words, first_words = content_words(body_text), content_words(first_text)
    normed = [comparable(text) for _, text, _ in window]
    echoes: Counter[str] = Counter()  # the tails of longer lines: a breadcrumb ends with the headline
    for line in set(normed):
        echoes.update(set(_suffixes(line)))
    present = set(normed)
    contained = _containment(present)
    line_words = [content_words(text) for _, text, _ in window]  # each line's once, not once per candidate near it
    rows = []
    for at, (number, text, score) in enumerate(window):
        words = len(text.split())
        if not words or words > 40 or TAGLINE.search(text) or _POST_LINK.search(text):
            continue  # a site's slogan and a link to the previous or next post are never the headline
        distance = first_at - at
        below = window[at + 1][1] if at + 1 < len(window) else None
        base = title_features(text, max(distance, 0), body_words, first_words, counts.get(text, 0) > 1,
                              score, at == first_at, below)
        after = [s for _, _, s in window[at + 1:at + 4]]
        before = [s for _, _, s in window[max(0, at - 3):at]]
        mine = line_words[at]
        near = set().union(*line_words[at + 1:at + 40])
        local = len(mine & near) / len(mine) if mine else 0.0
        me = normed[at]
        teaser = me.endswith(("…", "...")) and any(
            other != me and other.startswith(me.rstrip("…. ")) for other in present)
        rows.append((number, base + [
            float(distance < 0), math.log1p(-distance) if distance < 0 else 0.0,
            sum(after) / len(after) if after else 0.0, sum(before) / len(before) if before else 0.0,
            max(after, default=0.0), local, local * min(1.0, len(mine) / 4),
            float(words >= 2 and echoes[me] > 0), float(any(tail in present for tail in _suffixes(me))),
            float(bool(_CRUMB.match(text))), float(text.rstrip().endswith(("…", "..."))), float(teaser),
            at / max(1, len(window)), math.log1p(len(text)),
            _headline_shaped(window[at - 1][1], body_words) if at else 0.0,
            *contained.get(me, (0.0, 0.0, 0.0, 0.0)),
        ]))
    return rows


@lru_cache(maxsize=1)
def title_ranker() -> Ranker:
    return load_ranker(MODEL_FILE, NAMES)


def choose_title(window: list[tuple[int, str, float]], first_at: int, body_text: str, first_text: str,
                 counts: dict[str, int]) -> TitleChoice:
    """The likeliest headline among the candidate lines of `window`, with its share of the ranker's
    belief (a conditional logit over the page's candidates)."""
    rows = window_rows(window, first_at, body_text, first_text, counts)
    ranker = title_ranker()
    best = ranker.best([row for _, row in rows])
    if best is None:
        return TitleChoice(None, 0.0)
    at, share = best
    upper = at - 1
    if upper >= 0 and ranker.model.logit(rows[upper][1]) >= ranker.model.logit(rows[at][1]) - DEK_MARGIN:
        # headline, then dek: of two adjacent strong candidates the upper is the headline
        return TitleChoice(rows[upper][0], share)
    return TitleChoice(rows[at][0], share)


def good_title() -> float:
    """The share above which a headline is taken without asking for review."""
    return title_ranker().good


_GLUED_BYLINE = re.compile(
    r"\s+(?:[|·•]\s*)?(?i:von|by|por|par)\s+(?:[A-Z][\w'’.-]+|[a-z][\w.-]{3,})(?:\s+[\w'’.-]+){0,3}"
    r"(?:\s*(?:,|and|und|y|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})*"
    r"(?:\s*[|·•,–—-]\s*[^|]{0,60})?\s*[|·•]?\s*$")

_BYLINE_TAIL = re.compile(r"[|·•]|\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b")  # a separator, a year, a time


def without_glued_byline(title: str) -> str:
    """A headline with its byline and date run into the same line ("Neuer Intendant beim MDR gewählt
    von eseppelt · 31. Oktober 2023") without them. Only with a separator, a year or a time after
    the name, and a headline of four words or more before it: "von", "by" and "por" followed by a
    name end many a real headline (measured on the tuning pages)."""
    match = _GLUED_BYLINE.search(title)
    if match is None or len(title[:match.start()].split()) < 4:
        return title
    if not _BYLINE_TAIL.search(match.group(0)):
        return title  # "... Transformation von SportScheck": a name alone after "von" is often the headline's
    return title[:match.start()].rstrip(" |·•,-–—")


def without_leading_mark(title: str) -> str:
    """A headline without the crumb mark a scrape left in front of it ("› EU-Taxonomie: ...",
    "> El Santo"); a German »quote« keeps its mark."""
    return _LEADING_MARK.sub("", title, count=1)


def first_sentence(paragraph: str, limit: int = 16) -> str:
    """A stand-in title: the first sentence of the text, cut at a word boundary."""
    sentences = split_sentences(paragraph.strip())
    sentence = (sentences[0] if sentences else paragraph.strip()).rstrip(".")
    words = sentence.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")
