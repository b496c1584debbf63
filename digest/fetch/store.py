"""What fetch keeps in content/raw/: each page as received (`<name>.html`) with a sidecar
(`<name>.fetch.json`), each feed under `feeds/` the same way. The body is written before its
sidecar, each atomically: a sidecar always describes a complete file beside it."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from digest.atomic import write_atomically
from digest.fetch.client import Response, Validators
from digest.fetch.identity import canonical_url, raw_name

SIDECAR_SUFFIX = ".fetch.json"


@dataclass(frozen=True)
class Sidecar:
    """How and when a raw file was fetched (and, for a repeat, which page it repeats)."""

    url: str
    final_url: str
    fetched_at: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    sha256: str
    source: str | None = None     # sources.yaml id
    feed: str | None = None       # the feed that listed it
    copy_of: str | None = None    # raw file (or article) this page repeats; not ingested again
    rejected: str | None = None   # why the ingest made no article of it (retried when the page changes)

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)

    @classmethod
    def of(cls, response: Response, source: str | None, feed: str | None) -> Sidecar:
        return cls(response.url, response.final_url, response.fetched_at, response.status, response.content_type,
                   response.etag, response.last_modified, sha256(response.body), source, feed)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Stored:
    body_path: Path
    sidecar: Sidecar


class RawStore:
    """Pages in `raw_dir`, feeds in `raw_dir/feeds`; names come from the canonical URL."""

    def __init__(self, raw_dir: Path):
        self.raw_dir = raw_dir
        self.feeds_dir = raw_dir / "feeds"
        self.problems: list[str] = []   # sidecars that could not be trusted (they are refetched)

    def page_path(self, url: str) -> Path:
        return self.raw_dir / f"{raw_name(url)}.html"

    def feed_path(self, url: str) -> Path:
        return self.feeds_dir / f"{raw_name(url)}.feed"

    @staticmethod
    def sidecar_path(body_path: Path) -> Path:
        return body_path.with_name(body_path.stem + SIDECAR_SUFFIX)

    def read(self, body_path: Path) -> Stored | None:
        """The stored file and sidecar, if both are there and agree (else None: fetch afresh)."""
        sidecar_path = self.sidecar_path(body_path)
        if not sidecar_path.exists():
            return None
        try:
            data = json.loads(sidecar_path.read_text(encoding="utf-8"))
            known = {f.name for f in fields(Sidecar)}
            sidecar = Sidecar(**{k: v for k, v in data.items() if k in known})
        except (OSError, UnicodeDecodeError, ValueError, TypeError) as exc:
            self.problems.append(f"{sidecar_path}: unreadable sidecar ({exc}); fetched again")
            return None
        if sidecar.copy_of is None and not body_path.exists():
            return None
        return Stored(body_path, sidecar)

    def pages(self) -> dict[str, Stored]:
        """Every fetched page by canonical URL, both the one asked for and the one redirected to."""
        found: dict[str, Stored] = {}
        for sidecar_path in sorted(self.raw_dir.glob(f"*{SIDECAR_SUFFIX}")):
            stored = self.read(sidecar_path.with_name(sidecar_path.name.removesuffix(SIDECAR_SUFFIX) + ".html"))
            if stored is not None:
                found.setdefault(canonical_url(stored.sidecar.url), stored)
                found.setdefault(canonical_url(stored.sidecar.final_url), stored)
        return found

    def save(self, body_path: Path, body: bytes, sidecar: Sidecar) -> None:
        if not body_path.exists() or sha256(body_path.read_bytes()) != sidecar.sha256:
            write_atomically(body_path, body)
        self.save_sidecar(body_path, sidecar)

    def save_sidecar(self, body_path: Path, sidecar: Sidecar) -> None:
        text = json.dumps({k: v for k, v in asdict(sidecar).items() if v is not None}, indent=2, sort_keys=True)
        write_atomically(self.sidecar_path(body_path), text + "\n")

    def body_of(self, stored: Stored) -> bytes | None:
        """The stored body, if it is still the one the sidecar describes (an edited or damaged file is not trusted)."""
        try:
            data = stored.body_path.read_bytes()
        except OSError:
            return None
        return data if sha256(data) == stored.sidecar.sha256 else None


def revalidated(sidecar: Sidecar, response: Response) -> Sidecar:
    """The sidecar after a 200 with the same body: new validators, the same file."""
    return replace(sidecar, etag=response.etag, last_modified=response.last_modified,
                   final_url=response.final_url, status=response.status)
