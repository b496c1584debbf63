"""Read a built site's sharded search index back (for tests): the manifest, shards, entries."""
from __future__ import annotations

import json
import re
from pathlib import Path


def _call_arguments(text: str, function: str) -> list:
    match = re.fullmatch(rf"window\.{function}\((.*)\);\n", text, re.S)
    assert match, f"not a call of {function}"
    return json.loads(f"[{match.group(1)}]")


def manifest(site: Path) -> dict:
    text = (site / "search-index.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.DIGEST_SEARCH_INDEX=").removesuffix(";\n"))


def term_shard(site: Path, key: str) -> dict[str, list[str]]:
    found_key, terms = _call_arguments((site / "search" / "t" / f"{key}.js").read_text(encoding="utf-8"),
                                       "DIGEST_SEARCH_TERMS")
    assert found_key == key
    return terms


def entries(site: Path) -> list[dict]:
    """What the results show of every article, newest first (as the site lists them)."""
    index = manifest(site)
    shown = []
    for number in range(len(index["docs"])):
        found, rows = _call_arguments((site / "search" / "d" / f"{number}.js").read_text(encoding="utf-8"),
                                      "DIGEST_SEARCH_DOCS")
        assert found == number
        shown += [dict(zip("tusdpn", row)) for row in rows]
    return shown[::-1]


def decode_postings(text: str, count: int) -> list[int]:
    """The document numbers of a posting list (base-36 gaps, or "~" and a base64 bitmap)."""
    import base64
    if not text:
        return []
    if text.startswith("~"):
        bits = base64.b64decode(text[1:])
        return [i for i in range(count) if bits[i >> 3] >> (i & 7) & 1]
    numbers, at = [], -1
    for gap in text.split(","):
        at += int(gap, 36) + 1
        numbers.append(at)
    return numbers
