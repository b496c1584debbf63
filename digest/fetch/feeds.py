"""Feed bytes (RSS, Atom or JSON Feed) -> the items they list.

RSS and Atom are read with feedparser, given the bytes, never a URL (it must not fetch anything
itself). feedparser 6.0 does not read JSON Feed; its few fields are read here with `json`."""
from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from digest.fetch.errors import FetchError
from digest.fetch.guard import checked_url


@dataclass(frozen=True)
class FeedItem:
    url: str                          # absolute http(s) link to the article
    title: str
    summary: str                      # plain text
    published: dt.datetime | None     # UTC
    language: str | None              # primary tag, lower case: "en"
    feed_url: str


@dataclass(frozen=True)
class ParsedFeed:
    items: tuple[FeedItem, ...]
    warnings: tuple[str, ...] = ()    # e.g. not well-formed, but items could be read


def parse_feed(body: bytes, feed_url: str, content_type: str | None = None) -> ParsedFeed:
    """The items of a feed, links resolved against its URL. FetchError `bad-feed` when no feed."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media.endswith("json") or body.lstrip()[:1] == b"{":
        return _parse_json_feed(body, feed_url)
    import feedparser
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    # A content type or encoding that the document overrides is not a broken feed.
    broken = parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), (
        feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType))
    if broken and not entries:
        raise FetchError(feed_url, "bad-feed", f"not a readable feed: {_problem(parsed)}")
    if not version and not entries:
        raise FetchError(feed_url, "bad-feed", "neither RSS, Atom nor JSON Feed")
    language = _language(parsed.get("feed", {}).get("language"))
    items, warnings = [], []
    for number, entry in enumerate(entries, 1):
        link = _link(entry)
        if link is None:
            warnings.append(f"item {number} has no http(s) link; skipped")
            continue
        items.append(FeedItem(link, _text(entry.get("title")), _text(entry.get("summary")), _published(entry),
                              _language(entry.get("language")) or language, feed_url))
    if broken:
        if not items:
            raise FetchError(feed_url, "bad-feed", f"not a readable feed: {_problem(parsed)}")
        warnings.insert(0, f"feed is not well-formed ({_problem(parsed)}); read {len(items)} item(s) anyway")
    return ParsedFeed(tuple(items), tuple(warnings))


def _problem(parsed) -> str:
    problem = parsed.get("bozo_exception")
    return str(problem).splitlines()[0][:200] if problem else "unknown problem"


def _link(entry) -> str | None:
    candidates = [entry.get("link")] + [link.get("href") for link in entry.get("links", [])
                                        if link.get("rel") in (None, "alternate")]
    if str(entry.get("id") or "").startswith(("http://", "https://")):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        if not candidate:
            continue
        try:
            checked_url(str(candidate))
        except FetchError:
            continue
        return str(candidate).strip()
    return None


def _text(value: object) -> str:
    """Plain text of a title or summary that feedparser has already sanitized."""
    text = re.sub(r"<[^>]+>", " ", str(value or ""))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _published(entry) -> dt.datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _language(value: object) -> str | None:
    text = str(value or "").strip().lower()
    return text.replace("_", "-").split("-")[0] or None


def _parse_json_feed(body: bytes, feed_url: str) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchError(feed_url, "bad-feed", f"not readable JSON: {exc}") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith("https://jsonfeed.org/"):
        raise FetchError(feed_url, "bad-feed", "JSON without a JSON Feed `version`")
    entries = document.get("items")
    if not isinstance(entries, list):
        raise FetchError(feed_url, "bad-feed", "JSON Feed without an `items` list")
    base = str(document.get("home_page_url") or feed_url)
    language = _language(document.get("language"))
    items, warnings = [], []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            warnings.append(f"item {number} is not an object; skipped")
            continue
        link = _link({"link": urljoin(base, str(entry.get("url") or entry.get("external_url") or ""))})
        if link is None:
            warnings.append(f"item {number} has no http(s) link; skipped")
            continue
        summary = entry.get("summary") or entry.get("content_text") or entry.get("content_html") or ""
        items.append(FeedItem(link, _text(entry.get("title")), _text(summary)[:2000],
                              _iso_datetime(entry.get("date_published") or entry.get("date_modified")),
                              _language(entry.get("language")) or language, feed_url))
    return ParsedFeed(tuple(items), tuple(warnings))


def _iso_datetime(value: object) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
