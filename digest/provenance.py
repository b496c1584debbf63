"""Where an article came from and how far to trust it, in words a reader understands.

Templates (article, audit, about, export) call these functions; feeds, JSON-LD and the search
index can take `provenance(site, article)`, the same facts as JSON-ready data. Nothing here
reads files: raw texts come from the loader (`Site.raw_texts`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest import urls
from digest.config import SiteConfig
from digest.languages import language_name
from digest.model import Article, Site, Source
from digest.views import duplicates_of, source_for, source_slug

SOURCE_KINDS_IN_WORDS = {
    "wire": "wire agency", "newspaper": "newspaper", "magazine": "magazine", "broadcaster": "broadcaster",
    "government": "government source", "aggregator": "aggregator", "content-farm": "content farm",
    "blog": "blog", "other": "other",
}
UNTRUSTED_KINDS = ("aggregator", "content-farm")
RULES_IN_WORDS = {
    "sponsor": "sponsor line", "reading-time": "reading time", "share-prompt": "share buttons",
    "comment-prompt": "comment prompt", "source-link": "link line", "cookie-notice": "cookie or legal notice",
    "url-junk": "URL junk", "promo": "promotion", "image-caption": "image caption", "credit-line": "staff credits",
    "breadcrumb": "site navigation", "tags-line": "tag list", "section-label": "section label",
    "editorial-policy": "editorial policy link", "tagline": "site tagline", "author-bio": "author biography",
    "source-credit": "source credit", "navigation": "site navigation", "update-date": "update date",
    "disclaimer": "disclaimer", "related-link": "related link", "common-line": "a line many sites print",
}
# What kind of raw line each metadata field is read from, for labels like "byline → author".
FIELD_ORIGINS = {
    "title": "headline", "subtitle": "standfirst", "kicker": "kicker", "date": "printed date",
    "author": "byline", "agency": "wire credit", "site-name": "site name",
}
FIELD_NAMES = {"site-name": "publisher"}  # the ingest reads the publisher from the site name
DEFAULT_REPORT_ERRORS = ("Found a mistake in an article, a date or a notice? Tell the editors, quoting the "
                         "address of the page and what is wrong; corrections are published on the article "
                         "with their date.")


def date_explanation(article: Article) -> str:
    """How the publication date was established, in plain words."""
    if article.date_source == "manual":
        return "set by an editor"
    if article.date_source == "explicit":
        return "stated in the article"
    evidence = (article.date_evidence or "").split(" (rejected", 1)[0].strip()
    if evidence and any(_CLUE.match(item.strip()) for item in evidence.split(";")):
        return "inferred from the text"  # the clues, with their days, are listed by date_clues
    if evidence and not re.search("[\"'“”‘’]", evidence):
        evidence = f"‘{evidence}’"  # a bare phrase from the text: quote it as such
    if evidence:
        return f"inferred from {evidence} in the text"
    return "inferred from the text"


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CLUE = re.compile(r"^(?P<phrase>[“\"‘'].+[”\"’'])\s*(?:=\s*(?P<day>\d{4}-\d{2}-\d{2})|\((?P<future>future)\))$")


def human_date(day: dt.date) -> str:
    """9 January 2022: how every page prints a date."""
    return f"{day.day} {day.strftime('%B %Y')}"


def _humanize_days(text: str) -> str:
    return _ISO_DAY.sub(lambda m: human_date(dt.date(int(m[1]), int(m[2]), int(m[3]))), text)


def date_clues(article: Article) -> list[str]:
    """The ingest's date evidence in words: each phrase of the text and the day it points to, then
    a printed date it rejected and why (`date_evidence` keeps the compact form for editors)."""
    evidence, _, rejected = (article.date_evidence or "").partition(" (rejected ")
    clues = []
    for item in (part.strip() for part in evidence.split(";")):
        match = _CLUE.match(item)
        if match and match["day"]:
            clues.append(f"{match['phrase']} in the text points to {_humanize_days(match['day'])}")
        elif match:
            clues.append(f"{match['phrase']} is still to come when the text was written")
        elif item:
            clues.append(_humanize_days(item))
    if rejected:
        clues.append("Rejected: the " + _humanize_days(rejected.removesuffix(")")))
    return clues


def printed_date_rejected(article: Article) -> bool:
    """The ingest read a printed date but did not take it (the text contradicts it)."""
    return article.date_source == "inferred" and "(rejected" in (article.date_evidence or "")


def confidence_in_words(article: Article) -> str:
    return {"high": "certain", "medium": "probable", "low": "uncertain"}[article.date_confidence]


@dataclass(frozen=True)
class Notice:
    """A trust notice shown above the body: what the ingest suspects, how strongly, and why."""

    kind: str        # "machine-translated" | "translated" | "rewritten"
    heading: str     # the one label cards, search, timeline quotes and the article all use
    explanation: str
    level: str = "likely"            # "possible" | "likely"
    evidence: tuple[str, ...] = ()   # what the ingest found (odd phrases, misspelled names)
    summary: str = ""                # the notice in one line, above the article

    @property
    def evidence_shown(self) -> tuple[str, ...]:
        """The evidence as a reader sees it: a phrase the ingest cut just after a closing quote
        (“” he mentioned”) shows as the words it is about (“… he mentioned”)."""
        return tuple(_STRAY_QUOTE.sub("“… ", item) for item in self.evidence)


_STRAY_QUOTE = re.compile(r"^“[”\"]\s*")


def trust_notices(article: Article) -> list[Notice]:
    """What a reader must know before trusting the wording of the text: one notice per raised flag."""
    quality = article.quality
    notices = []
    source = f" from {language_name(article.translated_from)}" if article.translated_from else ""
    if quality.machine_translated != "none":
        sure = "very probably" if quality.machine_translated == "likely" else "possibly"
        notices.append(Notice("machine-translated", f"Machine-translated{source}" if source else
                              "Machine-translated text",
                              f"This text was {sure} machine-translated{source}, perhaps more than once: names, "
                              "quotations and nuances may be wrong.",
                              quality.machine_translated, quality.evidence,
                              f"{sure.capitalize()} machine-translated{source}: names and quotations may be wrong."))
    elif article.translated_from:
        notices.append(Notice("translated", f"Translated{source}",
                              f"This text is a translation{source}: quotations are translated too.", "likely", (),
                              f"A translation{source}: quotations are translated too."))
    if quality.rewritten != "none":
        sure = "very probably" if quality.rewritten == "likely" else "possibly"
        notices.append(Notice("rewritten", "Rewritten text",
                              f"This text was {sure} run through a rewording tool (a “synonym spinner”) "
                              "to disguise copying: its wording is not the author's, though the facts "
                              "usually are. Quotations may be altered.",
                              quality.rewritten, quality.evidence,
                              f"{sure.capitalize()} reworded by a synonym spinner: quotations may be altered."))
    return notices


def same_story(site: Site, article: Article) -> list[Article]:
    """Other articles telling the same story, whichever side recorded the relation."""
    return list(duplicates_of(site, article))


def source_kind(site: Site, article: Article) -> tuple[Source | None, str | None]:
    source = source_for(site, article.publisher)
    kind = source.kind if source else None
    return source, SOURCE_KINDS_IN_WORDS.get(kind) if kind else None


def is_untrusted_outlet(site: Site, article: Article) -> bool:
    source = source_for(site, article.publisher)
    return bool(source and source.kind in UNTRUSTED_KINDS)


@dataclass(frozen=True)
class AuditLine:
    """One raw line and its fate per `ingest.lines`."""

    number: int
    text: str
    fate: str | None     # None: body text (or blank); else "removed" or "metadata"
    label: str | None    # the rule or field, in words
    rule: str | None = None  # the rule or field as the ingest names it ("promo", "author")


def raw_lines(raw_text: str) -> list[str]:
    """Raw text cut into lines as the ingest numbered them: LF only, a final newline ends a line."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removesuffix("\n").split("\n")


def audit_lines(raw_text: str, article: Article) -> list[AuditLine]:
    """Each raw line with what the ingest did to it."""
    fates = dict(article.ingest_lines)
    lines = []
    for number, text in enumerate(raw_lines(raw_text), 1):
        fate = fates.get(number)
        if fate is None:
            lines.append(AuditLine(number, text, None, None))
            continue
        action, _, what = fate.partition(":")
        if action == "removed":
            lines.append(AuditLine(number, text, "removed", RULES_IN_WORDS.get(what, what.replace("-", " ")), what))
        elif what == "date" and printed_date_rejected(article):
            lines.append(AuditLine(number, text, "metadata", "printed date, rejected (date inferred)", what))
        else:
            field = FIELD_NAMES.get(what, what.replace("-", " "))
            lines.append(AuditLine(number, text, "metadata", f"{FIELD_ORIGINS.get(what, 'moved')} → {field}", what))
    return lines


def has_audit_page(site: Site, article: Article) -> bool:
    """Only articles whose raw input was read have an audit page (and a link to it)."""
    return article.id in site.raw_texts


def provenance(site: Site, article: Article) -> dict:
    """The provenance facts of one article as JSON-ready data, for JSON-LD, feeds and search."""
    source, kind = source_kind(site, article)
    config = site.config
    return {
        "publisher": {"name": article.publisher, "kind": source.kind if source else None, "kind_in_words": kind,
                      "domain": source.domain if source else None,
                      "page": urls.absolute(config.base_url, urls.source(source_slug(site, article.publisher)))},
        "republisher": is_untrusted_outlet(site, article),
        "original_url": article.url,
        "original_outlet": article.original_outlet,
        "authors": list(article.authors),
        "agency": article.agency,
        "date": article.date.isoformat(),
        "date_source": article.date_source,
        "date_explanation": date_explanation(article),
        "date_confidence": article.date_confidence,
        "updated": article.updated.isoformat(),
        "corrections": [{"date": c.date.isoformat(), "text": c.text} for c in article.corrections],
        "notices": [{"kind": n.kind, "level": n.level, "heading": n.heading, "explanation": n.explanation,
                     "evidence": list(n.evidence)} for n in trust_notices(article)],
        "same_story": [{"id": a.id, "publisher": a.publisher, "url": urls.absolute(config.base_url, urls.article(a.id))}
                       for a in same_story(site, article)],
        "audit_page": urls.absolute(config.base_url, urls.audit(article.id)) if has_audit_page(site, article) else None,
    }


@dataclass(frozen=True)
class Contact:
    """How to report an error: the words, and a link when the setting is an address or a URL."""

    text: str
    href: str | None = None


def report_errors_contact(config: SiteConfig) -> Contact:
    """`report_errors` from site.yaml (an e-mail address, a URL or free text), or a default."""
    value = config.report_errors.strip()
    if not value:
        return Contact(DEFAULT_REPORT_ERRORS)
    if re.fullmatch(r"[^@\s/:]+@[^@\s/]+\.[^@\s/]+", value):
        return Contact(value, f"mailto:{value}")
    if value.lower().startswith(("https://", "http://", "mailto:")):
        return Contact(value.removeprefix("mailto:"), value)
    return Contact(value)
