"""One line of counts on stderr while a fetch runs: only in an interactive terminal, never in CI."""
from __future__ import annotations

import os
import sys
import threading
from typing import TextIO

COUNTS = ("found", "fetched", "ingested", "skipped", "failed")


class Progress:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.counts = dict.fromkeys(COUNTS, 0)
        self.enabled = self.stream.isatty() and not os.environ.get("CI")
        self._lock = threading.Lock()

    def tally(self, name: str, count: int = 1) -> None:
        with self._lock:
            self.counts[name] += count
            if self.enabled:
                self.stream.write("\r" + self.line())
                self.stream.flush()

    def line(self) -> str:
        return ", ".join(f"{self.counts[name]} {name}" for name in COUNTS)

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()
