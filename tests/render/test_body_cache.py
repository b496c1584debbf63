"""The cache of rendered bodies stays bounded: a worker rendering half of a big site keeps only
the most recently used bodies, and a body it dropped is rendered again (the same HTML)."""
import datetime as dt
from pathlib import Path

from digest.model import Article
from digest.render.markdown import render_markdown
from digest.render.pages import BodyCache


def _article(number: int) -> Article:
    body = f"Paragraph “{number}” of *the* talks."
    return Article(id=f"a{number}", title="T", date=dt.date(2022, 1, 10), publisher="P", body_utf8=body.encode(),
                   source_path=Path(f"a{number}.md"), content_hash=f"hash{number}")


def test_keeps_only_the_most_recently_used_bodies():
    calls: list[str] = []

    def render(markdown: str) -> str:
        calls.append(markdown)
        return render_markdown(markdown)

    cache = BodyCache(render, limit=3)
    articles = [_article(n) for n in range(5)]
    first = cache.html_for(articles[0])
    for article in articles[1:3]:
        cache.html_for(article)
    assert cache.html_for(articles[0]) == first and len(calls) == 3  # a hit: not rendered again
    for article in articles[3:]:
        cache.html_for(article)
    assert len(cache) == 3  # never more than the limit
    assert cache.html_for(articles[0]) == first and len(calls) == 5  # used lately: still kept
    assert cache.html_for(articles[1]) == render_markdown(articles[1].body)  # dropped: rendered again
    assert len(calls) == 6 and len(cache) == 3
