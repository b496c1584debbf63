"""The only markdown-it setup: CommonMark, raw HTML off, footnotes, heading anchors."""
from __future__ import annotations

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


@lru_cache(maxsize=1)
def markdown_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify, permalink=False)
    _mark_external_links(md)
    return md


def render_markdown(text: str) -> str:
    """Markdown -> HTML with raw HTML escaped and unsafe link schemes dropped."""
    return markdown_renderer().render(text)
