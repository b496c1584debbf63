"""The progress bar shows on an interactive terminal only, and never in CI."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # three cold builds of 450 articles


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    from benchmarks.generate import generate
    return generate(450, tmp_path_factory.mktemp("progress") / "big")  # enough for the parallel path


def build_with_stderr_on_a_terminal(project: Path, env: dict) -> str:
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--project", str(project), "--no-cache"],
                                   stdout=subprocess.DEVNULL, stderr=slave, env=env)
        os.close(slave)
        output = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(master)
    return output.decode("utf-8", "replace")


def test_an_interactive_terminal_sees_reading_and_rendering_progress(big_project: Path):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    output = build_with_stderr_on_a_terminal(big_project, env)
    assert "Reading" in output and "Rendering" in output and "/450" in output


def test_ci_and_pipes_see_no_progress_bar(big_project: Path):
    assert "Rendering" not in build_with_stderr_on_a_terminal(big_project, dict(os.environ, CI="true"))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    piped = subprocess.run([sys.executable, str(REPO / "build.py"), "--project", str(big_project), "--no-cache"],
                           capture_output=True, text=True, env=env, check=True)
    assert "Rendering" not in piped.stderr and "Reading" not in piped.stderr
