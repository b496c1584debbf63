"""The preview server under concurrent clients, live-reload streams, edits and attacks."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_project
from tests.hardening.server_load import run_load


def test_concurrent_clients_streams_and_edits_cause_no_errors_and_no_thread_leak(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    from digest.output.run import build_site
    from digest.project import Project
    build_site(Project(project))
    report = run_load(project, clients=30, streams=30, seconds=3, edits=4)
    assert report.errors == []
    assert report.requests > 100
    assert report.streams_held == 30
    assert report.rebuilds >= 1
    assert report.threads_after <= report.threads_before + 1
