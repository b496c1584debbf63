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
import json
import os
from pathlib import Path
from typing import Any

from digest.atomic import write_atomically


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
    """Write the payload; False when it could not be written (the next build is just slower)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"version": version, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    try:
        write_atomically(path, header + b"\n" + body)
    except OSError:
        return False
    return True


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
