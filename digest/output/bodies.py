"""Rendered Markdown kept between builds: `.digest-cache/bodies.sqlite`, keyed by the body's hash.

Markdown is the costliest step of rendering an article page. When a layout changes, every
article page is rendered again, but no body changed: this store hands back each body's HTML.

Keys are a hash of the Markdown text plus a version that changes with the renderer's code and
the markdown-it-py and plugin versions, so an entry can only be the output of the current
renderer for exactly that text. SQLite (standard library) because forked workers read and add
entries concurrently; a file it cannot open or read is deleted and the store starts empty.

A row is trusted only when its checksum (of key and HTML) still matches and its HTML is what
markdown-it with raw HTML off can make (no script, frame, style or event handler): a flipped byte
or a planted `<script>` drops the row and the body is rendered again, never published.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import markdown_it
import mdit_py_plugins

from digest import cache_file
from digest.render.markdown import render_markdown

_RENDERER_CODE = ("render/markdown.py", "slugs.py")
# What no body rendered with raw HTML off contains (its text is escaped): a row holding any of it
# was not written by this renderer. A false alarm only costs rendering that body again. Searched
# in the lowered text (what a browser reads case-insensitively is ASCII), the alternatives
# factored and the handler found from its literal "on": 0.08 -> 0.03 ms for a 6 KB body, which
# every body found in the store pays.
_ACTIVE_ELEMENT = re.compile(r"<(?:s(?:cript|tyle|vg)|i?frame|object|embed|link|m(?:eta|ath)|base|form)\b")
_EVENT_HANDLER = re.compile(r"on(?<=\son)[a-z]+\s*=")  # " onclick=": \s, "on", letters, "="


def renderer_version() -> str:
    """Changes with the renderer's code and the markdown-it-py and plugin versions."""
    return cache_file.code_version(f"md-{markdown_it.__version__}-{mdit_py_plugins.__version__}", _RENDERER_CODE)


class BodyStore:
    """get/put rendered bodies; puts are written in one transaction by flush()."""

    def __init__(self, path: Path):
        self.path = path
        self.version = renderer_version()
        self._pending: dict[str, str] = {}
        self._lock = threading.Lock()  # the preview builds from more than one thread
        self._db: sqlite3.Connection | None = None
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        for attempt in range(2):
            db = None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # A short wait: a store busy for longer is skipped (slower, never wrong).
                db = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=OFF")  # a cache: a crash may lose entries, never the site
                db.execute("DROP TABLE IF EXISTS bodies")  # rows without a checksum (an older store)
                db.execute("CREATE TABLE IF NOT EXISTS rendered "
                           "(key TEXT PRIMARY KEY, html TEXT NOT NULL, checksum TEXT NOT NULL)")
                return db
            except (sqlite3.Error, OSError):
                if db is not None:
                    db.close()
                if attempt == 0:
                    self._discard()  # not a database we can use: start a new one
        return None

    def _discard(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError:
                pass  # not a folder we can change: no store this build

    def key(self, markdown: str) -> str:
        return hashlib.blake2b(f"{self.version}\x00{markdown}".encode("utf-8", "surrogatepass"),
                               digest_size=20).hexdigest()

    def get(self, key: str) -> str | None:
        """The HTML stored for `key`, if there is a row and it can be trusted (else it is dropped)."""
        if self._db is None:
            return None
        try:
            with self._lock:
                row = self._db.execute("SELECT html, checksum FROM rendered WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                html, checksum = row
                if isinstance(html, str) and checksum == row_checksum(key, html) and is_markdown_output(html):
                    return html
                self._db.execute("DELETE FROM rendered WHERE key = ?", (key,))
        except sqlite3.Error:
            self._discard()  # unreadable: render everything; the next build starts a new store
        return None

    def put(self, key: str, html: str) -> None:
        if self._db is not None:
            self._pending[key] = html

    def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._lock, self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?)",
                                     [(k, html, row_checksum(k, html)) for k, html in self._pending.items()])
        except sqlite3.Error:
            pass  # not stored: the next build renders these again
        self._pending.clear()

    def keep_only(self, live_keys: Callable[[], set[str]], at_most: int) -> None:
        """Forget bodies no article has any more, once the store has grown well past the site
        (`at_most` live keys: the number of articles; the keys are hashed only to prune)."""
        if self._db is None:
            return
        try:
            count = self._db.execute("SELECT COUNT(*) FROM rendered").fetchone()[0]
            if count <= 2 * at_most + 100:
                return
            keys = live_keys()
            if count <= 2 * len(keys) + 100:
                return
            with self._lock, self._db:
                self._db.execute("BEGIN")
                self._db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY)")
                self._db.execute("DELETE FROM live")
                self._db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((k,) for k in keys))
                self._db.execute("DELETE FROM rendered WHERE key NOT IN (SELECT key FROM live)")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


def row_checksum(key: str, html: str) -> str:
    return hashlib.blake2b(f"{key}\x00{html}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def is_markdown_output(html: str) -> bool:
    """Whether `html` could be the renderer's output (raw HTML off: nothing active in it)."""
    lowered = html.lower()
    return ("javascript:" not in lowered and _ACTIVE_ELEMENT.search(lowered) is None
            and _EVENT_HANDLER.search(lowered) is None)


def render_with_store(store: BodyStore | None, markdown: str) -> str:
    """The body's HTML from the store, or rendered (and added to it)."""
    if store is None:
        return render_markdown(markdown)
    key = store.key(markdown)
    html = store.get(key)
    if html is None:
        html = render_markdown(markdown)
        store.put(key, html)
    return html
