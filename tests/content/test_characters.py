"""The byte scan that decides whether a decoded file needs cleaning never misses what the text's own test finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.characters import has_control_characters, utf8_may_have_forbidden, without_control_characters
from digest.content.load import decode_text

# Every kind of character near the edges of what XML 1.0 allows, in UTF-8 of 1 to 4 bytes.
CHARACTERS = st.sampled_from(["a", "\t", "\n", "\r", "\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85",
                              "é", "\u2028", "\ufffd", "\ufffe", "\uffff", "\uefbf", "€", "\U0001f600"])


@settings(max_examples=500, deadline=None)
@given(st.lists(CHARACTERS, max_size=30).map("".join))
def test_the_byte_scan_finds_what_the_text_scan_finds(text: str):
    data = text.encode("utf-8")
    if has_control_characters(text):
        assert utf8_may_have_forbidden(data)
    if not any("\uf000" <= c <= "\uffff" for c in text):
        assert utf8_may_have_forbidden(data) == has_control_characters(text)
    assert decode_text(data, "a.md") == without_control_characters(text)
