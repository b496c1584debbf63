"""Bad front matter is reported as `path:line: message`, and the build fails clearly."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from digest.content.frontmatter import MAX_YAML_NODES, load_yaml_mapping
from digest.content.load import LoadReport, load_site
from digest.errors import ContentError, ErrorList
from tests.conftest import write_article

GOOD = """title: A good article
date: 2022-01-10
date_source: explicit
publisher: Example Times"""


def errors_for(project: Path) -> list[str]:
    with pytest.raises(ErrorList) as caught:
        load_site(project / "content")
    return [str(e) for e in caught.value.errors]


def test_missing_title_names_file(empty_project: Path):
    path = write_article(empty_project, "2022-01-10-x", "date: 2022-01-10\npublisher: P")
    assert errors_for(empty_project) == [f"{path}:1: missing required field `title`"]


def test_bad_date_names_the_line_of_the_date(empty_project: Path):
    path = write_article(empty_project, "x", "title: T\npublisher: P\ndate: 10/01/2022")
    assert errors_for(empty_project) == [f"{path}:4: `date` must be an ISO date like 2022-01-10, got '10/01/2022'"]


def test_invalid_yaml_names_the_line(empty_project: Path):
    path = write_article(empty_project, "x", "title: T\ndate: 2022-01-10\npublisher: [unclosed")
    [message] = errors_for(empty_project)
    assert message.startswith(f"{path}:") and "invalid YAML" in message


def test_wrong_type_for_tags(empty_project: Path):
    path = write_article(empty_project, "x", GOOD + "\ntags: {a: 1}")
    assert errors_for(empty_project) == [f"{path}:6: `tags` must be a list of text"]


def test_unknown_field_is_named_with_its_line(empty_project: Path):
    path = write_article(empty_project, "x", GOOD + "\ntitel: typo")
    [message] = errors_for(empty_project)
    assert message.startswith(f"{path}:6: unknown field `titel`")


def test_duplicate_key_is_an_error(empty_project: Path):
    path = write_article(empty_project, "x", GOOD + "\ntitle: again")
    [message] = errors_for(empty_project)
    assert message == f"{path}:6: duplicate key `title` (first on line 2)"


def test_missing_front_matter(empty_project: Path):
    path = empty_project / "content" / "articles" / "x.md"
    path.write_text("Just text\n")
    assert errors_for(empty_project) == [f"{path}:1: missing front matter: the file must start with a `---` line"]


def test_unsafe_slug_is_refused(empty_project: Path):
    path = write_article(empty_project, "x", GOOD + "\nslug: ../../etc")
    [message] = errors_for(empty_project)
    assert message.startswith(f"{path}:6: article id '../../etc' is not a safe slug")


def test_javascript_url_is_refused(empty_project: Path):
    path = write_article(empty_project, "x", GOOD + "\nurl: javascript:alert(1)")
    assert errors_for(empty_project) == [f"{path}:6: `url` must be an http(s) address, got 'javascript:alert(1)'"]


def test_all_errors_are_reported_in_one_pass(empty_project: Path):
    write_article(empty_project, "a", "date: 2022-01-10\npublisher: P")
    write_article(empty_project, "b", "title: T\npublisher: P\ndate: nope")
    assert len(errors_for(empty_project)) == 2


def test_skip_invalid_keeps_the_good_articles_and_says_which_were_skipped(empty_project: Path):
    write_article(empty_project, "good", GOOD)
    bad = write_article(empty_project, "bad", "date: 2022-01-10\npublisher: P")
    report = LoadReport()
    site = load_site(empty_project / "content", skip_invalid=True, report=report)
    assert [a.id for a in site.articles] == ["good"]
    assert report.skipped == [bad]


def test_yaml_tags_cannot_construct_python_objects(empty_project: Path):
    write_article(empty_project, "x", GOOD + "\nsummary: !!python/object/apply:os.system ['echo hi']")
    [message] = errors_for(empty_project)
    assert "YAML tag `!!python/object/apply:os.system` is not allowed" in message


def test_symlink_pointing_outside_the_project_is_refused(empty_project: Path, tmp_path: Path):
    outside = tmp_path / "secret.md"
    outside.write_text("---\n" + GOOD + "\n---\nsecret\n")
    link = empty_project / "content" / "articles" / "link.md"
    link.symlink_to(outside)
    assert errors_for(empty_project) == [f"{link}: points outside the project (symlink?); refusing to read it"]


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n" for previous, name in zip("abcd", "bcde"))


@pytest.mark.parametrize("front", ["tags: [" + "a, " * 25_000 + "]", LAUGHS], ids=["many-nodes", "aliases"])
def test_front_matter_with_too_many_nodes_is_refused_with_or_without_aliases(front: str):
    with pytest.raises(ContentError, match="too large or too deeply aliased"):
        load_yaml_mapping(front, "x.md")


def _nodes(node: yaml.Node) -> int:
    children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else \
        node.value if isinstance(node, yaml.SequenceNode) else []
    return 1 + sum(_nodes(child) for child in children)


@pytest.mark.parametrize("unit", ["a,", "? \n", "-\n", "a:\n", "{a,b}", "{a,b,c,d,e,f,g,h}", "[[]]", "[{}]", "- []\n", "? {}\n"])
def test_a_text_without_aliases_has_fewer_nodes_than_characters(unit: str):
    """The premise that lets load_yaml_mapping skip counting short texts without `*`: the densest
    forms YAML has (empty values, flow collections, bare keys) still take a character per node."""
    body = unit * 200
    text = f"x: [{body}]" if unit.endswith(",") else f"x:\n  {body.replace(chr(10), chr(10) + '  ')}" \
        if "\n" in unit else f"x: [{','.join([unit] * 200)}]"
    nodes = _nodes(yaml.compose(text, Loader=yaml.SafeLoader))
    assert 200 <= nodes <= len(text)


def test_front_matter_just_under_the_size_limit_is_still_read():
    densest = "tags: [" + ",".join("a" * (MAX_YAML_NODES // 5)) + "]"
    assert len(densest) < MAX_YAML_NODES // 2
    assert len(load_yaml_mapping(densest, "x.md").data["tags"]) == MAX_YAML_NODES // 5
