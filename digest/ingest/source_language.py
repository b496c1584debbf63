"""The likely source language of a machine-translated text, where the text gives it away.

Pure: text (and the original URL, if known) in, a language code and the evidence out, or None.
Only three kinds of clue are trusted, each one a fact about the text rather than a guess at its
style: words left untranslated in another script, the country domain of the original address,
and credits to news agencies that publish mainly in one language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# A run of 3+ letters of one script; which language the script points to.
_SCRIPTS = [
    ("ru", re.compile(r"[\u0400-\u04FF]{3,}")),   # Cyrillic: refined below (Ukrainian, Belarusian...)
    ("el", re.compile(r"[\u0370-\u03FF]{3,}")),
    ("ar", re.compile(r"[\u0600-\u06FF]{3,}")),
    ("he", re.compile(r"[\u0590-\u05FF]{3,}")),
    ("ka", re.compile(r"[\u10A0-\u10FF]{3,}")),
    ("hy", re.compile(r"[\u0530-\u058F]{3,}")),
    ("ko", re.compile(r"[\uAC00-\uD7AF]{2,}")),
    ("ja", re.compile(r"[\u3040-\u30FF]{2,}")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]{2,}")),
]
_CYRILLIC_LETTERS = [("uk", set("іїєґІЇЄҐ")), ("be", set("ўЎ")), ("kk", set("әғқңөұүһӘҒҚҢӨҰҮҺ")),
                     ("sr", set("ђјљњћџЂЈЉЊЋЏ"))]
_DOMAINS = {"ru": "ru", "su": "ru", "ua": "uk", "by": "be", "de": "de", "at": "de", "fr": "fr", "es": "es",
            "it": "it", "pl": "pl", "cz": "cs", "tr": "tr", "gr": "el", "jp": "ja", "kr": "ko", "cn": "zh",
            "ir": "fa", "il": "he", "ge": "ka", "am": "hy", "nl": "nl", "pt": "pt", "br": "pt", "ro": "ro",
            "hu": "hu", "se": "sv", "fi": "fi", "rs": "sr", "bg": "bg"}
_AGENCIES = {"TASS": "ru", "RIA Novosti": "ru", "Interfax": "ru", "Kommersant": "ru", "Izvestia": "ru",
             "RBC": "ru", "Vedomosti": "ru", "Ukrinform": "uk", "UNIAN": "uk", "Ukrainska Pravda": "uk",
             "BelTA": "be", "Xinhua": "zh", "Anadolu": "tr", "Yonhap": "ko", "Kyodo": "ja", "IRNA": "fa",
             "Tasnim": "fa", "Deutsche Presse-Agentur": "de", "Agence France-Presse": "fr", "EFE": "es",
             "ANSA": "it", "PAP": "pl"}
_AGENCY = re.compile(r"\b(" + "|".join(re.escape(a) for a in sorted(_AGENCIES, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class SourceLanguage:
    code: str       # ISO 639-1
    evidence: str   # what gave it away, for the editor and the notice


def _cyrillic_language(word: str) -> str:
    letters = set(word)
    return next((code for code, marks in _CYRILLIC_LETTERS if letters & marks), "ru")


def _from_script(text: str) -> SourceLanguage | None:
    for code, pattern in _SCRIPTS:
        match = pattern.search(text)
        if match:
            word = match.group(0)
            code = _cyrillic_language(word) if code == "ru" else code
            return SourceLanguage(code, f"untranslated word {word!r}")
    return None


def _from_url(url: str | None) -> SourceLanguage | None:
    host = (urlsplit(url).hostname or "") if url else ""
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    code = _DOMAINS.get(suffix)
    return SourceLanguage(code, f"the original is on {host}") if code else None


def _from_agencies(text: str) -> SourceLanguage | None:
    credits = {_AGENCIES[m.group(1)]: m.group(1) for m in _AGENCY.finditer(text)}
    if len(credits) == 1:  # agencies of two languages: no conclusion
        ((code, agency),) = credits.items()
        return SourceLanguage(code, f"credits {agency}")
    return None


def likely_source_language(text: str, original_url: str | None = None) -> SourceLanguage | None:
    """The language a machine-translated English text was most likely translated from, or None
    when nothing in it says (call it only for text already flagged as machine-translated)."""
    return _from_script(text) or _from_url(original_url) or _from_agencies(text)
