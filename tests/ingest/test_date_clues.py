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
