"""Error types, one per failure family, each carrying where the problem is."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class DigestError(Exception):
    """Base of every error the tool reports to a user (never a traceback)."""


@dataclass
class ContentError(DigestError):
    """A problem in a file under content/ (or layouts/), with its 1-based line."""

    path: Path | str
    line: int | None
    message: str

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class TemplateError(ContentError):
    """A Jinja template failed to compile or render."""


class PublishError(DigestError):
    """site/ could not be written (disk full, read-only, unsafe path)."""


@dataclass
class ErrorList(DigestError):
    """Several content errors found in one pass; reported together."""

    errors: list[ContentError]

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class ReportedError(ContentError):
    """An error already formatted as `path:line: message` (e.g. by a worker process)."""

    def __str__(self) -> str:
        return self.message
