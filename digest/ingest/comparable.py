"""How two headlines, lines or snippets are compared: one definition for the ingest (is this line
the declared title? is it repeated?) and for the evaluation that scores it ("exact after
whitespace and quote normalization")."""
from __future__ import annotations

_EQUIVALENT = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                             "–": "-", "—": "-", "\xa0": " "})


def comparable(text: str) -> str:
    """`text` with typographic quotes and dashes made plain, spacing collapsed and case folded."""
    return " ".join(text.translate(_EQUIVALENT).split()).casefold()
