"""Lines that many sites print around their articles ("Lesen Sie auch", "Antworten") are furniture
wherever they stand; the list is learned from the tuning pages (data/common_lines.json)."""
from __future__ import annotations

import datetime as dt

from digest.ingest.normalize import Hints, normalize

DAY = dt.date(2022, 1, 14)
PARAGRAPH = ("Der Gemeinderat hat am Donnerstag den Plan für die neue Wasserversorgung beschlossen, den die "
             "Bürger seit der Dürre von 2018 fordern. Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre "
             "dauern, sagte der Kreisingenieur.\n")


def body_of(*between: str) -> str:
    lines = ["Startseite", "Gemeinderat beschließt neue Wasserversorgung", "13. Januar 2022", PARAGRAPH]
    for line in between:
        lines += [line, PARAGRAPH]
    return normalize("\n".join(lines + ["Impressum"]), Hints(window=(DAY, DAY), today=DAY)).body


def test_a_line_many_sites_print_is_removed_even_between_paragraphs():
    body = body_of("Lesen Sie auch", "Antworten")
    assert "Lesen Sie auch" not in body and "Antworten" not in body


def test_a_heading_that_tuning_pages_have_as_text_is_kept():
    assert "Fazit" in body_of("Fazit")
