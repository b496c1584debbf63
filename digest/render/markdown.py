"""The only markdown-it setup: CommonMark, raw HTML off, footnotes, heading anchors.

markdown-it tries every block rule at the start of every block, and most of them at every line
of a paragraph to see whether it ends there. A rule whose syntax needs a character the text does
not have cannot match, so a text is rendered by a parser without those rules: the same HTML in
~85% of the time for plain prose (tests/render/test_markdown_rules.py checks the sameness).
"""
from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from digest.slugs import slugify


def _mark_external_links(md: MarkdownIt) -> None:
    """Links leaving the site open safely and say they are external."""
    def link_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if href.startswith(("http://", "https://", "//")):
            token.attrSet("rel", "noopener noreferrer")
            token.attrSet("class", "external")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)


def _configured() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify, permalink=False)
    _mark_external_links(md)
    return md


@lru_cache(maxsize=1)
def markdown_renderer() -> MarkdownIt:
    """The parser with every rule: what render_markdown's output is checked against."""
    return _configured()


# Block rules that can only match a text holding these characters: a table needs a pipe, a fence
# three backticks or tildes, an indented code block four columns of indentation (four spaces or a
# tab, inside a list or quote too), a link reference or footnote definition "]:", an ATX heading
# "#", a quote ">". (html_block never matches with raw HTML off.)
_NEEDS = (
    ("table", ("|",)), ("fence", ("```", "~~~")), ("code", ("    ", "\t")), ("reference", ("]:",)),
    ("footnote_def", ("]:",)), ("heading", ("#",)), ("blockquote", (">",)),
)


@lru_cache(maxsize=128)
def _renderer_without(rules: frozenset[str]) -> MarkdownIt:
    md = _configured()
    md.disable(["html_block", *sorted(rules)])
    return md


_LINE_END = re.compile(r"[ \t]*(?:\r|\n|\Z)")
_RULE_MARKERS = "-*_="


def _a_line_ends_with_a_rule_marker(text: str) -> bool:
    """Whether a line ends with -, *, _ or = (then only spaces or tabs): a thematic break and a
    setext heading's underline both do, so without one neither rule can match. The markers are
    found by str.find, and only their places are tried (a regex scan costs three times as much)."""
    for marker in _RULE_MARKERS:
        at = text.find(marker)
        while at >= 0:
            if _LINE_END.match(text, at + 1):
                return True
            at = text.find(marker, at + 1)
    return False


def render_markdown(text: str) -> str:
    """Markdown -> HTML with raw HTML escaped and unsafe link schemes dropped."""
    unused = frozenset(rule for rule, needs in _NEEDS if not any(need in text for need in needs))
    if not _a_line_ends_with_a_rule_marker(text):
        unused |= {"hr", "lheading"}
    return _renderer_without(unused).render(text)
