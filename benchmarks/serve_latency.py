"""Edit-to-served latency of the preview server: edit one article body, poll until it is served.

    python benchmarks/serve_latency.py 1000 10000

Prints, per size: the first (full) build time, then the median and worst latency over several
edits, measured from the write of the file to the first HTTP response carrying the new text.
"""
from __future__ import annotations

import io
import socket
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402
from digest.project import Project  # noqa: E402
from digest.serve.session import PreviewSession  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def measure(count: int, edits: int = 7, quiet: float = 0.03) -> dict:
    project = OUT / f"serve{count}"
    if not (project / "content" / "articles").is_dir() or \
            len(list((project / "content" / "articles").glob("*.md"))) != count:
        generate(count, project)
    started = time.perf_counter()
    session = PreviewSession(Project(project), port=free_port(), quiet=quiet, out=io.StringIO())
    session.start()
    first_build = time.perf_counter() - started
    session.warmed.wait(timeout=120)  # an editor's first save comes after the server is up
    article = sorted((project / "content" / "articles").glob("*.md"))[count // 2]
    url = session.url + f"articles/{article.stem}/"
    latencies = []
    try:
        for n in range(edits):
            marker = f"Benchmark edit {n} {time.time_ns()}"
            article.write_text(article.read_text() + f"\n{marker}\n")
            t0 = time.perf_counter()
            while marker not in fetch(url):
                time.sleep(0.002)
            latencies.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.1)
    finally:
        session.stop()
    return {"articles": count, "first_build_s": first_build, "median_ms": statistics.median(latencies),
            "worst_ms": max(latencies), "debounce_ms": quiet * 1000}


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    print(f"{'articles':>9} {'first build':>12} {'edit->served median':>20} {'worst':>8} {'(debounce)':>11}")
    for size in sizes:
        r = measure(size)
        print(f"{r['articles']:>9} {r['first_build_s']:>11.1f}s {r['median_ms']:>18.0f}ms {r['worst_ms']:>7.0f}ms"
              f" {r['debounce_ms']:>9.0f}ms")
