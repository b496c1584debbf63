"""The one place a YAML value becomes a date: PyYAML gives dates, datetimes or text (quoted).

Each function raises ValueError for anything else; callers turn that into a `path:line` error.
"""
from __future__ import annotations

import datetime as dt


def to_date(value: object) -> dt.date:
    """A calendar day: a YAML date, the day of a datetime, or ISO text ("2022-01-10")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (dict, list, bool)) or value is None:
        raise ValueError(f"not a date: {value!r}")
    return dt.date.fromisoformat(str(value).strip())


def to_date_or_datetime(value: object) -> dt.date | dt.datetime:
    """A day, or a moment when the value has a time ("2022-01-10T08:00", "... 08:00Z")."""
    if isinstance(value, dt.date):  # a datetime too
        return value
    if isinstance(value, (dict, list, bool)) or value is None:
        raise ValueError(f"not a date: {value!r}")
    text = str(value).strip()
    if "T" in text or " " in text:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt.date.fromisoformat(text)


def to_datetime(value: object) -> dt.datetime:
    """A moment: a day means its midnight."""
    moment = to_date_or_datetime(value)
    return moment if isinstance(moment, dt.datetime) else dt.datetime.combine(moment, dt.time())
