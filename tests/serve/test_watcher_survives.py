"""The preview outlives any failure (issue #18): a crash of the ingest or of a rebuild is shown in
the browser's overlay, the watcher goes on, and the next save brings the site back."""
from __future__ import annotations

import gc
import io
import time
from pathlib import Path

import pytest

import digest.ingest.pipeline
from digest.project import Project
from digest.serve.changes import Debouncer
from digest.serve.session import PreviewSession
from tests.conftest import copy_project
from tests.serve.test_preview_server import ARTICLE, free_port, get, wait_for

RAW = Path(__file__).resolve().parents[2] / "content" / "raw" / "002_48e6010674940696.txt"


@pytest.fixture
def session(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    preview = PreviewSession(Project(project), port=free_port(), quiet=0.2, out=io.StringIO())
    preview.start()
    yield preview
    preview.stop()


def edit_article(session: PreviewSession, text: str) -> None:
    path = session.project.root / ARTICLE
    path.write_text(path.read_text() + f"\n{text}\n")


def test_a_raw_file_that_crashes_the_ingest_is_shown_and_the_watcher_goes_on(session: PreviewSession, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("the ingest fell over")

    monkeypatch.setattr(digest.ingest.pipeline, "ingest_files", crash)
    (session.project.content / "raw" / "crash.txt").write_bytes(RAW.read_bytes())
    assert wait_for(lambda: session.log.failures == 1)
    status, page = get(session, "")
    assert status == 500 and "ingest of crash.txt failed: unexpected RuntimeError: the ingest fell over" in page
    monkeypatch.undo()
    rebuilds = session.log.rebuilds
    edit_article(session, "A sentence added after the crash.")
    assert wait_for(lambda: session.log.rebuilds > rebuilds), session.out.getvalue()
    status, page = get(session, "")
    assert status == 200 and "could not be rebuilt" not in page


def test_a_rebuild_that_raises_anything_is_shown_and_the_next_save_recovers(session: PreviewSession, monkeypatch):
    real = session.builder.rebuild
    calls = []

    def crash_once(changed):
        calls.append(changed)
        if len(calls) == 1:
            raise KeyError("a bug in the build")
        return real(changed)

    monkeypatch.setattr(session.builder, "rebuild", crash_once)
    edit_article(session, "First edit.")
    assert wait_for(lambda: session.log.failures == 1)
    assert "rebuild failed: unexpected KeyError: &#x27;a bug in the build&#x27;" in get(session, "")[1]
    edit_article(session, "Second edit.")
    assert wait_for(lambda: session.log.rebuilds == 1)
    assert calls[1] is None  # after a failure the whole site is rebuilt
    assert get(session, "")[0] == 200


def test_the_debouncer_survives_an_action_that_raises(capsys):
    done = []

    def action(batch):
        done.append(batch)
        if len(done) == 1:
            raise ValueError("boom")

    debouncer = Debouncer(action, quiet=0.01)
    try:
        debouncer.add("a")
        assert wait_for(lambda: len(done) == 1)
        debouncer.add("b")
        assert wait_for(lambda: len(done) == 2)
    finally:
        debouncer.stop()
    assert done == [{"a"}, {"b"}]
    assert "ValueError: boom" in capsys.readouterr().err


def test_the_idle_work_runs_once_after_a_quiet_spell_never_during_a_burst():
    events: list[str] = []
    debouncer = Debouncer(lambda batch: events.append("run"), quiet=0.01,
                          idle=lambda: events.append("idle"), idle_after=0.3)
    try:
        time.sleep(0.4)
        assert events == []  # nothing has run yet: nothing to follow up
        for _ in range(4):  # changes 0.1 s apart: each rebuild postpones the idle work
            debouncer.add("a")
            assert wait_for(lambda: events and events[-1] == "run")
            time.sleep(0.1)
        assert "idle" not in events
        assert wait_for(lambda: events[-1:] == ["idle"])
        time.sleep(0.4)
        assert events.count("idle") == 1 and events.count("run") >= 1
    finally:
        debouncer.stop()


def test_the_collector_pauses_during_a_rebuild_and_runs_again_once_idle(session: PreviewSession, monkeypatch):
    seen: list[bool] = []
    rebuild = session.builder.rebuild
    monkeypatch.setattr(session.builder, "rebuild", lambda changed=None: seen.append(gc.isenabled()) or rebuild(changed))
    assert gc.isenabled()
    edit_article(session, "A sentence for the collector test.")
    assert wait_for(lambda: seen)
    assert seen == [False]
    assert wait_for(gc.isenabled)
