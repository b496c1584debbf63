"""The article's language is the language of its text, in any script."""
from __future__ import annotations

import datetime as dt

import pytest

from digest.ingest.metadata import detect_language
from digest.ingest.normalize import Hints, normalize

DAY = dt.date(2022, 1, 14)
TEXTS = {
    "pt": "O governo anunciou nesta sexta-feira um novo pacote de medidas para conter a alta dos preços "
          "dos alimentos, que inclui a redução de impostos sobre produtos da cesta básica.",
    "ja": "政府は金曜日、食料品の価格上昇を抑えるための新たな対策を発表した。生活必需品にかかる税金の引き下げが含まれる。",
    "ar": "أعلنت الحكومة يوم الجمعة عن حزمة جديدة من الإجراءات للحد من ارتفاع أسعار المواد الغذائية.",
    "de": "Die Regierung hat am Freitag ein neues Maßnahmenpaket angekündigt, das den Anstieg der "
          "Lebensmittelpreise bremsen soll, darunter niedrigere Steuern auf Grundnahrungsmittel.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_the_language_of_a_text_is_told_in_its_own_script(code):
    assert detect_language(TEXTS[code]) == code


def test_an_ingested_portuguese_article_says_so():
    text = "\n".join(["Economia", "Governo anuncia pacote contra a alta dos alimentos", (TEXTS["pt"] + "\n") * 3])
    assert normalize(text, Hints(window=(DAY, DAY), today=DAY)).front["language"] == "pt"


def test_a_text_too_short_to_tell_is_english_unless_its_common_words_say_otherwise():
    assert detect_language("Read more") == "en"
    assert detect_language("und der die das ist nicht") == "de"
