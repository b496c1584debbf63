"""`build.py fetch` and `build.py ingest URL` end to end: a real project, a real local server, the real ingest."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main
from digest.content.frontmatter import split_front_matter
from tests.conftest import copy_project
from tests.fetch.local_server import LocalServer, Reply
from tests.fetch.recorded import serve_recorded, static

# The local server is on 127.0.0.1, so these runs need --allow-private; no waits, short timeouts.
LOCAL = ["--allow-private", "--delay", "0", "--backoff", "0", "--timeout", "2", "--retries", "1"]


@pytest.fixture
def server():
    with LocalServer() as running:
        serve_recorded(running)
        yield running


@pytest.fixture
def project(tmp_path: Path, server: LocalServer) -> Path:
    root = copy_project(tmp_path / "project")
    with open(root / "content" / "sources.yaml", "a", encoding="utf-8") as sources:
        sources.write(f"""
lakeside-courier:
  name: Lakeside Courier
  domain: 127.0.0.1
  kind: newspaper
  feeds: ["{server.url('/news/rss.xml')}", "{server.url('/broken/rss.xml')}"]
danube-wire:
  name: Danube Wire
  kind: wire
  feeds: ["{server.url('/wire/atom.xml')}"]
""")
    return root


def fetch(project: Path, *extra: str) -> int:
    return main(["fetch", "--project", str(project), *LOCAL, *extra])


def content_snapshot(project: Path) -> dict[str, bytes]:
    folder = project / "content"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article_for(project: Path, raw: Path) -> Path:
    rel = raw.relative_to(project).as_posix()
    [path] = [p for p in (project / "content" / "articles").glob("*.md") if f"raw: {rel}" in p.read_text()]
    return path


def sidecars(project: Path) -> dict[str, dict]:
    return {json.loads(p.read_text())["url"].split("/", 3)[3]: json.loads(p.read_text())
            for p in (project / "content" / "raw").glob("*.fetch.json")}


def test_fetch_ingests_new_items_reports_the_broken_feed_and_says_so_in_its_exit_code(project, server, capsys):
    before = set((project / "content" / "articles").glob("*.md"))
    assert fetch(project) == 1
    out, err = capsys.readouterr()
    assert "error: lakeside-courier: " + server.url("/broken/rss.xml") + ": bad-feed" in err
    assert "\r" not in err  # no progress line when stderr is not a terminal
    new = set((project / "content" / "articles").glob("*.md")) - before
    assert len(new) == 3  # Geneva, NATO council, OSCE; the wire's Geneva story is a copy
    by_url = sidecars(project)
    assert by_url["wire/geneva-talks"]["copy_of"].startswith("2022-01-")
    assert not list((project / "content").rglob(".*.tmp*"))


def test_fetched_article_names_its_source_and_the_address_it_was_read_from(project, server):
    fetch(project)
    by_url = sidecars(project)
    raw = project / "content" / "raw"
    page = next(p for p in raw.glob("*.html") if b"thirty NATO allies" in p.read_bytes())
    front = split_front_matter(article_for(project, page).read_text(), "x").front.data
    assert front["url"] == server.url("/news/nato-council")
    assert front["publisher"] == "Lakeside Courier"
    assert by_url["news/nato-council"]["source"] == "lakeside-courier"


def test_a_second_fetch_only_asks_conditionally_and_writes_nothing(project, server, capsys):
    fetch(project)
    before = content_snapshot(project)
    server.seen.clear()
    assert fetch(project, "--source", "danube-wire") == 0
    out, _ = capsys.readouterr()
    assert content_snapshot(project) == before
    asked = [s for s in server.seen if s.path != "/robots.txt"]
    assert asked and all("if-none-match" in s.headers for s in asked)
    assert "0 new, 0 changed" in out and "0 ingested" in out


def test_a_changed_page_is_ingested_again_without_losing_the_editors_changes(project, server):
    fetch(project, "--source", "danube-wire")
    raw = project / "content" / "raw"
    osce = next(p for p in raw.glob("*.html") if b"OSCE" in p.read_bytes())
    article = article_for(project, osce)
    article.write_text(article.read_text().replace("title: ", "title: Edited by hand - ", 1))
    atom = server.routes["/wire/atom.xml"](type("S", (), {"headers": {}})()).body
    page = osce.read_bytes()
    server.routes["/wire/atom.xml"] = static(atom.replace(b"<updated>2022-01-13T18", b"<updated>2022-01-13T19"),
                                             "application/atom+xml")
    server.routes["/wire/osce-vienna"] = static(page.replace(b"closing a week", b"ending a week"),
                                                "text/html; charset=utf-8")
    assert fetch(project, "--source", "danube-wire") == 0
    text = article.read_text()
    assert "title: Edited by hand - " in text and "ending a week" in text


def test_a_page_kept_by_a_run_that_stopped_before_ingesting_is_ingested_next_time(project, server):
    fetch(project, "--source", "danube-wire")
    raw = project / "content" / "raw"
    osce = next(p for p in raw.glob("*.html") if b"OSCE" in p.read_bytes())
    article_for(project, osce).unlink()
    assert fetch(project, "--source", "danube-wire") == 0
    assert article_for(project, osce).exists()


def test_a_page_that_fails_is_reported_and_the_others_are_ingested(project, server, capsys):
    server.routes["/news/nato-council"] = Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
    assert fetch(project, "--source", "lakeside-courier") == 1
    _, err = capsys.readouterr()
    assert "nato-council: content-type: application/pdf is not a page" in err
    assert len(list((project / "content" / "raw").glob("127-0-0-1-*.html"))) == 1


def test_ingest_url_fetches_the_page_keeps_it_with_a_sidecar_and_ingests_it(project, server, capsys):
    url = server.url("/wire/osce-vienna")
    assert main(["ingest", url, "--project", str(project), *LOCAL]) == 0
    out, _ = capsys.readouterr()
    [sidecar] = (project / "content" / "raw").glob("*.fetch.json")
    facts = json.loads(sidecar.read_text())
    assert facts["url"] == facts["final_url"] == url and facts["status"] == 200
    page = sidecar.with_name(sidecar.name.replace(".fetch.json", ".html"))
    front = split_front_matter(article_for(project, page).read_text(), "x").front.data
    assert front["url"] == url and "written:" in out


def test_ingest_url_refuses_a_loopback_address_by_default(project, server, capsys):
    before = content_snapshot(project)
    assert main(["ingest", server.url("/wire/osce-vienna"), "--project", str(project)]) == 1
    _, err = capsys.readouterr()
    assert "refused-address" in err
    assert content_snapshot(project) == before and server.seen == []


def test_pages_drafted_in_several_processes_give_the_same_articles(tmp_path, server):
    projects = []
    for jobs in ("1", "2"):
        root = copy_project(tmp_path / f"jobs{jobs}")
        (root / "content" / "sources.yaml").write_text(
            f"courier:\n  name: Lakeside Courier\n  feeds: [\"{server.url('/news/rss.xml')}\"]\n"
            f"wire:\n  name: Danube Wire\n  feeds: [\"{server.url('/wire/atom.xml')}\"]\n")
        assert fetch(root, "--jobs", jobs) == 0
        projects.append({p.name: p.read_text() for p in (root / "content" / "articles").glob("*.md")})
    assert projects[0] == projects[1] and len(projects[0]) == 5 + 3
