"""What the fetch tests share: a clock that does not sleep, and clients set up for the local server."""
from __future__ import annotations

import threading

from digest.fetch.client import FetchOptions, HttpClient
from digest.fetch.guard import is_public
from digest.fetch.politeness import Clock

# Short everything, so that a failure case costs milliseconds (waits go through FakeClock).
FAST = FetchOptions(timeout=0.5, body_timeout=2.0, max_bytes=1024 * 1024, retries=2, backoff=1.0,
                    max_wait=60.0, per_host=2, delay=0.0)


class FakeClock(Clock):
    """Time that moves only when someone sleeps; records every wait."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.waits: list[float] = []
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self.time

    def sleep(self, seconds: float) -> None:
        with self._lock:
            if seconds > 0:
                self.waits.append(round(seconds, 3))
                self.time += seconds


def loopback_or_public(address: str) -> bool:
    """The local test server is trusted; every other private address stays refused."""
    return address == "127.0.0.1" or is_public(address)


def local_client(clock: FakeClock | None = None, **changes) -> HttpClient:
    """A client that may talk to 127.0.0.1 only (and public addresses), with short limits."""
    options = FetchOptions(**{**FAST.__dict__, **changes})
    return HttpClient(options, clock or FakeClock(), address_allowed=loopback_or_public)
