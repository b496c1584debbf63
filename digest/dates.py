"""Find date expressions in news text and resolve them to calendar days.

Shared by the ingest (inferring when an article was published) and the timeline (placing
what an article reports on a day). Pure functions: text and dates in, data out.

A mention is resolved against an anchor day (usually the publication date). The tense of
its sentence decides the direction: "met on Monday" is the Monday before, "will meet on
Monday" the Monday after. An expression that does not name a day ("last week", "soon")
is never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# Days and years are written in ASCII digits (0-9, not every Unicode digit \d takes): what news in
# English prints, and what lets the hint below find a digit in a few substring searches.
_DAY = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?"
_MORE_DAYS = r"(?P<more>(?:\s*(?:,|and|&|-|–|to)\s*[0-3]?[0-9](?:st|nd|rd|th)?)*)"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)[0-9][0-9]))?"
CALENDAR_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY}{_MORE_DAYS}\b{_YEAR}", re.I)
CALENDAR_DAY_FIRST = re.compile(rf"\b{_DAY}{_MORE_DAYS}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.I)
WEEKDAY = re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?\b")
RELATIVE = {
    "yesterday": ("anchor", -1), "today": ("anchor", 0), "tonight": ("anchor", 0),
    "tomorrow": ("anchor", 1),
    "a day earlier": ("previous", -1), "the day before": ("previous", -1),
    "the previous day": ("previous", -1), "a day before": ("previous", -1),
    "the following day": ("previous", 1), "the next day": ("previous", 1),
    "a day later": ("previous", 1), "the day after": ("previous", 1),
}
RELATIVE_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in RELATIVE) + r")\b", re.I)

FUTURE_CUES = re.compile(
    r"\b(will|shall|'ll|’ll|would|set for|set to|scheduled|slated|due to|upcoming|ahead of|"
    r"prepares?|preparing|plans? to|planned|expected|going to|are to|is to|next|before the|"
    r"to be held|to meet|to hold|to begin|to start|begins?|starts?|later)\b", re.I)
PAST_CUES = re.compile(
    r"\b(was|were|had|has|have|did|said|says|told|met|entered|held|warned|spoke|ordered|"
    r"reiterated|announced|launched|took|began|ended|agreed|rejected|criticized|mocked|"
    r"debriefed|noted|added|insisted|issued|invoked|turned|last|earlier|ago|\w{3,}ed)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence, not yet resolved to a day."""

    phrase: str
    start: int
    kind: str                   # "weekday" | "calendar" | "relative"
    tense: str                  # "past" | "future" | "unknown"
    weekday: int | None = None  # 0 = Monday
    month: int | None = None
    day: int | None = None
    year: int | None = None
    base: str | None = None     # for relative: "anchor" or "previous"
    offset: int = 0


def _cues(text: str) -> list[tuple[int, str]]:
    cues = [(m.start(), "future") for m in FUTURE_CUES.finditer(text)]
    cues += [(m.start(), "past") for m in PAST_CUES.finditer(text)]
    return sorted(cues)


def sentence_tense(text: str, position: int | None = None) -> str:
    """Rough tense: the cue word nearest to `position` (or the first one in the text)."""
    cues = _cues(text)
    if not cues:
        return "unknown"
    if position is None:
        return cues[0][1]
    # The verb that governs "on Monday" usually comes before it: cues after count triple.
    return min(cues, key=lambda cue: (position - cue[0] if cue[0] <= position else 3 * (cue[0] - position),
                                      cue[1] == "past"))[1]


# Cues farther than this from a mention are not its verb; the bound keeps the work per mention
# constant, so finding dates stays linear in the text however many mentions one "sentence" has.
TENSE_WINDOW = 240


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding a mention begins and ends (commas, colons, quotes, dashes)."""
    low, high = max(0, start - TENSE_WINDOW), min(len(sentence), end + TENSE_WINDOW)
    left = max(max(sentence.rfind(c, low, start) for c in ",;:“\"—(") + 1, low)
    rights = [i for i in (sentence.find(c, end, high) for c in ",;:”\"—)") if i != -1]
    return left, min(rights) if rights else high


def tense_at(sentence: str, start: int, end: int) -> str:
    """Tense of the clause a mention sits in; the sentence around it when the clause has no verb cue."""
    left, right = _clause_bounds(sentence, start, end)
    tense = sentence_tense(sentence[left:right], start - left)
    if tense != "unknown":
        return tense
    low = max(0, start - TENSE_WINDOW)
    return sentence_tense(sentence[low:end + TENSE_WINDOW], start - low)


def _calendar_mentions(sentence: str) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (CALENDAR_MONTH_FIRST, CALENDAR_DAY_FIRST):
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            month = MONTHS.get(match.group("month").lower().rstrip("."))
            days = [int(match.group("day"))] + [int(d) for d in re.findall(r"\d+", match.group("more") or "")]
            if not month or not all(1 <= d <= 31 for d in days):
                continue
            year = int(match.group("year")) if match.group("year") else None
            tense = tense_at(sentence, match.start(), match.end())
            taken.append((match.start(), match.end()))
            for day in days:
                found.append(DateMention(match.group(0), match.start(), "calendar", tense,
                                         month=month, day=day, year=year))
    return found


# Looser forms of the expressions find_mentions knows, one per kind: text where a hint finds
# nothing holds no expression of that kind (tests/timeline/test_date_hint.py checks that no hint
# ever misses one). Month words alone are common ("may", "march", "decision"), so a month must sit
# next to a number. Spaces are \s+: paragraphs are tested before their whitespace is normalised.
# The case-insensitive hints run on the lowered text, which is faster than re.I.
_WEEKDAY_HINT = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_DAY_AFTER_HINT = re.compile(r"day\s+(?:earlier|before|later|after)")   # a day earlier, the day after
_DAY_BEFORE_HINT = re.compile(r"(?:previous|following|next)\s+day")     # the previous day
_MONTH_PREFIX = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_CALENDAR_HINT = re.compile(rf"[0-9](?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_PREFIX}|{_MONTH_PREFIX}[a-z]*\.?\s+[0-9]")


def _relative_hint(lower: str) -> bool:
    if "yesterday" in lower or "today" in lower or "tonight" in lower or "tomorrow" in lower:
        return True
    return "day" in lower and bool(_DAY_AFTER_HINT.search(lower) or (
        ("previous" in lower or "following" in lower or "next" in lower) and _DAY_BEFORE_HINT.search(lower)))


def _has_digit(text: str) -> bool:
    """Ten substring searches: several times faster than a regular expression's scan."""
    return "0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text \
        or "6" in text or "7" in text or "8" in text or "9" in text


def _calendar_hint(text: str, lower: str) -> bool:
    return _has_digit(text) and _CALENDAR_HINT.search(lower) is not None


def has_mention_hint(text: str) -> bool:
    """False only when `text` certainly holds no date expression (a fast test before the real one)."""
    if "day" in text and _WEEKDAY_HINT.search(text):
        return True
    lower = text.lower()
    return _relative_hint(lower) or _calendar_hint(text, lower)


def find_mentions(sentence: str) -> list[DateMention]:
    """Every date expression in one sentence, in order of appearance (each kind is looked for
    only where its hint is found: most sentences name no day)."""
    lower = sentence.lower()
    return _mentions_of_kinds(sentence, _WEEKDAY_HINT.search(sentence) is not None,
                              _relative_hint(lower), _calendar_hint(sentence, lower))


def _mentions_of_kinds(sentence: str, weekday: bool, relative: bool, calendar: bool) -> list[DateMention]:
    mentions = _calendar_mentions(sentence) if calendar else []
    for match in WEEKDAY.finditer(sentence) if weekday else ():
        tense = tense_at(sentence, match.start(), match.end())
        mentions.append(DateMention(match.group(0), match.start(), "weekday", tense,
                                    weekday=WEEKDAYS.index(match.group("weekday").lower())))
    for match in RELATIVE_RE.finditer(sentence) if relative else ():
        base, offset = RELATIVE[match.group(1).lower()]
        mentions.append(DateMention(match.group(0), match.start(), "relative", "unknown",
                                    base=base, offset=offset))
    return sorted(mentions, key=lambda m: m.start)


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, clamped to the dates Python supports (year 1 to 9999): the one
    date arithmetic of the code base, so a date at either end of the calendar cannot crash it."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def resolve_weekday(weekday: int, anchor: dt.date, tense: str) -> dt.date:
    """The day named by a weekday seen from `anchor`: before it in the past, after it in the future."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if tense == "past":
        return add_days(anchor, -back)
    if tense == "future":
        return add_days(anchor, ahead)
    return add_days(anchor, -back) if back <= ahead else add_days(anchor, ahead)


def resolve_calendar(month: int, day: int, year: int | None, anchor: dt.date) -> dt.date | None:
    """A month-day date; without a year, the one closest to the anchor (the earlier of two as close)."""
    if year:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    best: tuple[int, dt.date] | None = None
    for candidate_year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            continue
        key = (abs((candidate - anchor).days), candidate)
        if best is None or key < best:
            best = key
    return best[1] if best else None


def resolve_mention(mention: DateMention, anchor: dt.date, previous: dt.date | None = None) -> dt.date | None:
    """The calendar day of a mention, or None when the text does not pin one down."""
    if mention.kind == "weekday" and mention.weekday is not None:
        return resolve_weekday(mention.weekday, anchor, mention.tense)
    if mention.kind == "calendar" and mention.month and mention.day:
        return resolve_calendar(mention.month, mention.day, mention.year, anchor)
    if mention.kind == "relative":
        if mention.base == "anchor":
            return add_days(anchor, mention.offset)
        if previous is not None:
            return add_days(previous, mention.offset)
    return None


def resolve_sentence(sentence: str, anchor: dt.date, previous: dt.date | None = None) -> list[tuple[DateMention, dt.date]]:
    """Resolve every mention of a sentence; "a day earlier" follows the mention before it."""
    resolved = []
    for mention in find_mentions(sentence):
        day = resolve_mention(mention, anchor, previous)
        if day is not None:
            resolved.append((mention, day))
            previous = day
    return resolved


_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][”\"’)]))\s+(?=[“\"‘(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"\b(?:[A-Z]\.|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|U\.S|U\.N|No)\.$")


_BLOCKS = re.compile(r"\n\s*\n|\n(?=[-*•>] )")


def _block_sentences(block: str) -> list[str]:
    block = " ".join(block.split())
    sentences, current = [], ""
    for piece in _SENTENCE_END.split(block):
        current = f"{current} {piece}".strip() if current else piece
        if not _ABBREVIATIONS.search(current[-8:]):
            sentences.append(current)
            current = ""
    if current:
        sentences.append(current)
    return sentences


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking at "Jan." or "U.S."."""
    return [s for block in _BLOCKS.split(text) for s in _block_sentences(block) if s]


def dated_sentences(text: str) -> list[str]:
    """The sentences of `text` that may name a day, in order. Only paragraphs with a mention hint
    are split, and only their sentences with one are kept: most of an article names no day, and
    the hint costs far less than splitting and finding."""
    return [s for block in _BLOCKS.split(text) if has_mention_hint(block)
            for s in _block_sentences(block) if s and has_mention_hint(s)]
