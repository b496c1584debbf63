"""Words that match a sentence to an event: the quick paths agree with the plain definitions."""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.model import Entity, Event
from digest.timeline.extract import Mention
from digest.timeline.match import MIN_SHARED_WORDS, event_matcher, event_vocabulary, words_of

PIECES = st.sampled_from(["NATO", "nato", "'s", "’s", "s", "'", "’", "-", " ", "Russia", "Geneva's", "talks",
                          "Lavrov’S", "x", "é", ".", "\n", "Sherman", "Ryabkov", "'S", "meet"])
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def _defined_words(text: str) -> set[str]:
    return {w[:-2] if w.endswith(("'s", "’s")) else w for w in re.findall(r"[a-z][a-z’'-]+", text.lower())}


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_words_of_equals_the_definition(text):
    assert words_of(text) == _defined_words(text)


DAY = dt.date(2022, 1, 10)
ENTITIES = {"sergei-ryabkov": Entity("sergei-ryabkov", "Sergei Ryabkov", "person", ("Ryabkov",))}
EVENTS = [
    Event("geneva", DAY, "US-Russia talks in Geneva", place="Geneva", participants=("sergei-ryabkov",),
          keywords=("strategic", "stability")),
    Event("briefing", DAY, "Sherman briefs NATO allies", place="Brussels", keywords=("allies", "briefing")),
    Event("nrc", DAY + dt.timedelta(days=2), "NATO-Russia Council", place="Brussels", keywords=("council",)),
]


def _brute_force(mention: Mention) -> Event | None:
    """The definition: every event of the day scored against the sentence from scratch."""
    scored = [(len(words_of(mention.sentence) & event_vocabulary(e, ENTITIES)), e.id, e)
              for e in EVENTS if e.date == mention.date]
    scored = [s for s in scored if s[0] >= MIN_SHARED_WORDS]
    return max(scored)[2] if scored else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Ryabkov", "Geneva", "talks", "Sherman", "NATO", "allies", "Brussels",
                                 "council", "said", "strategic", "briefs"]), max_size=8).map(" ".join),
       st.sampled_from([DAY, DAY + dt.timedelta(days=2), DAY + dt.timedelta(days=5)]))
def test_a_matcher_made_once_picks_what_the_definition_picks(sentence, day):
    mention = Mention("a", day, sentence, "Monday")
    assert event_matcher(EVENTS, ENTITIES)(mention) == _brute_force(mention)


def test_examples():
    match = event_matcher(EVENTS, ENTITIES)
    assert match(Mention("a", DAY, "Ryabkov said the Geneva talks were hard.", "Monday")).id == "geneva"
    assert match(Mention("a", DAY, "Sherman briefed the allies.", "Monday")).id == "briefing"
    assert match(Mention("a", DAY, "Geneva was cold.", "Monday")) is None  # one shared word is not enough
    assert words_of("Russia’s and NATO's demands") == {"russia", "and", "nato", "demands"}
