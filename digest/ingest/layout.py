"""Where the article is on a scraped page: which lines are its text, which line is its headline."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from digest.ingest.metadata import is_body_paragraph
from digest.ingest.scoring import body_probabilities, line_model
from digest.ingest.title import GOOD_TITLE, choose_title, first_sentence


@dataclass(frozen=True)
class Layout:
    title: str
    title_line: int | None        # None: no headline on the page, `title` is the first sentence
    title_review: str | None      # why the title wants a human look, if it does
    first_body: int               # line number where the article's text starts
    furniture: frozenset[int]     # free lines the line model scored as page furniture


def read_layout(free: list[tuple[int, str]]) -> Layout | None:
    """Headline and text of the page from its still-unclaimed lines; None when no text is left."""
    if not free:
        return None
    model = line_model()
    scores = dict(zip((n for n, _ in free), body_probabilities([t for _, t in free], model)))
    text_lines = [(n, t) for n, t in free if scores[n] >= model.threshold]
    if not text_lines:
        best = max(free, key=lambda line: (scores[line[0]], len(line[1])))
        text_lines = [best]
    first_body = next((n for n, t in text_lines if is_body_paragraph(t)), text_lines[0][0])
    kept = {n for n, _ in text_lines}
    furniture = frozenset(n for n, _ in free if n not in kept)
    above = [(n, t) for n, t in free if n < first_body]
    body_text = " ".join(t for n, t in text_lines if n >= first_body)[:6000]
    counts = Counter(t for _, t in free)
    choice = choose_title(above, body_text, counts)
    if choice.line is not None and choice.score > 0:
        title = dict(free)[choice.line]
        review = None if choice.score >= GOOD_TITLE else f"title guessed (weak headline evidence: {choice.score:.1f})"
        return Layout(title, choice.line, review, first_body, furniture)
    opening = dict(free)[first_body]
    return Layout(first_sentence(opening), None, "no headline found: the first sentence stands in for a title",
                  first_body, furniture)
