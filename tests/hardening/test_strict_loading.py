"""Content and settings are read strictly: the schema's types only, every error `path:line:`
(reproductions from issue #18 and the loading items of #19)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digest.content.load import load_entities, load_site, load_sources
from digest.content.settings import load_config
from digest.content.sidecar import load_sidecar
from digest.content.timeline import load_timeline
from digest.errors import ContentError, ErrorList
from digest.output.run import build_site
from digest.project import Project
from tests.conftest import write_article

GOOD = "title: T\ndate: 2022-01-10\npublisher: P"


def article_error(project: Path, front: str) -> str:
    write_article(project, "x", front)
    with pytest.raises(ErrorList) as caught:
        load_site(project / "content")
    [error] = caught.value.errors
    return str(error).replace(str(project / "content/articles/x.md"), "x.md")


@pytest.mark.parametrize("line, expected", [
    ("summary: !!bool maybe", "x.md:5: 'maybe' is not a valid true/false"),
    ("summary: !!timestamp bad", "x.md:5: 'bad' is not a valid date"),
    ("tags: !!set {a, b}", "x.md:5: YAML tag `!!set` is not allowed here"),
    ("summary: !!binary aGVsbG8=", "x.md:5: YAML tag `!!binary` is not allowed here"),
    ("summary: !custom x", "x.md:5: YAML tag `!custom` is not allowed here"),
    ("summary: !!python/name:os.system x", "x.md:5: YAML tag `!!python/name:os.system` is not allowed here"),
    ("quality:\n  score: 0.5\n  score: 0.9", "x.md:7: duplicate key `quality.score` (first on line 6)"),
    ("corrections:\n  - {date: 2022-01-11, text: a, text: b}", "x.md:6: duplicate key `corrections.text`"),
    ("titel: oops", "x.md:5: unknown field `titel` (did you mean `title`?)"),
])
def test_front_matter_outside_the_schema_is_an_error_at_its_line(empty_project: Path, line: str, expected: str):
    assert article_error(empty_project, GOOD + "\n" + line).startswith(expected)


def test_a_yaml_error_is_reported_on_the_line_that_has_it(empty_project: Path):
    message = article_error(empty_project, "title: [unclosed\ndate: 2022-01-10\npublisher: P")
    assert message.startswith("x.md:2: invalid YAML")


def test_control_characters_are_removed_at_load_and_the_feed_stays_well_formed(empty_project: Path):
    write_article(empty_project, "2022-01-10-x", 'title: "Bad\\x01 \\x1b[31mtitle\\uFFFE"\ndate: 2022-01-10\npublisher: P',
                  "Body with \x0b vertical tab and \x1b escape and \ufffe.\n")
    site = load_site(empty_project / "content")
    [article] = site.articles
    assert article.title == "Bad [31mtitle"
    assert "\x0b" not in article.body and "\x1b" not in article.body and "\ufffe" not in article.body
    build_site(Project(empty_project))
    ET.parse(empty_project / "site" / "feed.xml")  # raises if not well-formed


@pytest.mark.parametrize("name", ["site.yaml", "entities.yaml", "sources.yaml", "timeline.yaml"])
def test_a_settings_file_that_is_not_utf8_names_file_and_line(empty_project: Path, name: str):
    path = empty_project / "content" / name
    path.write_bytes(b"# fine\n# still fine\n# caf\xe9\n")
    loader = {"site.yaml": load_config, "entities.yaml": load_entities, "sources.yaml": load_sources,
              "timeline.yaml": load_timeline}[name]
    with pytest.raises(ContentError) as caught:
        loader(path)
    assert str(caught.value).startswith(f"{path}:3: is not valid UTF-8 text")


@pytest.mark.parametrize("text, expected", [
    ("titel: X\n", ":1: unknown setting `titel` (did you mean `title`?)"),
    ("title: X\ncname: \"a\\nb\"\n", ":2: `cname` must be a host name"),
    ("cname: https://news.example.org\n", ":1: `cname` must be a host name"),
    ("base_url: http://\n", ":1: base URL needs a host name"),
    ("base_url: https://exa mple.org/\n", ":1: base URL must not contain spaces"),
    ("language: english please\n", ":1: `language` must be a language tag"),
    ("timezone: Mars/Olympus\n", ":1: `timezone` is not a known time zone"),
    ("timezone: \"Europe/Zurich\\r\\nX: 1\"\n", ":1: `timezone` must be a time zone name"),
    ("coverage:\n  start: 2022-01-01\n  ende: 2022-01-02\n", ":3: unknown `coverage` key `ende` (did you mean `end`?)"),
    ("title: [a]\n", ":1: `title` must be text"),
])
def test_site_settings_are_validated(empty_project: Path, text: str, expected: str):
    path = empty_project / "content" / "site.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}{expected}")


def test_a_good_cname_and_language_are_kept(empty_project: Path):
    path = empty_project / "content" / "site.yaml"
    path.write_text("cname: news.example.org\nlanguage: de-CH\ntimezone: Europe/Zurich\n")
    config = load_config(path)
    assert (config.cname, config.language, config.timezone) == ("news.example.org", "de-CH", "Europe/Zurich")


@pytest.mark.parametrize("text, expected", [
    ("a: {name: [a]}\n", ":1: entity `a`: `name` must be text, got a list"),
    ("a: {name: A, aliases: [null]}\n", ":1: entity `a`: each of `aliases` must be text, got None"),
    ("a:\n  name: A\n  nmae: B\n", ":3: unknown entity field `nmae` (did you mean `name`?)"),
    ("a: {name: A, kind: persn}\n", ":1: entity `a`: kind must be one of"),
    ("a: {name: A, description: Foreign Minister, 2022 chair}\n", ":1: unknown entity field `2022 chair`"),
])
def test_entities_are_strings_where_strings_belong_and_known_keys_only(empty_project: Path, text: str, expected: str):
    path = empty_project / "content" / "entities.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_entities(path)
    assert str(caught.value).startswith(f"{path}{expected}")


def test_an_unknown_key_in_sources_names_its_line(empty_project: Path):
    path = empty_project / "content" / "sources.yaml"
    path.write_text("wire:\n  name: Wire\n  domian: wire.example\n")
    with pytest.raises(ContentError, match=r"sources.yaml:3: unknown source field `domian` \(did you mean `domain`\?\)"):
        load_sources(path)


@pytest.mark.parametrize("text, expected", [
    ("event:\n  - id: a\n", ":1: unknown key `event` (did you mean `events`?)"),
    ("events:\n  - id: a\n    date: 2022-01-10\n    title: A\n    titel: B\n", ":5: unknown event field `titel` (did you mean `title`?)"),
    ("events:\n  - id: a\n    date: 2022-01-10\n    title: A\n    date: 2022-01-11\n", ":5: duplicate key `events.date` (first on line 3)"),
    ("events:\n  - id: a\n    date: 2022-01-10\n    title: A\n    time: '10:00'\n"
     "    timezone: \"Europe/Zurich\\r\\nX-INJECTED:1\"\n", ":6: event `a`: `timezone` must be a time zone name"),
])
def test_timeline_keys_and_values_are_checked_at_their_line(empty_project: Path, text: str, expected: str):
    path = empty_project / "content" / "timeline.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_timeline(path)
    assert str(caught.value).startswith(f"{path}{expected}")


def test_an_unknown_entity_in_an_article_names_the_line_and_the_closest_id(empty_project: Path):
    (empty_project / "content" / "entities.yaml").write_text("joe-biden: {name: Joe Biden}\n")
    message = article_error(empty_project, GOOD + "\nentities:\n  - joe-bidne")
    assert message == "x.md:6: unknown entity 'joe-bidne' (did you mean `joe-biden`?) (add it to content/entities.yaml)"


def test_a_sidecar_author_is_one_name_and_a_bad_date_is_a_clear_error(tmp_path: Path):
    sidecar = tmp_path / "a.yaml"
    sidecar.write_text("author: Jane Doe\ndate: 2022-01-10\n")
    assert load_sidecar(sidecar)["author"] == ["Jane Doe"]
    sidecar.write_text("author: Jane Doe\ndate: 10/01/2022\n")
    with pytest.raises(ContentError, match=r"a.yaml:2: `date` must be an ISO date"):
        load_sidecar(sidecar)
    sidecar.write_bytes(b"publisher: Caf\xe9\n")
    with pytest.raises(ContentError, match=r"a.yaml:1: is not valid UTF-8"):
        load_sidecar(sidecar)
