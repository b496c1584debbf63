"""`feeds:` and `filters:` in content/sources.yaml: read into the Source, errors at the entry's line."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.content.load import load_sources
from digest.errors import ContentError
from digest.model import FeedFilters


def sources(tmp_path: Path, text: str):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return load_sources(path)


def test_feeds_and_filters_are_read_into_the_source(tmp_path):
    found = sources(tmp_path, """\
reuters:
  name: Reuters
  feeds: [https://example.org/world.rss, "https://example.org/feed.json"]
  filters: {keywords: [Geneva, arms control], entities: [nato], languages: [en-GB, fr]}
plain:
  name: Plain
""")
    assert found["reuters"].feeds == ("https://example.org/world.rss", "https://example.org/feed.json")
    assert found["reuters"].filters == FeedFilters(("Geneva", "arms control"), ("nato",), ("en", "fr"))
    assert found["plain"].feeds == () and found["plain"].filters == FeedFilters()


@pytest.mark.parametrize("entry, message", [
    ("  feeds: [file:///etc/passwd]", "feed 'file:///etc/passwd' is not an http(s) URL"),
    ("  feeds: {url: https://example.org/rss}", "`feeds` must be a list of feed URLs"),
    ("  filters: [Geneva]", "`filters` must be a mapping"),
    ("  filters: {keyword: [Geneva]}", "unknown filter `keyword`"),
    ("  filters: {languages: [[en]]}", "`filters.languages` must be a list of text"),
])
def test_a_bad_feed_entry_names_the_file_and_line(tmp_path, entry, message):
    with pytest.raises(ContentError) as caught:
        sources(tmp_path, f"ok:\n  name: Fine\nbad:\n  name: Bad\n{entry}\n")
    assert caught.value.line == 3 and message in caught.value.message
