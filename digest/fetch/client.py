"""One polite, guarded GET: robots.txt, per-host slots, redirects, retries, size and type limits."""
from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from digest.fetch.connection import GuardedHTTPConnection, GuardedHTTPSConnection
from digest.fetch.errors import FetchError
from digest.fetch.guard import Resolver, checked_url, is_public
from digest.fetch.politeness import Clock, HostSlots
from digest.fetch.robots import RobotsCache

AGENT_TOKEN = "news-digest"
USER_AGENT = f"{AGENT_TOKEN}/0.1 (static news digest builder; reads feeds and the articles they list)"
REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = (429, 500, 502, 503, 504)
# What each kind of document may be served as (no content type at all is sniffed by the caller).
ACCEPTED = {
    "page": ("text/html", "application/xhtml+xml"),
    "feed": ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
             "text/xml", "application/feed+json", "application/json", "text/plain"),
}
ACCEPT_HEADER = {
    "page": "text/html,application/xhtml+xml;q=0.9",
    "feed": "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.1",
    "robots": "text/plain",
}


@dataclass(frozen=True)
class FetchOptions:
    """Limits and manners of the fetcher; tests shorten the times."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0           # connect and each read
    body_timeout: float = 60.0      # the whole body (a server trickling bytes is cut off)
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3                # after the first attempt, on 429, 5xx, timeouts, resets
    backoff: float = 2.0            # first wait; doubled each retry
    max_wait: float = 120.0         # longest Retry-After honoured
    per_host: int = 2
    delay: float = 1.0              # between two request starts on one host
    max_crawl_delay: float = 30.0   # robots.txt Crawl-delay is honoured up to this
    allow_private: bool = False
    respect_robots: bool = True


@dataclass(frozen=True)
class Validators:
    """What a previous fetch of a URL returned, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found


@dataclass(frozen=True)
class Response:
    url: str                  # as asked for
    final_url: str            # after redirects
    status: int               # 200, or 304 (not modified; body empty)
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    fetched_at: str           # ISO 8601, UTC
    redirects: tuple[str, ...] = ()
    conditional: bool = False  # the request carried validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Counters:
    """What went over the wire in a run (the benchmark and the progress line read it)."""

    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    bytes: int = 0
    retries: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **amounts: int) -> None:
        with self._lock:
            for name, amount in amounts.items():
                setattr(self, name, getattr(self, name) + amount)


class HttpClient:
    """GET with everything the issue asks of a polite, safe fetcher. Thread-safe."""

    def __init__(self, options: FetchOptions = FetchOptions(), clock: Clock | None = None,
                 resolver: Resolver | None = None, address_allowed: Callable[[str], bool] = is_public):
        """`resolver` and `address_allowed` are for tests (a name that resolves to a chosen address;
        the local test server trusted while the metadata address stays refused)."""
        self.options = options
        self.address_allowed = None if options.allow_private else address_allowed
        self.clock = clock or Clock()
        self.resolver = resolver or socket.getaddrinfo
        self.slots = HostSlots(options.per_host, options.delay, self.clock)
        self.robots = RobotsCache(lambda url: self.get(url, "robots").body)
        self.counters = Counters()

    def get(self, url: str, kind: str, validators: Validators | None = None) -> Response:
        """Fetch `url` as a `kind` document ("page", "feed", "robots"); FetchError on any failure."""
        start = urldefrag(url.strip())[0]
        checked_url(start)
        chain = [start]
        current = start
        for _ in range(self.options.max_redirects + 1):
            answer = self._with_retries(current, kind, validators)
            if answer.status not in REDIRECTS:
                return self._response(start, current, answer, chain, validators)
            location = answer.headers.get("location")
            if not location:
                raise FetchError(current, "http-status", f"redirect {answer.status} without a Location", answer.status)
            target = urldefrag(urljoin(current, location.strip()))[0]
            checked_url(target)
            if target in chain:
                raise FetchError(start, "redirect-loop", " -> ".join(chain + [target]))
            chain.append(target)
            current = target
        raise FetchError(start, "too-many-redirects", f"more than {self.options.max_redirects}")

    def _response(self, start: str, final: str, answer: _Answer, chain: list[str],
                  validators: Validators | None) -> Response:
        if answer.status == 200 or answer.status == 304:
            return Response(start, final, answer.status, answer.headers.get("content-type"),
                            answer.headers.get("etag"), answer.headers.get("last-modified"), answer.body,
                            dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                            tuple(chain[1:]), bool(validators and validators.headers()))
        raise FetchError(final, "http-status", f"HTTP {answer.status}", answer.status)

    def _with_retries(self, url: str, kind: str, validators: Validators | None) -> _Answer:
        parts = checked_url(url)
        host = (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")
        if kind != "robots" and self.options.respect_robots:
            self._check_robots(url, host)
        attempt = 0
        while True:
            try:
                with self.slots.turn(host):
                    answer = self._once(url, kind, validators)
                if answer.status not in RETRIED:
                    return answer
                failure = FetchError(url, "http-status", f"HTTP {answer.status}", answer.status)
                wait = _retry_after(answer.headers.get("retry-after"))
            except FetchError as error:
                if error.reason not in ("timeout", "connection"):
                    raise
                failure, wait = error, None
            if attempt >= self.options.retries:
                raise failure
            wait = self.options.backoff * 2 ** attempt if wait is None else wait
            if wait > self.options.max_wait:
                raise FetchError(url, "retry-after", f"asked to wait {wait:.0f} s", failure.status)
            attempt += 1
            self.counters.add(retries=1)
            self.clock.sleep(wait)

    def _check_robots(self, url: str, host: str) -> None:
        rules = self.robots.rules_for(url)
        delay = rules.crawl_delay(AGENT_TOKEN)
        if delay:
            self.slots.slow_down(host, min(delay, self.options.max_crawl_delay))
        if not rules.allows(AGENT_TOKEN, url):
            raise FetchError(url, "robots", rules.disallow_all or "robots.txt disallows this path")

    def _once(self, url: str, kind: str, validators: Validators | None) -> _Answer:
        parts = checked_url(url)
        https = parts.scheme.lower() == "https"
        port = parts.port or (443 if https else 80)
        cls = GuardedHTTPSConnection if https else GuardedHTTPConnection
        conn = cls(url, parts.hostname or "", port, self.options.timeout, self.address_allowed, self.resolver)
        headers = {"User-Agent": self.options.user_agent, "Accept": ACCEPT_HEADER[kind],
                   "Accept-Encoding": "identity", **(validators.headers() if validators else {})}
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        reply = None
        try:
            conn.connect()  # the address guard refuses here, before anything is sent
            self.counters.add(requests=1, conditional=int("If-None-Match" in headers or "If-Modified-Since" in headers))
            conn.request("GET", target, headers=headers)
            reply = conn.getresponse()
            found = {k.lower(): v for k, v in reply.getheaders()}
            if reply.status == 304:
                self.counters.add(not_modified=1)
            if reply.status != 200:
                return _Answer(reply.status, found)
            _check_type(url, kind, found.get("content-type"))
            return _Answer(200, found, self._read_capped(url, reply, found))
        except TimeoutError:
            raise FetchError(url, "timeout", f"no answer within {self.options.timeout:g} s") from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(url, "connection", f"{type(exc).__name__}: {exc}") from None
        finally:  # the reply holds the socket once the connection has handed it over
            if reply is not None:
                reply.close()
            conn.close()

    def _read_capped(self, url: str, reply: http.client.HTTPResponse, headers: dict[str, str]) -> bytes:
        limit = self.options.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, "too-large", f"{int(declared)} bytes declared; limit {limit}")
        deadline = time.monotonic() + self.options.body_timeout
        chunks, size = [], 0
        while True:
            chunk = reply.read1(64 * 1024)  # one socket read at most: a trickling server meets the deadline
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FetchError(url, "too-large", f"over {limit} bytes; stopped reading")
            if time.monotonic() > deadline:
                raise FetchError(url, "timeout", f"body not complete within {self.options.body_timeout:g} s")
            chunks.append(chunk)
        self.counters.add(bytes=size)
        return b"".join(chunks)


def _check_type(url: str, kind: str, content_type: str | None) -> None:
    if content_type is None or kind == "robots":  # robots.txt is read whatever it is labelled
        return
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in ACCEPTED[kind]:
        raise FetchError(url, "content-type", f"{media} is not a {kind}")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
