"""Which feed items a source wants: inside the coverage window and through its filters."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.fetch.feeds import FeedItem
from digest.model import Entity, FeedFilters


@dataclass(frozen=True)
class Window:
    """The digest's coverage, read in the site's time zone."""

    start: dt.date
    end: dt.date
    timezone: str = "UTC"

    def day_of(self, moment: dt.datetime) -> dt.date:
        zone: dt.tzinfo
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = dt.UTC
        return moment.astimezone(zone).date()


def skip_reason(item: FeedItem, filters: FeedFilters, window: Window,
                entities: dict[str, Entity]) -> str | None:
    """Why `item` is not wanted, or None to keep it. An undated item is kept (the ingest dates it)."""
    if item.published is not None:
        day = window.day_of(item.published)
        if not window.start <= day <= window.end:
            return f"published {day.isoformat()}, outside the coverage window"
    if filters.languages and item.language and item.language not in filters.languages:
        return f"language {item.language} not in {', '.join(filters.languages)}"
    text = f"{item.title}\n{item.summary}"
    if filters.keywords and not any(_mentions(text, word) for word in filters.keywords):
        return "none of the keywords in title or summary"
    if filters.entities and not any(_names_entity(text, entities.get(e), e) for e in filters.entities):
        return "none of the entities in title or summary"
    return None


def _mentions(text: str, phrase: str) -> bool:
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _names_entity(text: str, entity: Entity | None, entity_id: str) -> bool:
    names = (entity.name, *entity.aliases) if entity else (entity_id.replace("-", " "),)
    return any(_mentions(text, name) for name in names if name.strip())
