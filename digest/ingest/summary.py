"""A short extractive summary: the first substantive sentence(s) of the body."""
from __future__ import annotations

from digest.dates import split_sentences
from digest.ingest.structure import lead_in

MIN_WORDS, MAX_WORDS = 15, 60


def summarize(paragraphs: list[str]) -> str:
    """First sentences of the first real paragraph, 15 to 60 words."""
    for paragraph in paragraphs:
        found = lead_in(paragraph)
        text = found[1] if found else paragraph
        if len(text.split()) < 12:
            continue
        chosen: list[str] = []
        for sentence in split_sentences(text):
            chosen.append(sentence)
            if len(" ".join(chosen).split()) >= MIN_WORDS:
                break
        summary = " ".join(chosen)
        words = summary.split()
        return summary if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + "…"
    return ""
