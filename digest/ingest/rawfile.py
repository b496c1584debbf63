"""Raw input files: reading them safely and decoding their bytes into text."""
from __future__ import annotations

from pathlib import Path

from digest.ingest.normalize import IngestError

MAX_RAW_BYTES = 10 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm")


def read_raw_bytes(path: Path) -> bytes:
    """The bytes of a raw file, refused early when too large, empty or binary."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    if size > MAX_RAW_BYTES:
        raise IngestError(f"file is too large ({size // 1024 // 1024} MB; limit {MAX_RAW_BYTES // 1024 // 1024} MB)")
    data = path.read_bytes()
    check_raw_bytes(data)
    return data


def check_raw_bytes(data: bytes) -> None:
    """Refuse input that cannot be an article: nothing in it, or not text at all."""
    if not data.strip():
        raise IngestError("the file is empty")
    if b"\x00" in data[:8192]:
        raise IngestError("looks like a binary file, not text")


def decode_raw(data: bytes) -> str:
    """Text of raw bytes: UTF-8 (with or without BOM), else the most plausible legacy encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise IngestError("the file is not readable text in any known encoding")
    return str(best)


def is_html(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)
