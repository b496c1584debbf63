"""Raw input files: reading them safely and decoding their bytes into text."""
from __future__ import annotations

from pathlib import Path

from digest import encodings
from digest.encodings import MAX_RAW_BYTES, wide_encoding
from digest.ingest.normalize import IngestError

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
    if b"\x00" in data[:8192] and wide_encoding(data) is None:
        raise IngestError("looks like a binary file, not text (UTF-16 or UTF-32 text: save it as UTF-8, "
                          "or with a byte-order mark)")


def decode_raw(data: bytes) -> str:
    """Text of raw bytes (digest.encodings), or an IngestError saying why there is none."""
    try:
        return encodings.decode_raw(data)
    except encodings.UndecodableText as error:
        raise IngestError(str(error)) from None


def is_html(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)
