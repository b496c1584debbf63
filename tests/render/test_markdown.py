"""The one markdown-it setup: safe by default, with marked external links."""
from digest.render.markdown import render_markdown


def test_raw_html_is_escaped_not_rendered():
    html = render_markdown("<script>alert(1)</script>\n\nText <b>bold</b>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_not_links():
    assert 'href="javascript:' not in render_markdown("[x](javascript:alert(1))")


def test_external_links_open_safely_and_are_marked():
    html = render_markdown("See [the report](https://example.com/r) and [home](../index.html).")
    assert '<a href="https://example.com/r" rel="noopener noreferrer" class="external">' in html
    assert '<a href="../index.html">' in html


def test_lists_quotes_and_heading_anchors():
    html = render_markdown("## What next\n\n- one\n- two\n\n> quoted\n")
    assert '<h2 id="what-next">' in html
    assert "<ul>" in html and "<blockquote>" in html
