"""Validate one article's front matter into an `Article`; errors name file and line."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from digest.content import yaml_dates
from digest.content.frontmatter import SplitFile
from digest.errors import ContentError, did_you_mean
from digest.languages import is_language_tag
from digest.model import QUALITY_LEVELS, Article, Correction, FrontMatterField, ImageMeta, Quality, front_matter_fields
from digest.slugs import alias_path, is_valid_id
from digest.wellformed import http_url_problem

_TABLE = front_matter_fields()
_DEFAULTS = {item.name: item.default for item in dataclasses.fields(Article)}
KNOWN_FIELDS = frozenset(key for _, spec in _TABLE for key in (spec.key, *spec.also, *spec.companions))
IMAGE_FIELDS = ("file", "alt", "caption", "credit")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
REQUIRED_FIELDS = tuple(spec.key for _, spec in _TABLE if spec.required)


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


def _text(fields: _Fields, spec: FrontMatterField, default: Any) -> str | None:
    value = fields.text(spec.key, required=spec.required)
    return default if value is None else value


def _choice(fields: _Fields, spec: FrontMatterField, default: Any) -> str:
    return fields.choice(spec.key, spec.choices, default)


def _text_list(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[str, ...]:
    """The first of the field's keys that gives a non-empty list (`authors` before `author`)."""
    for key in (*spec.also, spec.key):
        values = fields.text_list(key)
        if values:
            return values
    return ()


def _id_list(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[str, ...]:
    return fields.text_list(spec.key, is_valid_id, spec.what)


def _date(fields: _Fields, spec: FrontMatterField, default: Any) -> dt.date:
    moment = _date_or_datetime(fields, spec.key)
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _date_or_datetime(fields: _Fields, key: str) -> dt.date | dt.datetime:
    value = fields.data.get(key)
    if value is None:
        raise ContentError(fields.path, 1, f"missing required field `{key}`")
    try:
        return yaml_dates.to_date_or_datetime(value)
    except ValueError:
        raise fields.fail(key, f"`{key}` must be an ISO date like 2022-01-10, got {value!r}") from None


def _flag(fields: _Fields, spec: FrontMatterField, default: Any) -> bool:
    value = fields.data.get(spec.key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise fields.fail(spec.key, f"`{spec.key}` must be true or false, got {value!r}")
    return value


def _moment(fields: _Fields, spec: FrontMatterField, default: Any) -> dt.datetime | None:
    """A date (from midnight) or a date and time; naive ones are in the site's timezone."""
    value = fields.data.get(spec.key)
    if value is None or value == "":
        return default
    try:
        return yaml_dates.to_datetime(value)
    except ValueError:
        raise fields.fail(spec.key, f"`{spec.key}` must be an ISO date like 2031-01-10 or a date and "
                                    f"time like 2031-01-10T08:00, got {value!r}") from None


def _url(fields: _Fields, spec: FrontMatterField, default: Any) -> str | None:
    url = fields.text(spec.key)
    if url and not url.lower().startswith(("http://", "https://")):
        raise fields.fail(spec.key, f"`{spec.key}` must be an http(s) address, got {url!r}")
    problem = http_url_problem(url) if url else None
    if problem:
        raise fields.fail(spec.key, f"`{spec.key}` {problem}, got {url!r}")
    return default if url is None else url


def _language(fields: _Fields, spec: FrontMatterField, default: Any) -> str | None:
    code = fields.text(spec.key)
    if code is not None and not is_language_tag(code):
        raise fields.fail(spec.key, f"`{spec.key}` must be a language code like ru or pt-BR, got {code!r}")
    return default if code is None else code


def _id(fields: _Fields, spec: FrontMatterField, default: Any) -> str:
    """The article id: `slug`, else the file name without `.md`."""
    path = fields.path
    article_id = fields.text(spec.key) or (path.parent.name if path.name == "index.md" else path.stem)
    if not is_valid_id(article_id):
        raise fields.fail(spec.key if spec.key in fields.data else "title",
                          f"article id {article_id!r} is not a safe slug (use a-z, 0-9 and '-')")
    return article_id


def _template(fields: _Fields, spec: FrontMatterField, default: Any) -> str:
    layout = fields.text(spec.key) or default
    if not is_valid_id(layout):
        raise fields.fail(spec.key, f"layout {layout!r} is not a valid template name")
    return layout


def _quality(fields: _Fields, spec: FrontMatterField, default: Any) -> Quality:
    value = fields.data.get(spec.key)
    if value is None:
        return default
    if not isinstance(value, dict):
        raise fields.fail(spec.key, "`quality` must be a mapping")
    levels = {}
    for key in ("machine_translated", "rewritten"):
        level = str(value.get(key) or "none")
        if level not in QUALITY_LEVELS:
            raise fields.fail(spec.key, f"`quality.{key}` must be one of {', '.join(QUALITY_LEVELS)}; got {level!r}")
        levels[key] = level
    try:
        score = float(value.get("score") or 0.0)
    except (TypeError, ValueError):
        raise fields.fail(spec.key, "`quality.score` must be a number") from None
    evidence = value.get("evidence") or []
    if not isinstance(evidence, list):
        raise fields.fail(spec.key, "`quality.evidence` must be a list of text")
    return Quality(levels["machine_translated"], levels["rewritten"], round(score, 3),
                   tuple(str(e) for e in evidence))


def _corrections(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[Correction, ...]:
    value = fields.data.get(spec.key)
    if not value:
        return default
    if not isinstance(value, list):
        raise fields.fail(spec.key, "`corrections` must be a list of {date, text}")
    corrections = []
    for item in value:
        if not isinstance(item, dict) or "date" not in item or not item.get("text"):
            raise fields.fail(spec.key, "each correction needs a `date` and a `text`")
        try:
            when = yaml_dates.to_date(item["date"])
        except ValueError:
            raise fields.fail(spec.key, f"correction date {item['date']!r} is not an ISO date") from None
        corrections.append(Correction(when, str(item["text"]).strip()))
    return tuple(sorted(corrections, key=lambda c: c.date))


def _ingest_lines(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[tuple[int, str], ...]:
    ingest = fields.data.get(spec.key)
    if not isinstance(ingest, dict) or not isinstance(ingest.get("lines"), dict):
        return default
    try:
        return tuple(sorted((int(k), str(v)) for k, v in ingest["lines"].items()))
    except (TypeError, ValueError):
        raise fields.fail(spec.key, "`ingest.lines` must map raw line numbers to what became of them") from None


def _review(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[str, ...]:
    """Why the article waits for review (`review: needed`); nothing once `review: done` or absent."""
    state = fields.text(spec.key)
    if state is not None and state not in spec.choices:
        raise fields.fail(spec.key, f"`{spec.key}` must be one of {', '.join(spec.choices)}; got {state!r}")
    reasons = fields.text_list(spec.companions[0])
    if state != "needed":
        return default
    return reasons or ("marked for review by hand",)


def _aliases(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[str, ...]:
    """Old addresses as the output files their redirect pages become."""
    paths = []
    for alias in fields.text_list(spec.key):
        path = alias_path(alias)
        if path is None:
            raise fields.fail(spec.key, f"`{spec.key}`: {alias!r} is not a path inside the site "
                                        "(like /2022/01/old-name.html or articles/old-id/)")
        paths.append(path)
    return tuple(dict.fromkeys(paths))


def is_image_name(name: str) -> bool:
    """A plain file name beside the article (no folder, no dot-file) with an image suffix."""
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name)) and name.lower().endswith(IMAGE_SUFFIXES)


def _images(fields: _Fields, spec: FrontMatterField, default: Any) -> tuple[ImageMeta, ...]:
    value = fields.data.get(spec.key)
    if value is None:
        return default
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


# A validator per kind of field in the table (model.Article): (fields, its row, its default) -> value.
VALIDATORS: dict[str, Callable[[_Fields, FrontMatterField, Any], Any]] = {
    "text": _text, "choice": _choice, "text_list": _text_list, "id_list": _id_list, "date": _date,
    "flag": _flag, "moment": _moment, "url": _url, "language": _language, "id": _id, "template": _template,
    "quality": _quality, "corrections": _corrections, "ingest": _ingest_lines, "review": _review,
    "aliases": _aliases, "images": _images,
}


def content_hash_of(data: bytes) -> str:
    """The hash an Article carries: of its file's bytes (it keys every cache of the article)."""
    return hashlib.sha256(data).hexdigest()


def article_from_split(split: SplitFile, path: Path, raw_text: str) -> Article:
    """Build an Article from a parsed file, validating every field of the table in its order."""
    fields = _Fields(split, path)
    for key in split.front.data:
        if key not in KNOWN_FIELDS:
            raise fields.fail(key, f"unknown field `{key}`{did_you_mean(key, KNOWN_FIELDS)} "
                                   f"(known: {', '.join(sorted(KNOWN_FIELDS))})")
    values = {attr: VALIDATORS[spec.kind](fields, spec, _DEFAULTS[attr]) for attr, spec in _TABLE}
    moment = _date_or_datetime(fields, "date")
    return Article(
        **values,
        published=moment if isinstance(moment, dt.datetime) else None,
        body_utf8=split.body.encode("utf-8", "surrogatepass"),
        body_line=split.body_line,
        source_path=path,
        content_hash=content_hash_of(raw_text.encode("utf-8", "surrogatepass")),
    )
