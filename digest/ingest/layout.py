"""Where the article is on a scraped page: which lines are its text, which line is its headline."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from digest.ingest.metadata import is_body_paragraph
from digest.ingest.scoring import body_probabilities, line_model
from digest.ingest.title import ABOVE, BELOW, MIN_LIKELIHOOD, choose_title, first_sentence, good_title


@dataclass(frozen=True)
class Layout:
    title: str
    title_line: int | None        # None: no headline on the page, `title` is the first sentence
    title_review: str | None      # why the title wants a human look, if it does
    first_body: int               # line number where the article's text starts
    furniture: frozenset[int]     # free lines the line model scored as page furniture
    declared: bool = False        # the title is the page's own metadata, kept as the page states it


@dataclass(frozen=True)
class Regions:
    """The line model's reading of a page, before a headline is chosen."""

    scores: dict[int, float]
    first_body: int
    furniture: frozenset[int]
    window: list[tuple[int, str, float]]   # the lines a headline may be, in page order, with their text scores
    first_at: int                          # where in `window` the text seems to start
    body_text: str
    first_text: str
    counts: Counter


SANDWICH_SHARE = 0.3  # a line scoring this share of the threshold, between text lines, is text too


def _with_sandwiched(free: list[tuple[int, str]], scores: dict[int, float], threshold: float) -> list[tuple[int, str]]:
    """Lines scored as text, and weaker lines with text on both sides (a subheading, a short
    paragraph inside the article: jusText's rule for blocks between good ones)."""
    good = [scores[n] >= threshold for n, _ in free]
    kept = []
    for index, (number, text) in enumerate(free):
        between = (any(good[max(0, index - 2):index]) and any(good[index + 1:index + 3])
                   and scores[number] >= threshold * SANDWICH_SHARE)
        if good[index] or between:
            kept.append((number, text))
    return kept


RUN = 3  # this many text lines in a row are the article running: its headline is above them


def _run_start(free: list[tuple[int, str]], scores: dict[int, float], at: int, threshold: float) -> int:
    """Where, from `at` on and at most BELOW lines later, the article's text runs (a headline
    below the first text line is one under teasers and navigation, not inside the article)."""
    for index in range(at, min(len(free), at + BELOW + 1)):
        if all(scores[n] >= threshold for n, _ in free[index:index + RUN]) and is_body_paragraph(free[index][1]):
            return index
    return min(len(free), at + BELOW + 1) - 1


def read_regions(free: list[tuple[int, str]]) -> Regions | None:
    """Score every line, find where the text starts, and take the lines around it a headline may be."""
    if not free:
        return None
    model = line_model()
    scores = dict(zip((n for n, _ in free), body_probabilities([t for _, t in free], model)))
    text_lines = [(n, t) for n, t in _with_sandwiched(free, scores, model.threshold)]
    if not text_lines:
        text_lines = [max(free, key=lambda line: (scores[line[0]], len(line[1])))]
    first_body = next((n for n, t in text_lines if is_body_paragraph(t)), text_lines[0][0])
    kept = {n for n, _ in text_lines}
    at = next(i for i, (n, _) in enumerate(free) if n == first_body)
    lo = max(0, at - ABOVE)
    window = [(n, t, scores[n]) for n, t in free[lo:_run_start(free, scores, at, model.threshold) + 1]]
    body_text = " ".join(t for n, t in text_lines if n >= first_body)[:6000]
    return Regions(scores, first_body, frozenset(n for n, _ in free if n not in kept), window, at - lo, body_text,
                   dict(free)[first_body], Counter(t for _, t in free))


def declared_layout(free: list[tuple[int, str]], title: str) -> Layout | None:
    """A page whose metadata names its title and whose text was already extracted: all of it is text."""
    if not free:
        return None
    return Layout(title, None, None, free[0][0], frozenset(), declared=True)


def read_layout(free: list[tuple[int, str]]) -> Layout | None:
    """Headline and text of the page from its still-unclaimed lines; None when no text is left."""
    regions = read_regions(free)
    if regions is None:
        return None
    choice = choose_title(regions.window, regions.first_at, regions.body_text, regions.first_text,
                          regions.counts)
    first_body: int | None = regions.first_body
    # The headline is the first line scored as text, or below it (what came before was teasers
    # and navigation): the text starts after the headline.
    if choice.line is not None and choice.line >= regions.first_body:
        first_body = next((n for n, _ in free if n > choice.line and n not in regions.furniture), None)
    if choice.line is not None and choice.score >= MIN_LIKELIHOOD and first_body is not None:
        title = dict(free)[choice.line]
        review = None if choice.score >= good_title() else f"title guessed (headline likelihood {choice.score:.2f})"
        return Layout(title, choice.line, review, first_body, regions.furniture - {choice.line})
    return Layout(first_sentence(regions.first_text), None,
                  "no headline found: the first sentence stands in for a title", regions.first_body,
                  regions.furniture)
