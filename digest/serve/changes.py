"""Which file-system events matter, and debouncing bursts of them into one rebuild."""
from __future__ import annotations

import re
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import PurePath

# Editor droppings: vim swap/backup, emacs lock/autosave, JetBrains/VS Code temp files, "4913".
_IGNORED = re.compile(r"(^\.#|^#.*#$|~$|\.sw[a-p]$|\.swx$|^4913$|\.tmp\d*$|\.bak$|^\.~lock|\.part$|\.crdownload$"
                      r"|^\..*\.tmp\d+$)")
_IGNORED_DIRS = {".git", "__pycache__", ".digest-cache", "node_modules"}


def is_relevant(path: str) -> bool:
    """True for a change the site could depend on (not an editor's temp or swap file)."""
    parts = PurePath(path).parts
    if any(part in _IGNORED_DIRS for part in parts):
        return False
    return not _IGNORED.search(parts[-1]) if parts else False


def kind_of_change(paths: set[str]) -> str:
    """"css" when only stylesheets changed (the browser can swap them), else "page"."""
    return "css" if paths and all(p.endswith(".css") for p in paths) else "page"


class Debouncer:
    """Collects changes and calls `action(paths)` once they stop arriving for `quiet` seconds.

    A change arriving while the action runs is collected and causes exactly one more run.
    `idle`, if given, is called once when `idle_after` seconds pass after a run with no new
    change (work that should not delay a rebuild but should not wait forever either).
    """

    def __init__(self, action: Callable[[set[str]], None], quiet: float = 0.15,
                 idle: Callable[[], None] | None = None, idle_after: float = 0.5):
        self.action = action
        self.quiet = quiet
        self.idle = idle
        self.idle_after = idle_after
        self._pending: set[str] = set()
        self._last = 0.0
        self._idle_due: float | None = None  # when to call `idle` (monotonic), if a run awaits it
        self._lock = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="digest-debouncer", daemon=True)
        self._thread.start()

    def add(self, path: str) -> None:
        with self._lock:
            self._pending.add(path)
            self._last = time.monotonic()
            self._lock.notify()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._lock.notify()
        self._thread.join(timeout=5)

    def _take_batch(self) -> set[str] | None:
        """The next batch of changes; None when stopped. Calls `idle` while waiting, when due."""
        with self._lock:
            while not self._stopped:
                now = time.monotonic()
                if self._pending:
                    wait = self._last + self.quiet - now
                    if wait <= 0:
                        batch, self._pending = self._pending, set()
                        return batch
                    self._lock.wait(wait)
                elif self._idle_due is not None and now >= self._idle_due:
                    self._idle_due = None
                    self._lock.release()
                    try:
                        self._run(self.idle)
                    finally:
                        self._lock.acquire()
                else:
                    self._lock.wait(None if self._idle_due is None else self._idle_due - now)
            return None

    def _loop(self) -> None:
        while (batch := self._take_batch()) is not None:
            self._run(lambda: self.action(batch))
            if self.idle is not None:
                with self._lock:
                    self._idle_due = time.monotonic() + self.idle_after

    @staticmethod
    def _run(work: Callable[[], None] | None) -> None:
        try:
            if work is not None:
                work()
        except Exception:  # noqa: BLE001 - the watcher must outlive any failure of one rebuild
            traceback.print_exc()
