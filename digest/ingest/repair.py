"""Text repair: broken unicode, invisible characters, stray whitespace, glued sentences."""
from __future__ import annotations

import re
import unicodedata

import ftfy

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0 and C1 controls, and what XML 1.0 also forbids (U+FFFE, U+FFFF, lone surrogates): no output can break on it
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "rebuild.In Washington", "Russia.U.S. Secretary", "said.“We" -> a space after the full stop.
_GLUED_STOP = re.compile(r"(?<=[a-z]{2}[.!?])(?=[“\"‘]?[A-Z][A-Za-z.]*)")
# "Vladimir PutinIt’s Russia": a lower-case word running into a sentence opener.
_OPENERS = ("It’s|It's|It|The|This|That|These|Those|He|She|They|We|I|But|And|In|As|A|An|On|At|For|"
            "Meanwhile|However|After|Before|When|While|If|There|Its|His|Her|Their|Our")
_GLUED_OPENER = re.compile(rf"(?<=[a-z]{{3}})(?=(?:{_OPENERS})\b)")
_MAYBE_GLUED_STOP = re.compile(r"[a-z][.!?][“\"‘]?[A-Z]")  # what every glued stop holds
_LOWER_UPPER = re.compile(r"[a-z][A-Z]")                   # what every glued opener holds


# ftfy is slow on long pages: it runs only where something it repairs can be (mojibake leaves
# Latin-1 and C1 characters behind; entities have "&"; ligatures are U+FB00-FB06).
_MAYBE_BROKEN = re.compile("[\u0080-\u009f\u00c2\u00c3\u00d0\u00d1\u00e2\u20ac\u2122\ufb00-\ufb06\ufffd]" r"|&#?\w+;")


def repair_unicode(text: str) -> str:
    """Mojibake and HTML entities fixed, curly quotes kept as they are, NFC form."""
    if _MAYBE_BROKEN.search(text):
        fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=True, normalization="NFC")
    else:
        fixed = unicodedata.normalize("NFC", text)
    fixed = _INVISIBLE.sub("", fixed)
    return _CONTROL.sub("", fixed)


def clean_whitespace(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def split_glued_sentences(line: str) -> str:
    """Put back the break that scraping removed between two sentences."""
    if _MAYBE_GLUED_STOP.search(line):  # the cheap test first: the zero-width patterns try every position
        line = _GLUED_STOP.sub(" ", line)
    return _GLUED_OPENER.sub(". ", line) if _LOWER_UPPER.search(line) else line


def normalize_lines(text: str) -> list[str]:
    """Raw text as repaired lines (line numbers preserved: one output line per input line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", " ").replace("\u2029", " ")
    return [clean_whitespace(line) for line in repair_unicode(text).split("\n")]


def consistent_quotes(text: str) -> str:
    """Straight double quotes become curly ones when the text already uses curly quotes."""
    if "“" not in text and "”" not in text:
        return text
    text = re.sub(r'(^|[\s(\[—–-])"', "\\1“", text)
    return text.replace('"', "”")


def is_mostly_letters(text: str) -> bool:
    letters = sum(1 for c in text if unicodedata.category(c).startswith("L"))
    return letters >= max(1, len(text) // 3)
