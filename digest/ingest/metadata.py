"""Headline, kicker, dek, site name, publisher clues and language from the text of a page."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from digest.ingest.boilerplate import word_count

KICKERS = re.compile(
    r"^(?P<kicker>news analysis|analysis|opinion|op-ed|exclusive|breaking(?: news)?|explainer|live(?: updates)?|watch"
    r"|editorial|commentary|fact check|perspective|review|interview|update|updated|world|in depth|insight|feature)"
    r"\s*[:|–—-]\s+(?=\S)", re.I)
DATE_ONLY = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date)\s*(?:on|at)?\s*[:\-]?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?(?:\s*\|.*)?$", re.I)
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_IN_LINE = re.compile(rf"\b(?:{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH_WORD},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)", re.I)
_DATE_NOISE = re.compile(
    rf"\b(?:published|updated|posted|last|first|modified|on|at|date|{_MONTH_WORD}|mon|tue|wed|thu|fri|sat|sun|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|a\.m\.|p\.m\.|[a-z]{2,4}t|gmt|utc|ist|edt|est|cet|cest)\b"
    r"|[\d:.,|/+()–—-]", re.I)


def is_dateline(text: str) -> bool:
    """A short line that only states when the page was published or updated."""
    if DATE_ONLY.match(text):
        return True
    if word_count(text) > 14 or not _DATE_IN_LINE.search(text):
        return False
    return not _DATE_NOISE.sub(" ", text).strip()


PUBLISHER_CLUES = (
    re.compile(r"^(?:\W+\s*)?(?P<name>(?:The\s)?[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3}) is now on (?:Telegram|WhatsApp|Google News|Instagram)"),
    re.compile(r"\b(?:more|stories|news) from (?P<name>(?:The\s)?[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})\b"),
    re.compile(r"\b(?:content|staff|senior|freelance)? ?(?:writer|editor|reporter|correspondent|journalist) (?:at|for|with) (?P<name>(?:The\s)?[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})"),
    re.compile(r"(?:©|copyright)\s*(?:\d{4}\s*)?(?P<name>(?:The\s)?[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})", re.I),
    re.compile(r"^(?:source|via|credit)\s*:\s*(?P<name>[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})\s*$", re.I),
)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "was", "said", "it", "as", "by"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine", "dem", "den"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "pas", "du", "sur", "au"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "es", "por", "una", "para", "con", "del", "se"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "за", "к", "от", "о"},
}


@dataclass(frozen=True)
class Heading:
    """What the top of the page says about the article, and which lines said it."""

    title: str | None
    title_line: int | None
    kicker: str | None = None
    subtitle: str | None = None
    subtitle_line: int | None = None
    site_name: str | None = None
    site_name_line: int | None = None
    tagline_lines: tuple[int, ...] = ()


def split_kicker(title: str) -> tuple[str | None, str]:
    """`News Analysis: Blinken warns…` -> ("News Analysis", "Blinken warns…")."""
    match = KICKERS.match(title)
    if not match:
        return None, title
    return match.group("kicker").strip(), title[match.end():].strip()


def is_body_paragraph(line: str) -> bool:
    words = word_count(line)
    return words >= 20 or (words >= 12 and line.rstrip().endswith((".", "!", "?", "”", '"')))


TAGLINE = re.compile(
    r"\b(?:since \d{4}|news (?:from|at|for|you)|your (?:source|daily|trusted)|the voice of|independent (?:news|journalism)"
    r"|trusted (?:news|source)|all the news|news that|breaking news and|journalism (?:for|that))\b", re.I)


def headline_score(text: str) -> int:
    """How much a short top line looks like a headline rather than a site name or tagline."""
    kicker, rest = split_kicker(text)
    words = word_count(rest)
    score = 2 if 4 <= words <= 22 else 0
    score += 3 if kicker else 0
    score -= 3 if TAGLINE.search(text) else 0
    score -= 2 if text.isupper() else 0
    return score


def find_heading(lines: list[tuple[int, str]]) -> Heading:
    """Read headline, dek, site name and tagline off the lines above the first paragraph.

    `lines` are (line number, text) pairs still unclaimed by the furniture rules.
    """
    top: list[tuple[int, str]] = []
    for number, text in lines:
        if is_body_paragraph(text):
            break
        top.append((number, text))
    if not top:
        return Heading(None, None)
    index = max(range(len(top)), key=lambda i: (headline_score(top[i][1]), -i))
    title_line, raw_title = top[index]
    kicker, title = split_kicker(raw_title)
    before, after = top[:index], top[index + 1:]
    site_name = before[0] if before and word_count(before[0][1]) <= 6 else None
    taglines = tuple(n for n, _ in before[1:] if site_name) if site_name else tuple(n for n, _ in before)
    subtitle = after[0] if after and word_count(after[0][1]) <= 40 else None
    return Heading(
        title=title.rstrip(), title_line=title_line, kicker=kicker,
        subtitle=subtitle[1] if subtitle else None, subtitle_line=subtitle[0] if subtitle else None,
        site_name=site_name[1] if site_name else None, site_name_line=site_name[0] if site_name else None,
        tagline_lines=taglines)


def publisher_clues(lines: list[str]) -> list[str]:
    """Outlet names the furniture of the page gives away ("X is now on Telegram", "writer at X")."""
    clues = []
    for line in lines:
        for pattern in PUBLISHER_CLUES:
            match = pattern.search(line)
            if match:
                name = re.split(r"\.\s", match.group("name"))[0]
                name = re.sub(r"\s+(?:and|Markets|Newsletter|App|Pro|Plus)$", "", name).strip(" .")
                if name and name.lower() not in ("the", "our", "this"):
                    clues.append(name)
    return clues


def url_clues(lines: list[str]) -> list[str]:
    """Host names and words of URLs found in junk lines (`?url=https%3A%2F%2Fwww.example.com...`)."""
    clues = []
    for line in lines:
        decoded = unquote(unquote(line))
        for url in re.findall(r"https?://[^\s]+(?:\s[a-z]+){0,3}", decoded):
            host = urlsplit(url.split()[0]).hostname or ""
            clues.append(host.removeprefix("www."))
            clues.append(" ".join(re.split(r"[^a-z]+", url.split("//", 1)[-1].lower())).strip())
    return [c for c in clues if c]


LANGUAGE_SAMPLE = 1500  # characters read to tell a text's language (more is slower, barely better)


def detect_language(text: str) -> str:
    """The language of `text` (ISO 639-1 code) by py3langid's character n-gram model, which knows
    97 languages and any script; a text of fewer than 40 letters by its common words (English
    when unsure)."""
    sample = text[:LANGUAGE_SAMPLE]
    if sum(map(str.isalpha, sample)) >= 40:
        code = _language_model().classify(sample)[0]
        if re.fullmatch(r"[a-z]{2}", code):
            return code
    return _by_common_words(text)


@lru_cache(maxsize=1)
def _language_model():
    """Loaded once, on first use (~0.6 s): builds never ask for it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _by_common_words(text: str) -> str:
    words = re.findall(r"\w+", text.lower())[:2000]
    if not words:
        return "en"
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] >= max(3, len(words) // 50) else "en"
