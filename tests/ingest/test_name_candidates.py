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
