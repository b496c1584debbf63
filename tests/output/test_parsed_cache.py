"""The persistent cache of parsed articles: exact, keyed by the file's bytes, never trusted blindly."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import cache_file
from digest.content import schema
from digest.content.frontmatter import split_front_matter
from digest.content.load import load_article, load_site
from digest.content.parsed import ParsedArticles, code_version, decode_article, encode_article
from digest.errors import ContentError
from digest.model import Article
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import REPO, copy_project, write_article
from tests.output.test_incremental import snapshot

RICH_FRONT = """title: "Ünïcode: “quoted” title"
slug: rich-article
date: "2022-01-10T14:05:00+01:00"
date_source: inferred
date_confidence: medium
date_evidence: the text says Monday
publisher: Reuters
subtitle: A subtitle
kicker: Analysis
authors: [A. Writer, B. Writer]
agency: AFP
url: https://example.org/story
language: fr
summary: A summary.
tags: [russia, talks]
entities: []
quality: {machine_translated: likely, rewritten: possible, score: 0.75, evidence: [one, two]}
original_outlet: Other Outlet
corrections:
- {date: 2022-01-11, text: Fixed a name.}
layout: article
ingest: {lines: {3: kept, 4: "removed: promo"}}"""


def cached_copy(article, text: str):
    """What a later process gets back from the cache for the same file."""
    row = json.loads(json.dumps(encode_article(article)))
    return decode_article(row, text, article.source_path, article.content_hash)


def test_every_sample_article_comes_back_from_the_cache_exactly():
    site = load_site(REPO / "content")
    assert site.articles
    for article in site.articles:
        text = article.source_path.read_bytes().decode("utf-8")
        assert cached_copy(article, text) == article


@pytest.mark.parametrize("body", ["Plain body.\n", "", "\ufeffBOM and CRLF\r\nline\r\n", "Ends without newline"])
def test_every_field_type_survives_the_round_trip(tmp_path: Path, body: str):
    path = write_article(tmp_path, "2022-01-10-rich", RICH_FRONT, body)
    article = load_article(path, tmp_path)
    assert article.published is not None and article.published.utcoffset() is not None
    assert article.corrections and article.quality.evidence and article.ingest_lines
    assert cached_copy(article, path.read_bytes().decode("utf-8")) == article


def _with(row: list, name: str, value) -> list:
    """The row with one field's value replaced (a row is the body's length, then the stored fields in order)."""
    stored = [f.name for f in dataclasses.fields(Article) if f.name not in ("body", "source_path", "content_hash")]
    row = list(row)
    row[1 + stored.index(name)] = value
    return row


@pytest.mark.parametrize("tamper", [
    lambda row: row[:-1],                                  # a field missing
    lambda row: [row[0] + 10 ** 6, *row[1:]],             # a body longer than the file
    lambda row: _with(row, "id", 42),                      # an id that is not text
    lambda row: _with(row, "date", "not a date"),
    lambda row: "not a row",
])
def test_an_entry_of_the_wrong_shape_is_not_used(tmp_path: Path, tamper):
    path = write_article(tmp_path, "2022-01-10-rich", RICH_FRONT)
    article = load_article(path, tmp_path)
    assert decode_article(tamper(encode_article(article)), path.read_text(), path, article.content_hash) is None


def _wrong_values(value) -> list:
    """JSON values of another shape than `value`, nested rows included (each item in turn)."""
    wrong = [{"x": 1}, 1.5, True, "text", [], None]
    if isinstance(value, list):
        wrong = [w for w in wrong if w != []] + [[*value[:i], bad, *value[i + 1:]]
                                                    for i, item in enumerate(value) for bad in _wrong_values(item)]
    return [w for w in wrong if type(w) is not type(value)]


def test_no_field_accepts_a_value_of_another_type(tmp_path: Path):
    """Each field, and each item of a list field (tags, corrections, quality...), tampered in turn."""
    path = write_article(tmp_path, "2022-01-10-rich", RICH_FRONT)
    article = load_article(path, tmp_path)
    row, text = encode_article(article), path.read_text()
    assert decode_article(row, text, path, article.content_hash) == article
    tried = 0
    for index in range(1, len(row)):
        if row[index] is None:
            continue  # an empty optional field: it may hold text, a date...
        for bad in _wrong_values(row[index]):
            if bad is None:
                continue  # may be valid here (optional fields); nested rows try it below
            tampered = [*row[:index], bad, *row[index + 1:]]
            if isinstance(row[index], float) and isinstance(bad, int) and not isinstance(bad, bool):
                continue
            assert decode_article(tampered, text, path, article.content_hash) is None, (index, bad)
            tried += 1
    assert tried > 80, tried  # nested rows included


def test_a_warm_build_parses_no_unchanged_article(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    expected = snapshot(project / "site")
    (project / "site" / "index.html").unlink()  # something to do, so the build loads everything

    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged article was parsed again")

    monkeypatch.setattr(schema, "article_from_split", no_parsing)
    monkeypatch.setattr("digest.content.load.article_from_split", no_parsing)
    build_site(Project(project))
    assert snapshot(project / "site") == expected


def test_an_edited_or_renamed_file_is_parsed_again(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    articles = project / "content" / "articles"
    first = sorted(articles.glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    extra = write_article(project, "2022-01-12-extra", "title: Extra\ndate: 2022-01-12\npublisher: Reuters")
    build_site(Project(project))
    extra.rename(extra.with_name("2022-01-12-renamed.md"))  # the id comes from the file name
    build_site(Project(project))
    assert (project / "site" / "articles" / "2022-01-12-renamed" / "index.html").exists()
    fresh = tmp_path / "fresh"
    build_site(Project(project), BuildOptions(output=fresh, use_cache=False))
    assert snapshot(project / "site") == snapshot(fresh)


def test_entries_with_valid_json_but_wrong_types_are_replaced(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    expected = snapshot(project / "site")
    cache = project / ".digest-cache" / "articles.json"
    rows = cache_file.load(cache, code_version())
    cache_file.save(cache, code_version(), {key: [row[0], 12345, *row[2:]] for key, row in rows.items()})
    (project / "site" / "index.html").unlink()
    build_site(Project(project))
    assert snapshot(project / "site") == expected
    assert all(isinstance(row[1], str) for row in cache_file.load(cache, code_version()).values())


def test_a_damaged_cache_file_is_not_used(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    cache = project / ".digest-cache" / "articles.json"
    data = bytearray(cache.read_bytes())
    data[-20] = ord("X") if data[-20] != ord("X") else ord("Y")  # one flipped byte in the payload
    cache.write_bytes(bytes(data))
    assert cache_file.load(cache, code_version()) is None
    parsed = []
    real = schema.article_from_split
    monkeypatch.setattr("digest.content.load.article_from_split",
                        lambda *args: parsed.append(args[1]) or real(*args))
    (project / "site" / "index.html").unlink()
    build_site(Project(project))
    assert len(parsed) == len(list((project / "content" / "articles").glob("*.md")))  # all parsed again


def test_the_cache_only_keeps_articles_of_the_site(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    victim = write_article(project, "2022-01-12-extra", "title: Extra\ndate: 2022-01-12\npublisher: Reuters")
    build_site(Project(project))
    victim.unlink()
    build_site(Project(project))
    rows = cache_file.load(project / ".digest-cache" / "articles.json", code_version())
    assert len(rows) == len(list((project / "content" / "articles").glob("*.md")))
    assert not any(key.startswith(victim.name + ":") for key in rows)


def test_no_cache_file_without_a_cache_folder(tmp_path: Path):
    parsed = ParsedArticles(None)
    parsed.save([])  # nothing to write to, nothing raised
    assert parsed.lookup(tmp_path / "x.md", "", "0" * 64) is None


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
optional = st.fixed_dictionaries({}, optional={
    "subtitle": texts, "kicker": texts, "agency": texts, "summary": texts, "original_outlet": texts,
    "date_evidence": texts, "raw": texts, "language": st.sampled_from(["en", "fr", "ru"]),
    "authors": st.lists(texts, max_size=3), "tags": st.lists(texts, max_size=4),
    "duplicates": st.just([]), "date_source": st.sampled_from(["explicit", "inferred", "manual"]),
    "date_confidence": st.sampled_from(["high", "medium", "low"]),
    "url": st.sampled_from(["https://example.org/a", "http://x.test/ü?q=1"]),
    "quality": st.fixed_dictionaries({"machine_translated": st.sampled_from(["none", "possible", "likely"]),
                                      "score": st.floats(allow_nan=True, allow_infinity=True),
                                      "evidence": st.lists(texts, max_size=3)}),
    "corrections": st.lists(st.fixed_dictionaries({"date": st.dates(), "text": texts.filter(str.strip)}),
                            max_size=2),
    "ingest": st.fixed_dictionaries({"lines": st.dictionaries(st.integers(1, 500), texts, max_size=3)}),
})


@settings(max_examples=200, deadline=None)
@given(optional, st.one_of(st.dates(), st.datetimes(timezones=st.just(dt.timezone(dt.timedelta(hours=3))))),
       st.text(max_size=200), st.booleans())
def test_any_accepted_front_matter_comes_back_identical(fields, when, body, bom):
    front = {"title": "T", "publisher": "P", "date": when.isoformat(), **fields}
    text = ("\ufeff" if bom else "") + "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    path = Path("content/articles/2022-01-10-x.md")
    try:
        article = schema.article_from_split(split_front_matter(text, path), path, text)
    except ContentError:
        return
    row = json.loads(json.dumps(encode_article(article)))
    assert repr(decode_article(row, text, path, article.content_hash)) == repr(article)  # repr: NaN == NaN


def test_a_planted_search_entry_never_reaches_the_search_script(tmp_path: Path):
    from digest.output.cache import search_version
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    expected = (project / "site" / "search-index.js").read_bytes()
    cache = project / ".digest-cache" / "search.json"
    rows = cache_file.load(cache, search_version())
    planted = ['{"t":"x"}];alert(1);[{"t":"y"}', '{"t":"</script><script>alert(1)</script>"}', "[1]"]
    cache_file.save(cache, search_version(), [[*row[:3], text] for row, text in zip(rows, planted)])
    (project / "site" / "search-index.js").unlink()
    build_site(Project(project))
    assert (project / "site" / "search-index.js").read_bytes() == expected


def test_odd_rows_in_a_sound_mentions_file_are_skipped_not_fatal(tmp_path: Path):
    from digest.output.cache import mentions_version
    project = copy_project(tmp_path / "p")
    build_site(Project(project))
    expected = (project / "site" / "timeline" / "index.html").read_bytes()
    cache = project / ".digest-cache" / "mentions.json"
    rows = cache_file.load(cache, mentions_version())
    odd = [[["not", "an", "id"], {"h": 1}, "2022-01-10", []], "not a row", [1, 2]]
    cache_file.save(cache, mentions_version(), odd + rows)  # checksum and version are right
    (project / "site" / "timeline" / "index.html").unlink()
    build_site(Project(project))
    assert (project / "site" / "timeline" / "index.html").read_bytes() == expected
