"""What a build read, so that the next one can tell in a moment that nothing has changed.

A build with nothing changed still loads 10,000 articles, derives, plans and fingerprints 15,000
pages to find nothing to do (seconds; minutes at 100,000). The manifest lets it stop first: it
records every input file's identity, the code and libraries that built the site, the options,
the moment a scheduled article would next go public, and what the build reported. The next build
with the same inputs, an intact output and its caches present writes nothing and says the same.

An input's identity is (size, mtime, ctime, inode): an edit, a replacement or a `touch -d` moves
the ctime, which no tool sets back. A file modified at or after the moment the manifest's build
began may have changed during that build (or within the clock's resolution of it), so it never
counts as unchanged, as git does for its index; nor does anything when the inputs hold a symbolic
link (its target may change while the link does not). Anything unreadable, of another version or not
matching is a full build: the manifest can make a build shorter, never wrong.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from digest import cache_file

MANIFEST_VERSION = 1
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "Jinja2", "MarkupSafe", "PyYAML", "pillow", "icalendar")

Identity = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
LINK: Identity = (-1, -1, -1, -1)  # a symbolic link among the inputs


@dataclass
class Manifest:
    started_ns: int  # when the build that wrote it began (wall clock, as file times are)
    code: str
    options: str
    files: dict[str, Identity]
    next_change_us: int | None = None  # when a scheduled article goes public (the site changes then)
    warnings: list[str] = field(default_factory=list)
    statics: dict[str, str] = field(default_factory=dict)  # url -> sha256 of the file written
    caches: list[str] = field(default_factory=list)  # the cache files the build left


def code_fingerprint() -> str:
    """The package's own source and the versions of what renders pages: new code, new site."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


def snapshot(folders: list[Path]) -> dict[str, Identity]:
    """Every file under `folders` (links not followed), by path."""
    files: dict[str, Identity] = {}
    todo = [str(folder) for folder in folders]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_symlink():  # what it points to may change without it: never "unchanged"
                    files[entry.path] = LINK
                    continue
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            files[entry.path] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    return files


def now_ns() -> int:
    return time.time_ns()


def unchanged(manifest: Manifest, files: dict[str, Identity], code: str, options: str, now_us: int) -> bool:
    """The inputs, code and options are those the manifest's build read, none touched since it
    began, and no scheduled article has come due."""
    if manifest.code != code or manifest.options != options or manifest.files != files:
        return False
    if LINK in files.values():
        return False
    if manifest.next_change_us is not None and now_us >= manifest.next_change_us:
        return False
    return all(max(identity[1], identity[2]) < manifest.started_ns for identity in files.values())


def save(path: Path, manifest: Manifest) -> None:
    cache_file.save(path, MANIFEST_VERSION, {
        "started_ns": manifest.started_ns, "code": manifest.code, "options": manifest.options,
        "files": {name: list(identity) for name, identity in manifest.files.items()},
        "next_change_us": manifest.next_change_us, "warnings": manifest.warnings, "statics": manifest.statics,
        "caches": manifest.caches})


def load(path: Path) -> Manifest | None:
    data = cache_file.load(path, MANIFEST_VERSION)
    if not isinstance(data, dict):
        return None
    try:
        files = {str(name): (int(a), int(b), int(c), int(d)) for name, (a, b, c, d) in data["files"].items()}
        next_change = data["next_change_us"]
        return Manifest(int(data["started_ns"]), str(data["code"]), str(data["options"]), files,
                        None if next_change is None else int(next_change), [str(w) for w in data["warnings"]],
                        {str(url): str(sha) for url, sha in data["statics"].items()}, [str(c) for c in data["caches"]])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def manifest_path(state_file: Path) -> Path:
    """Beside the build state of the same output folder."""
    return state_file.with_name(state_file.name.replace("state-", "inputs-", 1))
