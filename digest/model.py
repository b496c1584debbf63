"""The digest as data: small frozen dataclasses. Relations are ids, not object references."""
from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from digest.config import SiteConfig

T = TypeVar("T")

QUALITY_LEVELS = ("none", "possible", "likely")
DATE_SOURCES = ("explicit", "inferred", "manual")
CONFIDENCES = ("high", "medium", "low")
REVIEW_STATES = ("needed", "done")
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
class FrontMatterField:
    """How one front-matter key of an article is read, written and documented.

    `kind` names the validator (see `digest.content.schema.VALIDATORS`); `key` defaults to the
    Article attribute the field fills. The order of the Article's fields is the order in which
    the ingest writes the keys and the schema document lists them.
    """

    kind: str
    doc: str
    example: str
    key: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    also: tuple[str, ...] = ()   # other keys accepted for the same field (`authors` for `author`)
    companions: tuple[str, ...] = ()  # keys read with this one and written right after it (`review_reasons`)
    what: str = ""               # for lists of ids: what each item must be ("an entity id")


def front(kind: str, doc: str, example: str, default: Any = MISSING, **options: Any) -> Any:
    """An Article field read from the front matter (its row of the field table)."""
    spec = FrontMatterField(kind, doc, example, **options)
    if default is MISSING:
        return field(metadata={FRONT: spec})
    return field(default=default, metadata={FRONT: spec})


FRONT = "front_matter"


# The field table: every front-matter key of an article, in the order the ingest writes them. A
# new key is one `front(...)` line here (and, for a new kind, one validator in content/schema.py);
# validation, the ingest's field order and docs/content-schema.md follow from it.
@dataclass(frozen=True, kw_only=True)
class Article:
    title: str = front("text", "required, the headline", "Brinken warns Russia against invading", required=True)
    subtitle: str | None = front("text", "dek / standfirst, optional", "null", None)
    kicker: str | None = front("text", "label printed above the headline, optional", "News Analysis", None)
    date: dt.date = front("date", "required, ISO date (or datetime with offset)", "2022-01-09", required=True)
    date_source: str = front("choice", "how the date was found (default explicit)", "inferred", "explicit",
                             choices=DATE_SOURCES)
    date_confidence: str = front("choice", "how sure the date is (default high)", "medium", "high",
                                 choices=CONFIDENCES)
    date_evidence: str | None = front("text", "optional: what the date was read from",
                                      '"agreed to hold ... in Geneva on Monday"', None)
    publisher: str = front("text", "required, display name", "Los Angeles Times", required=True)
    authors: tuple[str, ...] = front("text_list", "list of names (a single string is accepted)", "[Tracy Wilkinson]",
                                     (), key="author", also=("authors",))
    agency: str | None = front("text", "wire credit, optional", "PTI", None)
    url: str | None = front("url", "original URL, http(s) only, optional", "https://www.latimes.com/...", None)
    original_outlet: str | None = front("text", "outlet the text credits, for aggregators", "null", None)
    language: str = front("language", "BCP 47 code, default en", "en", "en")
    summary: str = front("text", "short extractive summary, editable",
                         ">-\n  U.S. and Russia start high-risk negotiations ...", "")
    tags: tuple[str, ...] = front("text_list", "free strings, slugified for URLs", "[ukraine, russia, diplomacy]", ())
    entities: tuple[str, ...] = front("id_list", "ids from content/entities.yaml", "[antony-blinken, vladimir-putin]",
                                      (), what="an entity id")
    quality: Quality = front("quality", "flags from the ingest, editable (none | possible | likely; score 0..1)",
                             "\n  machine_translated: likely\n  rewritten: none\n  score: 0.82\n"
                             "  evidence: [\"misspelled name 'Brinken' (Antony Blinken)\"]", Quality())
    translated_from: str | None = front("language", "the original's language, for a translated text", "ru", None)
    original_url: str | None = front("url", "where the original is, if known", "https://www.kommersant.ru/doc/1", None)
    review_reasons: tuple[str, ...] = front(
        "review", "written by the ingest when it was unsure; set `done` once checked",
        "needed\nreview_reasons: [title guessed (weak headline evidence: 0.8), no publisher found]", (),
        key="review", choices=REVIEW_STATES, companions=("review_reasons",))
    duplicates: tuple[str, ...] = front("id_list", "near-duplicate articles (same story)",
                                        "[2022-01-09-other-article-id]", (), what="an article id")
    corrections: tuple[Correction, ...] = front("corrections", "optional, shown on the page, moves feed `updated`",
                                                '\n  - {date: 2022-01-12, text: "An earlier version misspelled ..."}',
                                                ())
    layout: str = front("template", "optional template name (default article)", "article", "article")
    id: str = front("id", "optional; default: the file name without `.md` (the folder's for <id>/index.md)",
                  "brinken-warns-russia", key="slug")
    raw: str | None = front("text", "provenance: the raw input", "content/raw/003_fbddcc51ea81b340.txt", None)
    ingest_lines: tuple[tuple[int, str], ...] = front(
        "ingest", "written by the ingest, do not edit (raw line -> fate, for the audit page)",
        "\n  version: 1\n  lines: {'1': meta:title, '5': removed:promo}", (), key="ingest")
    aliases: tuple[str, ...] = front("aliases", "old addresses: each becomes a redirect page",
                                     "[/2022/01/old-name.html, articles/old-id/]", ())
    # Publishing (see digest/publication.py): what is published, when, and in which form.
    draft: bool = front("flag", 'true: not published (see "What is published")', "false", False)
    images: tuple[ImageMeta, ...] = front(
        "images", "only for an article in a folder (<id>/index.md)",
        '\n  - {file: talks.jpg, alt: "Delegates at the table", caption: "Geneva, 10 January",'
        ' credit: "Photo: Agency"}',
        ())
    publish_date: dt.datetime | None = front("moment", "optional: not published before (naive = site timezone)",
                                             "2022-01-10T08:00", None)
    # Not front matter: what the file and its reading give.
    body_utf8: bytes  # the Markdown body, encoded (see `body`)
    source_path: Path
    body_line: int = 1
    published: dt.datetime | None = None  # the time of `date` when it has one
    content_hash: str = ""

    @property
    def body(self) -> str:
        """The Markdown body. Held as UTF-8: news text has curly quotes and dashes, which make a
        Python string take two bytes per character, and a big site keeps every body in memory."""
        return self.body_utf8.decode("utf-8", "surrogatepass")

    @property
    def updated(self) -> dt.date:
        """The last date the article changed: its latest correction, else its date."""
        return max([self.date, *(c.date for c in self.corrections)])


def front_matter_fields() -> list[tuple[str, FrontMatterField]]:
    """(Article attribute, its row) for every front-matter field, in the table's order."""
    rows = []
    for item in fields(Article):
        spec = item.metadata.get(FRONT)
        if spec is not None:
            rows.append((item.name, spec if spec.key else replace(spec, key=item.name)))
    return rows


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
    # The next moment a scheduled article goes public (the published site changes then), if any.
    next_publication: dt.datetime | None = field(default=None, compare=False)
    # What `digest.derived` computed from this site's data once it was loaded (groups, sources by
    # name, clusters of copies, the timeline...). Views read it through `derived_or`, which
    # trusts it only while the site still holds the very data it was made from.
    derived: Any = field(default=None, compare=False, repr=False)
    _by_id: dict[str, Article] | None = field(init=False, default=None, compare=False, repr=False)

    @property
    def by_id(self) -> dict[str, Article]:
        """Article id -> article (made on first use; not to be changed)."""
        if self._by_id is None:
            object.__setattr__(self, "_by_id", {a.id: a for a in self.articles})
        return self._by_id  # type: ignore[return-value]

    def article(self, article_id: str) -> Article:
        return self.by_id[article_id]

    def with_articles(self, articles: tuple[Article, ...], by_id: dict[str, Article], **changes: Any) -> Site:
        """This site with `articles` (and their `by_id`, made by the caller from this one's in
        fewer steps than from scratch: the preview replaces a few articles of 100,000)."""
        new = replace(self, articles=articles, **changes)
        object.__setattr__(new, "_by_id", by_id)
        return new

    @property
    def basis(self) -> tuple:
        """The data everything derived from this site depends on (compared by identity)."""
        return (self.articles, self.entities, self.sources, self.events, self.config)


def _made_from(basis: tuple, site: Site) -> bool:
    """Whether `basis` is the site's own data, object for object (views ask this per card: map
    over operator.is_ runs in C, where a generator costs a frame per item)."""
    own = site.basis
    return len(basis) == len(own) and all(map(operator.is_, basis, own))


def derived_or(site: Site, pick: Callable[[Any], T | None], compute: Callable[[Site], T]) -> T:
    """`pick(site.derived)` when the site's Derived was made from this very data and holds the
    value, else `compute(site)` now (a Site made by hand, or one changed since): never stale."""
    derived = site.derived
    if derived is not None and _made_from(derived.basis, site):
        value = pick(derived)
        if value is not None:
            return value
    return compute(site)


def derived_once(site: Site, name: str, compute: Callable[[Site], T]) -> T:
    """The Derived's value `name`, computed on first use and kept there, for what only rendering
    needs (a build with nothing to render never computes it); computed each time for a site
    without a matching Derived."""
    derived = site.derived
    if derived is None or not _made_from(derived.basis, site):
        return compute(site)
    value = getattr(derived, name)
    if value is None:
        value = compute(site)
        setattr(derived, name, value)
    return value
