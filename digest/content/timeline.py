"""Load content/timeline.yaml: curated events, validated, errors at the event's line."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from digest.content import yaml_dates
from digest.content.frontmatter import read_yaml_file
from digest.errors import ContentError, unknown_key
from digest.model import Entity, Event
from digest.slugs import is_valid_id
from digest.wellformed import http_url_problem, timezone_problem

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
EVENT_FIELDS = {"id", "date", "time", "timezone", "place", "title", "participants", "description",
                "keywords", "sources"}


def _text_list(value: object, path: Path, line: int, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or any(isinstance(v, (list, dict)) or v is None for v in value):
        raise ContentError(path, line, f"`{key}` must be a list of text")
    return tuple(str(v).strip() for v in value)


def _event(spec: object, path: Path, line: int, key_line=lambda key: None) -> Event:
    if not isinstance(spec, dict):
        raise ContentError(path, line, "each event must be a mapping with at least id, date and title")
    for key in spec:
        if key not in EVENT_FIELDS:
            raise unknown_key(path, key_line(key), "event field", key, EVENT_FIELDS)
    event_id = str(spec.get("id") or "")
    if not is_valid_id(event_id):
        raise ContentError(path, line, f"event id {event_id!r} is missing or not a safe slug")
    if not spec.get("title"):
        raise ContentError(path, line, f"event `{event_id}` has no title")
    try:
        day = yaml_dates.to_date(spec.get("date"))
    except ValueError:
        raise ContentError(path, line,
                           f"event `{event_id}`: `date` must be an ISO date, got {spec.get('date')!r}") from None
    time = spec.get("time")
    if time is not None and not _TIME.match(str(time)):
        raise ContentError(path, line, f"event `{event_id}`: `time` must be HH:MM, got {time!r}")
    timezone = _opt(spec.get("timezone"))
    problem = timezone_problem(timezone) if timezone else None
    if problem:
        raise ContentError(path, key_line("timezone") or line,
                           f"event `{event_id}`: `timezone` {problem}, got {timezone!r}")
    for field in ("title", "place", "description"):
        if isinstance(spec.get(field), (list, dict)):
            raise ContentError(path, key_line(field) or line, f"event `{event_id}`: `{field}` must be text")
    sources = _text_list(spec.get("sources"), path, line, "sources")
    for source in sources:
        problem = http_url_problem(source) if source.startswith(("http://", "https://")) else None
        if problem:
            raise ContentError(path, key_line("sources") or line, f"event `{event_id}`: source {source!r} {problem}")
    return Event(
        id=event_id, date=day, title=str(spec["title"]).strip(), place=_opt(spec.get("place")),
        time=str(time) if time is not None else None, timezone=timezone,
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
    doc = read_yaml_file(path)
    for key in doc.data:
        if key != "events":
            raise unknown_key(path, doc.line_of(str(key)), "key", key, ("events",))
    items = doc.data.get("events") or []
    if not isinstance(items, list):
        raise ContentError(path, doc.line_of("events"), "`events` must be a list")
    events: list[Event] = []
    seen: dict[str, int] = {}
    for index, spec in enumerate(items):
        line = doc.line_at("events", index)
        event = _event(spec, path, line, lambda key, index=index: doc.line_at("events", index, key))
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
                raise ContentError(path, line, f"event `{event.id}`: unknown participant `{participant}` "
                                               "(add it to content/entities.yaml)")
