"""The audit view of an article: its raw input line by line, each line with what the ingest did to it.

Line numbers follow the ingest's own numbering (`ingest.lines` in the front matter): the raw
text with CR/CRLF turned into LF, split on LF only, 1-based. Nothing else is normalized, so
the page shows the input exactly as it was scraped.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from digest.model import Article

# What a raw line was, by the metadata field the ingest moved it into ("byline → author").
# Some fates name the clue rather than the field ("site-name" is read into `publisher`).
META_ORIGINS = {
    "author": "byline", "title": "headline", "subtitle": "standfirst", "kicker": "kicker",
    "date": "printed date", "agency": "wire credit", "site-name": "site name",
    "publisher": "site name", "url": "link", "original_outlet": "source credit",
}
META_FIELDS = {"site-name": "publisher", "original_outlet": "original outlet"}


@dataclass(frozen=True)
class AuditLine:
    """One raw line and its fate: "body", "blank", "removed" (by `rule`) or "meta" (into `rule`)."""

    number: int
    text: str
    fate: str
    rule: str | None = None

    @property
    def marked(self) -> bool:
        return self.fate in ("removed", "meta")

    @property
    def label(self) -> str:
        """Plain words for the fate: "removed: promo", "byline → author", "body"."""
        if self.fate == "removed":
            return f"removed: {(self.rule or 'unnamed rule').replace('-', ' ')}"
        if self.fate == "meta":
            field = self.rule or "metadata"
            return f"{META_ORIGINS.get(field, 'moved')} → {META_FIELDS.get(field, field.replace('-', ' '))}"
        return "" if self.fate == "blank" else "body"


@dataclass(frozen=True)
class Audit:
    """The whole audit of one article, with counts for the page's summary."""

    lines: tuple[AuditLine, ...]
    unknown_lines: tuple[int, ...] = ()  # ingest.lines entries past the end of the raw text

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(line.fate for line in self.lines)
        return {fate: counted.get(fate, 0) for fate in ("body", "removed", "meta", "blank")}


def raw_lines(raw_text: str) -> list[str]:
    """The raw text cut into lines the way the ingest numbered them (a final newline ends, not adds, a line)."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def _fate(entry: str | None, text: str) -> tuple[str, str | None]:
    if entry is None:
        return ("body", None) if text.strip() else ("blank", None)
    kind, _, rule = entry.partition(":")
    return ("meta", rule or None) if kind == "meta" else ("removed", rule or kind or None)


def audit_of(article: Article) -> Audit | None:
    """Every raw line of the article with its fate per `ingest.lines`; None without a raw text."""
    if article.raw_text is None:
        return None
    fates = dict(article.ingest_lines)
    lines = tuple(AuditLine(number, text, *_fate(fates.get(number), text))
                  for number, text in enumerate(raw_lines(article.raw_text), 1))
    unknown = tuple(n for n in sorted(fates) if n > len(lines))
    return Audit(lines, unknown)


def audit_url(article: Article) -> str | None:
    """Where the article's audit page lives, when it has one."""
    return f"articles/{article.id}/source/index.html" if article.raw_text is not None else None
