"""Dates printed on a page ("18. November 2019", "Nov. 18, 2019 11:03 PM", "2019-11-18", "18.11.2019").

A full day (day, month, year) in any of the common European languages; month names come from a
table, other forms go to dateparser. Only short lines are read: a printed date is furniture,
not a sentence of the story.
"""
from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = {
    1: "january jan januar janvier enero gennaio janeiro januari jänner ene genn jan.",
    2: "february feb februar février fevrier febrero febbraio fevereiro februari",
    3: "march mar märz maerz mars marzo março maart mär",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet julio luglio julho",
    8: "august aug août aout agosto augustus",
    9: "september sep sept septembre septiembre settembre setembro",
    10: "october oct oktober octobre octubre ottobre outubro okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro dez dic",
}
MONTHS = {name.rstrip("."): number for number, names in MONTH_NAMES.items() for name in names.split()}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:de\s+)?(?P<m>{_MONTH})\.?,?\s*(?:de\s+)?(?P<y>\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b")
MAX_WORDS = 16


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 1990 <= year <= 2100 else None


def printed_date(text: str, month_first: bool = True) -> dt.date | None:
    """The first full date in a short line, or None (`month_first` decides 11/12/2021)."""
    if len(text.split()) > MAX_WORDS:
        return None
    found: list[tuple[int, dt.date]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            month = MONTHS.get(match.group("m").lower().rstrip("."))
            value = month and _day(int(match.group("y")), month, int(match.group("d")))
            if value:
                found.append((match.start(), value))
    for match in _ISO.finditer(text):
        value = _day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if value:
            found.append((match.start(), value))
    for match in _NUMERIC.finditer(text):
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
        dotted = match.group("sep") == "."
        month, day = (a, b) if month_first and not dotted and a <= 12 else (b, a)
        value = _day(year, month, day) or _day(year, day, month)
        if value:
            found.append((match.start(), value))
    return min(found)[1] if found else None
