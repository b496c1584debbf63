"""robots.txt, read once per origin, interpreted as RFC 9309 says.

A missing robots.txt (any 4xx) allows everything; one that cannot be read (5xx, a failed
connection) disallows everything for this run, since the site may be telling us to stay away."""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from digest.fetch.errors import FetchError

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be read; more may be ignored


@dataclass(frozen=True)
class RobotsRules:
    """What one origin's robots.txt says to `agent`."""

    parser: RobotFileParser | None   # None: allow everything
    disallow_all: str = ""           # non-empty: everything refused, and why

    def allows(self, agent: str, url: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def parse_robots(body: bytes) -> RobotsRules:
    parser = RobotFileParser()
    parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
    return RobotsRules(parser)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """One RobotsRules per origin for the life of a run; `download(url) -> bytes` fetches."""

    def __init__(self, download: Callable[[str], bytes]):
        self._download = download
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._read(origin + "/robots.txt")
            return self._rules[origin]

    def _read(self, robots_url: str) -> RobotsRules:
        try:
            return parse_robots(self._download(robots_url))
        except FetchError as error:
            if error.reason in ("refused-address", "bad-url"):
                raise
            if error.status is not None and 400 <= error.status < 500 and error.status != 429:
                return RobotsRules(None)
            return RobotsRules(None, disallow_all=f"robots.txt could not be read: {error.reason}")
