"""Lighthouse scores of the sample site over http, phone profile (run by hand; prints a table).

    npm ci && python benchmarks/lighthouse.py [--runs 1]

Builds the sample digest into a temporary folder, serves it on 127.0.0.1 and runs npm's
`lighthouse` against the system Chromium (CHROME_PATH, default /usr/bin/chromium, headless,
--no-sandbox) on the front page, an article with a notice and the timeline. The bar of issue #19:
Accessibility 100, Best Practices >= 95, SEO >= 95, Performance >= 95. Scores vary a few points
with the machine's load: with --runs N the table shows each page's lowest score of N runs.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.output.run import BuildOptions, build_site  # noqa: E402
from digest.project import Project  # noqa: E402

PAGES = {
    "front page": "index.html",
    "article (notice)": "articles/2022-01-01-us-and-russia-face-deep-variations-forward-of-ukraine-talks/",
    "timeline": "timeline/",
    "timeline day": "timeline/2022-01-10/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BAR = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def lighthouse(url: str) -> dict[str, int]:
    """One Lighthouse run (mobile emulation, the default): category -> score 0-100."""
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("lighthouse is not installed: run `npm ci` first")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env=env, check=True, timeout=300)
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the lowest score is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("content", "layouts"):
            shutil.copytree(REPO / name, project / name)
        build_site(Project(project), BuildOptions())
        handler = functools.partial(_Quiet, directory=str(project / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        try:
            for label, path in PAGES.items():
                runs = [lighthouse(origin + path) for _ in range(args.runs)]
                rows.append((label, {c: min(run[c] for run in runs) for c in CATEGORIES}))
        finally:
            server.shutdown()
            server.server_close()
    print(f"| page | {' | '.join(CATEGORIES)} |")
    print("| --- |" + " --- |" * len(CATEGORIES))
    for label, scores in rows:
        print(f"| {label} | " + " | ".join(f"{scores[c]}" + ("" if scores[c] >= BAR[c] else " (below bar)")
                                           for c in CATEGORIES) + " |")
    print(f"phone profile (Lighthouse's default mobile emulation), lowest of {args.runs} run(s); "
          f"bar: {', '.join(f'{c} >= {v}' for c, v in BAR.items())}")
    return 0 if all(scores[c] >= BAR[c] for _, scores in rows for c in CATEGORIES) else 1


if __name__ == "__main__":
    sys.exit(main())
