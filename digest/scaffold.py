"""Starting points for editors: a new article, a new digest. Pure text; the command writes it.

The texts are made with PyYAML's safe dumper, so any title (quotes, colons, `#`) stays one
string, and each is checked by loading it back through the real validator in the tests.
"""
from __future__ import annotations

import datetime as dt

import yaml

from digest.slugs import slugify

WELCOME_BODY = """\
This digest was just created with `build.py new site`. Replace this article with your own:
`python build.py new article "Your headline"` starts one, `python build.py ingest FILE` cleans
a scraped text into one, and `python build.py serve` previews the site while you edit.
"""

ARTICLE_BODY = "Write the article here, in Markdown.\n"


def _front(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=100) + "---\n"


def article_file_name(title: str, day: dt.date) -> str:
    """`<date>-<slug>.md`, the name the ingest gives articles too."""
    return f"{day.isoformat()}-{slugify(title)}.md"


def new_article(title: str, day: dt.date, publisher: str, draft: bool = True, body: str = ARTICLE_BODY) -> str:
    """An article dated `day` that validates as it is; a draft unless said otherwise."""
    fields = {"title": title, "date": day, "date_source": "manual", "publisher": publisher, "summary": "",
              "tags": [], "draft": draft}
    return _front(fields) + body


def new_site_files(title: str, day: dt.date) -> dict[str, str]:
    """content/ of a minimal digest (settings, empty registries, one published article) by path."""
    settings = {"title": title, "description": "A news digest made with news-digest.",
                "base_url": "https://example.org/", "language": "en",
                "coverage": {"start": day - dt.timedelta(days=6), "end": day}, "timezone": "UTC"}
    return {
        "content/site.yaml": yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
        "content/entities.yaml": "# People, places, organisations: id: {name, kind, aliases}\n{}\n",
        "content/sources.yaml": "# Publishers: id: {name, domain, kind, country, note}\n{}\n",
        "content/timeline.yaml": "# Curated events: see docs/content-schema.md\nevents: []\n",
        "content/articles/" + article_file_name("Welcome", day):
            new_article("Welcome", day, title, draft=False, body=WELCOME_BODY),
    }
