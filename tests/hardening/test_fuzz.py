"""Property-based tests: any front matter and any raw text end in a result or a clear error."""
from __future__ import annotations

import json
import os
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.content.frontmatter import split_front_matter
from digest.content.parsed import decode_article, encode_article
from digest.content.schema import article_from_split
from digest.errors import ContentError
from digest.ingest.normalize import Hints, IngestError, normalize

# The fast suite runs 60 examples per property; the long run: FUZZ_EXAMPLES=20000 python -m pytest tests/hardening/test_fuzz.py
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PATH = Path("content/articles/fuzz.md")

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
                    st.dates().map(str), st.just("2022-01-10"), st.just("10/01/2022"), st.just("Jan 10 2022"))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=12)
keys = st.sampled_from(["title", "date", "publisher", "tags", "author", "entities", "quality", "url", "summary",
                        "corrections", "slug", "layout", "date_source", "ingest", "duplicates", "weird key"])
noise = st.text(alphabet=string.printable + "\x00\u202e\u2028é中🙂&*!|>{}[]-:#", max_size=300)


def check(text: str) -> None:
    try:
        article = article_from_split(split_front_matter(text, PATH), PATH, text)
    except ContentError as error:
        assert str(error).startswith(str(PATH)), str(error)
        return
    # Whatever was accepted comes back identical from the cache of parsed articles (repr: NaN == NaN)
    row = json.loads(json.dumps(encode_article(article)))
    assert repr(decode_article(row, text, PATH, article.content_hash)) == repr(article)


@SETTINGS
@given(st.dictionaries(keys, values, max_size=8))
def test_any_front_matter_mapping_gives_an_article_or_a_clear_error(front: dict):
    import yaml
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nBody\n"
    check(text)


@SETTINGS
@given(noise)
def test_any_text_as_front_matter_gives_an_article_or_a_clear_error(garbage: str):
    check("---\ntitle: T\ndate: 2022-01-10\npublisher: P\n" + garbage + "\n---\nBody\n")
    check(garbage)


@SETTINGS
@given(st.lists(st.one_of(noise, st.text(max_size=200), st.sampled_from(
    ["Powered by", "Sign up for our newsletter", "By Jane Doe | Reuters", "January 10, 2022", "• bullet",
     "Analysis: Talks end", "?url=https%3A%2F%2Fx", "on Monday", "a day earlier", "x" * 5000])), max_size=25))
def test_any_raw_text_gives_a_draft_or_a_clear_ingest_error(lines: list[str]):
    text = "\n".join(lines)
    try:
        draft = normalize(text, Hints())
    except IngestError as error:
        assert str(error)
        return
    assert draft.front["title"] and "date" in draft.front
    count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(isinstance(n, int) and 1 <= n <= count for n in draft.lines)
