"""Translated articles: `translated_from`, `original_url`, the notice, the page's language."""
from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest

from digest.content.load import load_site
from digest.errors import ErrorList
from digest.output.run import build_site
from digest.project import Project
from tests.conftest import write_article

TRANSLATED = ("title: Lavrov speaks\ndate: 2022-01-12\npublisher: Outlet\ntranslated_from: ru\n"
              "original_url: https://example.ru/news/1\nquality: {machine_translated: likely, evidence: [odd]}")


def page(project: Path, article_id: str) -> str:
    return (project / "site" / "articles" / article_id / "index.html").read_text()


def test_a_machine_translated_article_says_from_which_language_and_links_the_original(empty_project: Path):
    write_article(empty_project, "2022-01-12-lavrov", TRANSLATED)
    build_site(Project(empty_project))
    html = page(empty_project, "2022-01-12-lavrov")
    document = html5lib.parse(html, namespaceHTMLElements=False)
    notice = next(a for a in document.iter("aside") if "notice-machine-translated" in a.get("class", ""))
    text = " ".join("".join(notice.itertext()).split())
    assert "Machine-translated from Russian" in text and "was very probably machine-translated from Russian" in text
    link = next(a for a in notice.iter("a") if a.get("hreflang"))
    assert (link.get("href"), link.get("hreflang"), link.text) == ("https://example.ru/news/1", "ru",
                                                                  "Check the original in Russian")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["translationOfWork"] == {"@type": "NewsArticle", "inLanguage": "ru", "url": "https://example.ru/news/1"}


def test_a_human_translation_gets_its_own_notice(empty_project: Path):
    write_article(empty_project, "2022-01-12-human", "title: H\ndate: 2022-01-12\npublisher: P\ntranslated_from: uk")
    build_site(Project(empty_project))
    assert "This text is a translation from Ukrainian" in page(empty_project, "2022-01-12-human")


def test_the_page_language_is_the_text_language(empty_project: Path):
    write_article(empty_project, "2022-01-12-de", "title: Gespräche\ndate: 2022-01-12\npublisher: P\nlanguage: de")
    build_site(Project(empty_project))
    assert '<html lang="de">' in page(empty_project, "2022-01-12-de")
    assert '<html lang="en">' in (empty_project / "site" / "index.html").read_text()


@pytest.mark.parametrize("front, message", [
    ("translated_from: Russian", "`translated_from` must be a language code like ru or pt-BR, got 'Russian'"),
    ("original_url: ftp://x.ru/1", "`original_url` must be an http(s) address, got 'ftp://x.ru/1'"),
])
def test_bad_translation_fields_are_errors_at_their_line(empty_project: Path, front: str, message: str):
    write_article(empty_project, "2022-01-12-x", f"title: X\ndate: 2022-01-12\npublisher: P\n{front}")
    with pytest.raises(ErrorList) as error:
        load_site(empty_project / "content")
    assert f"2022-01-12-x.md:5: {message}" in str(error.value)
