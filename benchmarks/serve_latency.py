"""Edit-to-served latency of the preview server, against `hugo server` on the same corpus.

    python benchmarks/serve_latency.py 1000 10000          # add --no-hugo to skip Hugo

Prints, per size and tool: the time until the first page is served, then the median and worst
latency over several edits, measured from the write of the file to the first HTTP response
carrying the new text (Hugo in its default fast-render mode, serving from memory). Both servers
run as their own processes (`build.py serve`, `hugo server`), as a reader's editor and browser
see them: this script's polling would otherwise share the interpreter lock with the rebuild.
Edits start once the server has settled (its CPU time stops growing: the preview warms its
caches after the first page is served).
"""
from __future__ import annotations

import http.client
import os
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

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DEBOUNCE_MS = 30  # build.py serve's (digest/serve/session.py: PreviewSession's quiet)


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


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_settled(pid: int, timeout: float = 600.0) -> None:
    """Until the process uses under 5% of a core over a second (or `timeout` passes)."""
    end = time.monotonic() + timeout
    before = cpu_seconds(pid)
    while time.monotonic() < end:
        time.sleep(1.0)
        now = cpu_seconds(pid)
        if now - before < 0.05:
            return
        before = now


def measure(count: int, edits: int = 7) -> dict:
    project = corpus(count)
    for leftover in ("site", ".digest-cache"):  # "first page" is a cold start, as for hugo server
        shutil.rmtree(project / leftover, ignore_errors=True)
    drop_page_cache()  # after deleting a big tree, file creation is slower until it is dropped (run.settle)
    read_back([project / "content", project / "layouts"])
    port = free_port()
    article = sorted((project / "content" / "articles").glob("*.md"))[count // 2]
    url = f"http://127.0.0.1:{port}/articles/{article.stem}/"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--project", str(project),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_page(url, server)
        first_build = time.perf_counter() - started
        wait_until_settled(server.pid)  # an editor's first save comes after the server is up
        latencies = edit_latencies(article, url, edits)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"tool": "news-digest", "articles": count, "first_build_s": first_build,
            "median_ms": statistics.median(latencies), "worst_ms": max(latencies), "debounce_ms": DEBOUNCE_MS}


def wait_for_page(url: str, server: subprocess.Popen) -> None:
    """Until `url` answers with a page."""
    while True:
        try:
            if fetch(url):
                return
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                raise RuntimeError(f"the server exited ({server.returncode})") from None
            time.sleep(0.05)


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
        wait_for_page(url, server)
        first_build = time.perf_counter() - started
        wait_until_settled(server.pid)  # its file watcher and caches, as for ours
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
