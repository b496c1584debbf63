"""Text from the bytes of a raw input: UTF-8 (with or without BOM), UTF-16 or UTF-32 (with a
BOM, or recognized without one), else the most plausible legacy encoding.

One owner for this, below both the ingest (which reads raw files) and the loader (which shows
them on audit pages): the lines an audit page numbers must be the lines the ingest read.
"""
from __future__ import annotations

import codecs
import unicodedata

MAX_RAW_BYTES = 10 * 1024 * 1024  # a raw input larger than this is refused (ingest) or not shown (audit page)


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we can tell (the message says why)."""


# Byte-order marks, longest first: UTF-32-LE's starts with UTF-16-LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


_WIDE = (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2))


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 by its byte-order mark, or without one when the zero bytes it has
    decode as plain text in one of them (with spaces, no control characters); else None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return None if name == "utf-8-sig" else name
    if b"\x00" not in data[:8192]:
        return None
    for name, width in _WIDE:
        if len(data) % width == 0:
            try:  # incremental: the sample may end inside a character
                sample = codecs.getincrementaldecoder(name)().decode(data[:8192], final=False)
            except UnicodeDecodeError:
                continue
            if _reads_as_text(sample):
                return name
    return None


def _reads_as_text(text: str) -> bool:
    """Text, not bytes read in the wrong width: no control, private or unassigned characters
    (tab and line ends aside), and some spaces between words."""
    if any(unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and c not in "\t\n\r" for c in text):
        return False
    spaces = sum(c.isspace() for c in text)
    return spaces > 0 and spaces >= len(text) // 20


def decode_raw(data: bytes) -> str:
    """Text of raw bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 (with a BOM, or recognized
    without one), else the most plausible legacy encoding."""
    wide = wide_encoding(data)
    if wide is not None:
        return _decode_wide(data, wide)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise UndecodableText("the file is not readable text in any known encoding")
    return str(best)


def _decode_wide(data: bytes, encoding: str) -> str:
    shown = encoding.upper().replace("-LE", " (little-endian)").replace("-BE", " (big-endian)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableText(f"looks like {shown} text but byte {exc.start} does not decode; "
                          "save it as UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


