"""The digest as data: small frozen dataclasses. Relations are ids, not object references."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import SiteConfig

QUALITY_LEVELS = ("none", "possible", "likely")
DATE_SOURCES = ("explicit", "inferred", "manual")
CONFIDENCES = ("high", "medium", "low")
SOURCE_KINDS = ("wire", "newspaper", "magazine", "broadcaster", "government", "aggregator",
                "content-farm", "blog", "other")
ENTITY_KINDS = ("person", "place", "org", "event", "other")


@dataclass(frozen=True)
class Quality:
    machine_translated: str = "none"
    rewritten: str = "none"
    score: float = 0.0
    evidence: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.machine_translated != "none" or self.rewritten != "none"


@dataclass(frozen=True)
class Correction:
    date: dt.date
    text: str


@dataclass(frozen=True)
class ImageMeta:
    """What the front matter says of one image beside an article (`images:`)."""

    file: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class ImageFile:
    """An image beside an article, as read: its name, where it is, its content hash and size."""

    name: str
    path: Path
    sha256: str
    width: int
    height: int
    format: str  # "JPEG", "PNG", "WEBP", "GIF"


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    date: dt.date
    date_source: str
    publisher: str
    body: str  # Markdown
    source_path: Path
    body_line: int = 1
    published: dt.datetime | None = None
    date_confidence: str = "high"
    date_evidence: str | None = None
    subtitle: str | None = None
    kicker: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    url: str | None = None
    language: str = "en"
    summary: str = ""
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    quality: Quality = Quality()
    duplicates: tuple[str, ...] = ()
    original_outlet: str | None = None
    raw: str | None = None
    corrections: tuple[Correction, ...] = ()
    layout: str = "article"
    ingest_lines: tuple[tuple[int, str], ...] = ()
    # Publishing (see digest/publication.py): what is published, when, and in which form.
    draft: bool = False
    # The ingest's review queue: why a human should look at this article (empty: nothing to review).
    review_reasons: tuple[str, ...] = ()
    publish_date: dt.datetime | None = None  # naive: in the site's timezone
    aliases: tuple[str, ...] = ()  # old addresses (output paths) that redirect to this article
    images: tuple[ImageMeta, ...] = ()  # captions, credits and alt text of the images beside it
    translated_from: str | None = None  # language code of the original of a translated text
    original_url: str | None = None     # where that original is
    content_hash: str = ""

    @property
    def updated(self) -> dt.date:
        """The last date the article changed: its latest correction, else its date."""
        return max([self.date, *(c.date for c in self.corrections)])


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class FeedFilters:
    """Which items of a source's feeds `fetch` keeps; an empty list keeps everything."""

    keywords: tuple[str, ...] = ()    # any of these words in the item's title or summary
    entities: tuple[str, ...] = ()    # ids from entities.yaml, any one named in the item
    languages: tuple[str, ...] = ()   # BCP 47 primary tags (en, fr); items of unknown language pass


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    domain: str | None = None
    kind: str | None = None
    country: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()       # RSS, Atom or JSON Feed URLs read by `fetch`
    filters: FeedFilters = FeedFilters()


@dataclass(frozen=True)
class Event:
    id: str
    date: dt.date
    title: str
    place: str | None = None
    time: str | None = None
    timezone: str | None = None
    participants: tuple[str, ...] = ()
    description: str = ""
    keywords: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # article ids cited as sources
    links: tuple[str, ...] = ()     # external source URLs


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]  # newest first, then by id
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    raw_texts: dict[str, str] = field(default_factory=dict)  # article id -> raw input, for audit pages
    # Articles shown although not published (a preview or `build --drafts`): id -> badge text.
    held: dict[str, str] = field(default_factory=dict)
    images: dict[str, tuple[ImageFile, ...]] = field(default_factory=dict)  # article id -> its images

    def article(self, article_id: str) -> Article:
        return self._index()[article_id]

    def _index(self) -> dict[str, Article]:
        index = self.__dict__.get("_article_index")
        if index is None:
            index = {a.id: a for a in self.articles}
            object.__setattr__(self, "_article_index", index)
        return index
