"""Cache files under .digest-cache/: plain JSON, versioned, checksummed, written atomically.

A cache can make a build faster, never wrong. So a file is only used when it carries the
expected version and its payload still hashes to the checksum written with it: a truncated,
bit-flipped or hand-edited file is ignored as if it were not there. (Entries are still checked
one by one where they are used.) Never pickle: the folder may come back from a CI cache.

Layout: one header line `{"version": ..., "sha256": ...}`, then the payload as JSON.
"""
from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from digest.atomic import write_atomically, write_streamed


def code_version(label: str, modules: tuple[str, ...]) -> str:
    """A version for cached results: `label` (library versions, format) plus the source of the
    modules of this package that compute them, so editing that code invalidates the cache."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(label.encode())
    for name in modules:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:16]


def unusable(folder: Path) -> str | None:
    """Why the cache folder cannot be used ("is a file, not a folder", "cannot be written (Read-only
    file system)"...), or None when a file can be written in it and read back."""
    try:
        if folder.is_symlink() and not folder.resolve().is_dir():
            return f"is a link to {os.readlink(folder)}, not a folder"
        if folder.exists() and not folder.is_dir():
            return "is a file, not a folder"
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        try:
            write_atomically(probe, b"probe")
            if probe.read_bytes() != b"probe":
                return "does not keep what is written in it"
        finally:
            probe.unlink(missing_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = "the disk is full"
        return f"cannot be written ({reason})"
    return None


def save(path: Path, version: str | int, payload: Any) -> bool:
    """Write the payload; False when it could not be written (the next build is just slower).

    Streamed a row at a time, hashed as it goes, the header written last over a placeholder of
    its length: the file's bytes are those of one json.dumps, without ever holding them whole."""
    def header(sha256: str) -> bytes:
        return json.dumps({"version": version, "sha256": sha256}).encode() + b"\n"

    def write(handle: BinaryIO) -> None:
        handle.write(header("0" * 64))
        digest = hashlib.sha256()
        batch: list[bytes] = []
        size = 0
        for piece in _json_pieces(payload):
            data = piece.encode("utf-8")
            batch.append(data)
            size += len(data)
            if size >= _BATCH_BYTES:
                _write_batch(handle, digest, batch)
                batch, size = [], 0
        _write_batch(handle, digest, batch)
        handle.seek(0)
        handle.write(header(digest.hexdigest()))

    try:
        write_streamed(path, write)
    except OSError:
        return False
    return True


_BATCH_BYTES = 1 << 20


def _write_batch(handle: BinaryIO, digest: Any, batch: list[bytes]) -> None:
    data = b"".join(batch)
    digest.update(data)
    handle.write(data)


_ROWS_PER_PIECE = 256  # one json.dumps per this many rows: its call costs more than a small row


def _json_pieces(payload: Any) -> Iterator[str]:
    """The compact JSON text of `payload` in pieces of up to _ROWS_PER_PIECE top-level rows or
    items (the same text as one json.dumps: each piece is a dumps of its rows, brackets cut)."""
    if isinstance(payload, list):
        yield "["
        for start in range(0, len(payload), _ROWS_PER_PIECE):
            yield ("," if start else "") + _dumps(payload[start:start + _ROWS_PER_PIECE])[1:-1]
        yield "]"
    elif isinstance(payload, dict):
        yield "{"
        items = iter(payload.items())
        first = True
        while chunk := dict(itertools.islice(items, _ROWS_PER_PIECE)):
            yield ("" if first else ",") + _dumps(chunk)[1:-1]  # keys as json writes them
            first = False
        yield "}"
    else:
        yield _dumps(payload)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def load(path: Path, version: str | int) -> Any | None:
    """The payload, or None when the file is missing, unreadable, of another version or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    try:
        meta = json.loads(header)
        if not isinstance(meta, dict) or meta.get("version") != version:
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except ValueError:
        return None
