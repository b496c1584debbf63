"""The project side of an ingest: raw files kept in content/raw/, articles written without loss."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from digest import atomic
from digest.content.frontmatter import split_front_matter
from digest.errors import ContentError
from digest.ingest.merge import merge_with_existing, render_article, stamp, write_atomically
from digest.ingest.normalize import INGEST_VERSION, Draft
from digest.ingest.quality import NEAR_DUPLICATE, resemblance, shingles
from digest.project import Project


@dataclass
class Outcome:
    path: Path
    status: str        # written | unchanged | kept-edits | would-write
    notes: list[str] = field(default_factory=list)


def relative_to_project(path: Path, project: Project) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def raw_home(path: Path, project: Project, data: bytes) -> Path:
    """Where a raw file lives in content/raw/: itself, or a byte-identical copy (never a clobber)."""
    raw_dir = (project.content / "raw").resolve()
    if path.resolve().parent == raw_dir:
        return path
    target = raw_dir / path.name
    if target.exists() and target.read_bytes() != data:
        target = raw_dir / f"{path.stem}-{hashlib.sha256(data).hexdigest()[:8]}{path.suffix}"
    return target


def adopt_raw(source: Path, target: Path, data: bytes) -> list[str]:
    """Copy a raw file from outside content/raw/ (and its sidecar) in, byte for byte, so its audit page works."""
    if source.resolve() == target.resolve():
        return []
    notes = []
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, data)
        notes.append(f"raw file copied to {target.parent.name}/{target.name}")
    sidecar, sidecar_target = source.with_suffix(".yaml"), target.with_suffix(".yaml")
    if sidecar.is_file() and not sidecar_target.exists():
        write_bytes_atomically(sidecar_target, sidecar.read_bytes())
        notes.append(f"sidecar copied to {sidecar_target.parent.name}/{sidecar_target.name}")
    return notes


def write_bytes_atomically(path: Path, data: bytes) -> None:
    atomic.write_atomically(path, data, sync=True)


def existing_by_raw(articles_dir: Path) -> dict[str, Path]:
    """Which article file each raw file already became (so a retitled article keeps its file)."""
    found = {}
    for path in sorted(articles_dir.glob("*.md")):
        raw = raw_of(path)
        if raw:
            found[raw] = path
    return found


def raw_of(path: Path) -> str | None:
    """The `raw:` an article file names, read off its text (so a file whose YAML an editor broke
    is still known as this raw file's, and its error is reported rather than a second file made)."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return None
    match = re.search(r"^raw:\s*(\S+)\s*$", head, re.M)
    return match.group(1).strip("'\"") if match else None


def free_target(target: Path, raw_rel: str | None) -> tuple[Path, list[str]]:
    """`target`, unless a different article already lives there (another raw file's, or one
    written by hand): then the first free `<id>-2.md`, `<id>-3.md`... and a note saying why."""
    if not target.exists() or raw_rel is None or raw_of(target) == raw_rel:
        return target, []
    for number in range(2, 10_000):
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        if not candidate.exists() or raw_of(candidate) == raw_rel:
            break
    other = raw_of(target)
    whose = f"from {other}" if other else "written by hand"
    return candidate, [f"{target.name} is another article ({whose}) with this headline and date: "
                       f"written as {candidate.name}"]


def backup(path: Path) -> Path:
    """Save `path` as `<name>.bak` before it is replaced: written beside and renamed over (a full
    disk leaves the old backup whole), and never over a good backup with a damaged file (that
    one goes to `<name>.bak.1`, `.bak.2`...)."""
    data = path.read_bytes()
    target = path.with_name(path.name + ".bak")
    if target.exists():
        current = target.read_bytes()
        if current == data:
            return target
        if _is_article(current, target) and not _is_article(data, path):
            target = next(c for n in range(1, 10_000)
                          if not (c := path.with_name(f"{path.name}.bak.{n}")).exists() or c.read_bytes() == data)
    atomic.write_atomically(target, data, sync=True)
    return target


def _is_article(data: bytes, path: Path) -> bool:
    try:
        return bool(split_front_matter(data.decode("utf-8"), path).front.data)
    except (ContentError, UnicodeError, ValueError):
        return False


def write_draft(draft: Draft, target: Path, force: bool, dry_run: bool) -> Outcome:
    """Write one article, keeping hand edits (unless forced) and a .bak of what it replaces.
    A different article at `target` is never replaced: the draft gets a free name beside it."""
    target, clash = free_target(target, draft.front.get("raw"))
    front = stamp(draft.front, draft.body, draft.lines, INGEST_VERSION)
    fresh = render_article(front, draft.body)
    notes = list(draft.warnings) + clash
    text, status = fresh, "written"
    if target.exists():
        current = target.read_text(encoding="utf-8")
        if current == fresh:
            return Outcome(target, "unchanged", notes)
        if not force:
            merged = merge_with_existing(front, draft.body, current, target)
            text = merged.text
            if merged.kept_fields or merged.kept_body:
                status = "kept-edits"
                kept = list(merged.kept_fields) + (["body"] if merged.kept_body else [])
                notes.append("kept hand edits: " + ", ".join(kept))
            if text == current:
                return Outcome(target, "unchanged", notes)
        if not dry_run:
            notes.append(f"previous version saved as {backup(target).name}")
    if dry_run:
        return Outcome(target, "would-write", notes)
    write_atomically(target, text)
    return Outcome(target, status, notes)


def with_duplicates(draft: Draft, target: Path, articles_dir: Path, cache: dict[Path, frozenset]) -> Draft:
    """Record other articles that tell the same story (5-word runs they share)."""
    mine = shingles(draft.body)
    duplicates = []
    for path in sorted(articles_dir.glob("*.md")):
        if path == target:
            continue
        if path not in cache:
            try:
                cache[path] = shingles(split_front_matter(path.read_text(encoding="utf-8"), path).body)
            except (ContentError, OSError, UnicodeDecodeError):
                cache[path] = frozenset()
        if resemblance(mine, cache[path]) >= NEAR_DUPLICATE:
            duplicates.append(path.stem)
    if not duplicates:
        return draft
    front = dict(draft.front, duplicates=duplicates)
    return Draft(front, draft.body, draft.lines, draft.unknown_names, draft.warnings)
