"""The fast path of a rebuild: an edit that changes only article bodies.

When every changed file is an existing article whose id, card (what listings show), dated
mentions, raw file and line fates are unchanged, the only pages that can differ are those
depending on `article:<id>`: the last plan's reverse dependency map names them. The new Site
reuses the previous one's Derived (digest/derived.py: nothing in it depends on a body), so the
work is proportional to the edit, not to the site. Anything else returns None: full path.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from digest import derived
from digest.model import Article, Site
from digest.output.graph import card_hash
from digest.render.pages import PageSpec
from digest.timeline.extract import article_mentions


def reverse_dependencies(specs: list[PageSpec]) -> dict[str, list[str]]:
    """dependency key -> URLs of the pages that depend on it."""
    reverse: dict[str, list[str]] = {}
    for spec in specs:
        for key in spec.deps:
            reverse.setdefault(key, []).append(spec.url)
    return reverse


def body_only_edits(site: Site, changed: set[Path], articles_dir: Path, load) -> dict[str, Article] | None:
    """New versions of the edited articles, or None when the edit is more than body text."""
    ids = derived.ids_by_file_name(site)
    folder = articles_dir.resolve()
    replacements: dict[str, Article] = {}
    for path in {Path(p) for p in changed}:
        old = site.article(ids[path.name]) if path.name in ids else None
        if path.suffix != ".md" or old is None or path.parent.resolve() != folder or not path.is_file():
            return None
        path = old.source_path
        new = load(path)
        if new.content_hash == old.content_hash:
            continue
        same = (new.id == old.id and card_hash(new) == card_hash(old) and new.raw == old.raw
                and new.ingest_lines == old.ingest_lines
                and [(m.date, m.sentence) for m in article_mentions(new)] ==
                [(m.date, m.sentence) for m in article_mentions(old)])
        if not same:
            return None
        replacements[new.id] = new
    return replacements


def site_with(site: Site, replacements: dict[str, Article]) -> Site:
    """The same site with some article bodies replaced, keeping what was derived from it."""
    return derived.with_bodies(site, replacements)


def respec(spec: PageSpec, replacements: dict[str, Article]) -> PageSpec:
    """The spec with the new article objects in its context."""
    context = {k: replacements.get(v.id, v) if isinstance(v, Article) else v for k, v in spec.context.items()}
    return dataclasses.replace(spec, context=context)
