"""timeline.ics (issue #18): a bare carriage return in an event's text never reaches the file
raw, where a calendar would read it as a line break and the rest as a property of its own."""
from __future__ import annotations

import re
from pathlib import Path

from digest.output.run import build_site
from digest.project import Project


def test_a_bare_cr_in_summary_place_and_description_is_escaped_not_a_new_line(empty_project: Path):
    (empty_project / "content" / "timeline.yaml").write_text(
        'events:\n  - id: cr\n    date: 2022-01-11\n    time: "10:00"\n    timezone: Europe/Zurich\n'
        '    title: "Bare\\rCR title\\rX-INJECTED:1"\n    place: "P\\rlace"\n    description: "d\\re"\n')
    build_site(Project(empty_project))
    ics = (empty_project / "site" / "timeline.ics").read_bytes()
    assert not re.search(rb"\r(?!\n)", ics) and not re.search(rb"(?<!\r)\n", ics)
    assert not re.search(rb"^X-INJECTED", ics, re.M)
    assert b"SUMMARY:Bare\\nCR title\\nX-INJECTED:1\r\n" in ics
