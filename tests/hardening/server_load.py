"""Load and attack on the preview server, on 127.0.0.1 only, bounded in count and time.

    python -m tests.hardening.server_load --clients 200 --seconds 20

Also used by the fast suite with small numbers. Reports requests, errors, held live-reload
connections, thread counts before/after and peak RSS growth.
"""
from __future__ import annotations

import argparse
import io
import resource
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from digest.project import Project
from digest.serve.session import PreviewSession


@dataclass
class LoadReport:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    streams_held: int = 0
    rebuilds: int = 0
    threads_before: int = 0
    threads_after: int = 0
    rss_growth_mib: float = 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetcher(url: str, pages: list[str], stop: threading.Event, report: LoadReport, lock: threading.Lock) -> None:
    index = 0
    while not stop.is_set():
        page = pages[index % len(pages)]
        index += 1
        try:
            with urllib.request.urlopen(url + page, timeout=10) as response:
                response.read()
                ok = response.status == 200
        except urllib.error.HTTPError as error:
            ok = error.code == 200
        except Exception as error:  # noqa: BLE001 - every failure is counted, none may happen
            ok, page = False, f"{page}: {error!r}"
        with lock:
            report.requests += 1
            if not ok:
                report.errors.append(page)


def _stream(url: str, stop: threading.Event, held: list[int], lock: threading.Lock) -> None:
    try:
        with urllib.request.urlopen(url + "__digest__/events", timeout=30) as stream:
            stream.readline()
            with lock:
                held[0] += 1
            while not stop.is_set():
                if not stream.readline():
                    break
    except Exception:  # noqa: BLE001 - the server closing streams on stop is expected
        pass


def _attacks(host: str, port: int) -> list[str]:
    """Malformed requests and slow clients; returns what went wrong (nothing should)."""
    problems = []
    payloads = [b"GARBAGE\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
                b"GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /%252e%252e/%252e%252e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /\x00 HTTP/1.1\r\n\r\n", b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"]
    for payload in payloads:
        with socket.create_connection((host, port), timeout=5) as conn:
            conn.sendall(payload)
            try:
                answer = conn.recv(65536)
            except TimeoutError:
                answer = b""
            if b"root:" in answer:
                problems.append(f"traversal served a file for {payload[:40]!r}")
    return problems


def run_load(project: Path, clients: int, streams: int, seconds: float, edits: int) -> LoadReport:
    report = LoadReport(threads_before=threading.active_count())
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    session = PreviewSession(Project(project), port=_free_port(), quiet=0.05, out=io.StringIO())
    session.start()
    pages = [p.relative_to(project / "site").as_posix() for p in sorted((project / "site").rglob("*.html"))][:40]
    stop, lock, held = threading.Event(), threading.Lock(), [0]
    listeners = [threading.Thread(target=_stream, args=(session.url, stop, held, lock), daemon=True)
                 for _ in range(streams)]
    fetchers = [threading.Thread(target=_fetcher, args=(session.url, pages, stop, report, lock), daemon=True)
                for _ in range(clients)]
    workers = listeners + fetchers
    slow = socket.create_connection(session.server.server_address[:2])
    slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # a slowloris client that never finishes
    for worker in workers:
        worker.start()
    articles = sorted((project / "content" / "articles").glob("*.md"))
    deadline = time.monotonic() + seconds
    for n in range(edits):
        path = articles[n % len(articles)]
        path.write_text(path.read_text() + f"\nLoad edit {n}.\n")
        time.sleep(max(0.0, (deadline - time.monotonic()) / max(1, edits - n)))
    report.errors += _attacks(*session.server.server_address[:2])
    report.streams_held = held[0]
    stop.set()
    for fetcher in fetchers:  # let in-flight requests finish before the server goes away
        fetcher.join(timeout=15)
    slow.close()
    session.stop()
    for listener in listeners:
        listener.join(timeout=15)
    report.rebuilds = session.log.rebuilds
    time.sleep(0.5)
    report.threads_after = threading.active_count()
    report.rss_growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    import tempfile

    from benchmarks.generate import generate
    with tempfile.TemporaryDirectory() as tmp:
        project = generate(300, Path(tmp) / "p")
        from digest.output.run import build_site
        build_site(Project(project))
        report = run_load(project, args.clients, args.streams, args.seconds, args.edits)
    print(f"requests {report.requests}, errors {len(report.errors)}, live-reload streams held "
          f"{report.streams_held}, rebuilds {report.rebuilds}, threads {report.threads_before} -> "
          f"{report.threads_after}, peak RSS growth {report.rss_growth_mib:.1f} MiB")
    for error in report.errors[:10]:
        print("  ", error)


if __name__ == "__main__":
    main()
