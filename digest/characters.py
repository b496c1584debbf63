"""Characters that may reach an output file: XML 1.0's allowed set (feeds and EPUB are XML)."""
from __future__ import annotations

import re

# Everything XML 1.0 forbids: C0 controls but tab, newline and carriage return; U+FFFE and U+FFFF;
# lone surrogates (which no UTF-8 decoder produces, but an escape in YAML or JSON can).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    """`text` without the characters XML 1.0 does not allow (so no feed or page can break on it)."""
    return _NOT_IN_XML.sub("", text) if _NOT_IN_XML.search(text) else text


def has_control_characters(text: str) -> bool:
    return _NOT_IN_XML.search(text) is not None


# Bytes that start a forbidden character's UTF-8: the C0 controls XML forbids, and 0xEF, the lead
# byte of U+F000-U+FFFF (U+FFFE and U+FFFF among them). A strict decoder yields no surrogates.
_SUSPECT_BYTES = bytes(0 if (c < 32 and c not in (9, 10, 13)) or c == 0xEF else 1 for c in range(256))


def utf8_may_have_forbidden(data: bytes) -> bool:
    """False when UTF-8 bytes certainly decode to text without a character XML 1.0 forbids: one
    table pass in C, several times faster than the regular expression on the decoded text."""
    return b"\x00" in data.translate(_SUSPECT_BYTES)
