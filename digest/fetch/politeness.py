"""At most N requests at a time to one host, and a pause between the starts of two of them.

Time comes from a `Clock`, so tests can run the waits without sleeping."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


class Clock:
    """Wall-clock waiting; tests pass one whose sleep only moves its own time forward."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


@dataclass
class _Host:
    slots: threading.BoundedSemaphore
    next_start: float = 0.0
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostSlots:
    """Per-host concurrency and spacing. `with slots.turn(host): ...` around each request."""

    def __init__(self, per_host: int, delay: float, clock: Clock):
        self.per_host, self.delay, self.clock = max(1, per_host), max(0.0, delay), clock
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(threading.BoundedSemaphore(self.per_host), delay=self.delay)
            return self._hosts[host]

    def slow_down(self, host: str, delay: float) -> None:
        """Space this host's requests at least `delay` apart (robots.txt Crawl-delay)."""
        entry = self._host(host)
        with entry.lock:
            entry.delay = max(entry.delay, delay)

    def turn(self, host: str) -> _Turn:
        return _Turn(self, self._host(host))


class _Turn:
    def __init__(self, slots: HostSlots, host: _Host):
        self.slots, self.host = slots, host

    def __enter__(self) -> None:
        self.host.slots.acquire()
        with self.host.lock:  # reserve a start time, then wait for it outside the lock
            start = max(self.slots.clock.now(), self.host.next_start)
            self.host.next_start = start + self.host.delay
        self.slots.clock.sleep(start - self.slots.clock.now())

    def __exit__(self, *exc: object) -> None:
        self.host.slots.release()
