"""Write a file so that readers see the old version or the new one, never half of either."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, content: str | bytes, sync: bool = False) -> None:
    """Write beside the target, optionally fsync, then rename over it (atomic on POSIX).
    Text is written as UTF-8, bytes as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
