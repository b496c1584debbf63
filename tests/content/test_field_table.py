"""The field table (model.Article) is the one list of front-matter fields: validation, the
ingest's field order and the schema document all follow it."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from digest.content import parsed, schema, schema_doc
from digest.content.load import load_site
from digest.errors import ErrorList
from digest.ingest import merge
from digest.model import FRONT, Article, front_matter_fields
from tests.conftest import write_article

DIGEST = Path(__file__).resolve().parents[2] / "digest"


def test_the_schema_document_lists_the_fields_of_the_table():
    text = schema_doc.DOC.read_text(encoding="utf-8")
    assert schema_doc.with_block(text) == text, "run `python -m digest.content.schema_doc`"
    for _, spec in front_matter_fields():
        assert f"\n{spec.key}:" in schema_doc.article_block()


def test_validation_the_ingest_order_and_the_known_keys_come_from_the_table():
    keys = [key for _, spec in front_matter_fields() for key in (spec.key, *spec.companions)]
    assert merge.FIELD_ORDER == tuple(keys)
    assert schema.KNOWN_FIELDS == set(keys) | {"authors"}
    assert schema.REQUIRED_FIELDS == ("title", "date", "publisher")
    assert {spec.kind for _, spec in front_matter_fields()} <= set(schema.VALIDATORS)


def test_every_article_attribute_is_front_matter_or_given_by_the_file():
    from_file = {"body_utf8", "source_path", "body_line", "published", "content_hash"}
    for item in dataclasses.fields(Article):
        assert (FRONT in item.metadata) != (item.name in from_file), item.name


@pytest.mark.parametrize("front, line, message", [
    ("date_confidence: sure", 5, "`date_confidence` must be one of high, medium, low; got 'sure'"),
    ("draft: maybe", 5, "`draft` must be true or false, got 'maybe'"),
    ("publish_date: soon", 5, "`publish_date` must be an ISO date like 2031-01-10"),
    ("entities: [Not An Id]", 5, "`entities`: 'Not An Id' is not an entity id"),
    ("corrections:\n  - {date: someday, text: x}", 5, "correction date 'someday' is not an ISO date"),
    ("url: ftp://x", 5, "`url` must be an http(s) address"),
])
def test_a_bad_value_is_reported_at_its_line(empty_project: Path, front: str, line: int, message: str):
    path = write_article(empty_project, "2022-01-10-x",
                         f"title: T\ndate: 2022-01-10\npublisher: P\n{front}")
    with pytest.raises(ErrorList) as caught:
        load_site(empty_project / "content")
    (error,) = [str(e) for e in caught.value.errors]
    assert error.startswith(f"{path}:{line}: {message}")


def test_dates_are_read_alike_in_every_field(empty_project: Path):
    write_article(empty_project, "2022-01-10-x", "title: T\ndate: '2022-01-10'\npublisher: P\n"
                  "publish_date: 2022-01-10\ncorrections:\n  - {date: '2022-01-12', text: Fixed.}")
    (article,) = load_site(empty_project / "content").articles
    assert str(article.date) == "2022-01-10" and article.published is None
    assert str(article.publish_date) == "2022-01-10 00:00:00"
    assert str(article.corrections[0].date) == "2022-01-12"


def _digest_imports(relative: str) -> set[str]:
    """The digest modules a module imports, as paths under digest/."""
    tree = ast.parse((DIGEST / relative).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digest"):
            names = [node.module] if node.module != "digest" else [f"digest.{a.name}" for a in node.names]
            for name in names:
                path = name.removeprefix("digest.").replace(".", "/")
                for alias in node.names:
                    if (DIGEST / path / f"{alias.name}.py").exists():
                        found.add(f"{path}/{alias.name}.py")
                if (DIGEST / f"{path}.py").exists():
                    found.add(f"{path}.py")
    return found


def test_the_parsed_cache_is_keyed_by_all_the_code_that_parses():
    """A stricter id rule (slugs.py) or date rule must invalidate cached articles too."""
    not_parsing = {"errors.py", "cache_file.py"}  # messages and the cache's own file format
    for module in parsed.PARSING_CODE:
        missing = _digest_imports(module) - set(parsed.PARSING_CODE) - not_parsing
        assert not missing, f"{module} imports {missing}, which parsed.PARSING_CODE does not list"
    assert "slugs.py" in parsed.PARSING_CODE
