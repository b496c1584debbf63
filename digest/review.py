"""The review queue: articles whose fields the ingest decided with low confidence.

The ingest writes `review: needed` and `review_reasons` into an article; an editor who has
checked it sets `review: done`. `build.py check` lists the queue and `serve` shows it at
`<base>/_review/`. Whether a published build includes unreviewed articles is the site.yaml
setting `unreviewed` (include, with a visible label: the default; or exclude).
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from digest import urls
from digest.model import Article

REVIEW_PATH = "_review/"


@dataclass(frozen=True)
class ReviewItem:
    article_id: str
    title: str
    source_path: str
    reasons: tuple[str, ...]


def review_queue(articles: tuple[Article, ...] | list[Article]) -> list[ReviewItem]:
    """Articles marked `review: needed`, newest first."""
    waiting = sorted((a for a in articles if a.review_reasons), key=lambda a: (a.date, a.id), reverse=True)
    return [ReviewItem(a.id, a.title, str(a.source_path), a.review_reasons) for a in waiting]


def review_lines(items: list[ReviewItem]) -> list[str]:
    """The queue as `check` prints it: one line per article, then its reasons."""
    lines = []
    for item in items:
        lines.append(f"review needed: {item.source_path}: {item.title}")
        lines += [f"  - {reason}" for reason in item.reasons]
    return lines


def review_page(items: list[ReviewItem], base_path: str = "/") -> bytes:
    """The local review page of the preview server (every value escaped)."""
    rows = "".join(
        f'<li><a href="{escape(base_path + urls.article(i.article_id))}">{escape(i.title)}</a>'
        f" <code>{escape(i.source_path)}</code><ul>"
        + "".join(f"<li>{escape(r)}</li>" for r in i.reasons) + "</ul></li>" for i in items)
    body = f"<ol>{rows}</ol>" if items else "<p>Nothing waits for review.</p>"
    return ("<!doctype html><html lang=en><meta charset=utf-8><title>Review queue</title>"
            f"<h1>Review queue ({len(items)})</h1><p>Set <code>review: done</code> in an article once "
            f"checked.</p>{body}</html>").encode()
