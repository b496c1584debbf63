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


def did_you_mean(word: str, choices) -> str:
    """' (did you mean `x`?)' for the closest of `choices`, or '' when none is close."""
    import difflib
    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def unknown_key(path: Path | str, line: int | None, what: str, key: object, known) -> ContentError:
    """The error for a key a file does not take: where it is, the closest known key, the known keys."""
    return ContentError(path, line, f"unknown {what} `{key}`{did_you_mean(str(key), known)}; "
                                    f"known: {', '.join(sorted(known))}")
