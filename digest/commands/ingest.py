"""`ingest`: raw scraped articles (.txt or saved .html) -> content/articles/<date>-<slug>.md."""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from digest.commands import add_project_argument
from digest.config import load_config
from digest.content.frontmatter import load_yaml_mapping, split_front_matter
from digest.content.load import load_entities, load_sources
from digest.content.merge import backup, merge_with_existing, render_article, stamp, write_atomically
from digest.content.timeline import load_timeline
from digest.errors import ContentError, DigestError
from digest.ingest.dates import Anchor, content_words
from digest.ingest.normalize import INGEST_VERSION, Draft, Hints, IngestError, normalize
from digest.ingest.quality import NEAR_DUPLICATE, resemblance, shingles
from digest.project import Project

HELP = "normalize raw scraped articles (.txt, .html) into content/articles/*.md"
MAX_RAW_BYTES = 10 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="raw files, e.g. content/raw/*.txt")
    add_project_argument(parser)
    parser.add_argument("--publisher", help="publisher name for all the files (overrides detection)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    parser.add_argument("--force", action="store_true",
                        help="overwrite hand edits too (a .bak copy is still written)")


def read_raw(path: Path) -> str:
    """Text of a raw file, decoded carefully; saved HTML pages reduced to their main text."""
    return read_raw_with_metadata(path)[0]


def read_raw_with_metadata(path: Path) -> tuple[str, dict]:
    """Text of a raw file and, for saved HTML pages, the metadata the page declares (url, site)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    if size > MAX_RAW_BYTES:
        raise IngestError(f"file is too large ({size // 1024 // 1024} MB; limit {MAX_RAW_BYTES // 1024 // 1024} MB)")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError("the file is empty")
    if b"\x00" in data[:8192]:
        raise IngestError("looks like a binary file, not text")
    text = _decode(data)
    if path.suffix.lower() in (".html", ".htm"):
        return html_to_text(text)
    return text, {}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise IngestError("the file is not readable text in any known encoding")
    return str(best)


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of a saved page (trafilatura) as headline + paragraphs, and its url and site name."""
    import trafilatura
    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_precision=True)
    if document is None:
        raise IngestError("no article text found in the HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    lines = [data.get("title") or "", ""]
    if data.get("author"):
        lines += [f"By {data['author']}", ""]
    if data.get("date"):
        lines += [f"Published {data['date']}", ""]
    lines.append(data.get("text") or "")
    declared = {}
    if str(data.get("url") or "").startswith(("http://", "https://")):
        declared["url"] = data["url"]
    if data.get("sitename"):
        declared["publisher"] = str(data["sitename"]).strip()
    return "\n".join(lines), declared


def sidecar_overrides(raw_path: Path) -> dict:
    """`content/raw/<name>.yaml` beside a raw file: publisher, url, date, author set by hand."""
    sidecar = raw_path.with_suffix(".yaml")
    if not sidecar.exists():
        return {}
    doc = load_yaml_mapping(sidecar.read_text(encoding="utf-8"), sidecar)
    allowed = {"publisher", "url", "date", "author"}
    unknown = sorted(set(doc.data) - allowed)
    if unknown:
        raise ContentError(sidecar, doc.line_of(unknown[0]), f"unknown sidecar field `{unknown[0]}` (allowed: {', '.join(sorted(allowed))})")
    return dict(doc.data)


def load_hints(project: Project) -> Hints:
    config = load_config(project.content / "site.yaml")
    entities = load_entities(project.content / "entities.yaml")
    events = load_timeline(project.content / "timeline.yaml")
    anchors = tuple(Anchor(e.date, frozenset(e.keywords) | content_words(e.title), e.id) for e in events)
    return Hints(entities=entities, sources=load_sources(project.content / "sources.yaml"), anchors=anchors,
                 window=(config.coverage_start, config.coverage_end))


def relative_to_project(path: Path, project: Project) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def existing_by_raw(articles_dir: Path) -> dict[str, Path]:
    """Which article file each raw file already became (so a retitled article keeps its file)."""
    found = {}
    for path in sorted(articles_dir.glob("*.md")):
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        match = re.search(r"^raw:\s*(\S+)\s*$", head, re.M)
        if match:
            found[match.group(1).strip("'\"")] = path
    return found


@dataclass
class Outcome:
    path: Path
    status: str        # written | unchanged | kept-edits | would-write
    notes: list[str]


def write_draft(draft: Draft, target: Path, force: bool, dry_run: bool) -> Outcome:
    front = stamp(draft.front, draft.body, draft.lines, INGEST_VERSION)
    fresh = render_article(front, draft.body)
    notes = list(draft.warnings)
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


def _with_duplicates(draft: Draft, target: Path, articles_dir: Path, cache: dict[Path, frozenset]) -> Draft:
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


def ingest_file(path: Path, project: Project, hints: Hints, args: argparse.Namespace,
                known: dict[str, Path], cache: dict[Path, frozenset]) -> Outcome:
    raw_rel = relative_to_project(path, project)
    text, declared = read_raw_with_metadata(path)
    overrides = {**declared, **sidecar_overrides(path)}  # what the editor says beats what the page says
    if args.publisher:
        overrides["publisher"] = args.publisher
    file_hints = Hints(hints.entities, hints.sources, hints.anchors, hints.window, overrides, raw_rel)
    draft = normalize(text, file_hints)
    articles_dir = project.content / "articles"
    target = known.get(raw_rel) or articles_dir / f"{draft.article_id}.md"
    draft = _with_duplicates(draft, target, articles_dir, cache)
    outcome = write_draft(draft, target, args.force, args.dry_run)
    if draft.unknown_names:
        outcome.notes.append("names not in entities.yaml: " + ", ".join(draft.unknown_names[:8]))
    return outcome


def run(args: argparse.Namespace) -> int:
    project = Project(args.project.resolve())
    try:
        hints = load_hints(project)
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    known = existing_by_raw(project.content / "articles")
    cache: dict[Path, frozenset] = {}
    failures = 0
    for path in args.paths:
        try:
            outcome = ingest_file(path, project, hints, args, known, cache)
        except (IngestError, DigestError, OSError) as error:
            failures += 1
            print(f"error: {path}: {error}", file=sys.stderr)
            continue
        print(f"{outcome.status}: {relative_to_project(outcome.path, project)}")
        for note in outcome.notes:
            print(f"  note: {note}")
    if failures:
        print(f"{failures} of {len(args.paths)} file(s) could not be ingested", file=sys.stderr)
    return 1 if failures else 0
