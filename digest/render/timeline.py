"""Timeline outputs: the page, timeline.json and timeline.ics (pure functions of the Site)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from digest import urls, views
from digest.dates import add_days
from digest.model import Event, Site
from digest.render.pages import PageSpec, cards_of
from digest.timeline.days import Day, timeline_of

if TYPE_CHECKING:
    import icalendar

QUOTES_PER_EVENT = 5      # on a day's page; the rest are on the event's own pages
ARTICLES_PER_EVENT = 10   # "Covered by" links on a day's page
LOOSE_QUOTES_PER_DAY = 10  # "Also reported" on a day's page
PUBLISHED_PER_DAY = 20    # "Published this day" on a day's page


def _day_article_ids(day: Day) -> list[str]:
    ids = dict.fromkeys(i for entry in day.events for i in entry.articles)
    ids.update(dict.fromkeys(m.article_id for m in day.also_reported))
    ids.update(dict.fromkeys(a.id for a in day.published))
    return list(ids)


def _day_pages(site: Site, day: Day, previous: dt.date | None, following: dt.date | None) -> list[PageSpec]:
    """A day's page (curated events first, each with its first quotes), and pages of the rest."""
    deps = frozenset({f"day:{day.anchor}", "meta", "events"})
    context = {"day": day, "caps": CAPS, "previous_day": previous, "next_day": following}
    specs = [PageSpec(urls.day(day.date), "day.html", context, deps | cards_of(_day_article_ids(day)))]
    per_page = site.config.per_page
    for entry in day.events:
        if len(entry.mentions) > QUOTES_PER_EVENT or len(entry.articles) > ARTICLES_PER_EVENT:
            specs += _quote_pages(site, day, urls.event_quotes(day.date, entry.event.id), entry.mentions,
                                  deps, {"entry": entry}, cited=entry.event.articles)
    if len(day.also_reported) > LOOSE_QUOTES_PER_DAY:
        specs += _quote_pages(site, day, urls.day_more(day.date, "reported"), day.also_reported,
                              deps, {"entry": None})
    if len(day.published) > PUBLISHED_PER_DAY:
        specs += [PageSpec(pager.url, "timeline-published.html", {"day": day, "pager": pager, "articles": pager.items},
                           deps | cards_of(a.id for a in pager.items))
                  for pager in views.paginate(day.published, per_page, urls.day_more(day.date, "published"))]
    return specs


def _quote_pages(site: Site, day: Day, first_url: str, mentions, deps: frozenset[str], context: dict,
                 cited: tuple[str, ...] = ()) -> list[PageSpec]:
    """Pages of quotes; each depends on the cards of the articles it quotes (and the first on the
    event's cited articles, which it lists): the day's key covers which quotes there are and
    their order, so a busy event's pages do not each depend on thousands of cards."""
    return [PageSpec(pager.url, "timeline-quotes.html",
                     {**context, "day": day, "pager": pager, "mentions": pager.items},
                     deps | cards_of(m.article_id for m in pager.items) | cards_of(cited if pager.number == 1 else ()))
            for pager in views.paginate(mentions, site.config.per_page, first_url)]


CAPS = {"quotes": QUOTES_PER_EVENT, "articles": ARTICLES_PER_EVENT, "loose": LOOSE_QUOTES_PER_DAY,
        "published": PUBLISHED_PER_DAY}


def plan_timeline_pages(site: Site) -> list[PageSpec]:
    """The overview (days, events, counts: small at any size), a page per day, the data files."""
    timeline = timeline_of(site)
    data_deps = frozenset({"timeline", "meta"} | cards_of(a.id for a in site.articles))
    specs = [PageSpec(urls.TIMELINE, "timeline.html", {"timeline": timeline}, frozenset({"timeline", "meta"}))]
    days = timeline.before + timeline.days + timeline.after
    for n, day in enumerate(days):
        specs += _day_pages(site, day, days[n - 1].date if n else None, days[n + 1].date if n + 1 < len(days) else None)
    specs += [
        PageSpec("timeline.json", None, {}, data_deps, produce=timeline_json),
        PageSpec("timeline.ics", None, {}, frozenset({"events", "meta"}), produce=timeline_ics),
    ]
    return specs


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
        "articles": {a.id: {"title": a.title, "url": urls.absolute(site.config.base_url, urls.article(a.id)),
                            "publisher": a.publisher, "date": a.date.isoformat()} for a in site.articles},
        "days": [_day_json(site, d) for d in timeline.before + timeline.days + timeline.after],
    }
    # Compact: 4x smaller, and written at C speed.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _vevent(site: Site, event: Event, stamp: dt.datetime) -> icalendar.Event:
    import icalendar
    uid_host = urlsplit(site.config.base_url).netloc or "news-digest"
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.id}@{uid_host}")
    vevent.add("dtstamp", stamp)
    if event.time:
        start = dt.datetime.combine(event.date, dt.time.fromisoformat(event.time))
        vevent.add("dtstart", start.replace(tzinfo=ZoneInfo(event.timezone)) if event.timezone else start)
    else:
        vevent.add("dtstart", event.date)
        if add_days(event.date, 1) > event.date:  # the last day of the calendar has no day after it
            vevent.add("dtend", add_days(event.date, 1))
    vevent.add("summary", event.title)
    if event.place:
        vevent.add("location", event.place)
    if event.description:
        vevent.add("description", event.description)
    vevent.add("url", urls.absolute(site.config.base_url, urls.event(event.date, event.id)))
    return vevent


def timeline_ics(site: Site, spec: PageSpec) -> bytes:
    """The curated events as an iCalendar file (RFC 5545, with a VTIMEZONE for each zone an
    event's time is in); DTSTAMP derived from content, not the clock."""
    import icalendar  # here: it takes a tenth of a second to import, and most builds reuse timeline.ics
    digest = hashlib.sha256(repr([(e.id, e.date, e.title) for e in site.events]).encode()).hexdigest()
    stamp = dt.datetime.combine(site.config.coverage_end, dt.time(), dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//news-digest//timeline {digest[:8]}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", site.config.title)
    for event in site.events:
        calendar.add_component(_vevent(site, event, stamp))
    timed = [e.date for e in site.events if e.time and e.timezone]
    if timed:  # each zone's rules for the years the timed events span (a year either side)
        calendar.add_missing_timezones(add_days(min(timed), -366), add_days(max(timed), 366))
    return calendar.to_ical()
