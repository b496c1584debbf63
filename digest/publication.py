"""What is published: drafts and scheduled articles stay out of a published build.

One rule for every page, listing, feed, sitemap line, search entry and timeline day, because it
is applied to the Site itself, before anything is planned: an article that is not published is
not in `site.articles`, and the events citing it cite it no more. A preview (`serve`) or
`build --drafts` keeps such articles, and `site.held` names them with the badge they show.

An article is published once it is not a draft and its publication moment has come: its
`publish_date`, else the time of its `date` (midnight of that day), in the site's timezone.
An article the ingest marked `review: needed` is published with an "Unreviewed" label, unless
site.yaml says `unreviewed: exclude` (then it is held like a draft until `review: done`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.model import Article, Site


@dataclass(frozen=True)
class PublishRules:
    """Which articles a build shows: `include_unpublished` for previews; `now` for the schedule
    (None: the current time)."""

    include_unpublished: bool = False
    now: dt.datetime | None = None

    def moment(self) -> dt.datetime:
        return self.now if self.now is not None else dt.datetime.now(dt.UTC)


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def publication_moment(article: Article, timezone: str) -> dt.datetime:
    """When the article goes public: `publish_date`, else its dated time, else midnight of its date."""
    stamp = article.publish_date or article.published or dt.datetime.combine(article.date, dt.time())
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=_zone(timezone))


def hold_reason(article: Article, now: dt.datetime, timezone: str, exclude_unreviewed: bool = False) -> str | None:
    """Why the article is not published at `now` (the badge a preview shows), or None."""
    if article.draft:
        return "Draft"
    if article.review_reasons and exclude_unreviewed:
        return "Unreviewed"
    moment = publication_moment(article, timezone)
    if moment > now:
        when = moment.date().isoformat() if moment.timetz().replace(tzinfo=None) == dt.time() else \
            moment.strftime("%Y-%m-%d %H:%M %Z").strip()
        return f"Scheduled for {when}"
    return None


def next_publication(site: Site, now: dt.datetime) -> dt.datetime | None:
    """The earliest moment after `now` at which a scheduled (not draft) article goes public."""
    moments = [m for a in site.articles if not a.draft and (m := publication_moment(a, site.config.timezone)) > now]
    return min(moments, default=None)


def select_published(site: Site, rules: PublishRules) -> Site:
    """The site as `rules` publish it: unpublished articles removed (or kept and marked in `held`)."""
    now = rules.moment()
    reasons = {a.id: reason for a in site.articles
               if (reason := hold_reason(a, now, site.config.timezone, site.config.unreviewed == "exclude"))
               is not None}
    site = dataclasses.replace(site, next_publication=next_publication(site, now))
    if rules.include_unpublished or not reasons:
        return dataclasses.replace(site, held=reasons if rules.include_unpublished else {})
    articles = tuple(a for a in site.articles if a.id not in reasons)
    events = tuple(_without_citations(e, reasons) for e in site.events)
    raw_texts = {k: v for k, v in site.raw_texts.items() if k not in reasons}
    return dataclasses.replace(site, articles=articles, events=events, raw_texts=raw_texts, held={})


def _without_citations(event, unpublished: dict[str, str]):
    if not any(i in unpublished for i in event.articles):
        return event
    return dataclasses.replace(event, articles=tuple(i for i in event.articles if i not in unpublished))

