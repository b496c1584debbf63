"""Site settings, frozen, with a fingerprint for caches (the bottom layer: imports only the pure
well-formedness checks of `digest.wellformed`).

`digest.content.settings` reads them from content/site.yaml.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass

from digest.wellformed import http_url_problem

DEFAULT_COVERAGE = (dt.date(2022, 1, 6), dt.date(2022, 1, 14))
UNREVIEWED_CHOICES = ("include", "exclude")  # what a published build does with `review: needed`


@dataclass(frozen=True)
class SiteConfig:
    title: str = "News Digest"
    description: str = ""
    base_url: str = "https://example.org/"
    language: str = "en"
    coverage_start: dt.date = DEFAULT_COVERAGE[0]
    coverage_end: dt.date = DEFAULT_COVERAGE[1]
    timezone: str = "UTC"
    cname: str | None = None
    front_page_count: int = 10
    per_page: int = 50            # cards on one page of a listing (all articles, a tag, a source...)
    unreviewed: str = "include"   # articles marked `review: needed`: include (labelled) | exclude
    report_errors: str = ""       # an e-mail address, a URL or words: where readers report errors

    @property
    def fingerprint(self) -> str:
        """Changes whenever any setting changes (used to invalidate caches)."""
        blob = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_base_url(self, base_url: str) -> SiteConfig:
        from dataclasses import replace
        return replace(self, base_url=normalize_base_url(base_url))


def normalize_base_url(url: str) -> str:
    """Absolute http(s) URL with a host, ending with '/'."""
    url = url.strip()
    problem = http_url_problem(url)
    if problem:
        raise ValueError(f"base URL {problem}, got {url!r}")
    if "?" in url or "#" in url:
        raise ValueError(f"base URL cannot have a query or a fragment, got {url!r}")
    return url if url.endswith("/") else url + "/"
