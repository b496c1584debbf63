"""The five real scraped seeds normalize into trustworthy articles."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from digest.ingest.normalize import Draft, normalize
from digest.ingest.pipeline import load_hints
from digest.project import Project
from tests.conftest import REPO

RAW = REPO / "content" / "raw"
EXPECTED = {
    "000_331a739a794b7769.txt": dict(
        title="Ahead of US-Russia meet, Biden administration issues fresh warnings to Kremlin",
        subtitle="Russian troops entered Kazakhstan on Thursday", publisher="The Week", agency="PTI",
        dates=[dt.date(2022, 1, 8), dt.date(2022, 1, 9)], date_source="inferred", author=None),
    "001_e6f8c69188f4d13f.txt": dict(
        title="US and Russia face deep variations forward of Ukraine talks", publisher="Report Wire",
        dates=[dt.date(2021, 12, 31), dt.date(2022, 1, 1)], date_source="inferred", author=None),
    "002_48e6010674940696.txt": dict(
        title="Putin pushes red lines in Kazakhstan and Ukraine", publisher="Axios",
        dates=[dt.date(2022, 1, 10)], date_source="inferred", author=None),
    "003_fbddcc51ea81b340.txt": dict(
        title="Brinken warns Russia against invading", kicker="News Analysis", publisher="Los Angeles Times",
        dates=[dt.date(2022, 1, 9)], date_source="inferred", author=None),
    "004_722b275f6d794c36.txt": dict(
        title="US warns of ‘severe consequences’ for Russia if it invades Ukraine, while Moscow promises ‘no concessions’",
        publisher="Neptune Pine", dates=[dt.date(2022, 1, 9)], date_source="inferred", author=["Douglas Mateo"]),
}
# Lines of each seed that are furniture, by a phrase they contain (checked in the raw file).
FURNITURE = {
    "000_331a739a794b7769.txt": ["Powered by", "Sponsored by", "joe-biden-unga-twitter", "now on Telegram", "Inputs from PTI"],
    "001_e6f8c69188f4d13f.txt": ["September 20, 2024", "Report Wire", "News at Another Perspective", "4 min read"],
    "002_48e6010674940696.txt": ["Axios Markets. Sign up", "Like this story?", "Source link", "Leave a Reply",
                                 "Your email address will not be published"],
    "003_fbddcc51ea81b340.txt": ["?url=https"],
    "004_722b275f6d794c36.txt": ["Douglas holds a position as a content writer"],
}


@pytest.fixture(scope="module")
def drafts() -> dict[str, Draft]:
    hints = load_hints(Project(REPO))
    return {name: normalize((RAW / name).read_text(encoding="utf-8"), hints) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata(name, drafts):
    front, expected = drafts[name].front, EXPECTED[name]
    assert front["title"] == expected["title"]
    assert front["publisher"] == expected["publisher"]
    assert front["date"] in expected["dates"]
    assert front["date_source"] == expected["date_source"]
    assert front.get("author") == expected["author"]
    for key in ("subtitle", "kicker", "agency"):
        if key in expected:
            assert front.get(key) == expected[key]


def _raw_lines(name: str) -> list[str]:
    return (RAW / name).read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_furniture_line_survives(name, drafts):
    draft, lines = drafts[name], _raw_lines(name)
    for phrase in FURNITURE[name]:
        number = next(i for i, line in enumerate(lines, 1) if phrase in line)
        assert number in draft.lines, f"line {number} ({phrase!r}) was kept"
        assert phrase not in draft.body


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _letters(text: str) -> str:
    """Only letters and digits: repairs may add spaces and stops, never drop words."""
    return "".join(_words(text))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_body_paragraph_is_kept_word_for_word(name, drafts):
    """Measure the other side: every raw line not claimed by a rule is in the body, in order."""
    draft, lines = drafts[name], _raw_lines(name)
    body_letters = _letters(draft.body)
    kept = [line for number, line in enumerate(lines, 1) if line.strip() and number not in draft.lines]
    assert kept, "no body"
    for line in kept:
        assert _letters(line) in body_letters, line[:60]
    removed_words = sum(len(_words(lines[n - 1])) for n in draft.lines)
    assert removed_words < 0.25 * sum(len(_words(line)) for line in lines)


def test_scrape_date_after_the_events_is_rejected(drafts):
    draft = drafts["001_e6f8c69188f4d13f.txt"]
    assert draft.front["date"].year != 2024
    assert "rejected printed date 2024-09-20" in draft.front["date_evidence"]


def test_spun_and_translated_texts_are_flagged_with_evidence(drafts):
    spun = drafts["001_e6f8c69188f4d13f.txt"].front["quality"]
    assert spun["rewritten"] == "likely" and spun["evidence"]
    for name in ("002_48e6010674940696.txt", "003_fbddcc51ea81b340.txt"):
        quality = drafts[name].front["quality"]
        assert quality["machine_translated"] == "likely", name
    assert any("Brinken" in e for e in drafts["003_fbddcc51ea81b340.txt"].front["quality"]["evidence"])
    for name in ("000_331a739a794b7769.txt", "004_722b275f6d794c36.txt"):
        quality = drafts[name].front["quality"]
        assert quality["machine_translated"] == "none" and quality["rewritten"] == "none", name


def test_misspelled_name_resolves_to_the_entity(drafts):
    assert "antony-blinken" in drafts["003_fbddcc51ea81b340.txt"].front["entities"]


def test_glued_sentences_are_split(drafts):
    body = drafts["003_fbddcc51ea81b340.txt"].body
    assert "PutinIt" not in body and "Russia.U.S." not in body
    assert "Russia. U.S. Secretary" in body


def test_axios_labels_become_bold_lead_ins_and_bullets_a_list(drafts):
    body = drafts["002_48e6010674940696.txt"].body
    assert "**Between rows:** U.S. officials warn" in body
    assert "\n- He said Russian troops would remain" in body
    assert "•" not in body


def test_quotations_are_preserved_exactly(drafts):
    body = drafts["004_722b275f6d794c36.txt"].body
    assert "“I can’t rule out anything, this is an entirely possible scenario and the Americans… should have no illusions about this,”" in body
