"""The title is the headline as printed, without what a scrape glued onto its line."""
from __future__ import annotations

import datetime as dt

from digest.ingest.normalize import Hints, normalize

DAY = dt.date(2023, 10, 31)
STORY = ("Der Rundfunkrat hat am Dienstag einen neuen Intendanten gewählt, der sein Amt im Frühjahr "
         "antreten soll. Die Wahl fiel im zweiten Wahlgang, nachdem keiner der Kandidaten zunächst eine "
         "Mehrheit erreicht hatte. Der Sender will die Reform seiner Programme fortsetzen.\n")


def title_of(headline: str) -> str:
    text = "\n".join(["Startseite", "Medien", headline, STORY * 3, "Impressum"])
    return normalize(text, Hints(window=(DAY, DAY), today=DAY)).front["title"]


def test_a_byline_and_date_glued_to_the_headline_are_cut_off():
    assert title_of("Neuer Intendant beim MDR gewählt von eseppelt · 31. Oktober 2023") == \
        "Neuer Intendant beim MDR gewählt"
    assert title_of("Broadcaster names its new director general by Jane Miller | 31 October 2023") == \
        "Broadcaster names its new director general"


def test_a_name_after_von_or_by_that_belongs_to_the_headline_stays():
    assert title_of("Zverev zieht ins Viertelfinale von Montpellier ein") == \
        "Zverev zieht ins Viertelfinale von Montpellier ein"
    assert title_of("Die stille Transformation von SportScheck") == "Die stille Transformation von SportScheck"
    assert title_of("Town council outvoted by Greens") == "Town council outvoted by Greens"
