"""Parsed articles kept between processes: `.digest-cache/articles.json`, keyed by file content.

A warm build of a big site would otherwise spend most of its time in YAML and validation of
files that did not change. An entry maps (file name, SHA-256 of the file's bytes) to the
Article's fields as plain JSON; the body is not stored but cut from the file just read and
hashed. So an entry can only ever describe the exact bytes that are on disk now.

Nothing in the file is trusted: an unreadable file, another format version, another version of
the parsing code, or an entry whose fields do not have the declared types is ignored (the
article is parsed again). The file is plain JSON, never pickle: it may come back from a CI cache.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from digest import cache_file
from digest.model import Article, Correction, ImageMeta, Quality

FORMAT = "articles-1"
# Every module whose code decides what Article a file becomes (a stricter slug rule must
# invalidate the cached articles too; a test checks the list is complete).
PARSING_CODE = ("model.py", "config.py", "slugs.py", "characters.py", "wellformed.py", "languages.py",
                "errors.py", "content/frontmatter.py", "content/yaml_dates.py", "content/schema.py",
                "content/parsed.py")


def code_version() -> str:
    """Changes whenever the code that turns a file into an Article changes (or PyYAML does)."""
    return cache_file.code_version(f"{FORMAT} yaml-{yaml.__version__}", PARSING_CODE)


class _Invalid(Exception):
    """An entry that does not decode to exactly the declared types."""


def _encoder(kind: Any) -> Callable[[Any], Any] | None:
    """A function turning a value of the declared type into JSON data (None: the value already is).

    Made once per field from the type hints, so encoding 10,000 articles does not inspect types
    10,000 times; the decoders below check the same hints on the way back.
    """
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Union or origin is types.UnionType:
        (inner_kind,) = [a for a in args if a is not type(None)]
        inner = _encoder(inner_kind)
        return None if inner is None else (lambda value: None if value is None else inner(value))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _encoder(args[0])
            return list if item is None else (lambda value: [item(v) for v in value])
        items = [_encoder(arg) for arg in args]
        return lambda value: [v if encode is None else encode(v) for encode, v in zip(items, value)]
    if kind in (dt.datetime, dt.date):
        return _isoformat
    if kind in (Quality, Correction, ImageMeta):
        fields = [(name, _encoder(field_kind)) for name, field_kind in _FIELDS[kind]]
        return lambda value: [_apply(encode, getattr(value, name)) for name, encode in fields]
    return None


def _isoformat(value: dt.date) -> str:
    return value.isoformat()


def _apply(encode: Callable[[Any], Any] | None, value: Any) -> Any:
    return value if encode is None else encode(value)


def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function turning JSON data back into a value of the declared type, raising _Invalid for
    anything else. Made once per field, like the encoders: a warm build decodes 10,000 rows."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Union or origin is types.UnionType:
        (inner_kind,) = [a for a in args if a is not type(None)]
        inner = _decoder(inner_kind)
        if type(None) not in args:
            return inner
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda value: tuple(map(item, _list(value)))
        items = [_decoder(arg) for arg in args]
        return lambda value: tuple(decode(v) for decode, v in zip(items, _list(value, len(items))))
    if kind is dt.datetime:
        return lambda value: dt.datetime.fromisoformat(_checked(value, str))
    if kind is dt.date:
        return lambda value: dt.date.fromisoformat(_checked(value, str))
    if kind in (Quality, Correction, ImageMeta):
        fields = [_decoder(field_kind) for _, field_kind in _FIELDS[kind]]
        return lambda value: kind(*(decode(v) for decode, v in zip(fields, _list(value, len(fields)))))
    if kind is float:
        return _float
    return lambda value: _checked(value, kind)


def _list(value: Any, length: int | None = None) -> list:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise _Invalid
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid
    return float(value)


def _checked(value: Any, kind: type) -> Any:
    if type(value) is not kind:  # bool is not an int here
        raise _Invalid
    return value


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


_FIELDS = {cls: _fields(cls) for cls in (Article, Quality, Correction, ImageMeta)}
_NOT_STORED = {"body_utf8", "source_path", "content_hash"}
_STORED = [(name, kind) for name, kind in _FIELDS[Article] if name not in _NOT_STORED]
_STORED_VALUES = operator.attrgetter(*(name for name, _ in _STORED))
_STORED_ENCODERS = [_encoder(kind) for _, kind in _STORED]
_STORED_DECODERS = [(name, _decoder(kind)) for name, kind in _STORED]


def encode_article(article: Article) -> list:
    """The article minus what the file itself gives back (body, path, hash), as JSON data."""
    return [len(article.body), *(value if encode is None else encode(value)
                                 for encode, value in zip(_STORED_ENCODERS, _STORED_VALUES(article)))]


def decode_article(row: Any, text: str, path: Path, content_hash: str) -> Article | None:
    """The Article of `text` (the file at `path`) from its entry; None if the entry is not sound."""
    try:
        if not isinstance(row, list) or len(row) != len(_STORED) + 1:
            return None
        body_length = _checked(row[0], int)
        if not 0 <= body_length <= len(text):
            return None
        values = {name: decode(value) for (name, decode), value in zip(_STORED_DECODERS, row[1:])}
    except (_Invalid, ValueError, TypeError):
        return None
    body = text[len(text) - body_length:].encode("utf-8", "surrogatepass")
    return Article(body_utf8=body, source_path=path, content_hash=content_hash, **values)


class ParsedArticles:
    """The cache itself: look up parsed articles, save those of the site just built."""

    def __init__(self, path: Path | None):
        self.path = path
        self.version = code_version()
        self._rows: dict[str, list] = {}
        if path is not None:
            self._rows = self._read(path)

    def __len__(self) -> int:
        return len(self._rows)

    def _read(self, path: Path) -> dict[str, list]:
        rows = cache_file.load(path, self.version)
        return rows if isinstance(rows, dict) else {}

    @staticmethod
    def _key(path: Path, content_hash: str) -> str:
        name = f"{path.parent.name}/{path.name}" if path.name == "index.md" else path.name  # article folders
        return f"{name}:{content_hash}"

    def lookup(self, path: Path, text: str, content_hash: str) -> Article | None:
        key = self._key(path, content_hash)
        row = self._rows.get(key)
        article = None if row is None else decode_article(row, text, path, content_hash)
        if article is None:
            self._rows.pop(key, None)  # never kept: the article is parsed and encoded afresh
        return article

    def forget(self) -> None:
        """Drop the rows held for later lookups (a one-off build, once they are saved)."""
        self._rows = {}

    def save(self, articles: typing.Iterable[Article]) -> None:
        """Keep exactly the entries of `articles` (the site as built); write only if that changed."""
        if self.path is None:
            return
        rows = {}
        for article in articles:
            key = self._key(article.source_path, article.content_hash)
            rows[key] = self._rows.get(key) or encode_article(article)
        if rows.keys() == self._rows.keys():
            return
        self._rows = rows
        cache_file.save(self.path, self.version, rows)  # if it cannot be written: slower, not wrong
