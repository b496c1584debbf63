"""The likely source language of machine-translated text, from facts in the text only."""
from __future__ import annotations

import pytest

from digest.ingest.source_language import SourceLanguage, likely_source_language


@pytest.mark.parametrize("text, url, expected", [
    ("The ministry (Минобороны) said the drills were over.", None, SourceLanguage("ru", "untranslated word 'Минобороны'")),
    ("Officials of the Міністерство said so.", None, SourceLanguage("uk", "untranslated word 'Міністерство'")),
    ("The talks went on.", "https://www.kommersant.ru/doc/1", SourceLanguage("ru", "the original is on www.kommersant.ru")),
    ("The minister told TASS on Monday that the talks went on.", None, SourceLanguage("ru", "credits TASS")),
    ("Ukrinform reported that the delegation arrived.", "https://example.com/x", SourceLanguage("uk", "credits Ukrinform")),
])
def test_finds_the_source_language_from_script_domain_or_agency(text, url, expected):
    assert likely_source_language(text, url) == expected


@pytest.mark.parametrize("text, url", [
    ("Officials met in Geneva on Monday and said the talks were useful.", None),
    ("TASS and Xinhua both reported the meeting.", None),  # two languages: no conclusion
    ("The talks went on.", "https://www.example.com/news"),
])
def test_says_nothing_when_the_text_does_not_tell(text, url):
    assert likely_source_language(text, url) is None

