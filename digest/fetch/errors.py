"""The one failure family of fetching: a URL and a named reason."""
from __future__ import annotations

from dataclasses import dataclass

from digest.errors import DigestError

# Reasons a fetch can fail, each a stable name that reports and tests can rely on.
REASONS = (
    "bad-url",            # not an absolute http(s) URL
    "refused-address",    # resolves to a private, loopback, link-local or reserved address
    "unresolvable",       # DNS gave no address
    "robots",             # robots.txt disallows the path (or could not be read)
    "timeout",            # no answer in time (connect, read, or the whole body)
    "connection",         # refused, reset, TLS failure
    "too-many-redirects",
    "redirect-loop",
    "too-large",          # body over the size limit
    "content-type",       # not the kind of document asked for
    "http-status",        # 4xx / 5xx after retries
    "retry-after",        # the server asked to wait longer than we will
    "bad-feed",           # not readable as RSS, Atom or JSON Feed
)


@dataclass
class FetchError(DigestError):
    """A URL that could not be fetched, and why (`reason` is one of REASONS)."""

    url: str
    reason: str
    detail: str = ""
    status: int | None = None

    def __post_init__(self) -> None:
        assert self.reason in REASONS, self.reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}" + (f" ({self.detail})" if self.detail else "")
