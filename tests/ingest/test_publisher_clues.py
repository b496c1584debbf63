"""The publisher is the name a site publishes under, read from the page's own clues."""
from __future__ import annotations

import datetime as dt

from digest.ingest.normalize import Hints, normalize
from digest.ingest.publisher import copyright_names

DAY = dt.date(2022, 1, 14)
STORY = ("Officials met on Thursday to discuss the plan for the county's new water system, which "
         "residents have asked for since the drought of 2018. The commission voted five to two in favour. "
         "Work is expected to begin in the spring, the county engineer said, and to take two years.\n")


def page(menus: list[str], footer: str) -> str:
    return "\n".join([*menus[:2], "County approves water plan after long debate", "By Jane Miller",
                      "January 13, 2022", STORY * 3, *menus[2:], footer])


def test_a_brand_in_the_menus_beats_its_owner_in_the_copyright_line():
    text = page(["Subscribe", "Advertise with The Hutchinson News", "About The Hutchinson News",
                 "The Hutchinson News e-Edition", "Contact us"],
                "© 2022 Gannett Co., Inc. All rights reserved.")
    draft = normalize(text, Hints(window=(DAY, DAY), today=DAY))
    assert draft.front["publisher"] == "The Hutchinson News"


def test_copyright_lines_with_a_dash_after_the_year_and_a_counter_after_the_name():
    assert copyright_names(["© 2020 - Gazeta Standard Online. Te gjitha te drejtat"]) == ["Gazeta Standard Online"]
    assert copyright_names(["© 2000 – 2023 Kyffhäuser Nachrichten 2.6411"]) == ["Kyffhäuser Nachrichten"]
    assert copyright_names(["(c) Channel 4"]) == ["Channel 4"]  # a number that is part of the name stays


def test_a_menu_word_above_the_headline_is_not_taken_for_the_site_name():
    for above in ("Sections", "Menu"):
        text = page(["Subscribe", above, "Advertise with us", "Contact us"], "All rights reserved.")
        assert normalize(text, Hints(window=(DAY, DAY), today=DAY)).front["publisher"] != above


def test_neither_the_byline_nor_the_headline_is_taken_for_the_publisher():
    def publisher(byline_line: str) -> str:
        text = "\n".join(["County approves water plan after long debate", byline_line, "January 13, 2022",
                          STORY * 3, "Contact us", "All rights reserved."])
        return normalize(text, Hints(window=(DAY, DAY), today=DAY)).front["publisher"]

    assert publisher("By Jane Miller and John Roe, Gazette") == "Gazette"
    assert publisher("By Jane Miller | Springfield Gazette") == "Springfield Gazette"
    assert publisher("By Jane Miller and John Roe") == "Unknown publisher"  # not "County", not a person


def test_the_word_copyright_after_the_sign_is_not_part_of_the_name():
    assert copyright_names(["© Copyright 2020 The Spokesman-Review"]) == ["The Spokesman-Review"]
    assert copyright_names(["Copyright © 2019 VentureBeat. All rights reserved."]) == ["VentureBeat"]
    # a name the pattern cannot take (not in Latin capitals) leaves no "Copyright 2011-2019" behind
    assert copyright_names(["© Copyright 2011-2019 ノート100YEN.com."]) == []
