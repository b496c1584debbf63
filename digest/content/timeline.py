"""Load content/timeline.yaml: curated events, validated, errors at the event's line."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import yaml

from digest.content.frontmatter import SafeLoader, load_yaml_mapping
from digest.errors import ContentError
from digest.model import Entity, Event
from digest.slugs import is_valid_id

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
EVENT_FIELDS = {"id", "date", "time", "timezone", "place", "title", "participants", "description",
                "keywords", "sources"}


def _item_lines(text: str) -> list[int]:
    """1-based line of each item of the `events` list (for error messages)."""
    node = yaml.compose(text, Loader=SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "events" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _text_list(value: object, path: Path, line: int, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or any(isinstance(v, (list, dict)) or v is None for v in value):
        raise ContentError(path, line, f"`{key}` must be a list of text")
    return tuple(str(v).strip() for v in value)


def _event(spec: object, path: Path, line: int) -> Event:
    if not isinstance(spec, dict):
        raise ContentError(path, line, "each event must be a mapping with at least id, date and title")
    unknown = sorted(set(spec) - EVENT_FIELDS)
    if unknown:
        raise ContentError(path, line, f"unknown event field `{unknown[0]}`")
    event_id = str(spec.get("id") or "")
    if not is_valid_id(event_id):
        raise ContentError(path, line, f"event id {event_id!r} is missing or not a safe slug")
    if not spec.get("title"):
        raise ContentError(path, line, f"event `{event_id}` has no title")
    day = spec.get("date")
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        raise ContentError(path, line, f"event `{event_id}`: `date` must be an ISO date, got {day!r}")
    time = spec.get("time")
    if time is not None and not _TIME.match(str(time)):
        raise ContentError(path, line, f"event `{event_id}`: `time` must be HH:MM, got {time!r}")
    sources = _text_list(spec.get("sources"), path, line, "sources")
    return Event(
        id=event_id, date=day, title=str(spec["title"]).strip(), place=_opt(spec.get("place")),
        time=str(time) if time is not None else None, timezone=_opt(spec.get("timezone")),
        participants=_text_list(spec.get("participants"), path, line, "participants"),
        description=" ".join(str(spec.get("description") or "").split()),
        keywords=tuple(k.lower() for k in _text_list(spec.get("keywords"), path, line, "keywords")),
        articles=tuple(s for s in sources if not s.startswith(("http://", "https://"))),
        links=tuple(s for s in sources if s.startswith(("http://", "https://"))),
    )


def _opt(value: object) -> str | None:
    return None if value in (None, "") else str(value).strip()


def load_timeline(path: Path, article_ids: set[str] | None = None,
                  entities: dict[str, Entity] | None = None, skipped_ids: frozenset[str] = frozenset()
                  ) -> tuple[Event, ...]:
    """Events sorted by date, time (untimed last) and id; citations and participants checked.

    A citation of a skipped article (its file exists but is invalid: its own error is reported)
    is dropped from the event rather than costing the whole timeline."""
    if not path.exists():
        return ()
    text = path.read_text(encoding="utf-8")
    doc = load_yaml_mapping(text, path)
    items = doc.data.get("events") or []
    if not isinstance(items, list):
        raise ContentError(path, doc.line_of("events"), "`events` must be a list")
    lines = _item_lines(text) or [doc.line_of("events")] * len(items)
    events, seen = [], {}
    for spec, line in zip(items, lines):
        event = _event(spec, path, line)
        if skipped_ids and skipped_ids & set(event.articles):
            event = replace(event, articles=tuple(a for a in event.articles if a not in skipped_ids))
        if event.id in seen:
            raise ContentError(path, line, f"event id `{event.id}` is also used on line {seen[event.id]}")
        seen[event.id] = line
        _check_references(event, path, line, article_ids, entities)
        events.append(event)
    return tuple(sorted(events, key=lambda e: (e.date, e.time or "24:00", e.id)))  # untimed after timed


def _check_references(event: Event, path: Path, line: int, article_ids: set[str] | None,
                      entities: dict[str, Entity] | None) -> None:
    if article_ids is not None:
        for article_id in event.articles:
            if article_id not in article_ids:
                raise ContentError(path, line, f"event `{event.id}` cites article `{article_id}`, which does not exist")
    if entities:
        for participant in event.participants:
            if participant not in entities:
                raise ContentError(path, line, f"event `{event.id}`: unknown participant `{participant}` (add it to content/entities.yaml)")
