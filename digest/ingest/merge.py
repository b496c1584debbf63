"""Write generated articles without ever losing an editor's change.

Each generated file records a short hash of every field it generated (and of the body).
On re-ingest, a field whose current value no longer matches its recorded hash was edited by
hand: the editor's value is kept, and so are the editor's comments (ingest/editor_text.py).
Anything replaced is first saved as `<file>.bak`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from digest import atomic
from digest.content.frontmatter import split_front_matter
from digest.ingest.editor_text import with_editor_text
from digest.model import front_matter_fields

FIELD_ORDER = tuple(key for _, spec in front_matter_fields() for key in (spec.key, *spec.companions))  # model.Article


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = ">" if len(value) > 100 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def value_hash(value: object) -> str:
    blob = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:10]


def ordered(front: dict) -> dict:
    known = [k for k in FIELD_ORDER if k in front]
    return {k: front[k] for k in known + sorted(k for k in front if k not in FIELD_ORDER)}


def render_article(front: dict, body: str) -> str:
    text = yaml.dump(ordered(front), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{text}---\n{body.rstrip()}\n"


def stamp(front: dict, body: str, lines: dict[int, str], version: int) -> dict:
    """The generated front matter with its `ingest` block (field hashes, line fates)."""
    generated = {k: v for k, v in front.items() if k != "ingest"}
    front = dict(generated)
    front["ingest"] = {
        "version": version,
        "fields": {k: value_hash(v) for k, v in sorted(generated.items())},
        "body": value_hash(body.rstrip()),
        "lines": {str(n): fate for n, fate in sorted(lines.items())},
    }
    return front


@dataclass(frozen=True)
class MergeResult:
    text: str
    kept_fields: tuple[str, ...]   # hand edits preserved
    kept_body: bool


def merge_with_existing(new_front: dict, new_body: str, existing_text: str, path: Path) -> MergeResult:
    """Take the new generation, except where the existing file was edited by hand."""
    split = split_front_matter(existing_text, path)
    old = split.front.data
    ingest = old.get("ingest")
    record: dict = ingest if isinstance(ingest, dict) else {}
    fields = record.get("fields")
    hashes: dict = fields if isinstance(fields, dict) else {}
    merged = dict(new_front)
    kept = []
    for key in sorted(set(old) | set(new_front)):
        if key == "ingest":
            continue
        generated_before = key in hashes
        if generated_before and value_hash(old.get(key)) == hashes[key]:
            continue  # untouched since it was generated: take the new value
        if key in old and old[key] != new_front.get(key):
            merged[key] = old[key]
            kept.append(key)
        elif key not in old and generated_before:
            merged.pop(key, None)  # the editor deleted it
            kept.append(key)
    old_body = split.body.rstrip()
    kept_body = bool(record) and value_hash(old_body) != record.get("body") and old_body != new_body.rstrip()
    if not record:  # hand-written file: everything in it is an editor's
        kept_body = old_body != new_body.rstrip()
    merged_ingest = dict(new_front["ingest"])
    body = split.body if kept_body else new_body
    merged["ingest"] = merged_ingest
    front_text = _front_text(existing_text)
    rendered = render_article(merged, body)
    if front_text is not None:  # the editor's comments and the text of unchanged fields come back
        rendered_front = rendered[len("---\n"):rendered.index("\n---\n") + 1]
        kept_text = with_editor_text(front_text, old, merged, rendered_front)
        rendered = f"---\n{kept_text}---\n{body.rstrip()}\n"
    return MergeResult(rendered, tuple(kept), kept_body)


def _front_text(text: str) -> str | None:
    """The front matter of a file as written (between the two `---` lines), None without one."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    return text[4:end + 1] if end != -1 else None


def write_atomically(path: Path, text: str) -> None:
    """Never a half-written article: write beside, fsync, rename over."""
    atomic.write_atomically(path, text, sync=True)


def iso(value: object) -> object:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
