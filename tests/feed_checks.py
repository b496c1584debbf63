"""Feed validation by parsing: the structure RFC 4287 requires of Atom, and JSON Feed 1.1's rules.

Each function returns the list of problems found (empty: valid), so a test can show them all.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time (RFC 4287 section 3.3): full date, "T", time, "Z" or an offset.
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
TEXT_TYPES = ("text", "html", "xhtml")


def _is_absolute_iri(value: str | None) -> bool:
    parts = urlsplit(value or "")
    return bool(parts.scheme and (parts.netloc or parts.scheme in ("urn", "tag")))


def _exactly_one(parent: ET.Element, tag: str, where: str, problems: list[str]) -> ET.Element | None:
    found = parent.findall(f"{ATOM}{tag}")
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} atom:{tag} elements, RFC 4287 requires exactly one")
        return None
    return found[0]


def _check_date(element: ET.Element | None, where: str, problems: list[str]) -> None:
    if element is not None and not RFC3339.fullmatch(element.text or ""):
        problems.append(f"{where}: {element.tag} {element.text!r} is not an RFC 3339 date-time")


def _check_text(element: ET.Element | None, where: str, problems: list[str]) -> None:
    if element is not None and element.get("type", "text") not in TEXT_TYPES:
        problems.append(f"{where}: text construct of type {element.get('type')!r}")


def _check_links(parent: ET.Element, where: str, problems: list[str]) -> None:
    alternates = set()
    for link in parent.findall(f"{ATOM}link"):
        if not link.get("href"):
            problems.append(f"{where}: atom:link without href")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append(f"{where}: two alternate links with the same type and hreflang")
            alternates.add(key)


def _check_persons(parent: ET.Element, where: str, problems: list[str]) -> None:
    for person in parent.findall(f"{ATOM}author") + parent.findall(f"{ATOM}contributor"):
        if len(person.findall(f"{ATOM}name")) != 1 or not (person.find(f"{ATOM}name").text or "").strip():
            problems.append(f"{where}: a person construct needs exactly one non-empty atom:name")


def _check_entry(entry: ET.Element, where: str, feed_has_author: bool, problems: list[str]) -> None:
    identifier = _exactly_one(entry, "id", where, problems)
    if identifier is not None and not _is_absolute_iri(identifier.text):
        problems.append(f"{where}: atom:id {identifier.text!r} is not an absolute IRI")
    _check_text(_exactly_one(entry, "title", where, problems), where, problems)
    _check_date(_exactly_one(entry, "updated", where, problems), where, problems)
    for tag in ("published", "summary", "content", "rights", "source"):
        if len(entry.findall(f"{ATOM}{tag}")) > 1:
            problems.append(f"{where}: more than one atom:{tag}")
    _check_date(entry.find(f"{ATOM}published"), where, problems)
    _check_links(entry, where, problems)
    _check_persons(entry, where, problems)
    source = entry.find(f"{ATOM}source")
    has_author = entry.find(f"{ATOM}author") is not None or (
        source is not None and source.find(f"{ATOM}author") is not None)
    if not (has_author or feed_has_author):
        problems.append(f"{where}: no atom:author in the entry, its source or the feed")
    content = entry.find(f"{ATOM}content")
    alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
    if content is None and not alternate:
        problems.append(f"{where}: neither atom:content nor an alternate link")
    if content is not None and content.get("src") and entry.find(f"{ATOM}summary") is None:
        problems.append(f"{where}: content with src needs an atom:summary")
    _check_text(entry.find(f"{ATOM}summary"), where, problems)


def atom_problems(data: bytes) -> list[str]:
    """What in an Atom document breaks RFC 4287's rules (sections 4.1.1-4.2)."""
    try:
        feed = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if feed.tag != f"{ATOM}feed":
        return [f"root element is {feed.tag}, not atom:feed"]
    problems: list[str] = []
    identifier = _exactly_one(feed, "id", "feed", problems)
    if identifier is not None and not _is_absolute_iri(identifier.text):
        problems.append(f"feed: atom:id {identifier.text!r} is not an absolute IRI")
    _check_text(_exactly_one(feed, "title", "feed", problems), "feed", problems)
    _check_date(_exactly_one(feed, "updated", "feed", problems), "feed", problems)
    _check_links(feed, "feed", problems)
    _check_persons(feed, "feed", problems)
    if not [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]:
        problems.append("feed: no rel=self link (RFC 4287 says SHOULD; feed validators warn)")
    feed_has_author = feed.find(f"{ATOM}author") is not None
    ids = []
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        _check_entry(entry, f"entry {number}", feed_has_author, problems)
        ids.append(entry.findtext(f"{ATOM}id"))
    if len(set(ids)) != len(ids):
        problems.append("two entries share an atom:id")
    return problems


def _rfc3339(value: object) -> bool:
    if not isinstance(value, str) or not RFC3339.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def json_feed_problems(data: bytes) -> list[str]:
    """What in a JSON Feed breaks version 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        feed = json.loads(data)
    except ValueError as error:
        return [f"not JSON: {error}"]
    problems: list[str] = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version is {feed.get('version')!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("title (required) missing")
    for key in ("home_page_url", "feed_url"):
        if key in feed and not _is_absolute_iri(feed[key]):
            problems.append(f"{key} {feed[key]!r} is not an absolute URL")
    if not isinstance(feed.get("items"), list):
        return problems + ["items (required) is not an array"]
    ids = []
    for number, item in enumerate(feed["items"], 1):
        where = f"item {number}"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}: id (required) must be a non-empty string")
        ids.append(item.get("id"))
        if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
            problems.append(f"{where}: needs content_html or content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not _rfc3339(item[key]):
                problems.append(f"{where}: {key} {item[key]!r} is not RFC 3339")
        for author in item.get("authors", []):
            if not isinstance(author, dict) or not any(k in author for k in ("name", "url", "avatar")):
                problems.append(f"{where}: an author needs a name, url or avatar")
        if "tags" in item and not all(isinstance(t, str) for t in item["tags"]):
            problems.append(f"{where}: tags must be strings")
    if len(set(ids)) != len(ids):
        problems.append("two items share an id")
    return problems
