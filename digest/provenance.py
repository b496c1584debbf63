"""Where an article came from and how far to trust it, in words a reader understands."""
from __future__ import annotations

from dataclasses import dataclass

from digest.model import Article, Site, Source
from digest.views import source_for

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
}
FIELDS_IN_WORDS = {
    "title": "the headline", "subtitle": "the subtitle", "kicker": "the kicker", "date": "the date",
    "author": "the author", "agency": "the agency credit", "site-name": "the publisher",
}


def date_explanation(article: Article) -> str:
    """How the publication date was established, in plain words."""
    if article.date_source == "manual":
        return "set by an editor"
    if article.date_source == "explicit":
        return "stated in the article"
    evidence = (article.date_evidence or "").split(" (rejected", 1)[0]
    if evidence:
        return f"inferred from {evidence} in the text"
    return "inferred from the text"


def confidence_in_words(article: Article) -> str:
    return {"high": "certain", "medium": "probable", "low": "uncertain"}[article.date_confidence]


@dataclass(frozen=True)
class Notice:
    kind: str        # "machine-translated" | "rewritten"
    heading: str
    explanation: str


def trust_notices(article: Article) -> list[Notice]:
    """What a reader must know before trusting the wording of the text."""
    quality = article.quality
    notices = []
    if quality.machine_translated != "none":
        sure = "very probably" if quality.machine_translated == "likely" else "possibly"
        notices.append(Notice("machine-translated", "Machine-translated text",
                              f"This text was {sure} machine-translated, perhaps more than once: names, "
                              "quotations and nuances may be wrong. Check the original before quoting it."))
    if quality.rewritten != "none":
        sure = "very probably" if quality.rewritten == "likely" else "possibly"
        notices.append(Notice("rewritten", "Rewritten text",
                              f"This text was {sure} run through a rewording tool (a “synonym spinner”) "
                              "to disguise copying: its wording is not the author's, though the facts "
                              "usually are. Quotations may be altered."))
    return notices


def same_story(site: Site, article: Article) -> list[Article]:
    """Other articles telling the same story, whichever side recorded the relation."""
    ids = set(article.duplicates) | {a.id for a in site.articles if article.id in a.duplicates}
    ids.discard(article.id)
    return [a for a in site.articles if a.id in ids]


def source_kind(site: Site, article: Article) -> tuple[Source | None, str | None]:
    source = source_for(site, article.publisher)
    kind = source.kind if source else None
    return source, SOURCE_KINDS_IN_WORDS.get(kind) if kind else None


def is_untrusted_outlet(site: Site, article: Article) -> bool:
    source = source_for(site, article.publisher)
    return bool(source and source.kind in UNTRUSTED_KINDS)


@dataclass(frozen=True)
class AuditLine:
    number: int
    text: str
    fate: str | None     # None: body text; else "removed" or "metadata"
    label: str | None    # the rule or field, in words


def audit_lines(raw_text: str, article: Article) -> list[AuditLine]:
    """Each raw line with what the ingest did to it."""
    fates = dict(article.ingest_lines)
    lines = []
    for number, text in enumerate(raw_text.split("\n"), 1):
        fate = fates.get(number)
        if fate is None:
            lines.append(AuditLine(number, text, None, None))
            continue
        action, _, what = fate.partition(":")
        if action == "removed":
            lines.append(AuditLine(number, text, "removed", RULES_IN_WORDS.get(what, what.replace("-", " "))))
        else:
            lines.append(AuditLine(number, text, "metadata", f"moved to {FIELDS_IN_WORDS.get(what, what)}"))
    return lines


def audit_url(article_id: str) -> str:
    return f"articles/{article_id}/source/index.html"
