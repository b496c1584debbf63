"""Phone check: a built site in Chromium at 390x844 with the CPU slowed 4x (Lighthouse's phone).

    python benchmarks/phone_check.py benchmarks/out/bench100000/site [--query "geneva talks"]

Serves the folder on 127.0.0.1, loads the front page, the first archive page, the timeline
overview, the busiest day, the largest entity page and a search for two words, and prints the
time to each page's load event (and for the search, until the first results are shown), with the
bytes each transferred. Then a table of the largest HTML page and script in the folder.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def largest(folder: Path, pattern: str) -> Path:
    return max(folder.glob(pattern), key=lambda p: p.stat().st_size)


def pages_to_check(site: Path, query: str) -> list[tuple[str, str]]:
    day = largest(site, "timeline/*/index.html")
    entity = largest(site, "entities/*/index.html")
    return [("front page", "index.html"), ("archive, page 1", "articles/index.html"),
            ("timeline overview", "timeline/index.html"),
            (f"busiest day ({day.parent.name})", day.relative_to(site).as_posix()),
            (f"largest entity ({entity.parent.name})", entity.relative_to(site).as_posix()),
            (f"search “{query}”", "search/index.html?q=" + "+".join(query.split()))]


def measure(browser, origin: str, url: str) -> tuple[float, float | None, int]:
    """(ms to the load event, ms to the first search result or None, bytes transferred)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    transferred = [0]
    def count(event: dict) -> None:
        transferred[0] += event["encodedDataLength"]
    cdp.on("Network.loadingFinished", count)
    page.goto(origin + url, wait_until="load", timeout=120_000)
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    results_ms = None
    if "search/" in url:
        page.wait_for_selector(".search-result", timeout=120_000)
        results_ms = page.evaluate("performance.now()")
        page.wait_for_timeout(200)  # lets the last responses finish counting
    context.close()
    return load_ms, results_ms, transferred[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="geneva talks")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    site = args.site.resolve()
    html, script = largest(site, "**/*.html"), largest(site, "**/*.js")
    print(f"largest HTML page: {html.relative_to(site)} {html.stat().st_size / 1024:.0f} KB; "
          f"largest script: {script.relative_to(site)} {script.stat().st_size / 1024:.0f} KB")
    print(f"{'page':<34} {'load event ms':>13} {'results ms':>10} {'transferred KB':>14}")
    with served(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for label, url in pages_to_check(site, args.query):
                load_ms, results_ms, size = measure(browser, origin, url)
                results = f"{results_ms:>10.0f}" if results_ms is not None else f"{'':>10}"
                print(f"{label:<34} {load_ms:>13.0f} {results} {size / 1024:>14.0f}", flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
