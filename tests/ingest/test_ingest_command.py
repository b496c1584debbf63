"""`build.py ingest`: safe to re-run, keeps hand edits, reports bad input by file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from digest.cli import main
from digest.content.load import load_site
from tests.conftest import FIXTURES, REPO, settings_project

SEED = "002_48e6010674940696.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = settings_project(tmp_path / "p")
    shutil.copy(REPO / "content" / "raw" / SEED, root / "content" / "raw" / SEED)
    shutil.copytree(REPO / "layouts", root / "layouts")
    return root


def ingest(project: Path, *names: str, extra: tuple[str, ...] = ()) -> int:
    paths = [str(project / "content" / "raw" / n) for n in names or (SEED,)]
    return main(["ingest", "--project", str(project), *extra, *paths])


def only_article(project: Path) -> Path:
    [path] = sorted((project / "content" / "articles").glob("*.md"))
    return path


def front_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_ingested_article_loads_as_valid_content(project: Path):
    assert ingest(project) == 0
    (project / "content" / "timeline.yaml").unlink()  # it cites the sample's other articles
    site = load_site(project / "content")
    assert [a.title for a in site.articles] == ["Putin pushes red lines in Kazakhstan and Ukraine"]


def test_reingest_gives_byte_identical_output(project: Path, capsys):
    ingest(project)
    first = only_article(project).read_bytes()
    assert ingest(project) == 0
    assert only_article(project).read_bytes() == first
    assert "unchanged:" in capsys.readouterr().out


def test_hand_edited_field_survives_reingest(project: Path, capsys):
    ingest(project)
    path = only_article(project)
    path.write_text(path.read_text().replace("publisher: Axios", "publisher: Axios Media"))
    assert ingest(project) == 0
    assert front_of(path)["publisher"] == "Axios Media"
    assert "kept hand edits: publisher" in capsys.readouterr().out


def test_hand_edited_body_survives_and_a_backup_is_written(project: Path):
    ingest(project)
    path = only_article(project)
    path.write_text(path.read_text() + "\nAn editor's note added by hand.\n")
    # a change to the generator's output (new raw text) must not clobber the edit
    raw = project / "content" / "raw" / SEED
    raw.write_text(raw.read_text() + "\nA new paragraph appended by the scraper to the raw text here.\n")
    assert ingest(project) == 0
    assert "An editor's note added by hand." in path.read_text()
    assert path.with_name(path.name + ".bak").exists()


def test_untouched_fields_follow_the_new_raw_text(project: Path):
    ingest(project)
    path = only_article(project)
    path.write_text(path.read_text().replace("publisher: Axios", "publisher: Axios Media"))
    raw = project / "content" / "raw" / SEED
    raw.write_text(raw.read_text().replace("Putin pushes red lines", "Putin draws red lines"))
    ingest(project)
    front = front_of(path)
    assert front["title"] == "Putin draws red lines in Kazakhstan and Ukraine"
    assert front["publisher"] == "Axios Media"


def test_force_overwrites_edits_but_keeps_a_backup(project: Path):
    ingest(project)
    path = only_article(project)
    path.write_text(path.read_text().replace("publisher: Axios", "publisher: Axios Media"))
    assert ingest(project, extra=("--force",)) == 0
    assert front_of(path)["publisher"] == "Axios"
    assert "Axios Media" in path.with_name(path.name + ".bak").read_text()


def test_dry_run_writes_nothing(project: Path, capsys):
    assert ingest(project, extra=("--dry-run",)) == 0
    assert not list((project / "content" / "articles").glob("*.md"))
    assert "would-write:" in capsys.readouterr().out


def test_publisher_override(project: Path):
    ingest(project, extra=("--publisher", "Some Other Outlet"))
    assert front_of(only_article(project))["publisher"] == "Some Other Outlet"


def test_sidecar_sets_url_and_date(project: Path):
    (project / "content" / "raw" / SEED.replace(".txt", ".yaml")).write_text(
        "url: https://www.axios.com/putin-red-lines\ndate: 2022-01-10\n")
    ingest(project)
    front = front_of(only_article(project))
    assert front["url"] == "https://www.axios.com/putin-red-lines"
    assert front["date_source"] == "manual"


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\x00\x01\x02binary\x00" * 10, "looks like a binary file"),
    (b"just one line", "no body text left"),
])
def test_bad_input_names_the_file_and_the_rest_goes_on(project: Path, capsys, content: bytes, message: str):
    bad = project / "content" / "raw" / "bad.txt"
    bad.write_bytes(content)
    assert ingest(project, "bad.txt", SEED) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: " in err and message in err
    assert only_article(project).exists()


def test_a_file_with_no_clear_title_is_ingested_and_flagged_for_review(project: Path, capsys):
    raw = project / "content" / "raw" / "untitled.txt"
    raw.write_text("A single long paragraph of news text with no headline above it at all. It leaves the "
                   "ingest nothing it could honestly call a title for this article, so it uses the first "
                   "sentence and asks an editor to look.\n")
    assert ingest(project, "untitled.txt") == 0
    front = front_of(only_article(project))
    assert front["title"] == "A single long paragraph of news text with no headline above it at all"
    assert front["review"] == "needed"
    assert any("no headline" in reason for reason in front["review_reasons"])
    assert "review needed" in capsys.readouterr().out


def test_huge_file_is_refused_quickly(project: Path, capsys):
    bad = project / "content" / "raw" / "huge.txt"
    with open(bad, "wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    assert ingest(project, "huge.txt") == 1
    assert "too large" in capsys.readouterr().err


def test_latin1_file_is_decoded(project: Path):
    raw = project / "content" / "raw" / "latin.txt"
    text = ("Zürich café owners react to the Geneva talks on Monday\n\n" +
            "Café owners in Zürich said on Monday that the talks in Geneva between Russia and the United States "
            "were the main topic of conversation among their customers this week.\n")
    raw.write_bytes(text.encode("latin-1"))
    assert ingest(project, "latin.txt") == 0
    assert "Zürich café owners" in only_article(project).read_text()


def test_saved_html_page_goes_through_the_same_pipeline(project: Path):
    shutil.copy(FIXTURES / "html" / "geneva-talks.html", project / "content" / "raw" / "geneva.html")
    assert ingest(project, "geneva.html") == 0
    front = front_of(only_article(project))
    assert front["title"] == "Geneva talks end without breakthrough"
    assert front["author"] == ["Clara Meier"]
    assert front["publisher"] == "Alpine Herald"
    assert front["url"] == "https://alpineherald.example/world/geneva-talks-end"
    assert str(front["date"]) == "2022-01-10"
    body = only_article(project).read_text()
    assert "Subscribe to our newsletter" not in body
    assert "more than seven hours" in body


def test_near_duplicate_of_an_existing_article_is_recorded(project: Path):
    ingest(project)
    raw = (project / "content" / "raw" / SEED).read_text()
    copy = project / "content" / "raw" / "copy.txt"
    copy.write_text(raw.replace("Putin pushes red lines in Kazakhstan and Ukraine",
                                "Kremlin leader draws red lines over Kazakhstan and Ukraine"))
    ingest(project, "copy.txt")
    newest = [p for p in (project / "content" / "articles").glob("*.md") if "kremlin" in p.name]
    assert front_of(newest[0])["duplicates"] == [only_article_named(project, "putin").stem]


def only_article_named(project: Path, word: str) -> Path:
    return next(p for p in (project / "content" / "articles").glob("*.md") if word in p.name)


def test_reingest_keeps_the_comments_an_editor_wrote_in_the_front_matter(project: Path, capsys):
    ingest(project)
    path = only_article(project)
    text = path.read_text(encoding="utf-8")
    text = text.replace("publisher: Axios\n", "publisher: Axios Media  # checked with the desk, 12 Jan\n")
    text = text.replace("\ntags:", "\n# Tags: keep these in step with the timeline\ntags:", 1)
    front_end = text.index("\n---\n", 4)
    text = text[:front_end] + "\n# Reviewed by M.K." + text[front_end:]
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert ingest(project) == 0
    assert "kept hand edits: publisher" in capsys.readouterr().out  # the file was merged and written again
    again = path.read_text(encoding="utf-8")
    assert "publisher: Axios Media  # checked with the desk, 12 Jan\n" in again
    assert "# Tags: keep these in step with the timeline\ntags:" in again
    assert "# Reviewed by M.K." in again.split("\n---\n", 1)[0]
    assert front_of(path)["publisher"] == "Axios Media" and front_of(path)["tags"]
    (project / "content" / "timeline.yaml").unlink()
    assert load_site(project / "content").articles[0].publisher == "Axios Media"


def test_a_comment_that_would_change_a_value_is_dropped_not_the_value():
    from digest.ingest.editor_text import with_editor_text
    old = "title: A\nsummary: >-\n  one\n  # not a comment inside a folded scalar\n"
    merged = {"title": "B", "summary": "one # not a comment inside a folded scalar"}
    rendered = "title: B\nsummary: 'one # not a comment inside a folded scalar'\n"
    out = with_editor_text(old, yaml.safe_load(old), merged, rendered)
    assert yaml.safe_load(out) == merged and "# not a comment" in out
    # The same mechanism keeps a real comment where it reads back to the same values.
    kept = with_editor_text("# checked\ntitle: A  # by hand\n", {"title": "A"}, {"title": "A", "n": 1},
                            "title: A\nn: 1\n")
    assert kept == "# checked\ntitle: A  # by hand\nn: 1\n"
