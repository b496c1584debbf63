"""Relative dates in news text resolve to the right calendar day, or are not guessed."""
from __future__ import annotations

import datetime as dt

import pytest

from digest.dates import find_mentions, resolve_sentence, split_sentences

SATURDAY = dt.date(2022, 1, 8)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize("index, name", enumerate(WEEKDAYS))
def test_each_weekday_in_the_past(index, name):
    [(_, day)] = resolve_sentence(f"The ministers met on {name} in Geneva.", SATURDAY)
    assert day.strftime("%A") == name and dt.timedelta(0) <= SATURDAY - day < dt.timedelta(days=7)


@pytest.mark.parametrize("index, name", enumerate(WEEKDAYS))
def test_each_weekday_in_the_future(index, name):
    [(_, day)] = resolve_sentence(f"The ministers will meet on {name} in Geneva.", SATURDAY)
    assert day.strftime("%A") == name and dt.timedelta(0) <= day - SATURDAY < dt.timedelta(days=7)


def test_possessive_weekday_of_an_upcoming_meeting():
    [(_, day)] = resolve_sentence("Next is Wednesday's Russia-NATO talks.", dt.date(2022, 1, 10))
    assert day == dt.date(2022, 1, 12)


def test_a_day_earlier_counts_from_the_day_just_named():
    resolved = resolve_sentence("Biden on Friday told reporters that he warned Putin when they spoke a day earlier.",
                                dt.date(2022, 1, 1))
    assert [d for _, d in resolved] == [dt.date(2021, 12, 31), dt.date(2021, 12, 30)]


def test_across_a_month_and_year_boundary():
    [(_, day)] = resolve_sentence("Lavrov said on Friday that Russia would respond.", dt.date(2022, 1, 1))
    assert day == dt.date(2021, 12, 31)


def test_calendar_days_without_a_year_take_the_nearest_year():
    resolved = resolve_sentence("The Geneva talks, set for Jan. 9 and 10, will be led by Sherman.", dt.date(2021, 12, 31))
    assert [d for _, d in resolved] == [dt.date(2022, 1, 9), dt.date(2022, 1, 10)]


@pytest.mark.parametrize("text, expected", [
    ("The council meets on 12 January 2022.", dt.date(2022, 1, 12)),
    ("It was held on January 13.", dt.date(2022, 1, 13)),
    ("Talks resumed yesterday.", dt.date(2022, 1, 9)),
    ("The vote is tomorrow.", dt.date(2022, 1, 11)),
])
def test_other_forms(text, expected):
    [(_, day)] = resolve_sentence(text, dt.date(2022, 1, 10))
    assert day == expected


@pytest.mark.parametrize("text", [
    "Talks will continue next week.",
    "Officials met last month in Vienna.",
    "A day earlier, the ministers had spoken.",   # nothing named before it to count from
    "The Mayday parade was cancelled.",
])
def test_unresolvable_mentions_are_not_guessed(text):
    assert resolve_sentence(text, dt.date(2022, 1, 10)) == []


def test_sentences_do_not_break_at_abbreviations():
    assert split_sentences("The U.S. delegation met on Jan. 10 in Geneva. Talks went on.") == [
        "The U.S. delegation met on Jan. 10 in Geneva.", "Talks went on."]


def test_tense_follows_the_verb_nearest_the_day():
    [mention] = find_mentions("Officials prepare to meet in Switzerland on Monday amid heightened tensions.")
    assert mention.tense == "future"
    [mention] = find_mentions("Russian troops entered Kazakhstan on Thursday after the request.")
    assert mention.tense == "past"
