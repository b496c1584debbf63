"""Where an article came from and how far to trust it, in plain words, computed from the model.

Templates show `article_provenance(site, article)`; feeds, JSON-LD and the search index use
`provenance(site, article)`, the same facts as plain JSON-ready data. Nothing here reads files.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest import views
from digest.audit import audit_url
from digest.config import SiteConfig
from digest.model import Article, Correction, Site, Source

KIND_LABELS = {
    "wire": "wire agency", "newspaper": "newspaper", "magazine": "magazine",
    "broadcaster": "broadcaster", "government": "government", "aggregator": "aggregator",
    "content-farm": "content farm", "blog": "blog", "other": "other outlet",
}
# Outlets that mostly republish others' stories: their articles say so in the header.
REPUBLISHER_KINDS = ("aggregator", "content-farm")
LEVEL_WORDS = {"likely": "was probably", "possible": "may have been"}
DEFAULT_REPORT_ERRORS = ("Write to the editors of this digest, naming the article and what is wrong; "
                         "we correct mistakes and note every correction on the article.")

NOTICE_TEXTS = {
    "machine-translated": (
        "Machine-translated text",
        "This text {level} machine-translated. Automatic translation garbles names, idioms and "
        "quotations, so wording and details may not match what the original outlet published."),
    "rewritten": (
        "Rewritten (synonym-spun) text",
        "This text {level} run through a synonym spinner: a program that swaps words for "
        "near-synonyms so that a copied story escapes duplicate detection. Spun phrases can change "
        "the meaning (\u201cnational security\u201d becomes \u201cnationwide safety\u201d) and "
        "quotations may be altered."),
}


@dataclass(frozen=True)
class Notice:
    """A trust notice shown above the body: what the ingest suspects, how strongly, and why."""

    kind: str                    # "machine-translated" | "rewritten"
    level: str                   # "possible" | "likely"
    heading: str
    text: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class ArticleProvenance:
    """Everything the article header, notices and corrections show; URLs relative to the site root."""

    publisher: str
    publisher_url: str
    source: Source | None
    kind_label: str | None
    republisher_note: str | None
    original_url: str | None
    original_outlet: str | None
    authors: tuple[str, ...]
    agency: str | None
    date: dt.date
    date_how: str
    confidence: str
    notices: tuple[Notice, ...]
    duplicates: tuple[Article, ...]
    corrections: tuple[Correction, ...]
    updated: dt.date
    audit_url: str | None


def _quoted(evidence: str) -> bool:
    return bool(re.search("[\"'\u201c\u201d\u2018\u2019]", evidence))


def date_explanation(article: Article) -> str:
    """How the publication date was established, in words a reader understands."""
    evidence = (article.date_evidence or "").strip()
    if article.date_source == "manual":
        return "set by an editor"
    if article.date_source == "explicit":
        return "stated in the article"
    if not evidence:
        return "inferred from the text"
    if _quoted(evidence):
        return f"inferred from the text: {evidence}"
    return f"inferred from \u2018{evidence}\u2019 in the text"


def trust_notices(article: Article) -> tuple[Notice, ...]:
    """One notice per quality flag that is not "none", each with the ingest's evidence."""
    flags = (("machine-translated", article.quality.machine_translated),
             ("rewritten", article.quality.rewritten))
    notices = []
    for kind, level in flags:
        if level == "none":
            continue
        heading, text = NOTICE_TEXTS[kind]
        text = text.format(level=LEVEL_WORDS.get(level, level))
        notices.append(Notice(kind, level, heading, text, article.quality.evidence))
    return tuple(notices)


def kind_label(kind: str | None) -> str | None:
    """"content farm" for "content-farm": the words a reader sees for a source kind."""
    return KIND_LABELS.get(kind, kind.replace("-", " ")) if kind else None


def republisher_note(source: Source | None, article: Article) -> str | None:
    """For aggregators and content farms: say so, and name the outlet the text credits."""
    if source is None or source.kind not in REPUBLISHER_KINDS:
        return None
    note = f"{source.name} is {'an' if source.kind == 'aggregator' else 'a'} {kind_label(source.kind)}: it republishes other outlets\u2019 stories."
    if article.original_outlet:
        return f"{note} This text credits {article.original_outlet} as the original outlet."
    return f"{note} The original outlet is not named."


def article_provenance(site: Site, article: Article) -> ArticleProvenance:
    """The provenance facts of one article, ready for the templates."""
    source = views.source_for(site, article.publisher)
    return ArticleProvenance(
        publisher=source.name if source else article.publisher,
        publisher_url=f"sources/{views.source_slug(site, article.publisher)}/index.html",
        source=source,
        kind_label=kind_label(source.kind) if source else None,
        republisher_note=republisher_note(source, article),
        original_url=article.url,
        original_outlet=article.original_outlet,
        authors=article.authors,
        agency=article.agency,
        date=article.date,
        date_how=date_explanation(article),
        confidence=f"{article.date_confidence} confidence",
        notices=trust_notices(article),
        duplicates=views.duplicates_of(site, article),
        corrections=article.corrections,
        updated=article.updated,
        audit_url=audit_url(article),
    )


def _absolute(config: SiteConfig, url: str | None) -> str | None:
    return config.base_url + url if url else None


def provenance(site: Site, article: Article) -> dict:
    """The same facts as JSON-ready data with absolute URLs, for JSON-LD, feeds and search."""
    facts = article_provenance(site, article)
    base = site.config
    return {
        "publisher": {"name": facts.publisher, "url": _absolute(base, facts.publisher_url),
                      "domain": facts.source.domain if facts.source else None,
                      "kind": facts.source.kind if facts.source else None},
        "original_url": facts.original_url,
        "original_outlet": facts.original_outlet,
        "authors": list(facts.authors),
        "agency": facts.agency,
        "date": facts.date.isoformat(),
        "date_source": article.date_source,
        "date_confidence": article.date_confidence,
        "date_how": facts.date_how,
        "updated": facts.updated.isoformat(),
        "corrections": [{"date": c.date.isoformat(), "text": c.text} for c in facts.corrections],
        "notices": [{"kind": n.kind, "level": n.level, "heading": n.heading, "text": n.text,
                     "evidence": list(n.evidence)} for n in facts.notices],
        "duplicates": [{"id": d.id, "url": _absolute(base, views.article_url(d.id)), "publisher": d.publisher}
                       for d in facts.duplicates],
        "audit_url": _absolute(base, facts.audit_url),
    }


@dataclass(frozen=True)
class Contact:
    """How to report an error: text, and a link when the setting is an address or a URL."""

    text: str
    href: str | None = None


def report_errors_contact(config: SiteConfig) -> Contact:
    """`report_errors` from site.yaml: an e-mail address, a URL, or free text; a default otherwise."""
    value = str(config.extra.get("report_errors") or "").strip()
    if not value:
        return Contact(DEFAULT_REPORT_ERRORS)
    if re.fullmatch(r"[^@\s/:]+@[^@\s/]+\.[^@\s/]+", value):
        return Contact(value, f"mailto:{value}")
    if value.lower().startswith(("https://", "http://", "mailto:")):
        return Contact(value.removeprefix("mailto:"), value)
    return Contact(value)
