"""Read the site settings from content/site.yaml into a `SiteConfig`; errors name file and line."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from digest.config import UNREVIEWED_CHOICES, SiteConfig, normalize_base_url
from digest.content import yaml_dates
from digest.content.frontmatter import read_yaml_file
from digest.errors import ContentError, unknown_key
from digest.wellformed import hostname_problem, language_problem, timezone_problem

MAX_COVERAGE_DAYS = 3660  # ten years of days


def _as_date(value: object, path: Path, line: int, key: str) -> dt.date:
    try:
        return yaml_dates.to_date(value)
    except ValueError:
        raise ContentError(path, line, f"`{key}` must be a date like 2022-01-10, got {value!r}") from None


SETTINGS = ("title", "description", "base_url", "language", "coverage", "timezone", "cname",
            "front_page_count", "per_page", "report_errors", "unreviewed")
_CHECKS = {"language": language_problem, "timezone": timezone_problem}


def load_config(path: Path) -> SiteConfig:
    """Read site.yaml; a missing file gives the defaults."""
    if not path.exists():
        return SiteConfig()
    doc = read_yaml_file(path)
    data = dict(doc.data)
    for key in data:
        if key not in SETTINGS:
            raise unknown_key(path, doc.line_of(str(key)), "setting", key, SETTINGS)
    kwargs: dict = {}
    for key in ("title", "description", "language", "timezone", "cname", "report_errors"):
        if key in data and data[key] is not None:
            if not isinstance(data[key], str):
                raise ContentError(path, doc.line_of(key), f"`{key}` must be text")
            kwargs[key] = data[key].strip()
            problem = _CHECKS.get(key, lambda value: None)(kwargs[key])
            if problem:
                raise ContentError(path, doc.line_of(key), f"`{key}` {problem}, got {data[key]!r}")
    if kwargs.get("cname"):
        problem = hostname_problem(kwargs["cname"], dotted=True)
        if problem:
            raise ContentError(path, doc.line_of("cname"), f"`cname` {problem}, got {data['cname']!r}")
    else:
        kwargs.pop("cname", None)
    if "base_url" in data:
        try:
            kwargs["base_url"] = normalize_base_url(str(data["base_url"]))
        except ValueError as exc:
            raise ContentError(path, doc.line_of("base_url"), str(exc)) from None
    for key in ("front_page_count", "per_page"):
        if key in data:
            value = data[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ContentError(path, doc.line_of(key), f"`{key}` must be a positive integer")
            kwargs[key] = value
    if "unreviewed" in data:
        if data["unreviewed"] not in UNREVIEWED_CHOICES:
            raise ContentError(path, doc.line_of("unreviewed"), "`unreviewed` must be one of "
                               f"{', '.join(UNREVIEWED_CHOICES)}; got {data['unreviewed']!r}")
        kwargs["unreviewed"] = data["unreviewed"]
    if "coverage" in data:
        kwargs["coverage_start"], kwargs["coverage_end"] = _coverage(data["coverage"], path, doc)
    return SiteConfig(**kwargs)


def _coverage(coverage: object, path: Path, doc) -> tuple[dt.date, dt.date]:
    line = doc.line_of("coverage")
    for key in coverage if isinstance(coverage, dict) else ():
        if key not in ("start", "end"):
            raise unknown_key(path, doc.line_at("coverage", key), "`coverage` key", key, ("start", "end"))
    if not isinstance(coverage, dict) or "start" not in coverage or "end" not in coverage:
        raise ContentError(path, line, "`coverage` must be a mapping with `start` and `end` dates")
    start = _as_date(coverage["start"], path, doc.line_at("coverage", "start"), "coverage.start")
    end = _as_date(coverage["end"], path, doc.line_at("coverage", "end"), "coverage.end")
    if end < start:
        raise ContentError(path, line, "`coverage.end` is before `coverage.start`")
    if (end - start).days >= MAX_COVERAGE_DAYS:
        raise ContentError(path, line, f"`coverage` spans {(end - start).days + 1} days; at most "
                                       f"{MAX_COVERAGE_DAYS} (each day of it gets a place in the timeline)")
    return start, end
