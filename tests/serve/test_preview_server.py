"""The preview server for real: 127.0.0.1, file edits, bursts, broken templates, live reload."""
from __future__ import annotations

import http.client
import io
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from digest.project import Project
from digest.serve.session import PreviewSession
from tests.conftest import copy_project

ARTICLE = "content/articles/2022-01-09-brinken-warns-russia-against-invading.md"
ARTICLE_URL = "articles/2022-01-09-brinken-warns-russia-against-invading/"


@pytest.fixture
def session(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    preview = PreviewSession(Project(project), port=0 or free_port(), quiet=0.2, out=io.StringIO())
    preview.start()
    yield preview
    preview.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(session: PreviewSession, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(session.url + path, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_binds_to_loopback_and_serves_with_live_reload_script(session: PreviewSession):
    assert session.server.server_address[0] == "127.0.0.1"
    status, html = get(session, "")
    assert status == 200 and "/__digest__/livereload.js" in html
    assert "livereload" not in (session.output / "index.html").read_text()  # never on disk


def test_an_edit_to_an_article_shows_up_in_the_served_html(session: PreviewSession):
    path = session.project.root / ARTICLE
    path.write_text(path.read_text().replace("title: Brinken", "title: Edited Brinken"))
    assert wait_for(lambda: "Edited Brinken warns" in get(session, ARTICLE_URL)[1])


def test_a_burst_of_50_saves_yields_one_or_two_rebuilds(session: PreviewSession):
    path = session.project.root / ARTICLE
    text = path.read_text()
    for n in range(50):
        path.write_text(text + f"\nSave number {n}.\n")
    assert wait_for(lambda: "Save number 49." in get(session, ARTICLE_URL)[1])
    time.sleep(0.6)
    assert 1 <= session.log.rebuilds <= 2


def test_editor_swap_files_do_not_trigger_rebuilds(session: PreviewSession):
    folder = session.project.root / "content" / "articles"
    (folder / ".x.md.swp").write_text("swap")
    (folder / "x.md~").write_text("backup")
    time.sleep(0.8)
    assert session.log.rebuilds == 0


def test_broken_template_shows_the_error_page_and_the_server_survives(session: PreviewSession):
    template = session.project.root / "layouts" / "article.html"
    good = template.read_text()
    template.write_text(good.replace("{% endblock %}", "{% endblok %}", 1))
    assert wait_for(lambda: get(session, ARTICLE_URL)[0] == 500)
    status, html = get(session, ARTICLE_URL)
    assert "The site could not be rebuilt" in html and "article.html" in html
    template.write_text(good)
    assert wait_for(lambda: get(session, ARTICLE_URL)[0] == 200)


def test_bad_front_matter_shows_file_and_line(session: PreviewSession):
    path = session.project.root / ARTICLE
    path.write_text(path.read_text().replace("date: 2022-01-09", "date: someday", 1))
    assert wait_for(lambda: get(session, "")[0] == 500)
    assert "must be an ISO date" in get(session, "")[1]


def test_traversal_over_the_wire_is_refused(session: PreviewSession):
    host, port = session.server.server_address[:2]
    for path in ("/../content/site.yaml", "/%2e%2e/content/site.yaml", "/..%2fcontent%2fsite.yaml"):
        connection = http.client.HTTPConnection(host, port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status in (400, 404) and b"coverage" not in response.read()
        connection.close()


def test_server_sends_a_reload_event_after_a_rebuild(session: PreviewSession):
    received: list[bytes] = []

    def listen() -> None:
        with urllib.request.urlopen(session.url + "__digest__/events", timeout=10) as stream:
            for line in stream:
                received.append(line)
                if line.startswith(b"event: reload"):
                    return

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    assert wait_for(lambda: session.state.broadcaster.count == 1)
    path = session.project.root / ARTICLE
    path.write_text(path.read_text() + "\nA new line.\n")
    thread.join(timeout=10)
    assert b"event: reload\n" in received


def test_base_path_preview(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    preview = PreviewSession(Project(project), port=free_port(), base_path="/repo/", out=io.StringIO())
    preview.start()
    try:
        assert preview.url.endswith("/repo/")
        status, html = get(preview, "")
        assert status == 200 and 'href="static/style.css"' in html
        status, html = get(preview, "no/such/page/")
        assert status == 404 and "Page not found" in html
    finally:
        preview.stop()


def test_the_preview_never_writes_to_site_so_it_only_holds_a_publishable_build(tmp_path: Path):
    project = Project(copy_project(tmp_path / "p"))
    preview = PreviewSession(project, port=free_port(), base_path="/repo/", out=io.StringIO())
    preview.start()
    try:
        path = project.root / ARTICLE
        path.write_text(path.read_text().replace("title: Brinken", "title: Edited Brinken"))
        assert wait_for(lambda: "Edited Brinken warns" in get(preview, ARTICLE_URL)[1])
    finally:
        preview.stop()
    assert not project.output.exists()
    assert preview.output != project.output and (preview.output / "sitemap.xml").is_file()
    built = [p.read_text() for p in preview.output.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert not any("127.0.0.1" in text or "__digest__" in text for text in built)


def test_taken_port_moves_to_the_next_free_one(tmp_path: Path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    taken = blocker.getsockname()[1]
    try:
        preview = PreviewSession(Project(copy_project(tmp_path / "p")), port=taken, out=io.StringIO())
        assert preview.server.server_address[1] != taken
        preview.server.server_close()
        preview.debouncer.stop()
    finally:
        blocker.close()


def test_stop_joins_every_thread(tmp_path: Path):
    before = threading.active_count()
    preview = PreviewSession(Project(copy_project(tmp_path / "p")), port=free_port(), out=io.StringIO())
    preview.start()
    get(preview, "")
    preview.stop()
    assert wait_for(lambda: threading.active_count() <= before, timeout=5)


def test_a_new_raw_file_is_ingested_then_built(session: PreviewSession):
    from tests.conftest import REPO
    raw = session.project.root / "content" / "raw" / "new-seed.txt"
    text = (REPO / "content" / "raw" / "002_48e6010674940696.txt").read_text()
    raw.write_text(text.replace("Putin pushes red lines", "Putin draws new red lines"))
    assert wait_for(lambda: "Putin draws new red lines" in get(session, "articles/index.html")[1], timeout=20)
