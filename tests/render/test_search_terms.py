"""Search terms of a body: the shortcuts taken for speed give exactly the plain definition."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.model import Article
from digest.render.search import MAX_BODY_CHARS, SNIPPET_CHARS, body_terms, distinct_words, fold
from digest.timeline.extract import plain_text

TEXT = st.text(alphabet=st.sampled_from(list("ab cdé\n\t\u00a0.*#>-Ωß")), max_size=1500)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=30))
def test_body_terms_match_their_definition(body: str, repeat: int):
    body = body * repeat  # long bodies too, past the cut-offs
    article = Article(id="a", title="T", date=dt.date(2022, 1, 10), date_source="explicit", publisher="P",
                      body_utf8=body.encode("utf-8", "surrogatepass"), source_path=Path("a.md"),
                      content_hash=str(hash(body)))
    normalised = " ".join(plain_text(body).split())
    assert body_terms(article) == (normalised[:SNIPPET_CHARS], distinct_words(normalised[:MAX_BODY_CHARS * 4]))


WORDY = st.text(alphabet=st.sampled_from(list("ab Zé_9Σİ\u212a\n\t\u00a0.,;:'“”’—-–()!?*#>ΩßÉǅ²\u0301")), max_size=400)


@settings(max_examples=400, deadline=None)
@given(WORDY)
def test_distinct_words_match_their_definition(text: str):
    definition = dict.fromkeys(fold(w) for w in re.findall(r"\w+", text.lower()))
    assert distinct_words(text) == " ".join(definition)
