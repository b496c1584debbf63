"""Dates printed on a page ("18. November 2019", "Nov. 18, 2019 11:03 PM", "2019-11-18", "18.11.2019",
"2020年7月15日").

A full day (day, month, year) in any of the common European languages; month names come from a
table, other forms go to dateparser. Only short lines are read: a printed date is furniture,
not a sentence of the story.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from digest.ingest.scoring import Ranker, load_ranker

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
# Russian and Ukrainian months as dates print them (genitive), and the short forms of the Romance
# languages and Dutch ("02 Ago 2017", "12 mei 2020").
MONTH_NAMES_MORE = {
    1: "января январь січня gen", 2: "февраля февраль лютого fev fév févr", 3: "марта март березня mrt",
    4: "апреля апрель квітня abr avr", 5: "мая май травня mag", 6: "июня июнь червня giu juin",
    7: "июля июль липня lug juil", 8: "августа август серпня ago", 9: "сентября сентябрь вересня set",
    10: "октября октябрь жовтня ott out", 11: "ноября ноябрь листопада", 12: "декабря декабрь грудня",
}
MONTHS = {name.rstrip("."): number for table in (MONTH_NAMES, MONTH_NAMES_MORE)
          for number, names in table.items() for name in names.split()}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:de\s+)?(?P<m>{_MONTH})\.?,?\s*(?:de\s+)?(?P<y>\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])\s?(?P<b>\d{1,2})(?P=sep)\s?(?P<y>(?:19|20)\d\d)\b")
_HAN = re.compile(r"(?P<y>(?:19|20)\d\d)\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?[日일]")  # 2020年7月15日
_YEAR_FIRST = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[./])(?P<m>\d\d)(?P=sep)(?P<d>\d\d)\b")
MAX_WORDS = 16
_ANY_DIGIT = re.compile(r"\d\d")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 1990 <= year <= 2100 else None


def printed_date(text: str, month_first: bool = True) -> dt.date | None:
    """The first full date in a short line, or None (`month_first` decides 11/12/2021)."""
    found = printed_dates(text, month_first)
    return found[0] if found else None


@lru_cache(maxsize=16384)
def printed_dates(text: str, month_first: bool = True) -> tuple[dt.date, ...]:
    """Every full date in a short line, in the order printed (none in a long line)."""
    return tuple(value for _, value in _dates_at(text, month_first))


def _dates_at(text: str, month_first: bool) -> list[tuple[int, dt.date]]:
    """(where it starts, the day) of every full date in a short line, in the order printed."""
    if len(text.split()) > MAX_WORDS or not _ANY_DIGIT.search(text):
        return []
    found: list[tuple[int, dt.date]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            month = MONTHS.get(match.group("m").lower().rstrip("."))
            value = month and _day(int(match.group("y")), month, int(match.group("d")))
            if value:
                found.append((match.start(), value))
    for pattern in (_ISO, _HAN, _YEAR_FIRST):
        for match in pattern.finditer(text):
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
    return sorted(found)


# -- which printed date is the publication day ------------------------------------------------
MODEL_FILE = Path(__file__).with_name("data") / "date_model.json"
NAMES = ("bias", "log_distance", "above", "near", "in_body", "dateline", "log_words", "time", "published_cue",
         "updated_cue", "copyright", "dates_in_line", "same_day", "latest", "earliest", "position", "claimed",
         "title_line", "weekday", "byline_cue", "years_before_latest", "starts_with_date", "first_in_page")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d\d\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|\buhr\b", re.I)
_PUBLISHED = re.compile(
    r"\b(?:published|posted|publi(?:é|e|shed)|publicad[oa]|pubblicato|veröffentlicht|erschienen|datum|date|stand|"
    r"vom|am|on|le|el|dated|released)\b", re.I)
_UPDATED = re.compile(r"\b(?:updated?|aktualisiert|mis à jour|actualizad[oa]|modified|geändert|last|zuletzt|revised)\b",
                      re.I)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)[a-z]*\b[.,]", re.I)
_BY = re.compile(r"\b(?:by|von|par|por|di|от)\s+[A-ZÄÖÜ]", re.U)


@dataclass(frozen=True)
class DateCandidate:
    number: int        # the line's number
    text: str
    day: dt.date
    row: list[float]   # evidence, in the order of `NAMES`


def month_first_on(lines: list[str]) -> bool | None:
    """How this page writes 03/05/2022, as its other numeric dates tell (a first number over 12:
    day first; a second one: month first); None when it prints such a date and none of them
    tells (True when it prints none: there is nothing to decide)."""
    votes, ambiguous = 0, False
    for text in lines:
        if "/" in text and len(text.split()) <= MAX_WORDS:
            for match in _NUMERIC.finditer(text):
                a, b = int(match.group("a")), int(match.group("b"))
                if match.group("sep") == "/" and (a > 12) != (b > 12):
                    votes += 1 if b > 12 else -1
                ambiguous = ambiguous or (match.group("sep") == "/" and a <= 12 and b <= 12)
    if votes:
        return votes > 0
    return None if ambiguous else True


def date_candidates(lines: list[tuple[int, str]], anchor: int, story: set[int], claimed: set[int],
                    title_line: int | None, today: dt.date | None, month_first: bool = True) -> list[DateCandidate]:
    """Every short line of the page that prints a full day (up to the day of ingest), with the
    evidence that it is the publication day: where it stands from the headline (`anchor`), whether
    it is in the story text (`story`) or was claimed as a date line, its cues and its company."""
    found = []
    for index, (number, text) in enumerate(lines):
        days = [d for d in printed_dates(text, month_first) if today is None or d <= today]
        if days:
            found.append((index, number, text, days))
    if not found:
        return []
    numbers = [n for n, _ in lines]
    at = numbers.index(anchor) if anchor in numbers else 0
    counts: dict[dt.date, int] = {}
    for *_, days in found:
        counts[days[0]] = counts.get(days[0], 0) + 1
    latest, earliest = max(counts), min(counts)
    out = []
    for order, (index, number, text, days) in enumerate(found):
        day, distance = days[0], index - at
        words = len(text.split())
        out.append(DateCandidate(number, text, day, [
            1.0, math.log1p(abs(distance)), float(distance < 0), float(-6 <= distance <= 12), float(number in story),
            float(is_date_line(text)), math.log1p(words), float(bool(_TIME.search(text))),
            float(bool(_PUBLISHED.search(text))), float(bool(_UPDATED.search(text))),
            float("©" in text or "copyright" in text.lower()), float(len(days) > 1),
            min(3, counts[day] - 1) / 3, float(day == latest), float(day == earliest), index / max(1, len(lines) - 1),
            float(number in claimed), float(number == title_line), float(bool(_WEEKDAY.search(text))),
            float(bool(_BY.search(text))), min(5.0, (latest - day).days / 365), float(_starts_with_date(text)),
            float(order == 0),
        ]))
    return out


def _starts_with_date(text: str) -> bool:
    return bool(re.match(r"\W*\d|\W*[A-Za-zäéû]{3,9}\.?\s+\d", text))


def is_date_line(text: str) -> bool:
    """A line that is little more than a date (and a time, a place, a label)."""
    return len(re.sub(r"[\d\s:.,/|·•-]+", " ", text).split()) <= 4


@lru_cache(maxsize=1)
def date_ranker() -> Ranker:
    return load_ranker(MODEL_FILE, NAMES)


def choose_printed_date(candidates: list[DateCandidate]) -> tuple[DateCandidate, float] | None:
    """The printed date likeliest to be the publication day, with the ranker's share for it."""
    best = date_ranker().best([c.row for c in candidates])
    return (candidates[best[0]], best[1]) if best else None
