"""Site settings from content/site.yaml, frozen, with a fingerprint for caches."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from digest.content.frontmatter import load_yaml_mapping
from digest.errors import ContentError

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
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def fingerprint(self) -> str:
        """Changes whenever any setting changes (used to invalidate caches)."""
        blob = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_base_url(self, base_url: str) -> "SiteConfig":
        from dataclasses import replace
        return replace(self, base_url=normalize_base_url(base_url))


def normalize_base_url(url: str) -> str:
    """Absolute http(s) URL ending with '/'."""
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"base URL must start with http:// or https://, got {url!r}")
    return url if url.endswith("/") else url + "/"


def _as_date(value: object, path: Path, line: int, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(path, line, f"`{key}` must be a date like 2022-01-10, got {value!r}") from None


def load_config(path: Path) -> SiteConfig:
    """Read site.yaml; a missing file gives the defaults."""
    if not path.exists():
        return SiteConfig()
    doc = load_yaml_mapping(path.read_text(encoding="utf-8"), path)
    data = dict(doc.data)
    known = {"title", "description", "base_url", "language", "coverage", "timezone", "cname",
             "front_page_count", "per_page", "unreviewed"}
    kwargs: dict = {}
    for key in ("title", "description", "language", "timezone"):
        if key in data:
            if not isinstance(data[key], str):
                raise ContentError(path, doc.line_of(key), f"`{key}` must be text")
            kwargs[key] = data[key]
    if "base_url" in data:
        try:
            kwargs["base_url"] = normalize_base_url(str(data["base_url"]))
        except ValueError as exc:
            raise ContentError(path, doc.line_of("base_url"), str(exc)) from None
    if data.get("cname"):
        kwargs["cname"] = str(data["cname"]).strip()
    for key in ("front_page_count", "per_page"):
        if key in data:
            value = data[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ContentError(path, doc.line_of(key), f"`{key}` must be a positive integer")
            kwargs[key] = value
    if "unreviewed" in data:
        if data["unreviewed"] not in UNREVIEWED_CHOICES:
            raise ContentError(path, doc.line_of("unreviewed"),
                               f"`unreviewed` must be one of {', '.join(UNREVIEWED_CHOICES)}; got {data['unreviewed']!r}")
        kwargs["unreviewed"] = data["unreviewed"]
    if "coverage" in data:
        coverage = data["coverage"]
        line = doc.line_of("coverage")
        if not isinstance(coverage, dict) or "start" not in coverage or "end" not in coverage:
            raise ContentError(path, line, "`coverage` must be a mapping with `start` and `end` dates")
        start = _as_date(coverage["start"], path, line, "coverage.start")
        end = _as_date(coverage["end"], path, line, "coverage.end")
        if end < start:
            raise ContentError(path, line, "`coverage.end` is before `coverage.start`")
        kwargs["coverage_start"], kwargs["coverage_end"] = start, end
    kwargs["extra"] = {k: v for k, v in data.items() if k not in known}
    return SiteConfig(**kwargs)
