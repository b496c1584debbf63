"""The quick tests that skip text without a date never skip one that a full scan would find."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.dates import RELATIVE, _mentions_of_kinds, dated_sentences, find_mentions, has_mention_hint, split_sentences
from digest.timeline.extract import _extract

# Pieces that make (and nearly make) every kind of date expression, in any case, with any spacing.
PIECES = st.sampled_from([
    "Monday", "monday", "MONDAY", "Tuesday's", "Sunday", "Jan.", "January", "jan", "SEPT", "Sept.", "sep",
    "May", "may", "March", "march", "Dec", "9", "10", "31", "1st", "22nd", "3rd", "9th", "of", "and", "to",
    "-", "–", "&", ",", "2022", "met", "will", "the", "day", "days", "previous", "next", "following",
    "earlier", "later", "before", "after", "a", "Today", "TONIGHT", "tomorrow", "Yesterday", "holiday",
    "decision", "mayor", "U.S.", "Dr.", "No.", ".", "!", "?", "“", "”", "\"", "(", ")", "\u0669", "\uff19",
    *(phrase.upper() for phrase in RELATIVE), *RELATIVE,
])
SPACES = st.sampled_from([" ", " ", " ", "", "  ", "\n", "\n\n", "\t", ". ", ".\n\n"])
TEXTS = st.lists(st.tuples(PIECES, SPACES), max_size=30).map(lambda parts: "".join(p + s for p, s in parts))


def full_scan(sentence: str) -> list:
    """Every kind of expression looked for everywhere: the definition the hints must agree with."""
    return _mentions_of_kinds(sentence, weekday=True, relative=True, calendar=True)


def _mentions_by_splitting_everything(text: str) -> list:
    return [full_scan(sentence) for sentence in split_sentences(text) if full_scan(sentence)]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_hints_never_miss_a_mention(text):
    for sentence in split_sentences(text):
        assert find_mentions(sentence) == full_scan(sentence)
        if full_scan(sentence):
            assert has_mention_hint(sentence), sentence
    if _mentions_by_splitting_everything(text):
        assert has_mention_hint(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_dated_sentences_keep_every_sentence_with_a_mention(text):
    assert [find_mentions(s) for s in dated_sentences(text)
            if find_mentions(s)] == _mentions_by_splitting_everything(text)


def test_text_without_a_day_is_skipped_whole():
    text = "The mayor's decision in March was final.\n\nHe spoke for days about the holiday."
    assert not has_mention_hint(text) and dated_sentences(text) == []


def test_the_timeline_finds_the_same_mentions_in_paragraphs_and_lists():
    body = ("Talks opened on Monday in Geneva.\n\nThe weather was cold.\n\n- Russia met NATO on Jan. 12\n"
            "- The OSCE met a day later\n\n> “We will meet again tomorrow,” he said.")
    found = [(m.date, m.phrase) for m in _extract("a", dt.date(2022, 1, 11), body)]
    assert found == [(dt.date(2022, 1, 10), "Monday"), (dt.date(2022, 1, 12), "Jan. 12"),
                     (dt.date(2022, 1, 12), "tomorrow"), (dt.date(2022, 1, 13), "a day later")]


def test_days_are_ascii_digits():
    """A day in other digits ("Jan. ٩", fullwidth "９") is no mention: news in English prints 0-9,
    and the hint finds those in a few substring searches."""
    assert [m.day for m in find_mentions("They met on Jan. 9 and Jan. \u0669 and Jan. \uff19.")] == [9]
