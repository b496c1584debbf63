"""What the last build wrote: per output URL, its fingerprint and the file it left (plain JSON).

Kept under .digest-cache/ (safe to delete). Anything unreadable, of another version, or not
matching the files on disk is ignored: the cache can make a build faster, never wrong.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from digest import cache_file

STATE_VERSION = 3


@dataclass
class Written:
    fingerprint: str
    size: int
    mtime_ns: int


@dataclass
class BuildState:
    pages: dict[str, Written] = field(default_factory=dict)

    def unchanged(self, url: str, fingerprint: str, path: str | Path) -> bool:
        """True when `path` is still exactly what a build with this fingerprint wrote."""
        known = self.pages.get(url)
        if known is None or known.fingerprint != fingerprint:
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return stat.st_size == known.size and stat.st_mtime_ns == known.mtime_ns

    def intact(self, url: str, path: Path) -> bool:
        """True when `path` is still the file the last build left for `url`."""
        known = self.pages.get(url)
        return known is not None and self.unchanged(url, known.fingerprint, path)

    def record(self, url: str, fingerprint: str, path: str | Path, stat: tuple[int, int] | None = None) -> None:
        """What was written at `path`; `stat` (size, mtime_ns) when the writer already knows it."""
        if stat is None:
            found = os.stat(path)
            stat = (found.st_size, found.st_mtime_ns)
        self.pages[url] = Written(fingerprint, *stat)


def state_path(cache_dir: Path, output: Path) -> Path:
    key = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:12]
    return cache_dir / f"state-{key}.json"


def load_state(path: Path) -> BuildState:
    pages = cache_file.load(path, STATE_VERSION)
    if not isinstance(pages, dict):
        return BuildState()
    try:
        return BuildState({str(url): Written(str(f), int(size), int(mtime)) for url, (f, size, mtime) in pages.items()})
    except (AttributeError, TypeError, ValueError):
        return BuildState()


def save_state(path: Path, state: BuildState) -> None:
    """Atomic write: a build killed here leaves the previous state or none, never half of one."""
    cache_file.save(path, STATE_VERSION,
                    {url: [w.fingerprint, w.size, w.mtime_ns] for url, w in sorted(state.pages.items())})
