"""Write a file so that readers see the old version or the new one, never half of either."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, content: str | bytes, sync: bool = False) -> None:
    """Write beside the target, optionally fsync, then rename over it (atomic on POSIX).
    Text is written as UTF-8, bytes as they are."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    write_streamed(path, lambda handle: handle.write(data), sync)


def write_streamed(path: Path, write: Callable[[BinaryIO], object], sync: bool = False) -> None:
    """write_atomically for content made while it is written: `write` gets the open temporary
    file (seekable) and writes all of it, so a big file is never whole in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as handle:
            write(handle)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
