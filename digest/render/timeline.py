"""Timeline outputs: the page, timeline.json and timeline.ics (pure functions of the Site)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from digest.model import Site
from digest.render.pages import PageSpec
from digest.timeline.days import Day, timeline_of
from digest import views

TIMELINE_URL = "timeline/index.html"


def _deps(site: Site) -> frozenset[str]:
    return frozenset({"timeline", "meta"} | {f"card:{a.id}" for a in site.articles})


def plan_timeline_pages(site: Site) -> list[PageSpec]:
    deps = _deps(site)
    return [
        PageSpec(TIMELINE_URL, "timeline.html", {"timeline": timeline_of(site)}, deps),
        PageSpec("timeline.json", None, {}, deps, produce=timeline_json),
        PageSpec("timeline.ics", None, {}, frozenset({"events", "meta"}), produce=timeline_ics),
    ]


def _day_json(site: Site, day: Day) -> dict:
    return {
        "date": day.date.isoformat(),
        "weekday": day.date.strftime("%A"),
        "in_coverage": day.in_window,
        "events": [{
            "id": e.event.id, "title": e.event.title, "time": e.event.time, "timezone": e.event.timezone,
            "place": e.event.place, "participants": list(e.event.participants),
            "description": e.event.description, "articles": list(e.articles), "links": list(e.event.links),
            "mentions": [{"article": m.article_id, "sentence": m.sentence, "phrase": m.phrase} for m in e.mentions],
        } for e in day.events],
        "also_reported": [{"article": m.article_id, "sentence": m.sentence, "phrase": m.phrase}
                          for m in day.also_reported],
        "published": [a.id for a in day.published],
    }


def timeline_json(site: Site, spec: PageSpec) -> bytes:
    """The timeline as data for other tools: days, events, mentions, article ids and URLs."""
    timeline = timeline_of(site)
    data = {
        "version": 1,
        "title": site.config.title,
        "coverage": {"start": site.config.coverage_start.isoformat(), "end": site.config.coverage_end.isoformat()},
        "articles": {a.id: {"title": a.title, "url": site.config.base_url + views.article_url(a.id),
                            "publisher": a.publisher, "date": a.date.isoformat()} for a in site.articles},
        "days": [_day_json(site, d) for d in timeline.before + timeline.days + timeline.after],
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")  # compact: 4x smaller, C-speed


def _ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """RFC 5545 line folding at 75 octets, never splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _event_lines(site: Site, event, stamp: str) -> list[str]:
    uid_host = site.config.base_url.split("//", 1)[-1].split("/", 1)[0] or "news-digest"
    lines = ["BEGIN:VEVENT", f"UID:{event.id}@{uid_host}", f"DTSTAMP:{stamp}"]
    if event.time and event.timezone:
        start = dt.datetime.combine(event.date, dt.time.fromisoformat(event.time))
        lines.append(f"DTSTART;TZID={event.timezone}:{start.strftime('%Y%m%dT%H%M%S')}")
    elif event.time:
        start = dt.datetime.combine(event.date, dt.time.fromisoformat(event.time))
        lines.append(f"DTSTART:{start.strftime('%Y%m%dT%H%M%S')}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{event.date.strftime('%Y%m%d')}")
        lines.append(f"DTEND;VALUE=DATE:{(event.date + dt.timedelta(days=1)).strftime('%Y%m%d')}")
    lines.append(f"SUMMARY:{_ics_escape(event.title)}")
    if event.place:
        lines.append(f"LOCATION:{_ics_escape(event.place)}")
    if event.description:
        lines.append(f"DESCRIPTION:{_ics_escape(event.description)}")
    lines.append(f"URL:{site.config.base_url}{TIMELINE_URL.replace('index.html', '')}#{event.date.isoformat()}")
    lines.append("END:VEVENT")
    return lines


def timeline_ics(site: Site, spec: PageSpec) -> bytes:
    """The curated events as an iCalendar file; DTSTAMP derived from content, not the clock."""
    digest = hashlib.sha256(repr([(e.id, e.date, e.title) for e in site.events]).encode()).hexdigest()
    stamp = site.config.coverage_end.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//news-digest//timeline {digest[:8]}//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ics_escape(site.config.title)}"]
    for event in site.events:
        lines += _event_lines(site, event, stamp)
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
