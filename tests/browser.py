"""Headless Chromium for tests: the Debian package's browser driven by Playwright, or a skip."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser on the system Chromium; skips the test where there is none."""
    if not Path(CHROMIUM).exists():
        pytest.skip("no system Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright missing: pip install -e '.[test]' not run")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: Path | None = None  # served with status 404 for a missing file, as GitHub Pages does

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve_directory(directory: Path, not_found: Path | None = None) -> Iterator[str]:
    """A plain static server on 127.0.0.1 (an ephemeral port) for `directory`; `not_found` is the
    page it answers a missing path with (status 404)."""
    handler_class = type("Handler", (_QuietHandler,), {"not_found": not_found})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _require_axe() -> None:
    if not AXE.exists():
        pytest.skip("npm ci not run: axe-core missing (node_modules/axe-core/axe.min.js)")


def load_axe_on_every_document(context) -> None:
    """axe-core in every document the context opens, before the page's own scripts."""
    _require_axe()
    context.add_init_script(path=str(AXE))


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm) on the page, loading it unless it is there; skips where it is not installed."""
    _require_axe()
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]
