"""The recorded feeds and pages of tests/fixtures/fetch/, served by a LocalServer the way a real
site serves them: with ETag and Last-Modified, answering conditional requests with 304."""
from __future__ import annotations

import hashlib
from pathlib import Path

from digest.model import FeedFilters, Source
from tests.fetch.local_server import LocalServer, Reply, Seen

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fetch"
LAST_MODIFIED = "Thu, 13 Jan 2022 18:00:00 GMT"
HTML = "text/html; charset=utf-8"

PAGES = {
    "/news/geneva-talks-open": "geneva-talks-open.html",
    "/news/nato-council": "nato-council.html",
    "/wire/osce-vienna": "osce-vienna.html",
    "/wire/geneva-talks": "geneva-talks-wire.html",
    "/json/kazakhstan-troops": "kazakhstan-troops.html",
}
FEEDS = {
    "/news/rss.xml": ("rss.xml", "application/rss+xml"),
    "/wire/atom.xml": ("atom.xml", "application/atom+xml"),
    "/json/feed.json": ("feed.json", "application/feed+json"),
    "/broken/rss.xml": ("broken.xml", "application/rss+xml"),
}


def static(body: bytes, content_type: str, etag: bool = True):
    """A route that serves `body` with validators and answers If-None-Match / If-Modified-Since."""
    tag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'

    def route(seen: Seen) -> Reply:
        headers = {"Content-Type": content_type, "Last-Modified": LAST_MODIFIED}
        if etag:
            headers["ETag"] = tag
        if (etag and seen.headers.get("if-none-match") == tag) or \
                (not etag and seen.headers.get("if-modified-since") == LAST_MODIFIED):
            return Reply(304, headers)
        return Reply(200, headers, body)
    return route


def serve_recorded(server: LocalServer) -> None:
    """Mount every recorded feed and page, with `{origin}` replaced by the server's address."""
    for path, (name, content_type) in FEEDS.items():
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{origin}", server.origin)
        server.routes[path] = static(text.encode("utf-8"), content_type)
    for path, name in PAGES.items():
        server.routes[path] = static((FIXTURES / "pages" / name).read_bytes(), HTML)
    server.routes.setdefault("/robots.txt", Reply(200, {"Content-Type": "text/plain"},
                                                  b"User-agent: *\nDisallow: /private/\n"))


def sources_for(server: LocalServer, *feeds: str, filters: FeedFilters = FeedFilters()) -> list[Source]:
    """One source per feed path, named after its first path segment."""
    return [Source(path.strip("/").split("/")[0], path.strip("/").split("/")[0].title(),
                   feeds=(server.url(path),), filters=filters) for path in feeds]
