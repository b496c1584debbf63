"""The one way raw files become articles: `ingest_files` (a batch) and `ingest_file` (one file).

The `ingest` command, the preview server and `fetch` all call these. A batch never stops on
one bad file: each failure is reported with its file and reason, the rest is written.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from digest.content.load import load_entities, load_sources
from digest.content.settings import load_config
from digest.content.sidecar import SIDECAR_FIELDS, load_sidecar
from digest.content.timeline import load_timeline
from digest.errors import DigestError
from digest.ingest.dates import Anchor, content_words
from digest.ingest.html import html_to_text
from digest.ingest.normalize import Draft, Hints, IngestError, normalize
from digest.ingest.rawfile import decode_raw, is_html, read_raw_bytes
from digest.ingest.store import (
    Outcome,
    adopt_raw,
    existing_by_raw,
    free_target,
    raw_home,
    relative_to_project,
    with_duplicates,
    write_draft,
)
from digest.project import Project


@dataclass(frozen=True)
class IngestOptions:
    overrides: dict = field(default_factory=dict)  # publisher / url / date / author for every file
    force: bool = False                            # overwrite hand edits (a .bak is still written)
    dry_run: bool = False                          # decide everything, write nothing
    today: dt.date | None = None                   # the day of ingest (default: the system's today)
    skip_copies: bool = False                      # a new near-copy of an article is not written (status "copy")


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def load_hints(project: Project) -> Hints:
    """What the project knows that helps read an article: entities, sources, events, coverage window."""
    config = load_config(project.content / "site.yaml")
    entities = load_entities(project.content / "entities.yaml")
    events = load_timeline(project.content / "timeline.yaml")
    anchors = tuple(Anchor(e.date, frozenset(e.keywords) | content_words(e.title), e.id) for e in events)
    return Hints(entities=entities, sources=load_sources(project.content / "sources.yaml"), anchors=anchors,
                 window=(config.coverage_start, config.coverage_end))


def sidecar_overrides(raw_path: Path) -> dict:
    """`<name>.yaml` beside a raw file: publisher, url, date, author set by hand."""
    sidecar = raw_path.with_suffix(".yaml")
    return load_sidecar(sidecar) if sidecar.exists() else {}


def raw_text(name: str, data: bytes) -> tuple[str, dict]:
    """The text the ingest reads from a raw file's bytes, and what an HTML page declares (url, site)."""
    text = decode_raw(data)
    return html_to_text(text) if is_html(name) else (text, {})


class _Batch:
    """What one run shares between its files: the hints, the existing articles, a duplicate cache."""

    def __init__(self, project: Project, options: IngestOptions) -> None:
        self.project, self.options = project, options
        self.hints = load_hints(project)
        self.articles = project.content / "articles"
        self.known = existing_by_raw(self.articles)
        self.bodies: dict[Path, frozenset] = {}

    def ingest(self, path: Path, facts: dict | None = None) -> Outcome:
        return self.file(self.draft(path, facts))

    def draft(self, path: Path, facts: dict | None = None) -> _Drafted:
        """Read and normalize one file. It depends on nothing the batch writes, so several files
        can be drafted at once (in other processes)."""
        data = read_raw_bytes(path)
        home = raw_home(path, self.project, data)
        text, declared = raw_text(path.name, data)
        # what the editor says (sidecar, command line) beats what the fetcher knows, which beats the page
        page_says = {k: v for k, v in declared.items() if k in SIDECAR_FIELDS and k != "date"}
        overrides = {**page_says, **(facts or {}), **sidecar_overrides(path), **self.options.overrides}
        raw_rel = relative_to_project(home, self.project)
        hints = Hints(self.hints.entities, self.hints.sources, self.hints.anchors, self.hints.window,
                      overrides, raw_rel, today=self.options.today or dt.date.today(),
                      declared={k: v for k, v in declared.items() if k in ("title", "date")})
        return _Drafted(path, data, home, raw_rel, normalize(text, hints))

    def file(self, drafted: _Drafted) -> Outcome:
        """Compare a draft with the articles written so far and write it: one file after another."""
        path, data, home, raw_rel, draft = drafted.path, drafted.data, drafted.home, drafted.raw_rel, drafted.draft
        # a different article already at the draft's name keeps it: the draft gets a free one
        known = self.known.get(raw_rel)
        clash: list[str] = []
        if known is None:
            target, clash = free_target(self.articles / f"{draft.article_id}.md", raw_rel)
        else:
            target = known
        draft = with_duplicates(draft, target, self.articles, self.bodies)
        if self.options.skip_copies and draft.front.get("duplicates") and not target.exists():
            original = self.articles / f"{draft.front['duplicates'][0]}.md"
            return Outcome(original, "copy", [f"the same story as {original.stem}; not written"])
        notes = [] if self.options.dry_run else adopt_raw(path, home, data)
        outcome = write_draft(draft, target, self.options.force, self.options.dry_run)
        outcome.notes[:0] = notes + clash
        if draft.unknown_names:
            outcome.notes.append("names not in entities.yaml: " + ", ".join(draft.unknown_names[:8]))
        if not self.options.dry_run:
            self.known[raw_rel] = outcome.path
            self.bodies.pop(outcome.path, None)
        return outcome


@dataclass(frozen=True)
class _Drafted:
    path: Path
    data: bytes
    home: Path
    raw_rel: str
    draft: Draft


def ingest_files(paths: Iterable[Path], project: Project, options: IngestOptions = IngestOptions(),
                 facts: Mapping[Path, dict] | None = None, jobs: int = 1) -> IngestReport:
    """Ingest every file it can; a project whose curated data cannot be read raises DigestError.

    `facts` gives per file what whoever fetched it knows (publisher, url); `paths` may be a
    generator, so that files are ingested as they arrive. With `jobs` > 1 the files are drafted
    in that many processes; comparing and writing stay in this one, in the order of `paths`."""
    batch = _Batch(project, options)
    report = IngestReport()
    known = facts if facts is not None else {}
    for path, drafted, error in _drafts(batch, ((p, known.get(p)) for p in paths), jobs):
        if drafted is not None:
            try:
                report.outcomes.append(batch.file(drafted))
                continue
            except Exception as failure:  # noqa: BLE001 - named below; one file never stops the batch
                error = _reason(failure)
        report.failures.append(Failure(path, error))
    return report


def _reason(error: Exception) -> str:
    if isinstance(error, (IngestError, DigestError, OSError, UnicodeError)):
        return str(error)
    return f"unexpected {type(error).__name__}: {error}"  # a parser crash on one page must not stop the batch


_WORKER: list[_Batch] = []   # the batch a forked drafting process inherited


def _draft_job(batch: _Batch, job: tuple[Path, dict | None]) -> tuple[Path, _Drafted | None, str]:
    path, facts = job
    try:
        return path, batch.draft(path, facts), ""
    except Exception as error:  # noqa: BLE001 - reported as this file's failure
        return path, None, _reason(error)


def _draft_in_worker(job: tuple[Path, dict | None]) -> tuple[Path, _Drafted | None, str]:
    return _draft_job(_WORKER[0], job)


def _drafts(batch: _Batch, jobs_in: Iterator[tuple[Path, dict | None]], jobs: int) -> Iterator[tuple]:
    if jobs <= 1:
        yield from (_draft_job(batch, job) for job in jobs_in)
        return
    _WORKER[:] = [batch]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_draft_in_worker, jobs_in)
    finally:
        _WORKER.clear()


def ingest_file(path: Path, project: Project, options: IngestOptions = IngestOptions()) -> Outcome:
    """Ingest one file; its failure raises IngestError (or DigestError, OSError) naming the reason."""
    return _Batch(project, options).ingest(path)
