"""Syndicated copies (`duplicates`): one card per story in listings and feeds, "also from", own pages."""
from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path

from digest.output.run import Builder, BuildOptions, build_site
from digest.project import Project
from tests.conftest import write_article
from tests.feed_checks import ATOM, atom_problems
from tests.output.test_incremental import snapshot


def add_story(project: Path) -> None:
    common = "tags: [geneva]\nentities: []\nsummary: Talks in Geneva."
    write_article(project, "2022-01-10-wire", f"title: Wire story\ndate: 2022-01-10\npublisher: Wire Agency\n{common}")
    write_article(project, "2022-01-11-copy-one", f"title: Copy one\ndate: 2022-01-11\npublisher: Daily One\n{common}\n"
                  "duplicates: [2022-01-10-wire]")
    write_article(project, "2022-01-11-copy-two", f"title: Copy two\ndate: 2022-01-11\npublisher: Daily Two\n{common}\n"
                  "duplicates: [2022-01-11-copy-one]")
    write_article(project, "2022-01-12-other", "title: Other story\ndate: 2022-01-12\npublisher: Daily One\n"
                  "tags: [geneva]")


def card_titles(html: str) -> list[str]:
    return [line.split('">')[-1].split("</a>")[0] for line in html.splitlines() if 'class="card-title"' in line]


def test_copies_of_one_story_are_one_card_with_also_from(empty_project: Path):
    add_story(empty_project)
    build_site(Project(empty_project))
    site = empty_project / "site"
    for listing in ("index.html", "articles/index.html", "tags/geneva/index.html"):
        html = (site / listing).read_text()
        assert card_titles(html) == ["Other story", "Wire story"], listing
        assert "Also from <a href=" in html and ">Daily One</a>, <a href=" in html and ">Daily Two</a>" in html
    for copy in ("2022-01-11-copy-one", "2022-01-11-copy-two"):
        assert (site / "articles" / copy / "index.html").is_file()
    own = (site / "sources" / "daily-two" / "index.html").read_text()
    assert card_titles(own) == ["Copy two"]  # an outlet's page lists its own copy


def test_feeds_have_one_entry_per_story_saying_also_from(empty_project: Path):
    add_story(empty_project)
    build_site(Project(empty_project))
    site = empty_project / "site"
    for feed_path in ("feed.xml", "tags/geneva/feed.xml"):
        data = (site / feed_path).read_bytes()
        assert atom_problems(data) == []
        entries = ET.fromstring(data).findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == ["Other story", "Wire story"]
        assert "Also from Daily One, Daily Two." in ET.tostring(entries[1], encoding="unicode")
    items = json.loads((site / "feed.json").read_text())["items"]
    assert items[1]["_digest"]["also_from"] == ["Daily One", "Daily Two"]


def test_unlinking_a_copy_keeps_incremental_builds_exact(empty_project: Path, tmp_path: Path):
    add_story(empty_project)
    builder = Builder(Project(empty_project))
    builder.build()
    rng = random.Random(3)
    path = empty_project / "content" / "articles" / "2022-01-11-copy-two.md"
    for _ in range(3):
        text = path.read_text()
        path.write_text(text.replace("duplicates: [2022-01-11-copy-one]\n", "") if "duplicates" in text else
                        text.replace("title:", "duplicates: [2022-01-11-copy-one]\ntitle:", 1))
        other = empty_project / "content" / "articles" / "2022-01-10-wire.md"
        other.write_text(other.read_text().replace("publisher: Wire Agency", f"publisher: Wire {rng.randint(1, 9)}"))
        builder.rebuild()
        out = tmp_path / f"fresh-{rng.random()}"
        build_site(Project(empty_project), BuildOptions(output=out, use_cache=False))
        assert snapshot(empty_project / "site") == snapshot(out)
