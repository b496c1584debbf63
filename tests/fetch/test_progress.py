"""The progress line: counts on an interactive terminal, nothing when output is piped or in CI."""
from __future__ import annotations

import io

from digest.fetch.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_counts_as_they_change(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = Progress(stream)
    progress.tally("found", 25)
    progress.tally("fetched")
    progress.tally("failed")
    progress.finish()
    assert "\r25 found, 1 fetched, 0 ingested, 0 skipped, 1 failed" in stream.getvalue()


def test_a_pipe_sees_nothing_and_neither_does_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    pipe = io.StringIO()
    Progress(pipe).tally("found", 3)
    monkeypatch.setenv("CI", "true")
    terminal = Terminal()
    progress = Progress(terminal)
    progress.tally("found", 3)
    progress.finish()
    assert pipe.getvalue() == terminal.getvalue() == ""
    assert progress.counts["found"] == 3
