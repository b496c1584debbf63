"""Edit-to-served latency of the preview server, against `hugo server` on the same corpus.

    python benchmarks/serve_latency.py 1000 10000          # add --no-hugo to skip Hugo

Prints, per size and tool: the time until the first page is served, then the median and worst
latency over several edits, measured from the write of the file to the first HTTP response
carrying the new text (Hugo in its default fast-render mode, serving from memory).
"""
from __future__ import annotations

import http.client
import io
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.run import drop_page_cache, hugo_binary, hugo_site, read_back  # noqa: E402
from digest.project import Project  # noqa: E402
from digest.serve.session import PreviewSession  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text; "" while the server is mid-rebuild (a response cut short, or none within
    10 s from a server busy with its first build on a loaded machine, counts as not yet)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except (http.client.IncompleteRead, TimeoutError):
        return ""


def corpus(count: int) -> Path:
    project = OUT / f"serve{count}"
    if not (project / "content" / "articles").is_dir() or \
            len(list((project / "content" / "articles").glob("*.md"))) != count:
        generate(count, project)
    return project


def edit_latencies(article: Path, url: str, edits: int) -> list[float]:
    """Milliseconds from each write of `article` to the first response from `url` showing it."""
    latencies = []
    for n in range(edits):
        marker = f"Benchmark edit {n} {time.time_ns()}"
        article.write_text(article.read_text() + f"\n{marker}\n")
        t0 = time.perf_counter()
        while marker not in fetch(url):
            time.sleep(0.002)
        latencies.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    return latencies


def measure(count: int, edits: int = 7, quiet: float = 0.03) -> dict:
    project = corpus(count)
    for leftover in ("site", ".digest-cache"):  # "first page" is a cold start, as for hugo server
        shutil.rmtree(project / leftover, ignore_errors=True)
    drop_page_cache()  # after deleting a big tree, file creation is slower until it is dropped (run.settle)
    read_back([project / "content", project / "layouts"])
    started = time.perf_counter()
    session = PreviewSession(Project(project), port=free_port(), quiet=quiet, out=io.StringIO())
    session.start()
    first_build = time.perf_counter() - started
    session.warmed.wait(timeout=120)  # an editor's first save comes after the server is up
    article = sorted((project / "content" / "articles").glob("*.md"))[count // 2]
    try:
        latencies = edit_latencies(article, session.url + f"articles/{article.stem}/", edits)
    finally:
        session.stop()
    return {"tool": "news-digest", "articles": count, "first_build_s": first_build,
            "median_ms": statistics.median(latencies), "worst_ms": max(latencies), "debounce_ms": quiet * 1000}


def measure_hugo(count: int, edits: int = 7) -> dict:
    site = hugo_site(corpus(count), OUT / f"hugoserve{count}")
    port = free_port()
    article = sorted(site["articles"].glob("*.md"))[count // 2]
    url = f"http://127.0.0.1:{port}/articles/{article.stem}/"
    drop_page_cache()  # hugo_site deleted and copied a big tree (see measure)
    read_back([site["output"].parent / "content", site["output"].parent / "layouts", hugo_binary()])
    started = time.perf_counter()
    server = subprocess.Popen([hugo_binary(), "server", "-s", str(site["output"].parent), "--bind", "127.0.0.1",
                               "--port", str(port), "--baseURL", f"http://127.0.0.1:{port}/", "--appendPort=false"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if fetch(url):
                    break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    raise RuntimeError("hugo server exited") from None
                time.sleep(0.05)
        first_build = time.perf_counter() - started
        time.sleep(1)  # let its file watcher settle
        latencies = edit_latencies(article, url, edits)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"tool": "hugo server", "articles": count, "first_build_s": first_build,
            "median_ms": statistics.median(latencies), "worst_ms": max(latencies), "debounce_ms": None}


def print_table(sizes: list[int], with_hugo: bool = True) -> None:
    print(f"{'articles':>9} {'tool':<12} {'first page':>11} {'edit->served median':>20} {'worst':>8} "
          f"{'(debounce)':>11}")
    for size in sizes:
        for r in [measure(size)] + ([measure_hugo(size)] if with_hugo else []):
            debounce = f"{r['debounce_ms']:>9.0f}ms" if r["debounce_ms"] is not None else ""
            print(f"{r['articles']:>9} {r['tool']:<12} {r['first_build_s']:>10.1f}s {r['median_ms']:>18.0f}ms "
                  f"{r['worst_ms']:>7.0f}ms {debounce}", flush=True)


if __name__ == "__main__":
    print_table([int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 10000], "--no-hugo" not in sys.argv)
