"""The title is the headline as printed, without what a scrape glued onto its line."""
from __future__ import annotations

import datetime as dt

from digest.ingest.normalize import Hints, normalize
from digest.ingest.title import window_rows

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


def test_a_short_headline_keeps_apart_from_the_lowercase_line_under_it():
    # Undoing hard wraps joins a lowercase line onto the line above it; under a short headline
    # that line is a byline, a date or a button, not the rest of the headline.
    assert title_of("Neuer Intendant beim MDR gewählt\nvon eseppelt") == "Neuer Intendant beim MDR gewählt"
    assert title_of("Intendanten-Wechsel beim MDR\nmerken") == "Intendanten-Wechsel beim MDR"
    assert title_of("Intendanten-Wechsel beim MDR\ndienstag, 31. Oktober 2023") == "Intendanten-Wechsel beim MDR"


def test_a_long_headline_wrapped_in_two_lines_is_read_whole():
    headline = ("Rundfunkrat des Mitteldeutschen Rundfunks wählt nach zwei Wahlgängen einen neuen\n"
                "Intendanten für die kommenden sechs Jahre")
    wrapped = headline.replace("\nIntendanten", "\nden Intendanten")
    assert title_of(wrapped) == wrapped.replace("\n", " ")


def test_a_crumb_mark_before_the_headline_is_dropped_and_a_quote_mark_kept():
    assert title_of("› Neuer Intendant beim MDR gewählt") == "Neuer Intendant beim MDR gewählt"
    assert title_of("> Neuer Intendant beim MDR gewählt") == "Neuer Intendant beim MDR gewählt"
    assert title_of("»Wir wählen einen neuen Intendanten«") == "»Wir wählen einen neuen Intendanten«"


def test_a_link_to_the_previous_or_next_post_is_not_a_headline_candidate():
    lines = ["← Der alte Intendant verabschiedet sich", "Neuer Intendant beim MDR gewählt",
             "Nächster Beitrag: Programmreform beginnt →", "« Ältere Beiträge"]
    window = [(n, text, 0.1) for n, text in enumerate(lines, 1)] + [(5, STORY, 0.9)]
    rows = window_rows(window, 4, STORY, STORY, {})
    assert [number for number, _ in rows] == [2, 5]
