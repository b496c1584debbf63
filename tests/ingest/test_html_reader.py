"""The HTML reader: a saved page's headline and day, weighed source against source."""
from __future__ import annotations

import datetime as dt
import json

from digest.ingest.html import html_to_text
from digest.ingest.normalize import Hints, normalize

STORY = ("<p>The harbour authority said on Tuesday that the new ferry line would start in the spring, "
         "after two years of planning and a long public consultation with the towns along the coast.</p>"
         "<p>Officials expect some four thousand passengers a day once the timetable is complete, and the "
         "operator has ordered three electric boats from a shipyard in the north of the country.</p>"
         "<p>Residents welcomed the plan but asked for more parking near the quays, which the council "
         "promised to study before the summer season begins next year.</p>")


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article>{body}{STORY}</article></body></html>"


def test_the_printed_headline_confirmed_by_the_metadata_is_the_title():
    html = page('<title>New ferry line for the coast | Harbour News</title>'
                '<meta property="og:title" content="Ferry line to start in spring – Harbour News">',
                "<h1>New ferry line for the coast</h1>")
    _, declared = html_to_text(html)
    assert declared["title"] == "New ferry line for the coast"


def test_the_site_name_is_taken_off_a_declared_title_when_nothing_printed_confirms_one():
    html = page('<title>New ferry line for the coast | Harbour News</title>'
                '<meta property="og:site_name" content="Harbour News">', "")
    _, declared = html_to_text(html)
    assert declared["title"] == "New ferry line for the coast"


def test_a_section_label_inside_the_heading_is_not_part_of_the_title():
    html = page('<meta property="og:title" content="New ferry line for the coast - Harbour News">',
                '<h1><div class="section">Local News |</div><span>New ferry line for the coast</span></h1>')
    _, declared = html_to_text(html)
    assert declared["title"] == "New ferry line for the coast"


def test_the_day_the_json_ld_and_the_meta_tag_agree_on_is_the_date():
    ld = json.dumps({"@type": "NewsArticle", "headline": "New ferry line for the coast",
                     "datePublished": "2021-03-09T08:30:00+01:00"})
    html = page(f'<script type="application/ld+json">{ld}</script>'
                '<meta property="article:published_time" content="2021-03-09T08:30:00+01:00">',
                "<h1>New ferry line for the coast</h1>")
    _, declared = html_to_text(html)
    assert declared["date"] == "2021-03-09"


def test_a_date_the_page_declares_is_kept_even_when_the_text_seems_to_contradict_it():
    text = ("New ferry line for the coast\n" + "The operator said on 4 May 2021 that the boats had been tested. "
            "Passengers will board from the main quay, the harbour authority said in a statement.")
    draft = normalize(text, Hints(declared={"title": "New ferry line for the coast", "date": "2021-03-09"},
                                  today=dt.date(2026, 12, 1)))
    assert draft.front["date"] == dt.date(2021, 3, 9)
    assert draft.front["date_source"] == "explicit"


def test_a_declared_title_is_kept_as_the_page_states_it():
    text = "Analysis: The ferry is late.\nThe operator said the boats had been tested and would sail soon, " \
           "and that passengers would board from the main quay in the spring."
    draft = normalize(text, Hints(declared={"title": "Analysis: The ferry is late."}))
    assert draft.front["title"] == "Analysis: The ferry is late."
