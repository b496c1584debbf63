"""Names the ingest does not know are offered as candidates only when they look like names."""
from __future__ import annotations

from digest.ingest.entities import find_entities

TEXT = ("Analysts said a second attempt to become the nominee was likely. Nikki Haley spoke in Des Moines "
        "on Tuesday, and Nikki Haley's aides said the photo was taken under a license.\n"
        "License Photo Jan. 14 (UPI) -- Trump Attempt coverage continued as Ukraine Become Partner.")


def test_capitalized_fragments_of_headlines_and_credits_are_not_names():
    _, unknown = find_entities(TEXT, {}, title="Trump Attempt To Win Iowa Falls Short")
    assert "Nikki Haley" in unknown and "Des Moines" in unknown
    for fragment in ("Trump Attempt", "Ukraine Become", "License Photo Jan", "License Photo", "Win Iowa Falls Short"):
        assert fragment not in unknown


def test_a_title_between_capitalized_words_splits_them_instead_of_gluing_them():
    text = ("Deputy Defence Minister Alexander Fomin led the delegation. Later, Alexander Fomin said "
            "the talks in Brussels were useful, as Foreign Minister Sergei Lavrov had said in Moscow.")
    _, unknown = find_entities(text, {})
    assert "Alexander Fomin" in unknown and "Sergei Lavrov" in unknown
    assert not [name for name in unknown if "Defence Alexander" in name or "Brussels Foreign" in name]
