"""The timeline as data: one entry per day of the coverage window, with events and coverage."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from digest import views
from digest.model import Article, Event, Site, derived_once, derived_or
from digest.timeline.extract import Mention, article_mentions
from digest.timeline.match import event_matcher


@dataclass(frozen=True)
class EventEntry:
    event: Event
    mentions: tuple[Mention, ...]
    articles: tuple[str, ...]       # cited by the curated event or mentioning it, in order

    @property
    def anchor(self) -> str:
        return f"event-{self.event.id}"


@dataclass(frozen=True)
class Day:
    date: dt.date
    events: tuple[EventEntry, ...]
    also_reported: tuple[Mention, ...]
    published: tuple[Article, ...]
    in_window: bool = True

    @property
    def anchor(self) -> str:
        return self.date.isoformat()

    @property
    def quote_count(self) -> int:
        """Dated sentences about this day, matched to an event or not."""
        return sum(len(e.mentions) for e in self.events) + len(self.also_reported)

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.also_reported or self.published)


@dataclass(frozen=True)
class Timeline:
    days: tuple[Day, ...]            # the coverage window, every day
    before: tuple[Day, ...] = ()     # days with events before the window (the run-up)
    after: tuple[Day, ...] = ()
    mentions: tuple[Mention, ...] = field(default=())


def all_mentions(site: Site) -> list[Mention]:
    return [m for article in site.articles for m in article_mentions(article)]


def _day(site: Site, date: dt.date, events: list[Event], mentions: list[Mention],
         published: list[Article], in_window: bool) -> Day:
    attached: dict[str, list[Mention]] = {e.id: [] for e in events}
    loose: list[Mention] = []
    match = event_matcher(events, site.entities)
    for mention in mentions:
        event = match(mention)
        (attached[event.id] if event else loose).append(mention)
    entries = []
    for event in events:
        cited = [a for a in event.articles]
        mentioning = [m.article_id for m in attached[event.id]]
        entries.append(EventEntry(event, tuple(attached[event.id]), tuple(dict.fromkeys(cited + mentioning))))
    return Day(date, tuple(entries), tuple(loose), tuple(published), in_window)


def build_timeline(site: Site) -> Timeline:
    """Every day of the window (empty ones too), plus event days just outside it."""
    mentions = all_mentions(site)
    by_day: dict[dt.date, list[Mention]] = {}
    for mention in mentions:
        by_day.setdefault(mention.date, []).append(mention)
    events_by_day: dict[dt.date, list[Event]] = {}
    for event in site.events:
        events_by_day.setdefault(event.date, []).append(event)
    published = views.articles_by_day(site)
    window = views.coverage_days(site)

    def make(date: dt.date, in_window: bool) -> Day:
        return _day(site, date, events_by_day.get(date, []), by_day.get(date, []),
                    sorted(published.get(date, []), key=lambda a: a.id), in_window)

    outside = sorted(d for d in events_by_day if d < window[0] or d > window[-1])
    return Timeline(
        days=tuple(make(d, True) for d in window),
        before=tuple(make(d, False) for d in outside if d < window[0]),
        after=tuple(make(d, False) for d in outside if d > window[-1]),
        mentions=tuple(mentions),
    )


def article_days(site: Site, article_id: str) -> list[tuple[Day, tuple[EventEntry, ...]]]:
    """The days an article covers (by its mentions), with the events it reports on each."""
    return derived_once(site, "days_by_article", lambda s: days_by_article(timeline_of(s))).get(article_id, [])


def days_by_article(timeline: Timeline) -> dict[str, list[tuple[Day, tuple[EventEntry, ...]]]]:
    """Article id -> its days (linear, not articles x days)."""
    index: dict[str, list[tuple[Day, tuple[EventEntry, ...]]]] = {}
    for day in timeline.before + timeline.days + timeline.after:
        events_of: dict[str, list[EventEntry]] = {m.article_id: [] for m in day.also_reported}
        for entry in day.events:  # in the day's order
            for article_id in dict.fromkeys(entry.articles):
                events_of.setdefault(article_id, []).append(entry)
        for article_id in sorted(events_of):
            index.setdefault(article_id, []).append((day, tuple(events_of[article_id])))
    return index


def timeline_of(site: Site) -> Timeline:
    """The site's timeline: its Derived's (made once after loading), else built now."""
    return derived_or(site, lambda d: d.timeline, build_timeline)
