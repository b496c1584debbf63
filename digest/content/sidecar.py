"""`<name>.yaml` beside a raw file: what an editor sets by hand (publisher, url, date, author)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from digest.content import yaml_dates
from digest.content.frontmatter import YamlDoc, read_yaml_file
from digest.errors import ContentError, unknown_key
from digest.wellformed import http_url_problem

SIDECAR_FIELDS = ("publisher", "url", "date", "author")


def load_sidecar(path: Path) -> dict:
    """The sidecar's fields, typed: publisher and url text, date a `date`, author a list of names."""
    doc = read_yaml_file(path)
    values: dict = {}
    for key, value in doc.data.items():
        if key not in SIDECAR_FIELDS:
            raise unknown_key(path, doc.line_of(str(key)), "sidecar field", key, SIDECAR_FIELDS)
        if value is None or value == "":
            continue
        values[key] = _READERS[key](value, path, doc)
    return values


def _text(value: object, path: Path, doc: YamlDoc, key: str) -> str:
    if isinstance(value, (list, dict)) or not str(value).strip():
        raise ContentError(path, doc.line_of(key), f"`{key}` must be text")
    return str(value).strip()


def _url(value: object, path: Path, doc: YamlDoc) -> str:
    url = _text(value, path, doc, "url")
    problem = http_url_problem(url)
    if problem:
        raise ContentError(path, doc.line_of("url"), f"`url` {problem}, got {url!r}")
    return url


def _date(value: object, path: Path, doc: YamlDoc) -> dt.date:
    try:
        return yaml_dates.to_date(value)
    except ValueError:
        raise ContentError(path, doc.line_of("date"),
                           f"`date` must be an ISO date like 2022-01-10, got {value!r}") from None


def _authors(value: object, path: Path, doc: YamlDoc) -> list[str]:
    """One name (`author: Jane Doe`) or a list of names; never the letters of a name."""
    names = value if isinstance(value, list) else [value]
    for index, name in enumerate(names):
        if name is None or isinstance(name, (list, dict)) or not str(name).strip():
            raise ContentError(path, doc.line_at("author", index), "`author` must be a name or a list of names")
    return [str(name).strip() for name in names]


_READERS = {"publisher": lambda v, p, d: _text(v, p, d, "publisher"), "url": _url, "date": _date, "author": _authors}
