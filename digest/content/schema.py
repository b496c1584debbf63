"""Validate one article's front matter into an `Article`; errors name file and line."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any, Callable

from digest.content.frontmatter import SplitFile
from digest.errors import ContentError, did_you_mean
from digest.languages import is_language_tag
from digest.model import CONFIDENCES, DATE_SOURCES, QUALITY_LEVELS, Article, Correction, ImageMeta, Quality
from digest.slugs import alias_path, is_valid_id
from digest.wellformed import http_url_problem

KNOWN_FIELDS = {
    "title", "subtitle", "kicker", "date", "date_source", "date_confidence", "date_evidence",
    "publisher", "author", "authors", "agency", "url", "language", "summary", "tags", "entities",
    "quality", "duplicates", "original_outlet", "raw", "corrections", "layout", "slug", "ingest",
    "draft", "publish_date", "review", "review_reasons", "aliases", "images",
    "translated_from", "original_url",
}
IMAGE_FIELDS = ("file", "alt", "caption", "credit")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
REQUIRED_FIELDS = ("title", "date", "publisher")


class _Fields:
    """Typed accessors over a front matter mapping that raise ContentError at the key's line."""

    def __init__(self, split: SplitFile, path: Path):
        self.data: dict[str, Any] = split.front.data
        self.split = split
        self.path = path

    def fail(self, key: str, message: str) -> ContentError:
        return ContentError(self.path, self.split.front.line_of(key), message)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise ContentError(self.path, self.split.front.line_of(key) if key in self.data else 1,
                                   f"missing required field `{key}`")
            return None
        if isinstance(value, (dict, list)):
            raise self.fail(key, f"`{key}` must be text, got a {type(value).__name__}")
        return str(value).strip()

    def text_list(self, key: str, check: Callable[[str], bool] | None = None, what: str = "") -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(key, f"`{key}` must be a list of text")
        items = []
        for item in value:
            if isinstance(item, (dict, list)) or item is None:
                raise self.fail(key, f"`{key}` must be a list of text, found {item!r}")
            text = str(item).strip()
            if check and not check(text):
                raise self.fail(key, f"`{key}`: {text!r} is not {what}")
            if text and text not in items:
                items.append(text)
        return tuple(items)

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.data.get(key, default)
        if value is None:
            return default
        if str(value) not in choices:
            raise self.fail(key, f"`{key}` must be one of {', '.join(choices)}; got {value!r}")
        return str(value)


def _parse_date(fields: _Fields) -> tuple[dt.date, dt.datetime | None]:
    value = fields.data.get("date")
    if value is None:
        raise ContentError(fields.path, 1, "missing required field `date`")
    if isinstance(value, dt.datetime):
        return value.date(), value
    if isinstance(value, dt.date):
        return value, None
    text = str(value).strip()
    try:
        if "T" in text or " " in text:
            stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return stamp.date(), stamp
        return dt.date.fromisoformat(text), None
    except ValueError:
        raise fields.fail("date", f"`date` must be an ISO date like 2022-01-10, got {value!r}") from None


def _parse_flag(fields: _Fields, key: str) -> bool:
    value = fields.data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise fields.fail(key, f"`{key}` must be true or false, got {value!r}")
    return value


def _parse_publish_date(fields: _Fields) -> dt.datetime | None:
    """A date (published from midnight) or a date and time; naive ones are in the site's timezone."""
    value = fields.data.get("publish_date")
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = str(value).strip()
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise fields.fail("publish_date", "`publish_date` must be an ISO date like 2031-01-10 or a date and "
                                          f"time like 2031-01-10T08:00, got {value!r}") from None
    return stamp


REVIEW_STATES = ("needed", "done")


def _parse_review(fields: _Fields) -> tuple[str, ...]:
    """Why the article waits for review (`review: needed`); nothing once `review: done` or absent."""
    state = fields.text("review")
    if state is not None and state not in REVIEW_STATES:
        raise fields.fail("review", f"`review` must be one of {', '.join(REVIEW_STATES)}; got {state!r}")
    reasons = fields.text_list("review_reasons")
    if state != "needed":
        return ()
    return reasons or ("marked for review by hand",)


def _parse_aliases(fields: _Fields) -> tuple[str, ...]:
    """Old addresses as the output files their redirect pages become."""
    paths = []
    for alias in fields.text_list("aliases"):
        path = alias_path(alias)
        if path is None:
            raise fields.fail("aliases", f"`aliases`: {alias!r} is not a path inside the site "
                                         "(like /2022/01/old-name.html or articles/old-id/)")
        paths.append(path)
    return tuple(dict.fromkeys(paths))


def is_image_name(name: str) -> bool:
    """A plain file name beside the article (no folder, no dot-file) with an image suffix."""
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name)) and name.lower().endswith(IMAGE_SUFFIXES)


def _parse_images(fields: _Fields) -> tuple[ImageMeta, ...]:
    value = fields.data.get("images")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fields.fail("images", "`images` must be a list of {file, alt, caption, credit}")
    images = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise fields.fail("images", "each entry of `images` needs a `file` (an image beside the article)")
        unknown = sorted(set(item) - set(IMAGE_FIELDS))
        if unknown:
            raise fields.fail("images", f"`images`: unknown key `{unknown[0]}` (known: {', '.join(IMAGE_FIELDS)})")
        if not is_image_name(item["file"]):
            raise fields.fail("images", f"`images`: {item['file']!r} is not an image file name beside the "
                                        f"article ({', '.join(IMAGE_SUFFIXES)})")
        texts = {}
        for key in IMAGE_FIELDS[1:]:
            text = item.get(key)
            if text is not None and not isinstance(text, (str, int, float)):
                raise fields.fail("images", f"`images`: `{key}` of {item['file']!r} must be text")
            texts[key] = "" if text is None else str(text).strip()
        images.append(ImageMeta(item["file"], **texts))
    return tuple(images)


def _parse_url(fields: _Fields, key: str = "url") -> str | None:
    url = fields.text(key)
    if url and not url.lower().startswith(("http://", "https://")):
        raise fields.fail(key, f"`{key}` must be an http(s) address, got {url!r}")
    problem = http_url_problem(url) if url else None
    if problem:
        raise fields.fail(key, f"`{key}` {problem}, got {url!r}")
    return url


def _parse_language(fields: _Fields, key: str) -> str | None:
    code = fields.text(key)
    if code is not None and not is_language_tag(code):
        raise fields.fail(key, f"`{key}` must be a language code like ru or pt-BR, got {code!r}")
    return code


def _parse_quality(fields: _Fields) -> Quality:
    value = fields.data.get("quality")
    if value is None:
        return Quality()
    if not isinstance(value, dict):
        raise fields.fail("quality", "`quality` must be a mapping")
    levels = {}
    for key in ("machine_translated", "rewritten"):
        level = str(value.get(key) or "none")
        if level not in QUALITY_LEVELS:
            raise fields.fail("quality", f"`quality.{key}` must be one of {', '.join(QUALITY_LEVELS)}; got {level!r}")
        levels[key] = level
    try:
        score = float(value.get("score") or 0.0)
    except (TypeError, ValueError):
        raise fields.fail("quality", "`quality.score` must be a number") from None
    evidence = value.get("evidence") or []
    if not isinstance(evidence, list):
        raise fields.fail("quality", "`quality.evidence` must be a list of text")
    return Quality(levels["machine_translated"], levels["rewritten"], round(score, 3),
                   tuple(str(e) for e in evidence))


def _parse_corrections(fields: _Fields) -> tuple[Correction, ...]:
    value = fields.data.get("corrections")
    if not value:
        return ()
    if not isinstance(value, list):
        raise fields.fail("corrections", "`corrections` must be a list of {date, text}")
    corrections = []
    for item in value:
        if not isinstance(item, dict) or "date" not in item or not item.get("text"):
            raise fields.fail("corrections", "each correction needs a `date` and a `text`")
        when = item["date"]
        if isinstance(when, dt.datetime):
            when = when.date()
        if not isinstance(when, dt.date):
            try:
                when = dt.date.fromisoformat(str(when))
            except ValueError:
                raise fields.fail("corrections", f"correction date {item['date']!r} is not an ISO date") from None
        corrections.append(Correction(when, str(item["text"]).strip()))
    return tuple(sorted(corrections, key=lambda c: c.date))


def _parse_ingest_lines(fields: _Fields) -> tuple[tuple[int, str], ...]:
    ingest = fields.data.get("ingest")
    if not isinstance(ingest, dict) or not isinstance(ingest.get("lines"), dict):
        return ()
    try:
        return tuple(sorted((int(k), str(v)) for k, v in ingest["lines"].items()))
    except (TypeError, ValueError):
        raise fields.fail("ingest", "`ingest.lines` must map raw line numbers to what became of them") from None


def content_hash_of(data: bytes) -> str:
    """The hash an Article carries: of its file's bytes (it keys every cache of the article)."""
    return hashlib.sha256(data).hexdigest()


def article_from_split(split: SplitFile, path: Path, raw_text: str) -> Article:
    """Build an Article from a parsed file, validating every field."""
    fields = _Fields(split, path)
    for key in split.front.data:
        if key not in KNOWN_FIELDS:
            raise fields.fail(key, f"unknown field `{key}`{did_you_mean(key, KNOWN_FIELDS)} "
                                   f"(known: {', '.join(sorted(KNOWN_FIELDS))})")
    article_id = fields.text("slug") or (path.parent.name if path.name == "index.md" else path.stem)
    if not is_valid_id(article_id):
        raise fields.fail("slug" if "slug" in fields.data else "title",
                          f"article id {article_id!r} is not a safe slug (use a-z, 0-9 and '-')")
    day, stamp = _parse_date(fields)
    authors = fields.text_list("authors") or fields.text_list("author")
    layout = fields.text("layout") or "article"
    if not is_valid_id(layout):
        raise fields.fail("layout", f"layout {layout!r} is not a valid template name")
    return Article(
        id=article_id,
        title=fields.text("title", required=True) or "",
        date=day,
        published=stamp,
        date_source=fields.choice("date_source", DATE_SOURCES, "explicit"),
        date_confidence=fields.choice("date_confidence", CONFIDENCES, "high"),
        date_evidence=fields.text("date_evidence"),
        publisher=fields.text("publisher", required=True) or "",
        subtitle=fields.text("subtitle"),
        kicker=fields.text("kicker"),
        authors=authors,
        agency=fields.text("agency"),
        url=_parse_url(fields),
        language=_parse_language(fields, "language") or "en",
        summary=fields.text("summary") or "",
        tags=fields.text_list("tags"),
        entities=fields.text_list("entities", is_valid_id, "an entity id"),
        quality=_parse_quality(fields),
        duplicates=fields.text_list("duplicates", is_valid_id, "an article id"),
        original_outlet=fields.text("original_outlet"),
        raw=fields.text("raw"),
        corrections=_parse_corrections(fields),
        layout=layout,
        body=split.body,
        body_line=split.body_line,
        source_path=path,
        ingest_lines=_parse_ingest_lines(fields),
        draft=_parse_flag(fields, "draft"),
        review_reasons=_parse_review(fields),
        publish_date=_parse_publish_date(fields),
        aliases=_parse_aliases(fields),
        images=_parse_images(fields),
        translated_from=_parse_language(fields, "translated_from"),
        original_url=_parse_url(fields, "original_url"),
        content_hash=content_hash_of(raw_text.encode("utf-8", "surrogatepass")),
    )
