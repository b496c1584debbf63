"""Evidence about each line of a scraped page: numbers a model weighs, no decisions here.

The furniture rules of `boilerplate` are features too (a rule firing is strong evidence, not a
verdict), beside shape (length, punctuation, stop words, capitals), position, repetition and
the neighbourhood (list runs, how much running text is near).
"""
from __future__ import annotations

import math
import re
from collections import Counter

from digest.ingest import boilerplate as bp
from digest.ingest.metadata import is_dateline

STOP_WORDS = frozenset("""
the and of to in is that for with on was said it as by at from are be has have had will his her their
this an or not but which who were been its they we he she would could after about into than more also
der die und das ist nicht mit sich auf für ein eine dem den des im zu von auch als bei wird sind wurde
le la les et des est une dans que pour pas du sur au par qui avec il elle ont sont aux ses plus
el los las y en es por una para con del se lo su al como más pero sus fue ha
il di che è per non una con sono della nel dei gli
o os as um uma com não na no em dos das ao pelo
и в не на что с по это как из за к от о
""".split())
NAV_WORDS = frozenset("""
home menu login log sign subscribe subscription newsletter newsletters share tweet follow facebook twitter
instagram linkedin youtube whatsapp email print comments comment search skip content navigation privacy
cookie cookies terms policy contact advertise advertising careers about sitemap copyright rights reserved
register account premium podcast podcasts video videos photos gallery more read related trending popular
latest top next previous back app download click here sections section tags topics
anmelden abmelden suche impressum kontakt datenschutz startseite teilen mehr weiterlesen newsletter
abonnieren werbung kommentare nutzungsbedingungen
accueil connexion rechercher partager abonnez inscrivez mentions légales contact
inicio buscar compartir suscríbete iniciar sesión contacto aviso legal
""".split())
_WORD = re.compile(r"\w+", re.U)
# Chinese and Japanese put no spaces between words: two of these characters count as one word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def token_words(token: str) -> int:
    """How many words one run of letters is: one, or about one per two Han or kana characters."""
    return 1 if token.isascii() else max(1, len(_UNSPACED.findall(token)) // 2)


def has_unspaced(text: str) -> bool:
    """Whether `text` holds Han or kana characters (most lines of most pages do not)."""
    return not text.isascii() and _UNSPACED.search(text) is not None


def unspaced_pairs(token: str) -> list[str]:
    """A run of Han or kana characters as its character pairs, which stand in for its words when
    two texts are compared; nothing for any other token."""
    if token.isascii() or not _UNSPACED.search(token):
        return []
    return [token[k:k + 2] for k in range(len(token) - 1)] or [token]


_URLISH = re.compile(r"https?://|www\.|@\w+\.\w+|\.(?:com|org|net|de|co\.uk)\b", re.I)
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[-•*·▪►>»]|\d+[.)])\s+")
_SENTENCE_END = (".", "!", "?", "”", '"', "»", ":", "…")
_SEPARATORS = ("|", "›", "»", " / ", "•")

NAMES = ("bias", "chars", "words", "sentence_end", "punctuation", "stop_words", "capitals", "digits",
         "position", "repeated", "nav_words", "rule", "dateline", "list_run", "long_before", "long_after",
         "long_near", "upper", "separators", "copyright", "bullet", "url", "centre", "short", "long",
         "quoted", "byline")


def _shape(text: str, words: list[str], tokens: list[str]) -> list[float]:
    """`words`: the line's words, lower-cased; `tokens`: its whitespace-separated parts."""
    n = max(1, len(words))
    capitals = sum([w[:1].isupper() for w in tokens])
    return [
        min(1.0, math.log1p(len(text)) / 7),
        min(1.0, math.log1p(len(words)) / 5),
        float(text.rstrip().endswith(_SENTENCE_END)),
        min(1.0, (text.count(",") + text.count(".") + text.count(";")) / n),
        sum(map(STOP_WORDS.__contains__, words)) / n,
        capitals / max(1, len(tokens)),
        len(_DIGIT.findall(text)) / max(1, len(text)),
    ]


def line_features(lines: list[str]) -> list[list[float]]:
    """One feature vector per line (in the order of `NAMES`)."""
    n = len(lines)
    counts = Counter(lines)
    tokens = [line.split() for line in lines]
    long = [len(parts) >= 15 for parts in tokens]
    short = [len(parts) <= 4 for parts in tokens]
    centre = _centre(long)
    rows = []
    for index, text in enumerate(lines):
        words = _WORD.findall(text.lower())
        before, after = long[max(0, index - 3):index], long[index + 1:index + 4]
        near = long[max(0, index - 5):index + 6]
        run = (index > 0 and short[index - 1]) + (index + 1 < n and short[index + 1])
        rows.append([
            1.0, *_shape(text, words, tokens[index]),
            index / max(1, n - 1),
            float(counts[text] > 1),
            sum(map(NAV_WORDS.__contains__, words)) / max(1, len(words)),
            float(bp.removal_rule(text) is not None),
            float(is_dateline(text)),
            run / 2 * float(short[index]),
            sum(before) / 3, sum(after) / 3, sum(near) / max(1, len(near)),
            float(text.isupper()),
            float(any(s in text for s in _SEPARATORS)),
            float("©" in text or "copyright" in text.lower()),
            float(bool(_BULLET.match(text))),
            float(bool(_URLISH.search(text))),
            min(1.0, abs(index - centre) / max(1, n) * 4),
            float(short[index]),
            float(long[index]),
            float(bp.quoted_share(text) > 0.3),
            float(bp.byline(text) is not None),
        ])
    return rows


def _centre(long: list[bool], window: int = 15) -> int:
    """Where running text is densest (the middle of the best window of `window` lines)."""
    prefix = [0]
    for flag in long:
        prefix.append(prefix[-1] + flag)
    n = len(long)
    start = max(range(max(1, n - window + 1)), key=lambda s: (prefix[min(n, s + window)] - prefix[s], -s))
    return start + window // 2


def with_context(rows: list[list[float]], scores: list[float]) -> list[list[float]]:
    """Second-pass features: a line's own evidence and how its neighbours scored (jusText's idea)."""
    n = len(scores)
    out = []
    for index, row in enumerate(rows):
        prev1 = scores[index - 1] if index > 0 else 0.0
        next1 = scores[index + 1] if index + 1 < n else 0.0
        around = scores[max(0, index - 3):index] + scores[index + 1:index + 4]
        out.append(row + [scores[index], prev1, next1, sum(around) / max(1, len(around))])
    return out


CONTEXT_NAMES = NAMES + ("first_pass", "prev", "next", "around")
