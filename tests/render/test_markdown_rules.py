"""Texts are rendered by a parser without the block rules their characters rule out: always the
HTML the parser with every rule gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.render.markdown import markdown_renderer, render_markdown

# Pieces of every block syntax, and near misses, joined in any order.
PIECES = st.sampled_from([
    "word", "Geneva talks", "| a | b |", "|---|---|", "| 1 | 2 |", "a|b", "```", "~~~", "``", "`x`", "    ",
    "\t", "  ", "   ", "[^1]", "[^1]: note", "[ref]: https://example.org", "[ref]", "]:", "]", "[", "#", "## Head",
    "#no", ">", "> quote", ">>", "-", "- item", "* item", "1. item", "---", "***", "===", "<b>", "<!-- c -->",
    "<div>", "&amp;", "\\", "\n", "\n\n", " ", "\n    code", "\n\tcode", "\n> >     code", "\r", "\r\n",
    "_ _ _", "- - -", "*", "_", "=", " \t", "Title\n==", "Title\n--",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_the_html_is_what_every_rule_gives(text: str):
    assert render_markdown(text) == markdown_renderer().render(text)


def test_prose_without_special_characters_still_renders_lists_and_emphasis():
    text = "Talks *ended* in Geneva.\n\n- one\n- two\n\nThe next round is in Vienna."
    assert render_markdown(text) == markdown_renderer().render(text)
    assert "<li>one</li>" in render_markdown(text) and "<em>ended</em>" in render_markdown(text)
