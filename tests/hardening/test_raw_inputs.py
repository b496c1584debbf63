"""Raw files that are not plain UTF-8 prose (issue #18): wide encodings, text with no letters,
markup that breaks the HTML parsers, characters no XML output may hold. Each ends in a draft or
in a clear error naming the file; never a traceback, never an article made of nothing."""
from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from digest.ingest.html import html_to_text
from digest.ingest.normalize import Hints, IngestError, normalize
from digest.ingest.pipeline import ingest_files
from digest.ingest.rawfile import check_raw_bytes, decode_raw
from digest.project import Project
from tests.conftest import REPO, settings_project

SEED = REPO / "content" / "raw" / "002_48e6010674940696.txt"
RUSSIAN = "Переговоры в Женеве продолжались почти восемь часов, сообщили дипломаты.\n" * 12


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(settings_project(tmp_path / "p"))


WIDE = [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)]


@pytest.mark.parametrize("encoding,bom", WIDE)
@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), RUSSIAN], ids=["english", "russian"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(encoding: str, bom: bytes, text: str):
    data = bom + text.encode(encoding)
    check_raw_bytes(data)
    assert decode_raw(data) == text


@pytest.mark.parametrize("encoding,bom", WIDE)
@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), RUSSIAN], ids=["english", "russian"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_recognized(encoding: str, bom: bytes, text: str):
    data = text.encode(encoding)
    check_raw_bytes(data)
    assert decode_raw(data) == text


def test_a_utf16_raw_file_becomes_the_same_article_as_its_utf8_original(project: Project, tmp_path: Path):
    wide = tmp_path / "wide.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + SEED.read_text(encoding="utf-8").encode("utf-16-le"))
    [outcome] = ingest_files([wide], project).outcomes
    assert outcome.path.name == "2022-01-10-putin-pushes-red-lines-in-kazakhstan-and-ukraine.md"
    assert "That is not how countries like Poland" in outcome.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("encode", [
    lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), lambda text: text.encode("utf-32-be"),
    lambda text: text.encode("cp1252")], ids=["utf-16", "utf-32", "cp1252"])
def test_a_raw_file_in_another_encoding_gets_the_audit_page_of_its_utf8_original(project: Project, tmp_path: Path,
                                                                                 encode):
    from digest.output.run import build_site
    text = SEED.read_text(encoding="utf-8").encode("cp1252", "ignore").decode("cp1252")  # curly quotes kept
    pages = {}
    for name, data in (("plain", text.encode("utf-8")), ("other", encode(text))):
        raw = tmp_path / name / f"{name}.txt"
        raw.parent.mkdir()
        raw.write_bytes(data)
        root = tmp_path / f"p-{name}"
        shutil.copytree(REPO / "layouts", root / "layouts")
        (root / "content" / "articles").mkdir(parents=True)
        (root / "content" / "site.yaml").write_text("title: Test Digest\nbase_url: https://example.org/\n")
        built = Project(root)
        [outcome] = ingest_files([raw], built).outcomes
        build_site(built)
        [audit] = (built.output / "articles").glob("*/source/index.html")
        pages[name] = audit.read_text(encoding="utf-8").replace(f"{name}.txt", "RAW")
    assert "removed" in pages["other"] and pages["other"] == pages["plain"]


@pytest.mark.parametrize("data", [b"\x00\x01" * 40, b"\x00\x01\x02binary\x00" * 10, bytes(range(256)) * 4])
def test_binary_files_are_still_refused_and_the_message_says_what_to_do_with_wide_text(data: bytes):
    with pytest.raises(IngestError, match="binary file, not text.*UTF-16 or UTF-32"):
        check_raw_bytes(data)


def test_a_byte_order_mark_over_bytes_that_do_not_decode_is_a_clear_error():
    with pytest.raises(IngestError, match="looks like UTF-16 text but byte 2 does not decode; save it as UTF-8"):
        decode_raw(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00")


@pytest.mark.parametrize("text", ["\u0085\n" * 10, ("\u0085 " * 20 + "\n") * 10, "\u0085\u2028" * 30,
                                  " \u0085 \n\u2003\n\u00a0\n\t\n" * 5, "… — …\n" * 20])
def test_a_file_with_no_letter_or_digit_is_refused_not_an_article_titled_with_an_ellipsis(text: str):
    with pytest.raises(IngestError, match="the file has no text"):
        normalize(text, Hints())


def test_a_whitespace_only_raw_file_is_named_in_the_batch_report(project: Project, tmp_path: Path):
    blank = tmp_path / "blank.txt"
    blank.write_text(("\u0085 " * 20 + "\n") * 10, encoding="utf-8")
    report = ingest_files([blank], project)
    assert not report.outcomes
    assert [(f.path, f.reason.split(" (")[0]) for f in report.failures] == [(blank, "the file has no text")]


def test_the_14_byte_svg_page_is_a_clear_error_not_an_assertion_from_the_parser(project: Project, tmp_path: Path):
    page = tmp_path / "tiny.html"
    page.write_text("<svg><meta><v>")
    report = ingest_files([page], project)
    [failure] = report.failures
    assert failure.reason == "no article text found in the HTML page"


def test_a_page_whose_metadata_crashes_the_parser_still_gives_its_text():
    sentence = "The talks in Geneva went on for many hours on Monday, said the officials who were there. "
    text, declared = html_to_text(f"<svg><meta><v><p>{sentence * 5}</p>")
    assert text.startswith(sentence.strip()) and declared == {}


def test_ingest_drops_characters_that_xml_forbids():
    raw = ("Talks end in Geneva\n\nThe ministers \ufffe met on Monday\x01 and talked \uffff for eight hours,"
           " said the diplomats who were there.\nThey meet again \x1b next week in Brussels, both sides said.\n")
    draft = normalize(raw, Hints())
    text = str(draft.front) + draft.body
    assert not any(c in text for c in "\ufffe\uffff\x01\x1b")
    assert "The ministers met on Monday" in draft.body.replace("  ", " ")


@pytest.mark.parametrize("raw", ["content/raw/" + "x" * 300 + ".txt", "content/raw/" + "a/" * 3000 + "b.txt"])
def test_a_raw_path_no_file_system_takes_is_a_warning_not_an_oserror(empty_project: Path, raw: str):
    from digest.output.run import build_site
    from tests.conftest import write_article
    (empty_project / "content" / "raw" / "a").mkdir(parents=True)
    write_article(empty_project, "2022-01-10-a", f"title: A\ndate: 2022-01-10\npublisher: P\nraw: {raw}")
    result = build_site(Project(empty_project))
    [warning] = result.report.warnings
    assert "2022-01-10-a.md: raw file content/raw/" in warning and "cannot be read" in warning
    said = warning.split(": raw file ", 1)[1]  # after the article's path, whose length is the test folder's
    assert len(said) < 150 and warning.endswith("; no audit page")
