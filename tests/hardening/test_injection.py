"""Script, handlers, javascript: URLs and </script> in every field end up inert in every output."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digest.output.run import build_site
from digest.project import Project
from tests import search_files
from tests.conftest import write_article
from tests.inert_html import executable_problems

PAYLOADS = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "javascript:alert(3)",
    "</script><script>alert(4)</script>",
    "<!--<script>alert(5)//-->",
    "{{ 7*7 }}{% raw %}",
    "'onmouseover='alert(6)",
    "\u2028</script>\u2029",
    "<svg onload=alert(7)>",
    "<a href=\"javascript:alert(8)\">x</a>",
]


def no_spaces(value: str) -> str:
    """A payload as a URL path may carry it: addresses with spaces are refused when loading."""
    return "".join("%20" if c.isspace() else c for c in value)


def yaml_text(value: str) -> str:
    return json.dumps(value)  # JSON strings are valid YAML scalars


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import shutil

    from tests.conftest import REPO
    project = tmp_path_factory.mktemp("inject") / "p"
    shutil.copytree(REPO / "layouts", project / "layouts")
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "raw").mkdir()
    (project / "content" / "site.yaml").write_text(
        f"title: {yaml_text(PAYLOADS[0])}\ndescription: {yaml_text(PAYLOADS[1])}\nbase_url: https://example.org/\n")
    entities = "\n".join(f"e{i}: {{name: {yaml_text(p)}, kind: person, aliases: [{yaml_text(p)}], "
                         f"description: {yaml_text(p)}}}" for i, p in enumerate(PAYLOADS))
    (project / "content" / "entities.yaml").write_text(entities + "\n")
    (project / "content" / "sources.yaml").write_text(
        f"evil: {{name: {yaml_text(PAYLOADS[3])}, kind: content-farm, note: {yaml_text(PAYLOADS[4])}, "
        f"domain: {yaml_text(PAYLOADS[8])}}}\n")
    events = []
    for i, payload in enumerate(PAYLOADS):
        raw = project / "content" / "raw" / f"r{i}.txt"
        raw.write_text(f"{payload}\n\nA paragraph on Monday. {payload}\n")
        front = "\n".join([
            f"title: {yaml_text(payload)}", f"subtitle: {yaml_text(payload)}", f"kicker: {yaml_text(payload)}",
            "date: 2022-01-10", f"publisher: {yaml_text(PAYLOADS[3] if i % 2 else payload)}",
            f"author: [{yaml_text(payload)}]", f"agency: {yaml_text(payload)}", f"summary: {yaml_text(payload)}",
            f"tags: [{yaml_text(payload)}]", f"entities: [e{i}]", f"original_outlet: {yaml_text(payload)}",
            f"date_evidence: {yaml_text(payload)}", "date_source: inferred",
            f"quality: {{machine_translated: likely, evidence: [{yaml_text(payload)}]}}",
            f"corrections: [{{date: 2022-01-11, text: {yaml_text(payload)}}}]",
            f"raw: content/raw/r{i}.txt", "ingest: {version: 1, lines: {'1': 'removed:promo'}}",
            "url: https://example.org/a?q=%3Cscript%3E",
        ])
        body = (f"{payload}\n\nOn Monday the ministers met. {payload}\n\n[link]({payload})\n\n"
                f"[js](javascript:alert(9)) <b onclick=alert(10)>bold</b>\n\n> {payload}\n")
        write_article(project, f"2022-01-10-a{i}", front, body)
        events.append(f"  - id: ev{i}\n    date: 2022-01-10\n    title: {yaml_text(payload)}\n"
                      f"    place: {yaml_text(payload)}\n    description: {yaml_text(payload)}\n"
                      f"    participants: [e{i}]\n    sources: [2022-01-10-a{i}, {yaml_text('https://example.org/' + no_spaces(payload))}]")
    (project / "content" / "timeline.yaml").write_text("events:\n" + "\n".join(events) + "\n")
    build_site(Project(project))
    return project / "site"


def test_no_executable_content_in_any_html_page(site: Path):
    assert len(list(site.rglob("*.html"))) > 30
    assert executable_problems(site) == []


def test_feeds_and_sitemap_parse_and_carry_payloads_only_as_text(site: Path):
    for name in ("feed.xml", "sitemap.xml"):
        ET.parse(site / name)
    feed = json.loads((site / "feed.json").read_text())
    assert any(PAYLOADS[0] == item["title"] for item in feed["items"])


def test_json_data_files_parse(site: Path):
    json.loads((site / "timeline.json").read_text())


def test_search_index_cannot_close_its_script(site: Path):
    for script in [site / "search-index.js", *sorted((site / "search").rglob("*.js"))]:
        text = script.read_text()
        assert "<" not in text and ">" not in text and "\u2028" not in text, script
    assert any(e["t"] == PAYLOADS[3] for e in search_files.entries(site))


def test_calendar_text_is_escaped(site: Path):
    ics = (site / "timeline.ics").read_text()
    assert "SUMMARY:\"><img src=x onerror=alert(2)>" in ics.replace("\r\n ", "")
