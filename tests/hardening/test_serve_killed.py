"""SIGKILL of `serve` in the middle of rebuilds (issue #18): site/ is never touched (the preview
is built under .digest-cache/preview/), no temporary file is left in the project, and the next
`serve` starts from what is there."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.generate import generate
from digest.output.run import build_site
from digest.project import Project
from tests.conftest import REPO


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(project: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, NEWS_DIGEST_NO_BOOTSTRAP="1")
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--project", str(project),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            text=True)


def wait_until_serving(port: int, child: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout  # a wait for the first build, not a speed assertion
    while time.monotonic() < deadline:
        assert child.poll() is None, child.stdout.read() if child.stdout else ""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not come up")


@pytest.mark.slow
def test_sigkill_of_serve_during_rebuilds_leaves_site_whole_and_no_stray_file(tmp_path: Path):
    project = generate(200, tmp_path / "p")
    build_site(Project(project))
    published = snapshot(project / "site")
    outside_cache = lambda: {p for p in project.rglob("*") if ".digest-cache" not in p.parts}  # noqa: E731
    rng = random.Random(18)
    articles = sorted((project / "content" / "articles").glob("*.md"))
    for round_ in range(3):
        files_before = outside_cache()
        port = free_port()
        child = start_serve(project, port)
        wait_until_serving(port, child)
        for edit in range(4):  # a burst of edits, then a kill somewhere in the rebuild they cause
            article = articles[(round_ * 4 + edit) % len(articles)]
            article.write_text(article.read_text() + f"\nEdit {round_}.{edit}.\n")
            time.sleep(rng.uniform(0.0, 0.15))
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert snapshot(project / "site") == published, "serve changed site/"
        assert outside_cache() == files_before, "a stray file outside .digest-cache/"
    port = free_port()
    child = start_serve(project, port)  # after the last kill the preview comes back
    try:
        wait_until_serving(port, child)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b"livereload" in response.read()
    finally:
        child.terminate()
        child.wait(timeout=30)
        child.stdout.close()
    preview = project / ".digest-cache" / "preview"
    assert (preview / "index.html").exists()
    assert not [p for p in preview.parent.iterdir() if p.name.startswith(".site-")], "a stray build folder"
