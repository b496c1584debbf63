"""Keep what an editor wrote around the front matter's values: comments, and the exact text of
fields whose value the merge keeps.

Front matter is rewritten on every re-ingest. PyYAML does not keep comments, so they are put
back by text. Each top-level key of the old front matter owns its lines (the key line, the
indented lines under it, and an inline comment), and the comment lines just above it. A key
whose value is unchanged keeps its old lines verbatim, so its comments and layout survive. A
key the ingest rewrites gets the new lines, and the comments above it stay with it. Comments
with no key below them stay at the end. The result is checked: it must read back as exactly
the merged values, or the plain rendering is used (values always win over comments).
"""
from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")


def key_blocks(front_text: str) -> tuple[dict[str, tuple[list[str], list[str]]], list[str]]:
    """key -> (comment lines above it, its own lines); and the comment lines after the last key."""
    blocks: dict[str, tuple[list[str], list[str]]] = {}
    pending: list[str] = []
    current: list[str] | None = None
    for line in front_text.split("\n"):
        match = _KEY.match(line)
        if match:
            current = [line]
            blocks[match.group(1)] = (pending, current)
            pending = []
        elif line.lstrip().startswith("#") and (not line.startswith((" ", "\t")) or current is None):
            pending.append(line)
        elif current is not None and line.strip():
            current.append(line)
        elif line.strip() == "" and pending:
            pending.append(line)
    return blocks, [line for line in pending if line.strip()]


def has_comments(front_text: str) -> bool:
    return any("#" in line for line in front_text.split("\n"))


def with_editor_text(old_text: str, old_values: dict, merged: dict, rendered: str) -> str:
    """`rendered` (the new front matter, one top-level key after another) with the old text's
    comments and the old lines of every key whose value did not change."""
    if not has_comments(old_text):
        return rendered
    old_blocks, trailing = key_blocks(old_text)
    new_blocks, _ = key_blocks(rendered)
    lines: list[str] = []
    for key, (_, new_lines) in new_blocks.items():
        above, old_lines = old_blocks.get(key, ([], []))
        lines += above
        same = key in old_values and old_values[key] == merged.get(key) and old_lines
        lines += old_lines if same else new_lines
    lines += trailing
    text = "\n".join(lines) + "\n"
    try:
        if yaml.safe_load(text) != yaml.safe_load(rendered):
            return rendered
    except yaml.YAMLError:
        return rendered
    return text
