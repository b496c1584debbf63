"""Where a digest project keeps its inputs and outputs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def layouts(self) -> Path:
        return self.root / "layouts"

    @property
    def static(self) -> Path:
        return self.root / "layouts" / "static"

    @property
    def output(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / ".digest-cache"

    @property
    def preview(self) -> Path:
        """Where `serve` builds: never site/, which only ever holds a publishable build."""
        return self.cache / "preview"
