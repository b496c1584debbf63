"""plain_text's quick path (no backslash) agrees with the single regular expression that defines it."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.timeline.extract import _MARKDOWN, plain_text

PIECES = st.sampled_from(["*", "**", "***", "-", ">", "#", "##", "###", "a", "word", "Jan. 9", "“", "_",
                          " ", "  ", "\t", "\n", "\n\n", "\n- ", "\n* ", "\n> ", "\n# ", "\n**", "-\n", "- \n", "#\t\n", "\u2028"])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_quick_path_equals_the_definition(text):
    assert plain_text.__wrapped__(text) == _MARKDOWN.sub("", text)


def test_markers_and_emphasis_are_removed_and_escapes_fall_back_to_the_full_pass():
    body = "# Heading\n\n- one **bold** item\n* two\n> “Quoted,” he said.\n\nPlain *text*."
    assert plain_text(body) == "Heading\n\none bold item\ntwo\n“Quoted,” he said.\n\nPlain *text*."
    assert plain_text("1\\. Not a list, \\*not\\* emphasis") == "1. Not a list, *not* emphasis"
