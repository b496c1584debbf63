"""A printed date is the publication day unless the page itself makes it impossible."""
from __future__ import annotations

import datetime as dt

from digest.ingest.normalize import Hints, normalize

TODAY = dt.date(2026, 12, 1)
OPENING = ("Alaska Airlines has a new date for when it will be a full fledged member of the Oneworld alliance: "
           "March 31, 2021. The carrier was invited to join the alliance in July, and executives said the "
           "benefits for frequent flyers would not change.\n")
FILLER = ("Members will be able to earn and redeem miles across the alliance, the airline said, and "
          "elite members will get lounge access on partner carriers when they travel abroad.\n")


def front(text: str) -> dict:
    return normalize(text, Hints(window=(TODAY, TODAY), today=TODAY)).front


def page(printed: str, *paragraphs: str) -> str:
    return "\n".join(["News", "Alaska Airlines sets new date for full Oneworld membership", "Edward Russell",
                      printed, *paragraphs, FILLER * 3])


def test_one_misread_sentence_does_not_overrule_the_printed_date():
    got = front(page("Oct 13, 2020", OPENING))
    assert got["date"] == dt.date(2020, 10, 13)
    assert got["date_source"] == "explicit"


def test_a_printed_date_that_several_dated_events_contradict_is_rejected():
    later = ("The merger was completed on February 2, 2022, and the first joint flights took off on "
             "May 5, 2022, after regulators had approved the deal.\n")
    got = front(page("Oct 13, 2020", later))
    assert got["date"] != dt.date(2020, 10, 13)
    assert "rejected printed date 2020-10-13" in got["date_evidence"]


def test_a_printed_date_after_the_day_of_ingest_is_rejected():
    got = front(page("Oct 13, 2027", OPENING))
    assert got["date"] != dt.date(2027, 10, 13)
    assert "after the day of ingest" in got["date_evidence"]


SPANISH = ("El Gobierno aprobó este martes el plan de vivienda para los próximos años, que incluye ayudas "
           "para los jóvenes y una nueva ley de alquiler. La oposición criticó que las medidas llegan tarde "
           "y que no resolverán el problema de los precios en las grandes ciudades.\n")


def numeric_page(printed: str, story: str, *more: str) -> str:
    return "\n".join(["Portada", "El Gobierno aprueba el plan de vivienda", printed, story * 3, *more])


def test_a_numeric_date_is_read_day_first_on_a_page_not_in_english():
    assert front(numeric_page("Publicado el 03/05/2022 a las 22h03", SPANISH))["date"] == dt.date(2022, 5, 3)


def test_a_numeric_date_is_read_month_first_on_an_english_page():
    assert front(page("03/05/2022", FILLER))["date"] == dt.date(2022, 3, 5)


def test_another_numeric_date_on_the_page_tells_the_order():
    assert front(page("03/05/2022", FILLER, "Comments", "25/04/2022 reader wrote:"))["date"] == dt.date(2022, 5, 3)
