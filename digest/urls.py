"""The one URL authority: where every page of the site lives, as a path and as an absolute URL.

A page's **path** is relative to the site root and always names a file
(`articles/x/index.html`), so links work from `file://` too. It is also where the page is
written under `site/`. A page links another as `{{ root }}{{ urls.article(a.id) }}`: `root`
(`relative_root(path)`) climbs back from the linking page to the site root.

A page's **absolute URL** (feeds, sitemap, canonical and Open Graph links, JSON-LD,
`timeline.json`, `timeline.ics`) is `absolute(base_url, path)`: `base_url` + the path with a
trailing `index.html` cut, the form servers answer for a folder (`https://x.org/articles/x/`).
Nothing else may join `base_url` to a path, so every output names a page the same way.

Adding a kind of page (an author page, `tags/x/page/2/`, a day of the timeline):

1. write one function here that takes the page's key (an id, a slug already made safe with
   `digest.slugs`, a page number) and returns its path, ending in `index.html` for an HTML page;
2. plan the page at that path (`PageSpec(urls.author(slug), ...)`) and link it from templates
   with `{{ root }}{{ urls.author(slug) }}`;
3. its absolute URL is then `absolute(config.base_url, urls.author(slug))`, as for every page.
"""
from __future__ import annotations

import datetime as dt

from digest.slugs import slugify

INDEX = "index.html"
HOME = "index.html"
ARCHIVE = "articles/index.html"
TIMELINE = "timeline/index.html"
SEARCH = "search/index.html"
ABOUT = "about/index.html"
NOT_FOUND = "404.html"
OFFLINE = "offline.html"  # what the service worker shows for a page it has not kept

# Listing pages: a folder per kind of group, a page per group in it.
GROUP_FOLDERS = {"tag": "tags", "source": "sources", "entity": "entities", "author": "authors"}
# Feeds: the site's at the root, a group's in its folder, in each form.
FEED_FILES = {"atom": "feed.xml", "json": "feed.json"}


def article(article_id: str) -> str:
    return f"articles/{article_id}/index.html"


def article_file(article_id: str, name: str) -> str:
    """A file in an article's folder (its images: `images/x-480.jpg`)."""
    return f"articles/{article_id}/{name}"


def audit(article_id: str) -> str:
    """The page that shows how an article's raw text was cleaned."""
    return f"articles/{article_id}/source/index.html"


def group(kind: str, slug: str) -> str:
    """The listing page of one tag, source, entity or author (`kind` is a key of GROUP_FOLDERS)."""
    return f"{GROUP_FOLDERS[kind]}/{slug}/index.html"


def groups(kind: str) -> str:
    """The page listing every group of a kind (`tags/index.html`)."""
    return f"{GROUP_FOLDERS[kind]}/index.html"


def group_feed(kind: str, slug: str, form: str) -> str:
    """A group's own feed: `form` is "atom" (feed.xml) or "json" (feed.json)."""
    return f"{GROUP_FOLDERS[kind]}/{slug}/{FEED_FILES[form]}"


def feed(form: str) -> str:
    """The site's feed in `form` ("atom" or "json")."""
    return FEED_FILES[form]


def tag_slug(tag: str) -> str:
    return slugify(tag)


def tag(name: str) -> str:
    """The page of a tag as articles write it ("NATO" and "nato" share one page)."""
    return group("tag", tag_slug(name))


def source(slug: str) -> str:
    """The page of a source, by its slug (`views.source_slug(site, publisher)`)."""
    return group("source", slug)


def entity(entity_id: str) -> str:
    return group("entity", entity_id)


def author(slug: str) -> str:
    """The page of an author, by its slug (`views.author_slug(name)`)."""
    return group("author", slug)


def day(date: dt.date) -> str:
    """The timeline page of one day."""
    return f"timeline/{date.isoformat()}/index.html"


def event(date: dt.date, event_id: str) -> str:
    """An event where its day's page shows it (a path with a fragment)."""
    return f"{day(date)}#event-{event_id}"


def event_quotes(date: dt.date, event_id: str) -> str:
    """Every quote reporting an event (its day page shows the first few)."""
    return f"timeline/{date.isoformat()}/events/{event_id}/index.html"


def day_more(date: dt.date, what: str) -> str:
    """Everything of one kind on a day ("reported": sentences matching no event, "published")."""
    return f"timeline/{date.isoformat()}/{what}/index.html"


def page(first: str, number: int) -> str:
    """Page `number` of the listing whose first page is `first`: ".../index.html" for page 1,
    ".../page/<n>/index.html" after it (stable: page 2 is always page 2)."""
    if number == 1:
        return first
    return f"{first.removesuffix(INDEX)}page/{number}/index.html"


def relative_root(path: str) -> str:
    """The relative path from a page back to the site root ("", "../", "../../")."""
    return "../" * path.count("/")


def absolute(base_url: str, path: str) -> str:
    """The absolute URL of a page or file: a folder's index page ends in '/' as served (a
    fragment is kept: `timeline/2022-01-10/#event-x`)."""
    path, hash_, fragment = path.partition("#")
    return base_url + path.removesuffix(INDEX) + hash_ + fragment
