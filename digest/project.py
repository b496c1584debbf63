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

    def static_files(self) -> list[tuple[str, bytes]]:
        """(path under site/, bytes) of each file under layouts/static/, published as static/..."""
        files = []
        if self.static.is_dir():
            for path in sorted(self.static.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files.append(("static/" + path.relative_to(self.static).as_posix(), path.read_bytes()))
        return files
